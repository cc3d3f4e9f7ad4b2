"""A unit's Word document (.docx) as the Markdown of a report: ``bulletin import`` reads it here.

A .docx is a zip of XML parts. It is untrusted input, checked in this order, and refused with
a ``path: field: message`` problem (line 0: the whole file) before anything is written:

1. the file itself: a regular file, at most ``limits.MAX_WORD_BYTES``; recognised by its
   first bytes (an old .doc, an encrypted document, RTF, PDF and text are each named);
2. the zip: at most ``limits.MAX_WORD_PARTS`` parts and ``limits.MAX_WORD_UNPACKED_BYTES``
   unpacked, judged from its directory before a part is read (Python's zipfile never unpacks
   a part beyond its declared size, so a zip bomb stops there); then python-docx opens it
   (a zip that is not Word, or a damaged file, is refused); its XML parser resolves no entities;
3. what the text cannot carry: tracked changes (the text is not settled until they are
   accepted or rejected), comments, pictures, charts, text boxes, formulas and embedded
   objects, each with the paragraph where the first one is;
4. a document without text.

What is kept: the title (the first paragraph, when it is in the Title style or centred and
bold or large), paragraphs, bold (``**一是……。**``), headings numbered 一、 （一） 1. (by
their numbering text, typed or Word's automatic numbering, or by a heading style) as
``##`` ``###`` ``####``, bulleted lists, tables (the first row as the header; merged cells
once), footnotes and endnotes as text: a mark ［注1］ where the note is referred to, and
``注1：…`` paragraphs at the end. What Word adds is removed: line and page breaks inside a
paragraph (a space only between two Latin letters or digits), spaces and full-width spaces
before and after the text, empty paragraphs, invisible characters (zero-width, bidi
controls, soft hyphens). Headers, footers, italics, underlines, colours and fonts are not
kept. Every character Markdown would read as markup is escaped, so the page shows the
text as typed.
"""

from __future__ import annotations

import io
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin import limits
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Tracked changes of every kind (text, formatting, tables, numbering): the text is settled
# only when they are accepted or rejected.
REVISION_TAGS = frozenset(
    w(t)
    for t in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "moveFromRangeStart",
        "moveToRangeStart",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "customXmlInsRangeStart",
        "customXmlDelRangeStart",
        "customXmlMoveFromRangeStart",
        "customXmlMoveToRangeStart",
    )
)
COMMENT_TAGS = frozenset(w(t) for t in ("commentRangeStart", "commentReference"))
PICTURE_TAGS = frozenset(w(t) for t in ("drawing", "pict"))  # pictures, charts, shapes, text boxes
OBJECT_TAGS = frozenset(
    [w("object"), w("embedObject"), w("altChunk"), w("control"), f"{{{M}}}oMath", f"{{{M}}}oMathPara"]
)

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .doc, .wps, an encrypted .docx
# Invisible characters a Word text may hold: zero-width, bidi controls and marks, soft hyphen, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]")
BREAK = "\n"  # a line, page or column break inside a paragraph, until it is removed
# A footnote or endnote in the report's text (Chinese whatever the language of the messages):
# its mark where it is referred to, its text at the end.
NOTE_MARK = "［注{number}］"
NOTE_TEXT = "注{number}：{text}"

MAX_HEADING_CHARS = 40  # a numbered paragraph longer than this is text, not a heading
_LEVEL_LABELS = (
    (2, re.compile(r"[一二三四五六七八九十百]+、")),
    (3, re.compile(r"[（(][一二三四五六七八九十百]+[）)]")),
    (4, re.compile(r"\d{1,3}[.．、](?!\d)")),
)
_SENTENCE_END = re.compile(r"[。！？；：!?;:]")


