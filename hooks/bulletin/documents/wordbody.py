"""A report's published HTML written into a Word document (the body of an issue's .docx).

The body of the Word file is the same HTML the site shows (``render_body_html``, headings
demoted inside the issue), walked with lxml: paragraphs, headings, bold and italic, lists
(nested), tables, quotes, code, line breaks; any other element gives its text. Nothing of
the text is lost: markup the walker does not know is read as text, and markup nested
deeper than :data:`MAX_DEPTH` is written as the plain text of its element.

Text that XML cannot hold (control characters, lone surrogates, U+FFFE/FFFF) is taken out
(:func:`clean_text`): Word would refuse the file, python-docx refuses the string. The
reader already refuses most of them in front matter; the walker does not rely on it.

Styles (made in :mod:`bulletin.documents.issueword`): ``Normal`` for the text, ``Heading 2``
to ``Heading 5`` for the body's headings (h3 … h6 on the issue page, the report title being
``Heading 1``), and the styles named in :class:`BodyStyles`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Protocol

import lxml.html
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Word has at most 63 columns in a table; a wider one is written row by row as text.
MAX_COLUMNS = 63
# Elements nested deeper than this are written as their text (Markdown limits nesting to 10).
MAX_DEPTH = 24
INDENT_CHARS = 2  # one step of indentation: two characters, as the first line of a paragraph
TEXT_SIZE = Pt(16)  # 三号

# Characters XML 1.0 cannot hold: C0 controls but tab and line feed, lone surrogates, U+FFFE/FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLANKS = re.compile(r"[ \t\r\n\f\v]+")
# Chinese characters and full-width punctuation: a line break between two of them is no space.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f"
_WIDE_GAP = re.compile(f"(?<=[{_WIDE}]) (?=[{_WIDE}])")

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCK_TAGS = frozenset(
    (
        *HEADING_TAGS,
        "p",
        "div",
        "section",
        "article",
        "ul",
        "ol",
        "li",
        "table",
        "blockquote",
        "pre",
        "hr",
        "dl",
        "dt",
        "dd",
        "figure",
        "details",
        "summary",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
    )
)
BOLD_TAGS = frozenset(("strong", "b", "th"))
ITALIC_TAGS = frozenset(("em", "i"))


def clean_text(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def collapse_blanks(text: str) -> str:
    """Blanks and line breaks as a browser shows them: one space, none between Chinese characters."""
    return _WIDE_GAP.sub("", _BLANKS.sub(" ", text))


class Container(Protocol):
    """Where blocks go: the document's body or a table cell."""

    def add_paragraph(self, text: str = "", style: Any = None) -> Paragraph: ...

    def add_table(self, rows: int, cols: int, *args: Any, **kwargs: Any) -> Table: ...


@dataclass(frozen=True)
class BodyStyles:
    """The paragraph styles the walker uses besides ``Normal`` and the headings."""

    quote: str = "引文"
    cell: str = "表格文字"
    code: str = "代码"
    table: str = "Table Grid"
    first_heading: int = 2  # the Word heading level of the body's first heading level
    heading_html_level: int = 3  # the HTML level of the body's first level (h3 in the issue)


@dataclass(frozen=True)
class Place:
    """Where the walker is: indentation (in steps), inside a quote or a table cell, how deep."""

    indent: int = 0
    quote: bool = False
    cell: bool = False
    header: bool = False
    depth: int = 0
    lists: int = 0  # lists around: 1 in a list, 2 in a list in a list …


@dataclass(frozen=True)
class Look:
    bold: bool = False
    italic: bool = False