@dataclass(frozen=True)
class WordDocument:
    """What ``bulletin import`` takes from a Word document."""

    title: str | None  # the document's own title paragraph, as plain text (None: it has none)
    body: str  # the rest, as report Markdown (headings one level below the title: ##)
    headings: int
    tables: int
    notes: int  # footnotes and endnotes, kept as 注N： paragraphs at the end


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text and whether it is bold."""

    text: str
    bold: bool


# --- the file and the zip ---------------------------------------------------------------------


def refuse(shown: str, field: str, message: str) -> BulletinError:
    return BulletinError([Problem(shown, 0, field, message)])


def save_as_docx() -> str:
    return _("请在 Word 或 WPS 里打开它，“另存为”Word 文档（*.docx）后再导入")


def read_source_bytes(path: Path, shown: str) -> bytes:
    """The bytes of the file the editor named, or BulletinError (missing, not a file, too big)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise refuse(shown, "file", _("找不到这个文件：请检查路径和文件名")) from None
    except OSError as error:
        raise refuse(shown, "file", _("读不了这个文件（{reason}）").format(reason=error.strerror or error)) from None
    if not stat.S_ISREG(mode):
        raise refuse(shown, "file", _("这不是一个文件（是文件夹或设备）：请给出 Word 文档（.docx）的路径"))
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.MAX_WORD_BYTES + 1)
    except OSError as error:
        raise refuse(shown, "file", _("读不了这个文件（{reason}）").format(reason=error.strerror or error)) from None
    if len(data) > limits.MAX_WORD_BYTES:
        raise refuse(
            shown,
            "file",
            _(
                "文件超过 {limit} MB 的上限，不导入：一篇报告的 Word 文档通常只有几十 KB；"
                "如果里面有图片，请删去图片（报告不刊登图片）后另存，再导入"
            ).format(limit=limits.MAX_WORD_BYTES // 1024 // 1024),
        )
    return data


def refuse_other_formats(data: bytes, shown: str) -> None:
    """BulletinError naming what the file is when it is not a zip (a .docx is one)."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return
    if data.startswith(CFB_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise refuse(
                shown,
                "file",
                _(
                    "这个 Word 文档设了打开密码（已加密），读不出文字：请在 Word 里取消密码（文件 → 信息 → 保护文档）后另存，再导入"
                ),
            )
        raise refuse(
            shown,
            "file",
            _("这是旧版的 Word 文档（.doc）或 WPS 文档（.wps），不是 .docx：{fix}").format(fix=save_as_docx()),
        )
    if data.lstrip().startswith(b"{\\rtf"):
        raise refuse(shown, "file", _("这是 RTF 格式的文件，不是 .docx：{fix}").format(fix=save_as_docx()))
    if data.startswith(b"%PDF"):
        raise refuse(shown, "file", _("这是 PDF 文件，不是 Word 文档：请向报送单位要 Word 原稿（.docx），PDF 不能导入"))
    if not data:
        raise refuse(shown, "file", _("这个文件是空的（0 字节）：请重新向报送单位要 Word 原稿（.docx）"))
    raise refuse(
        shown,
        "file",
        _("这不是 Word 文档（.docx）：文件的内容不是 Word 的格式（也许只是改了扩展名）；{fix}").format(
            fix=save_as_docx()
        ),
    )


def damaged(shown: str) -> BulletinError:
    return refuse(
        shown,
        "file",
        _("这个 Word 文档已损坏，读不出来：请让报送单位重新发送，或在 Word 里打开、修复后另存为 .docx"),
    )


def check_zip(data: bytes, shown: str) -> None:
    """BulletinError for a zip that is damaged, too big when unpacked, or has too many parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, OSError):
        raise damaged(shown) from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > limits.MAX_WORD_PARTS or unpacked > limits.MAX_WORD_UNPACKED_BYTES:
        raise refuse(
            shown,
            "file",
            _(
                "这个文件解压后超过 {limit} MB（或多于 {parts} 个部件），不像一篇报告的 Word 文档，"
                "不导入（可能是损坏或恶意的文件）：请向报送单位核实"
            ).format(limit=limits.MAX_WORD_UNPACKED_BYTES // 1024 // 1024, parts=limits.MAX_WORD_PARTS),
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise refuse(shown, "file", _("这个压缩包设了密码，读不出来：{fix}").format(fix=save_as_docx()))


def open_word(data: bytes, shown: str) -> Any:
    """The python-docx Document of ``data``, or BulletinError (not Word, damaged)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError):
        raise refuse(
            shown, "file", _("这是一个压缩包（zip），但不是 Word 文档（.docx）：{fix}").format(fix=save_as_docx())
        ) from None
    except ValueError as error:
        if "content type" in str(error):  # python-docx: "file '…' is not a Word file, content type is '…'"
            raise refuse(
                shown,
                "file",
                _(
                    "这是 Office 文件，但不是 Word 文档（.docx）：可能是 Excel、PowerPoint、"
                    "Word 模板或启用宏的文档；{fix}"
                ).format(fix=save_as_docx()),
            ) from None
        raise damaged(shown) from None
    except (zipfile.BadZipFile, etree.XMLSyntaxError, zlib.error, EOFError, NotImplementedError):
        raise damaged(shown) from None
    except (TypeError, AttributeError, LookupError, RecursionError):
        # python-docx's package reader fails on malformed parts in these ways too (a relationship
        # without a target, a part of the wrong kind): found by mutating documents.
        raise damaged(shown) from None


# --- what is refused ----------------------------------------------------------------------------


def paragraph_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(w("t"))).strip()


def describe_place(element: Any, body: Any) -> str:
    """Where ``element`` is, as an editor finds it: the paragraph it is in, by its first words."""
    p = element
    while p is not None and p.tag != w("p"):
        p = p.getparent()
    if p is None:
        return _("文档里")
    text = paragraph_text(p)
    if text:
        return _("“{start}”这一段").format(start=shorten(text))
    paragraphs = list(body.iter(w("p")))
    index = next((i for i, q in enumerate(paragraphs) if q is p), -1)
    for previous in reversed(paragraphs[: max(index, 0)]):
        text = paragraph_text(previous)
        if text:
            return _("“{start}”一段之后").format(start=shorten(text))
    return _("文档开头")


def shorten(text: str, length: int = 12) -> str:
    text = _INVISIBLE.sub("", text)
    return text if len(text) <= length else text[:length] + "……"


def find_first(root: Any, tags: frozenset[str]) -> tuple[Any, int]:
    """The first element of ``root`` with one of ``tags``, and how many there are."""
    first, count = None, 0
    for element in root.iter(*tags):
        count += 1
        if first is None:
            first = element
    return first, count


def refuse_what_text_cannot_carry(shown: str, parts: list[tuple[str, Any]]) -> None:
    """BulletinError listing tracked changes, comments, pictures and objects in the parts
    (the body, footnotes, endnotes), each with where the first one is."""
    problems = []
    checks = (
        (
            REVISION_TAGS,
            "revision",
            _(
                "文档里有 {count} 处修订（{where}）：请先在 Word 里接受或拒绝所有修订"
                "（审阅 → 接受 → 接受所有修订），保存后再导入"
            ),
        ),
        (
            COMMENT_TAGS,
            "comment",
            _(
                "文档里有 {count} 条批注（{where}）：请先在 Word 里处理并删除所有批注（审阅 → 删除 → 删除文档中的所有批注），保存后再导入"
            ),
        ),
        (
            PICTURE_TAGS,
            "image",
            _(
                "文档里有 {count} 处图片、图表、形状或文本框（{where}）：报告不刊登图片，文本框里的字也不会导入；"
                "请删去它们（文本框里的字改为正文，图中的内容用文字写出），保存后再导入"
            ),
        ),
        (
            OBJECT_TAGS,
            "object",
            _(
                "文档里有 {count} 个嵌入的对象或公式（{where}，如 Excel 表格、公式、控件）：请改为文字或 Word 表格，保存后再导入"
            ),
        ),
    )
    for tags, field, message in checks:
        for name, root in parts:
            first, count = find_first(root, tags)
            if first is not None:
                where = describe_place(first, root) if name == "body" else name
                problems.append(Problem(shown, 0, field, message.format(count=count, where=where)))
                break
    if problems:
        raise BulletinError(problems)


# --- styles and numbering -------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """What a paragraph or character style gives (None: not set, ask the style it is based on)."""

    name: str
    based_on: str | None
    bold: bool | None
    centred: bool | None
    size: int | None  # half-points
    outline: int | None  # 0 = heading level 1
    numbering: tuple[str, int] | None  # numId, level


def on(element: Any) -> bool:
    """A Word switch (<w:b/>, <w:b w:val="0"/>)."""
    return element.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


def read_formatting(pPr: Any, rPr: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if rPr is not None:
        b = rPr.find(w("b"))
        if b is not None:
            found["bold"] = on(b)
        sz = rPr.find(w("sz"))
        if sz is not None and (sz.get(w("val")) or "").isdigit():
            found["size"] = int(sz.get(w("val")))
    if pPr is not None:
        jc = pPr.find(w("jc"))
        if jc is not None:
            found["centred"] = jc.get(w("val")) == "center"
        outline = pPr.find(w("outlineLvl"))
        if outline is not None and (outline.get(w("val")) or "").isdigit():
            found["outline"] = int(outline.get(w("val")))
        numbering = read_numbering_reference(pPr)
        if numbering is not None:
            found["numbering"] = numbering
    return found


def read_numbering_reference(pPr: Any) -> tuple[str, int] | None:
    numPr = pPr.find(w("numPr"))
    if numPr is None:
        return None
    num_id = numPr.find(w("numId"))
    level = numPr.find(w("ilvl"))
    level_value = level.get(w("val")) if level is not None else "0"
    return (
        num_id.get(w("val"), "0") if num_id is not None else "",
        int(level_value) if level_value and level_value.isdigit() else 0,
    )


def read_styles(document: Any) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    try:
        root = document.styles.element
    except (KeyError, NotImplementedError):
        return styles
    for style in root.iter(w("style")):
        style_id = style.get(w("styleId"))
        if not style_id:
            continue
        name = style.find(w("name"))
        based = style.find(w("basedOn"))
        found = read_formatting(style.find(w("pPr")), style.find(w("rPr")))
        styles[style_id] = Style(
            name=(name.get(w("val"), "") if name is not None else "").lower(),
            based_on=based.get(w("val")) if based is not None else None,
            bold=found.get("bold"),
            centred=found.get("centred"),
            size=found.get("size"),
            outline=found.get("outline"),
            numbering=found.get("numbering"),
        )
    return styles


def style_value(styles: dict[str, Style], style_id: str | None, attribute: str) -> Any:
    """The value a style or the styles it is based on give (the first that sets it)."""
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        value = getattr(styles[style_id], attribute)
        if value is not None:
            return value
        style_id = styles[style_id].based_on
    return None


_CHINESE_DIGITS = "零一二三四五六七八九"
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"


def count_in_chinese(n: int, digits: str = _CHINESE_DIGITS, ten: str = "十") -> str:
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")


def roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")):
        while n >= value:
            out, n = out + letters, n - value
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, kind: str) -> str:
    if kind in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return count_in_chinese(n)
    if kind in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return count_in_chinese(n, _CAPITAL_DIGITS, "拾")
    if kind in ("ideographTraditional",):
        return _STEMS[(n - 1) % 10]
    if kind in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if kind == "decimalFullWidth":
        return "".join(chr(ord(c) - ord("0") + 0xFF10) for c in str(n))
    if kind == "decimalZero":
        return f"{n:02d}"
    if kind in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if kind == "upperLetter" else letter.lower()
    if kind in ("upperRoman", "lowerRoman"):
        return roman(n) if kind == "upperRoman" else roman(n).lower()
    if kind == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int
    kind: str  # numFmt: decimal, chineseCounting, bullet …
    text: str  # lvlText: "%1、", "（%1）"


class Numbering:
    """Word's automatic numbering: the label each numbered paragraph shows (一、, （二）, 3.)."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, Level]] = {}  # abstractNumId -> level -> Level
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> abstractNumId, start overrides
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(w("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in abstract.iter(w("lvl")):
                ilvl = lvl.get(w("ilvl"), "0")
                start, fmt, text = lvl.find(w("start")), lvl.find(w("numFmt")), lvl.find(w("lvlText"))
                start_value = start.get(w("val"), "1") if start is not None else "1"
                levels[int(ilvl) if ilvl.isdigit() else 0] = Level(
                    int(start_value) if start_value.isdigit() else 1,
                    fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                    text.get(w("val"), "") if text is not None else "",
                )
            self.levels[abstract.get(w("abstractNumId"), "")] = levels
        for num in root.iter(w("num")):
            abstract_id = num.find(w("abstractNumId"))
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                level = override.get(w("ilvl"), "0")
                if start is not None and (start.get(w("val")) or "").isdigit() and level.isdigit():
                    overrides[int(level)] = int(start.get(w("val")))
            if abstract_id is not None:
                self.nums[num.get(w("numId"), "")] = (abstract_id.get(w("val"), ""), overrides)

    def level_of(self, reference: tuple[str, int]) -> Level | None:
        num_id, ilvl = reference
        if num_id not in self.nums:
            return None
        abstract_id, _overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        # A level the definition lacks (a single-level list indented further): as the one above it.
        return next((levels[i] for i in range(ilvl, -1, -1) if i in levels), None)

    def next_label(self, reference: tuple[str, int]) -> str:
        """The label of the next paragraph numbered by ``reference`` (numId, level), counted."""
        level = self.level_of(reference)
        if level is None or level.kind == "bullet":
            return ""
        num_id, ilvl = reference
        ilvl = min(ilvl, max(i for i in self.levels[self.nums[num_id][0]] if i <= ilvl))
        abstract_id, overrides = self.nums[num_id]
        counters = self.counters.setdefault(abstract_id, {})
        starts = {i: overrides.get(i, lv.start) for i, lv in self.levels[abstract_id].items()}
        counters[ilvl] = counters.get(ilvl, starts.get(ilvl, 1) - 1) + 1
        for deeper in [i for i in counters if i > ilvl]:
            del counters[deeper]
        label = level.text
        for i in range(9):
            if f"%{i + 1}" in label:
                other = self.levels[abstract_id].get(i)
                value = counters.get(i, starts.get(i, 1))
                label = label.replace(f"%{i + 1}", format_number(value, other.kind if other else "decimal"))
        return label


# --- paragraphs -------------------------------------------------------------------------------------


def is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


class TooLong(Exception):
    """The document holds more text than a report file may."""


class Converter:
    """One document's conversion: styles, numbering and notes, then the blocks in order."""

    def __init__(self, document: Any, notes: dict[tuple[str, str], Any]) -> None:
        self.styles = read_styles(document)
        self.numbering = Numbering(document)
        self.note_parts = notes  # ("footnote" | "endnote", id) -> the note element
        self.notes: list[str] = []  # the notes' texts, in the order they are referred to
        self.headings = 0
        self.tables = 0

    # The pieces of one paragraph: text with bold, BREAK where Word broke the line.
    def read_pieces(self, p: Any, style_id: str | None, with_notes: bool = True) -> list[Piece]:
        pieces: list[Piece] = []
        paragraph_bold = style_value(self.styles, style_id, "bold")
        for run in p.iter(w("r")):
            rPr = run.find(w("rPr"))
            bold = None
            if rPr is not None:
                b = rPr.find(w("b"))
                if b is not None:
                    bold = on(b)
                elif (rStyle := rPr.find(w("rStyle"))) is not None:
                    bold = style_value(self.styles, rStyle.get(w("val")), "bold")
            if bold is None:
                bold = bool(paragraph_bold)
            for child in run:
                tag = child.tag
                if tag == w("t"):
                    pieces.append(Piece(re.sub(r"[\r\n]", " ", child.text or ""), bold))
                elif tag in (w("tab"), w("ptab")):
                    pieces.append(Piece(" ", False))
                elif tag in (w("br"), w("cr")):
                    pieces.append(Piece(BREAK, False))
                elif tag == w("noBreakHyphen"):
                    pieces.append(Piece("-", bold))
                elif tag in (w("footnoteReference"), w("endnoteReference")) and with_notes:
                    kind = "footnote" if tag == w("footnoteReference") else "endnote"
                    note = self.note_parts.get((kind, child.get(w("id"), "")))
                    if note is not None:
                        self.notes.append(self.note_text(note))
                        pieces.append(Piece(NOTE_MARK.format(number=len(self.notes)), False))
        return pieces

    def note_text(self, note: Any) -> str:
        texts = []
        for p in note.iter(w("p")):
            text = "".join(piece.text for piece in clean_pieces(self.read_pieces(p, None, with_notes=False)))
            if text:
                texts.append(text)
        return " ".join(texts)

    def paragraph_style(self, p: Any) -> str | None:
        pPr = p.find(w("pPr"))
        style = pPr.find(w("pStyle")) if pPr is not None else None
        return style.get(w("val")) if style is not None else None

    def paragraph_value(self, p: Any, attribute: str) -> Any:
        pPr = p.find(w("pPr"))
        direct = read_formatting(pPr, None).get(attribute) if pPr is not None else None
        return direct if direct is not None else style_value(self.styles, self.paragraph_style(p), attribute)

    def looks_like_title(self, p: Any, pieces: list[Piece]) -> bool:
        style_id = self.paragraph_style(p)
        name = self.styles[style_id].name if style_id in self.styles else (style_id or "").lower()
        if name in ("title", "标题"):
            return True
        if not self.paragraph_value(p, "centred"):
            return False
        visible = [piece for piece in pieces if piece.text.strip()]
        all_bold = bool(visible) and all(piece.bold for piece in visible)
        sizes = [int(sz.get(w("val"))) for sz in p.iter(w("sz")) if (sz.get(w("val")) or "").isdigit()]
        size = max(sizes, default=style_value(self.styles, style_id, "size") or 0)
        return all_bold or size >= 36 or self.heading_level_of_style(p) is not None  # 36 half-points: 小二

    def heading_level_of_style(self, p: Any) -> int | None:
        """## for a Heading 1 (or 标题 1, or outline level 1), ### for 2, #### below."""
        outline = self.paragraph_value(p, "outline")
        if outline is None:
            style_id = self.paragraph_style(p)
            name = self.styles[style_id].name if style_id in self.styles else ""
            match = re.fullmatch(r"(?:heading|标题)\s*([1-9])", name)
            outline = int(match.group(1)) - 1 if match else None
        if outline is None or outline > 8:
            return None
        return min(outline + 2, 4)

    def convert(self, body: Any, find_title: bool) -> tuple[str | None, list[str]]:
        """The title paragraph (when asked for and found) and the Markdown blocks of ``body``."""
        title: str | None = None
        blocks: list[str] = []
        looking = find_title
        list_depth = -1  # the depth of the list the last block is, -1: it is no list
        numbered: dict[int, tuple[int, str]] = {}  # block index -> heading level, the block as text
        size = 0
        for element in iter_blocks(body):
            size += sum(len((t.text or "").encode("utf-8", "replace")) for t in element.iter(w("t")))
            if size > limits.MAX_REPORT_BYTES:
                raise TooLong()  # no need to read further: the report would be refused
            if element.tag == w("tbl"):
                list_depth = -1
                table = self.convert_table(element)
                if table:
                    blocks.append(table)
                    self.tables += 1
                looking = False
                continue
            style_id = self.paragraph_style(element)
            pieces = clean_pieces(self.read_pieces(element, style_id))
            numbering = self.paragraph_value(element, "numbering")
            level = self.numbering.level_of(numbering) if numbering else None
            label = self.numbering.next_label(numbering) if numbering else ""
            if not pieces:
                continue
            if looking:
                looking = False
                if not label and self.looks_like_title(element, pieces):
                    title = "".join(piece.text for piece in pieces)
                    continue
            if level is not None and level.kind == "bullet":
                # A list starts at the left; an item is at most one level deeper than the one before.
                depth = min(numbering[1], list_depth + 1, limits.MAX_NESTING - 1)
                item = "    " * depth + "- " + write_inline(pieces)
                if list_depth >= 0:
                    blocks[-1] += "\n" + item
                else:
                    blocks.append(item)
                list_depth = depth
                continue
            list_depth = -1
            if label:
                pieces = [Piece(label, pieces[0].bold), *pieces]
            text = "".join(piece.text for piece in pieces)
            heading = self.heading_level(element, text)
            if heading is not None:
                if self.heading_level_of_style(element) is None:  # a heading by its number alone
                    numbered[len(blocks)] = (heading, write_inline(pieces))
                blocks.append("#" * heading + " " + escape_text(text, line_start=True))
            else:
                blocks.append(write_inline(pieces))
        # Short numbered paragraphs one after another at the same level, with no text under
        # any of them, are a numbered list (1.茶园步道 2.观光车道), not headings.
        for index, (depth, paragraph) in numbered.items():
            if any(numbered.get(index + step, (0, ""))[0] == depth for step in (-1, 1)):
                blocks[index] = paragraph
        self.headings = sum(1 for block in blocks if block.startswith("#"))
        return title, blocks

    def heading_level(self, p: Any, text: str) -> int | None:
        by_style = self.heading_level_of_style(p)
        for level, pattern in _LEVEL_LABELS:
            if pattern.match(text):
                body = text[:-1]  # a heading may end with a full stop, never have one inside
                if by_style is not None or (len(text) <= MAX_HEADING_CHARS and not _SENTENCE_END.search(body)):
                    return level
                return None
        return by_style

    def convert_table(self, table: Any) -> str:
        rows: list[list[str]] = []
        for tr in table.iterchildren(w("tr")):
            cells: list[str] = []
            for tc in iter_cells(tr):
                merged = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                continuing = merged is not None and merged.get(w("val"), "continue") == "continue"
                texts = []
                if not continuing:
                    for p in tc.iter(w("p")):
                        text = "".join(
                            piece.text for piece in clean_pieces(self.read_pieces(p, self.paragraph_style(p)))
                        )
                        if text:
                            texts.append(text)
                cells.append(escape_text(" ".join(texts), line_start=False))
                span = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
                extra = span.get(w("val"), "1") if span is not None else "1"
                cells += [""] * (min(int(extra), 64) - 1 if extra.isdigit() and int(extra) > 1 else 0)
            rows.append(cells)
        if not any(any(cells) for cells in rows):
            return ""
        width = max(len(cells) for cells in rows)
        lines = ["| " + " | ".join(cells + [""] * (width - len(cells))) + " |" for cells in rows]
        lines.insert(1, "|" + " --- |" * width)
        return "\n".join(lines)


def iter_blocks(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of the body in order (inside content controls too)."""
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from iter_blocks(content)
        elif child.tag == w("customXml"):
            yield from iter_blocks(child)


def iter_cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from iter_cells(content)


def clean_pieces(pieces: list[Piece]) -> list[Piece]:
    """The text as read: invisible characters out, breaks and the blanks around them removed
    (a space where both sides are Latin letters or digits), blanks at both ends removed,
    runs of spaces made one; neighbouring pieces of the same weight joined."""
    chars: list[tuple[str, bool]] = [
        (c, piece.bold) for piece in pieces for c in _INVISIBLE.sub("", piece.text.replace("\t", " "))
    ]
    out: list[tuple[str, bool]] = []
    index = 0
    while index < len(chars):
        c, bold = chars[index]
        if c.isspace():
            end = index
            while end < len(chars) and chars[end][0].isspace():
                end += 1
            run = "".join(ch for ch, _b in chars[index:end])
            before = out[-1][0] if out else ""
            after = chars[end][0] if end < len(chars) else ""
            if before and after:  # blanks inside the text; those at the ends go
                if BREAK in run:
                    if not is_wide(before) and not is_wide(after):
                        out.append((" ", False))
                elif "\u3000" in run:
                    out.extend((ch, False) for ch in run if ch == "\u3000")  # 姓　名: kept as typed
                else:
                    out.append((" ", bold and chars[end][1]))
            index = end
            continue
        out.append((c, bold))
        index += 1
    joined: list[Piece] = []
    for c, bold in out:
        if joined and joined[-1].bold == bold:
            joined[-1] = Piece(joined[-1].text + c, bold)
        else:
            joined.append(Piece(c, bold))
    return joined


# --- Markdown ---------------------------------------------------------------------------------------

_INLINE_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "#": "\\#",
    "|": "\\|",
    "<": "&lt;",
    "{": "&#123;",  # {: …} would be an attribute list, and check.body refuses even an escaped one
}
_ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")
_LINE_START = re.compile(r"([-+>]|\d+(?=[.)]))")


def escape_text(text: str, line_start: bool) -> str:
    """``text`` as Markdown that the site renders as exactly this text (no markup, no HTML)."""
    out = []
    previous = ""
    for index, c in enumerate(text):
        if c == "(" and previous == "]":
            out.append("\\(")  # no ](…) link destination, not even one that check.body would read
        elif c == "&" and _ENTITY.match(text, index):
            out.append("&amp;")  # &amp; typed in the text is shown as typed, not as &
        else:
            out.append(_INLINE_ESCAPES.get(c, c))
        previous = c
    escaped = "".join(out)
    if line_start:
        if escaped.startswith("~~~"):
            escaped = "&#126;" + escaped[1:]
        elif match := _LINE_START.match(escaped):
            if match.group(1)[0].isdigit():
                escaped = match.group(1) + "\\" + escaped[match.end() :]
            else:
                escaped = "\\" + escaped
    return escaped


def write_inline(pieces: list[Piece]) -> str:
    """A paragraph's pieces as Markdown: bold as **…** (blanks kept outside the marks)."""
    out = []
    first = True
    for piece in pieces:
        text = escape_text(piece.text, line_start=first)
        first = False
        if piece.bold and piece.text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}**{text.strip()}**{trail}")
        else:
            out.append(text)
    return "".join(out)


# --- the whole document ---------------------------------------------------------------------------------


def read_note_parts(document: Any) -> tuple[list[tuple[str, Any]], dict[tuple[str, str], Any]]:
    """The footnote and endnote parts (for the checks) and each note by (kind, id)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    parts: list[tuple[str, Any]] = []
    notes: dict[tuple[str, str], Any] = {}
    for kind, reltype, tag, name in (
        ("footnote", RT.FOOTNOTES, "footnote", _("脚注里")),
        ("endnote", RT.ENDNOTES, "endnote", _("尾注里")),
    ):
        for rel in document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            root = parse_xml(rel.target_part.blob)
            parts.append((name, root))
            for note in root.iter(w(tag)):
                if note.get(w("type")) in (None, "normal"):
                    notes[(kind, note.get(w("id"), ""))] = note
    return parts, notes


def read_comment_count(document: Any) -> int:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    count = 0
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            count += sum(1 for _c in parse_xml(rel.target_part.blob).iter(w("comment")))
    return count


def read_word_document(path: Path, shown: str, find_title: bool = True) -> WordDocument:
    """The report text of the Word document at ``path`` (``shown`` is how problems name it);
    BulletinError when it is refused. ``find_title``: take the first paragraph as the title
    when it looks like one (centred and bold or large, or in the Title style)."""
    from lxml import etree

    data = read_source_bytes(path, shown)
    refuse_other_formats(data, shown)
    check_zip(data, shown)
    document = open_word(data, shown)
    root = document.element
    body = root.find(w("body")) if root.tag == w("document") else None
    if body is None:
        if str(root.tag).startswith(f"{{{STRICT_W}}}"):
            raise refuse(shown, "file", _("这是“严格 Open XML”格式的 Word 文档：{fix}").format(fix=save_as_docx()))
        raise damaged(shown)
    try:
        note_parts, notes = read_note_parts(document)
        comments = read_comment_count(document)
    except (KeyError, ValueError, etree.XMLSyntaxError):
        raise damaged(shown) from None
    refuse_what_text_cannot_carry(shown, [("body", body), *note_parts])
    if comments:
        raise refuse(
            shown,
            "comment",
            _(
                "文档里有 {count} 条批注：请先在 Word 里删除所有批注（审阅 → 删除 → 删除文档中的所有批注），保存后再导入"
            ).format(count=comments),
        )
    converter = Converter(document, notes)
    try:
        title, blocks = converter.convert(body, find_title)
    except TooLong:
        raise refuse(
            shown,
            "text",
            _("文档的文字超过一篇报告的上限（{limit} KB）：请核对是不是发错了文件，或请报送单位压缩篇幅").format(
                limit=limits.MAX_REPORT_BYTES // 1024
            ),
        ) from None
    for number, note in enumerate(converter.notes, start=1):
        blocks.append(escape_text(NOTE_TEXT.format(number=number, text=note), line_start=True))
    if not blocks:
        message = (
            _("文档里只有标题“{title}”，没有正文：请核对是不是发错了文件").format(title=shorten(title, 30))
            if title
            else _("文档里没有文字（也许只有空行，或文字都在图片、文本框里）：请核对是不是发错了文件")
        )
        raise refuse(shown, "text", message)
    return WordDocument(title, "\n\n".join(blocks) + "\n", converter.headings, converter.tables, len(converter.notes))