class _Walker:
    def __init__(self, container: Container, styles: BodyStyles, found: dict[str, Any] | None = None) -> None:
        self.container = container
        self.styles = styles
        self.found = {} if found is None else found  # styles by name: python-docx looks a name up slowly
        self.paragraph: Paragraph | None = None  # the open paragraph inline text goes into
        self.marker = ""  # a list item's number, waiting for the item's first paragraph
        self.after_break = False  # the last thing written is a line break: blanks after it go

    # --- paragraphs -------------------------------------------------------------------------

    def find_style(self, name: str) -> Any:
        if name not in self.found:
            self.found[name] = self.container.part.styles[name]  # type: ignore[attr-defined]
        return self.found[name]

    def add_paragraph(self, style: str | None) -> Paragraph:
        """A new paragraph in ``style`` (its id set directly: python-docx would look through
        every style for the default one each time)."""
        paragraph = self.container.add_paragraph()
        if style is not None:
            paragraph._p.get_or_add_pPr().style = self.find_style(style).style_id
        return paragraph

    def open_paragraph(self, place: Place, style: str | None = None, first_line: bool = True) -> Paragraph:
        if place.cell:
            paragraph = self.add_paragraph(style or self.styles.cell)
            if place.header:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            if style is None and place.quote:
                style = self.styles.quote
            paragraph = self.add_paragraph(style)
            if place.indent:
                paragraph.paragraph_format.left_indent = Emu(TEXT_SIZE * INDENT_CHARS * place.indent)
            if not first_line:
                ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
                ind.set(qn("w:firstLine"), "0")
                ind.set(qn("w:firstLineChars"), "0")
        self.paragraph = paragraph
        self.after_break = False
        if self.marker:
            self.add_text(self.marker, Look())
            self.marker = ""
        return paragraph

    def close_paragraph(self) -> None:
        self.paragraph = None

    def add_text(self, text: str, look: Look, place: Place | None = None) -> None:
        text = collapse_blanks(clean_text(text))
        if not text:
            return
        if self.paragraph is None:
            if not text.strip():
                return  # blanks between blocks
            self.open_paragraph(place or Place())
            text = text.lstrip()
        assert self.paragraph is not None
        if self.after_break:
            text = text.lstrip()
            if not text:
                return
        self.after_break = False
        run: Run = self.paragraph.add_run(text)
        if look.bold:
            run.bold = True
        if look.italic:
            run.italic = True

    def add_break(self, place: Place) -> None:
        if self.paragraph is None:
            self.open_paragraph(place)
        assert self.paragraph is not None
        self.paragraph.add_run().add_break()
        self.after_break = True

    # --- elements ---------------------------------------------------------------------------

    def write_children(self, element: Any, place: Place, look: Look) -> None:
        """The text and children of ``element``, each child's tail after it."""
        if element.text:
            self.add_text(element.text, look, place)
        for child in element:
            self.write_element(child, place, look)
            if child.tail:
                self.add_text(child.tail, look, place)

    def write_element(self, element: Any, place: Place, look: Look) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag:  # a comment or processing instruction: no text a reader sees
            return
        tag = tag.lower()
        if place.depth >= MAX_DEPTH:
            self.add_text(element.text_content(), look, place)
            return
        deeper = replace(place, depth=place.depth + 1)
        if tag not in BLOCK_TAGS:
            self.write_inline(element, tag, deeper, look)
        elif tag in HEADING_TAGS:
            self.write_heading(element, int(tag[1]), deeper)
        elif tag == "p" or tag in ("dt", "summary", "caption"):
            self.close_paragraph()
            self.open_paragraph(deeper)
            self.write_children(element, deeper, look)
            self.close_paragraph()
        elif tag in ("ul", "ol"):
            self.write_list(element, tag == "ol", deeper, look)
        elif tag == "table":
            self.write_table(element, deeper)
        elif tag == "blockquote":
            self.close_paragraph()
            self.write_children(element, replace(deeper, quote=True, indent=place.indent + 1), look)
            self.close_paragraph()
        elif tag == "pre":
            self.write_code(element, deeper)
        elif tag == "hr":
            self.close_paragraph()
        else:  # div, li outside a list, rows and cells outside a table …: their content as blocks
            self.close_paragraph()
            self.write_children(element, deeper, look)
            self.close_paragraph()

    def write_inline(self, element: Any, tag: str, place: Place, look: Look) -> None:
        if tag == "br":
            self.add_break(place)
            return
        if tag == "img":
            alt = element.get("alt") or ""
            if alt.strip():
                self.add_text(f"（{alt.strip()}）", look, place)
            return
        if tag in BOLD_TAGS:
            look = replace(look, bold=True)
        elif tag in ITALIC_TAGS:
            look = replace(look, italic=True)
        self.write_children(element, place, look)

    def write_heading(self, element: Any, html_level: int, place: Place) -> None:
        self.close_paragraph()
        if place.cell:
            self.open_paragraph(place)
            self.write_children(element, place, Look(bold=True))
        else:
            offset = max(0, html_level - self.styles.heading_html_level)
            level = min(self.styles.first_heading + offset, 9)
            self.open_paragraph(replace(place, quote=False), style=f"Heading {level}")
            self.write_children(element, place, Look())
        self.close_paragraph()

    def write_list(self, element: Any, ordered: bool, place: Place, look: Look) -> None:
        self.close_paragraph()
        number = 0
        start = element.get("start") if ordered else None
        if start and start.isdigit() and len(start) < 7:
            number = int(start) - 1
        # A list is indented like the text (its numbers where a paragraph's first line starts);
        # a list in a list one step further.
        nested = place.lists > 0 and not place.cell
        inner = replace(place, lists=place.lists + 1, indent=place.indent + (1 if nested else 0))
        if element.text:
            self.add_text(element.text, look, inner)
        for child in element:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                number += 1
                self.close_paragraph()
                self.marker = list_marker(ordered, number, inner.lists)
                self.write_children(child, replace(inner, depth=inner.depth + 1), look)
                if self.marker:  # an empty item: its number alone
                    self.open_paragraph(inner)
                self.close_paragraph()
            else:
                self.write_element(child, inner, look)
            if child.tail:
                self.add_text(child.tail, look, inner)
        self.close_paragraph()

    def write_code(self, element: Any, place: Place) -> None:
        self.close_paragraph()
        text = clean_text(element.text_content()).strip("\n")
        paragraph = self.open_paragraph(place, style=None if place.cell else self.styles.code, first_line=False)
        for index, line in enumerate(text.split("\n")):
            if index:
                paragraph.add_run().add_break()
            if line:
                paragraph.add_run(line.replace("\t", "    "))
        self.close_paragraph()

    def write_table(self, element: Any, place: Place) -> None:
        """A table with borders, its header cells bold; a table too wide for Word, or in a
        cell, row by row as text. Anything in the table outside its cells follows it."""
        self.close_paragraph()
        grid, strays = read_table(element)
        columns = max((len(cells) for cells in grid), default=0)
        if columns > MAX_COLUMNS or (columns and place.cell):
            for cells in grid:
                self.open_paragraph(place, first_line=False)
                for index, cell in enumerate(cells):
                    if index:
                        self.add_text(" | ", Look(), place)
                    self.write_children(cell, place, Look(bold=tag_of(cell) == "th"))
                self.close_paragraph()
        elif columns:
            table = self.container.add_table(rows=len(grid), cols=columns)
            table.style = self.find_style(self.styles.table)
            for cells, tr in zip(grid, table._tbl.tr_lst, strict=True):
                targets = [_Cell(tc, table) for tc in tr.tc_lst]  # not row.cells: slow on a big table
                for cell, target in zip(cells, targets, strict=False):
                    header = tag_of(cell) == "th"
                    walker = _Walker(_CellContainer(target), self.styles, self.found)
                    walker.write_children(
                        cell, Place(cell=True, header=header, depth=place.depth + 1), Look(bold=header)
                    )
        for stray in strays:
            if isinstance(stray, str):
                self.add_text(stray, Look(), place)
            else:
                self.write_element(stray, place, Look())
        self.close_paragraph()


def tag_of(element: Any) -> str:
    """An element's tag in lower case; "" for a comment or a processing instruction."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def read_table(table: Any) -> tuple[list[list[Any]], list[Any]]:
    """The rows of a table (its own, not those of a table in a cell), each a list of its cells,
    and what else it holds (texts and elements) in order."""
    rows: list[list[Any]] = []
    strays: list[Any] = []

    def keep_text(text: str | None) -> None:
        if text and text.strip():
            strays.append(text)

    def read_part(part: Any) -> None:
        keep_text(part.text)
        for child in part:
            tag = tag_of(child)
            if tag in ("thead", "tbody", "tfoot"):
                read_part(child)
            elif tag == "tr":
                keep_text(child.text)
                cells = []
                for cell in child:
                    if tag_of(cell) in ("th", "td"):
                        cells.append(cell)
                    elif tag_of(cell):
                        strays.append(cell)
                    keep_text(cell.tail)
                if cells:
                    rows.append(cells)
            elif tag:
                strays.append(child)
            keep_text(child.tail)

    read_part(table)
    return rows, strays


class _CellContainer:
    """A table cell as a container: its first (empty) paragraph is used before new ones are made."""

    def __init__(self, cell: Any) -> None:
        self.cell = cell
        self.part = cell.part
        self.fresh = True

    def add_paragraph(self, text: str = "", style: Any = None) -> Paragraph:
        if self.fresh and not text and style is None:
            self.fresh = False
            paragraph: Paragraph = self.cell.paragraphs[0]
            return paragraph
        result: Paragraph = self.cell.add_paragraph(text, style)
        return result

    def add_table(self, rows: int, cols: int, *args: Any, **kwargs: Any) -> Table:
        raise NotImplementedError  # tables in cells are written as text (write_table)


def list_marker(ordered: bool, number: int, level: int) -> str:
    """1. or （1） for an ordered list (the inner levels in brackets), • or ◦ for the others."""
    if not ordered:
        return "• " if level <= 1 else "◦ "
    return f"{number}. " if level <= 1 else f"（{number}）"


_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_PARSER = lxml.html.HTMLParser(huge_tree=True)  # deeper than 256 levels: not cut off, read whole


def drop_reference(match: re.Match[str]) -> str:
    """A character reference to a character XML cannot hold (&#1;, &#xD800;), taken out."""
    digits = match.group(1) or match.group(2)
    if len(digits) > 8:
        return match.group(0)  # far out of range: the parser makes it U+FFFD
    code = int(digits, 16 if match.group(1) else 10)
    if code == 0 or code > 0x10FFFF or _NOT_XML.match(chr(code)):
        return ""
    return match.group(0)


def parse_fragment(html_text: str) -> Any:
    """The elements of an HTML fragment under one <div>, without what XML cannot hold."""
    cleaned = _REFERENCE.sub(drop_reference, clean_text(html_text))
    return lxml.html.fragment_fromstring(cleaned, create_parent="div", parser=_PARSER)


def write_body(container: Container, html_text: str, styles: BodyStyles | None = None) -> None:
    """Write the blocks of ``html_text`` (a report's rendered body) at the end of ``container``."""
    if not clean_text(html_text).strip():
        return
    walker = _Walker(container, styles or BodyStyles())
    walker.write_children(parse_fragment(html_text), Place(), Look())
    walker.close_paragraph()
