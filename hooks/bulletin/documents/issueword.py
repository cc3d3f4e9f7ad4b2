"""An issue as a Word file laid out like the paper bulletin (GB/T 9704-2012).

A4, margins 37/35/28/26 mm; a document grid of 22 lines of 28 characters; the red
masthead (the series' name, 第N期 and 总第N期, the office on the left and the date on the
right above a red rule), the 内部 marking and the urgency mark as the issue page shows
them; the 编者按; 本期目录; each report (title, units as the issue printed them, 更正
notices, the body from the same HTML as the site, see :mod:`bulletin.documents.wordbody`);
the 版记 between two rules; page numbers "— N —" at the bottom on the outer side.

Fonts are named as the office's Word has them: 方正小标宋简体 (titles), 仿宋_GB2312 (text),
黑体 and 楷体_GB2312 (headings), each with an alternative name (宋体, 仿宋, 楷体) in the font
table for a machine that lacks it. Nothing in the file is fetched from anywhere.

The same inputs give the same bytes: every date in the file (core properties, the zip
entries' times) is the issue's date, or the date of its latest 更正; python-docx's thumbnail
is dropped and the zip is written with fixed times, order and compression.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import zipfile
from typing import IO, Any

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from bulletin import labels
from bulletin.documents.wordbody import BodyStyles, clean_text, write_body
from bulletin.markup.reportbody import demote_html_headings, render_body_html
from bulletin.model import Archive, Issue, Report
from bulletin.pages.emergency import describe_report_emergency, find_urgency_mark

# Fonts: the names Chinese offices' Word has, each with the name to use without it.
TITLE_FONT = "方正小标宋简体"
TEXT_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
SONG_FONT = "宋体"
LATIN_FONT = "Times New Roman"
ALTERNATIVE_FONTS = {
    TITLE_FONT: SONG_FONT,
    TEXT_FONT: "仿宋",
    KAI_FONT: "楷体",
    HEI_FONT: "SimHei",
    SONG_FONT: "SimSun",
}

RED = RGBColor(0xC8, 0x16, 0x1D)  # the masthead's red, as on the site
BLACK = RGBColor(0, 0, 0)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH = Emu(PAGE_WIDTH - LEFT - RIGHT)  # 156 mm
# 22 lines in the 225 mm of the text block: 28.95 pt a line (579 twentieths of a point).
LINE_PITCH_TWIPS = 579
LINE = Pt(LINE_PITCH_TWIPS / 20)
# 28 characters of 16 pt in 156 mm: a pitch of 15.79 pt, 16 pt less 848/4096 pt.
CHARS_PER_LINE = 28
CHAR_SPACE = math.floor((TEXT_WIDTH.pt / CHARS_PER_LINE - 16) * 4096)
TEXT_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
SMALL_SIZE = Pt(14)  # 四号: page numbers and the 版记
MASTHEAD_SIZE = 48  # pt, smaller for a long name so that it stays on one line

STYLES = BodyStyles()
TOC_STYLE = "目录"
UNIT_STYLE = "供稿单位"
STYLE_IDS = {"Heading 1": "Heading1", TOC_STYLE: TOC_STYLE, UNIT_STYLE: UNIT_STYLE}  # checked by the tests


def write_issue_docx(archive: Archive, issue: Issue, *, moment: dt.datetime) -> bytes:
    """The issue as a Word file (the bytes of a .docx).

    ``moment`` is the build's moment; no date in the file depends on it (they come from the
    issue, see :func:`find_file_date`), so that a file made once stays valid for every build."""
    del moment  # the file's dates are the issue's: the same file in every build of it
    document = start_document()
    write_masthead(document, archive, issue)
    write_editor_note(document, issue)
    write_contents(document, archive, issue)
    for report in issue.reports:
        write_report(document, archive, report)
    write_distribution(document, issue)
    set_properties(document, archive, issue)
    return save_stable(document, find_file_date(issue))


def describe_inputs(archive: Archive, issue: Issue) -> str:
    """Everything the issue's Word file is made of, as text: a cache of the files can key
    them by its hash. The issue itself (its reports with their texts and front matter, its
    details, its series with its earlier lines), then what the writer reads elsewhere in the
    archive, as the writer itself computes it: the office, the units' names on the issue's
    date, the urgency mark, each 紧急信息 report's event line. (The writer's own code is part of
    the key too: bulletin.documents.keys.)"""
    return "\n".join(
        (
            repr(issue),
            archive.settings.office,
            *(labels.unit_names(archive, report) for report in issue.reports),
            find_urgency_mark(archive, issue),
            *(describe_emergency(archive, report) for report in issue.reports),
        )
    )


def start_document() -> Document:
    """An empty document with the bulletin's page, styles and page numbers (made once in a
    process: setting the styles up is half the time of a small issue's file)."""
    return docx.Document(io.BytesIO(make_template()))


@functools.cache
def make_template() -> bytes:
    document = docx.Document()
    set_up_page(document)
    set_up_styles(document)
    return save_document(document)


def add_styled(document: Document, text: str, style: str) -> Paragraph:
    """A paragraph in a style of ours, its id set directly (python-docx would search every
    style for the default one at each paragraph)."""
    paragraph = document.add_paragraph(clean_text(text))
    paragraph._p.get_or_add_pPr().style = STYLE_IDS[style]
    return paragraph


# --- the page --------------------------------------------------------------------------------------


def set_up_page(document: Document) -> None:
    """A4, the margins of GB/T 9704, the document grid, page numbers outside at the bottom."""
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = Mm(21)
    set_document_grid(section._sectPr)
    document.settings.odd_and_even_pages_header_footer = True
    write_page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    write_page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def set_document_grid(sect_pr: Any) -> None:
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def write_page_number(paragraph: Paragraph, side: WD_ALIGN_PARAGRAPH) -> None:
    """— N — in 宋体 四号, one character in from the outer edge (odd pages right, even left)."""
    paragraph.alignment = side
    fmt = paragraph.paragraph_format
    set_no_first_line(paragraph)
    set_off_grid(paragraph._p.get_or_add_pPr())
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if side == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = SMALL_SIZE
    else:
        fmt.left_indent = SMALL_SIZE
    set_run_font(paragraph.add_run("— "), SONG_FONT, SMALL_SIZE, SONG_FONT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    paragraph._p.append(field)
    number = Run(OxmlElement("w:r"), paragraph)
    field.append(number._r)
    number.text = "1"
    set_run_font(number, SONG_FONT, SMALL_SIZE, SONG_FONT)
    set_run_font(paragraph.add_run(" —"), SONG_FONT, SMALL_SIZE, SONG_FONT)


# --- styles ----------------------------------------------------------------------------------------


def set_fonts(r_pr: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run's or a style's properties (and not the theme's)."""
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def set_run_font(run: Any, east_asian: str, size: Length | None = None, latin: str = LATIN_FONT) -> None:
    set_fonts(run._r.get_or_add_rPr(), east_asian, latin)
    if size is not None:
        run.font.size = size


def add_run(paragraph: Paragraph, text: str, font: str | None = None, size: Length | None = None, **look: Any) -> Any:
    run = paragraph.add_run(clean_text(text))
    if font is not None:
        set_run_font(run, font, size)
    elif size is not None:
        run.font.size = size
    for key, value in look.items():
        setattr(run.font, key, value)
    return run


def style_paragraphs(
    style: Any,
    font: str,
    size: Length,
    *,
    bold: bool = False,
    first_line: Length | None = None,
    line: Length | None = LINE,
    before: Length | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> None:
    set_fonts(style.element.get_or_add_rPr(), font)
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = BLACK
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = before or Pt(0), Pt(0)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
    if first_line is not None:
        set_first_line(style.element.get_or_add_pPr(), first_line, size)
    if align is not None:
        fmt.alignment = align


def set_first_line(p_pr: Any, indent: Length, size: Length) -> None:
    """A first-line indent in characters (firstLineChars, as Word writes 首行缩进2字符) and in twips."""
    ind = p_pr.get_or_add_ind()
    ind.set(qn("w:firstLine"), str(round(Emu(indent).pt * 20)))
    ind.set(qn("w:firstLineChars"), str(round(indent / size * 100)))


def set_no_first_line(paragraph: Paragraph) -> None:
    """No first-line indent (in characters too: Word reads firstLineChars before firstLine)."""
    set_first_line(paragraph._p.get_or_add_pPr(), Pt(0), TEXT_SIZE)


def set_up_styles(document: Document) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if r_pr is not None:
            set_fonts(r_pr, TEXT_FONT)
            for tag in ("w:sz", "w:szCs"):
                element = r_pr.find(qn(tag))
                if element is not None:
                    element.set(qn("w:val"), "32")
            lang = r_pr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
        spacing = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr") + "/" + qn("w:spacing"))
        if spacing is not None:
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), str(LINE_PITCH_TWIPS))
            spacing.set(qn("w:lineRule"), "exact")
    normal = styles["Normal"]
    style_paragraphs(normal, TEXT_FONT, TEXT_SIZE, first_line=Emu(TEXT_SIZE * 2))
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # The report's title; the body's headings: 黑体, 楷体, then the text's face in bold.
    style_paragraphs(
        styles["Heading 1"],
        TITLE_FONT,
        TITLE_SIZE,
        first_line=Pt(0),
        line=Pt(36),
        before=LINE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    style_paragraphs(styles["Heading 2"], HEI_FONT, TEXT_SIZE, first_line=Emu(TEXT_SIZE * 2))
    style_paragraphs(styles["Heading 3"], KAI_FONT, TEXT_SIZE, first_line=Emu(TEXT_SIZE * 2))
    for level in (4, 5, 6, 7, 8, 9):
        style_paragraphs(styles[f"Heading {level}"], TEXT_FONT, TEXT_SIZE, bold=True, first_line=Emu(TEXT_SIZE * 2))
    for level in range(1, 10):
        styles[f"Heading {level}"].paragraph_format.keep_with_next = True
    quote = styles.add_style(STYLES.quote, WD_STYLE_TYPE.PARAGRAPH)
    quote.base_style = normal
    style_paragraphs(quote, KAI_FONT, TEXT_SIZE)
    cell = styles.add_style(STYLES.cell, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    style_paragraphs(cell, TEXT_FONT, SMALL_SIZE, first_line=Pt(0), line=None)
    set_off_grid(cell.element.get_or_add_pPr())
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    code = styles.add_style(STYLES.code, WD_STYLE_TYPE.PARAGRAPH)
    code.base_style = normal
    style_paragraphs(code, TEXT_FONT, SMALL_SIZE, first_line=Pt(0), line=None)
    set_off_grid(code.element.get_or_add_pPr())
    code.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    toc = styles.add_style(TOC_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    toc.base_style = normal
    style_paragraphs(toc, TEXT_FONT, TEXT_SIZE, first_line=Pt(0))
    unit = styles.add_style(UNIT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    unit.base_style = normal
    style_paragraphs(unit, KAI_FONT, TEXT_SIZE, first_line=Pt(0), align=WD_ALIGN_PARAGRAPH.CENTER)
    unit.paragraph_format.keep_with_next = True
    add_alternative_fonts(document)


def add_alternative_fonts(document: Document) -> None:
    """The font table names each face with an alternative (宋体 for 方正小标宋简体 …) and the
    GB2312 character set, for a Word or LibreOffice that lacks the face."""
    for rel in document.part.rels.values():
        if rel.reltype != RT.FONT_TABLE or rel.is_external:
            continue
        part = rel.target_part
        table = etree.fromstring(part.blob)
        for name, alternative in ALTERNATIVE_FONTS.items():
            font = etree.SubElement(table, qn("w:font"))
            font.set(qn("w:name"), name)
            for tag, value in (
                ("w:altName", alternative),
                ("w:charset", "86"),
                ("w:family", "roman" if name in (TITLE_FONT, SONG_FONT) else "modern"),
                ("w:pitch", "variable" if name == TITLE_FONT else "fixed"),
            ):
                etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
        part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- the masthead and the contents -----------------------------------------------------------------


def plain_paragraph(document: Document, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    paragraph = document.add_paragraph()
    set_no_first_line(paragraph)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def write_masthead(document: Document, archive: Archive, issue: Issue) -> None:
    """内部资料 and the urgency mark at the top left, the red name, the numbers, office and date
    over the red rule."""
    if issue.classification == "内部":
        add_run(plain_paragraph(document), labels.INTERNAL_MARKING, HEI_FONT, TEXT_SIZE)
    urgency = find_urgency_mark(archive, issue)
    if urgency:
        add_run(plain_paragraph(document), urgency, HEI_FONT, TEXT_SIZE)
    name = plain_paragraph(document, WD_ALIGN_PARAGRAPH.CENTER)
    size = Pt(max(22, min(MASTHEAD_SIZE, int(TEXT_WIDTH.pt * 0.95 / max(1, len(issue.series.name))))))
    name.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    name.paragraph_format.line_spacing = Pt(size.pt * 1.3)
    name.paragraph_format.space_before = LINE
    name.paragraph_format.space_after = Pt(size.pt * 0.3)
    add_run(name, issue.series.name, TITLE_FONT, size).font.color.rgb = RED
    number = plain_paragraph(document, WD_ALIGN_PARAGRAPH.CENTER)
    add_run(number, f"{labels.issue_label(issue)}（{labels.total_label(issue)}）", TEXT_FONT, TEXT_SIZE)
    meta = plain_paragraph(document)
    meta.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    meta.paragraph_format.space_after = LINE
    add_run(meta, f"{archive.settings.office}\t{labels.format_date(issue.date)}", TEXT_FONT, TEXT_SIZE)
    set_border(meta, "bottom", size=18, color=str(RED), space=4)


def set_border(paragraph: Paragraph, side: str, *, size: int, color: str, space: int = 1) -> None:
    """A rule on one side of a paragraph (size in eighths of a point)."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = p_pr.find(qn("w:pBdr"))
    if borders is None:
        borders = insert_in_order(p_pr, OxmlElement("w:pBdr"), PPR_ORDER)
    border = OxmlElement(f"w:{side}")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), str(size))
    border.set(qn("w:space"), str(space))
    border.set(qn("w:color"), color)
    borders.append(border)


def set_off_grid(p_pr: Any) -> None:
    """Lines of their own height, not snapped to the document grid (tables, code, page numbers)."""
    if p_pr.find(qn("w:snapToGrid")) is None:
        insert_in_order(p_pr, OxmlElement("w:snapToGrid"), PPR_ORDER).set(qn("w:val"), "0")


# The order of the children of w:pPr and w:tblPr in the schema: Word refuses a file with another.
PPR_ORDER = tuple(
    qn(f"w:{tag}")
    for tag in [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)
TBLPR_ORDER = tuple(
    qn(f"w:{tag}")
    for tag in [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
        "tblPrChange",
    ]
)


def insert_in_order(parent: Any, child: Any, order: tuple[str, ...]) -> Any:
    """Put ``child`` among ``parent``'s children where the schema's ``order`` wants it."""
    rank = order.index(child.tag)
    for index, sibling in enumerate(parent):
        if sibling.tag in order and order.index(sibling.tag) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def write_editor_note(document: Document, issue: Issue) -> None:
    """编者按 under the masthead, in 楷体 after a bold 黑体 label, as the issue page has it."""
    note = issue.details.note if issue.details is not None else ""
    paragraphs = [line.strip() for line in note.split("\n") if line.strip()]
    for index, text in enumerate(paragraphs):
        paragraph = document.add_paragraph()
        if index == 0:
            add_run(paragraph, "编者按：", HEI_FONT, TEXT_SIZE, bold=True)
        add_run(paragraph, text, KAI_FONT, TEXT_SIZE)


def write_contents(document: Document, archive: Archive, issue: Issue) -> None:
    """本期目录: each report's title and its units."""
    heading = plain_paragraph(document, WD_ALIGN_PARAGRAPH.CENTER)
    heading.paragraph_format.space_before = LINE
    add_run(heading, "本期目录", HEI_FONT, TEXT_SIZE)
    for index, report in enumerate(issue.reports, start=1):
        paragraph = add_styled(document, "", TOC_STYLE)
        paragraph.paragraph_format.left_indent = Emu(TEXT_SIZE * 2)
        set_hanging(paragraph, Emu(int(TEXT_SIZE * 1.5)))
        add_run(paragraph, f"{index}. {report.title}")
        add_run(paragraph, f"（{labels.unit_names(archive, report)}）", KAI_FONT, TEXT_SIZE)


def set_hanging(paragraph: Paragraph, indent: Length) -> None:
    paragraph.paragraph_format.first_line_indent = -indent


# --- the reports ---------------------------------------------------------------------------------


def write_report(document: Document, archive: Archive, report: Report) -> None:
    """Title, units, 更正 notices, the text."""
    add_styled(document, report.title, "Heading 1")
    add_styled(document, labels.unit_names(archive, report), UNIT_STYLE)
    emergency = describe_emergency(archive, report)
    if emergency:
        add_styled(document, emergency, UNIT_STYLE)
    for correction in report.corrections:
        paragraph = document.add_paragraph()
        add_run(paragraph, f"更正（{labels.format_date(correction.date)}）", HEI_FONT, TEXT_SIZE, bold=True)
        add_run(paragraph, correction.note)
    write_body(document, demote_html_headings(render_body_html(report), 1), STYLES)


def describe_emergency(archive: Archive, report: Report) -> str:
    """事件：…　等级：…　阶段：续报一　报告时间：…: a 紧急信息 report's event and stage, as its issue
    page says them (whether it was on time is the office's own reckoning, not printed)."""
    item = describe_report_emergency(archive, report)
    if item is None:
        return ""
    parts = []
    if item.event is not None:
        parts.append(f"事件：{item.event.name}")
        if item.grade:
            parts.append(f"等级：{labels.grade_label(item.grade)}")
    parts.append(f"阶段：{item.stage}")
    parts.append(f"报告时间：{labels.format_moment(item.reported)}")
    return "　".join(parts)


# --- the 版记 --------------------------------------------------------------------------------------


def write_distribution(document: Document, issue: Issue) -> None:
    """报/送/发, then 责任编辑/审核/签发 and （共印N份）, in a table of one column between a thick
    rule above and below and thin rules between (the 版记 of GB/T 9704), at the foot of the
    last page: the table floats at the bottom of the text block, anchored to a last, empty
    paragraph one point high, and the text above it never runs under it."""
    printed = issue.printed
    lines = [
        (label, value)
        for label, value in (("报", printed.to_higher), ("送", printed.to_leaders), ("发", printed.to_units))
        if value
    ]
    staff = [
        (label, value)
        for label, value in (("责任编辑", printed.editor), ("审核", printed.reviewer), ("签发", printed.signer))
        if value
    ]
    copies = issue.details.copies if issue.details is not None else None
    if not (lines or staff or copies):
        return
    rows = len(lines) + (1 if staff or copies else 0)
    table = document.add_table(rows=rows, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_table_rules(table)
    set_at_page_foot(table)
    anchor = plain_paragraph(document)
    anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    anchor.paragraph_format.line_spacing = Pt(1)
    set_off_grid(anchor._p.get_or_add_pPr())
    cells = [row.cells[0] for row in table.rows]
    for cell, (label, value) in zip(cells, lines, strict=False):
        paragraph = distribution_paragraph(cell.paragraphs[0])
        add_run(paragraph, f"{label}：{value}", TEXT_FONT, SMALL_SIZE)
    if staff or copies:
        paragraph = distribution_paragraph(cells[-1].paragraphs[0])
        # Right-aligned at the paragraph's right indent (tabs count from the margin, not the indent).
        paragraph.paragraph_format.tab_stops.add_tab_stop(Emu(TEXT_WIDTH - SMALL_SIZE), WD_TAB_ALIGNMENT.RIGHT)
        text = "　".join(f"{label}：{value}" for label, value in staff)
        if copies:
            text += f"\t（共印{copies}份）"
        add_run(paragraph, text, TEXT_FONT, SMALL_SIZE)


def set_at_page_foot(table: Any) -> None:
    """The table floats at the bottom of the text block, centred, the text kept clear of it."""
    tbl_pr = table._tbl.tblPr
    place = insert_in_order(tbl_pr, OxmlElement("w:tblpPr"), TBLPR_ORDER)
    for name, value in (
        ("leftFromText", "0"),
        ("rightFromText", "0"),
        ("topFromText", "0"),
        ("bottomFromText", "0"),
        ("vertAnchor", "margin"),
        ("horzAnchor", "margin"),
        ("tblpXSpec", "center"),
        ("tblpYSpec", "bottom"),
    ):
        place.set(qn(f"w:{name}"), value)
    insert_in_order(tbl_pr, OxmlElement("w:tblOverlap"), TBLPR_ORDER).set(qn("w:val"), "never")


def distribution_paragraph(paragraph: Paragraph) -> Paragraph:
    fmt = paragraph.paragraph_format
    set_no_first_line(paragraph)
    fmt.left_indent = SMALL_SIZE
    fmt.right_indent = SMALL_SIZE
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.keep_with_next = True
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return paragraph


def set_table_rules(table: Any) -> None:
    """Thick rules (0.35 mm) above and below, thin ones (0.25 mm) between rows, none at the sides."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 6), ("insideV", 0)):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single" if size else "nil")
        if size:
            border.set(qn("w:sz"), str(size))
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
        borders.append(border)
    insert_in_order(tbl_pr, borders, TBLPR_ORDER)
    existing = tbl_pr.find(qn("w:tblW"))
    if existing is not None:
        tbl_pr.remove(existing)
    width = insert_in_order(tbl_pr, OxmlElement("w:tblW"), TBLPR_ORDER)
    width.set(qn("w:w"), str(round(TEXT_WIDTH.pt * 20)))
    width.set(qn("w:type"), "dxa")


# --- the file --------------------------------------------------------------------------------------


def find_file_date(issue: Issue) -> dt.datetime:
    """The file's date: the issue's, or its latest 更正's (09:00 Beijing time, in UTC for the file)."""
    day = max([issue.date, *(c.date for r in issue.reports for c in r.corrections)])
    return dt.datetime(day.year, day.month, day.day, 1, 0, 0)  # 09:00 in Beijing


def set_properties(document: Document, archive: Archive, issue: Issue) -> None:
    properties = document.core_properties
    properties.title = clean_text(labels.issue_title(issue))
    properties.subject = clean_text(issue.series.name)
    properties.author = clean_text(archive.settings.office)
    properties.last_modified_by = clean_text(archive.settings.office)
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    properties.language = "zh-CN"
    stamp = find_file_date(issue).replace(tzinfo=dt.UTC)
    properties.created = stamp
    properties.modified = stamp
    # python-docx's template carries a thumbnail of an empty page: not this issue's, and not needed.
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]
            package_rels._target_parts_by_rId.pop(rel_id, None)


def save_document(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class FixedZipWriter:
    """python-docx's writer of the package's zip (its ``write`` and ``close``), with every entry
    dated ``date_time``, deflated at one level, with no system-dependent attributes."""

    def __init__(self, stream: IO[bytes], date_time: tuple[int, int, int, int, int, int]) -> None:
        self.zip = zipfile.ZipFile(stream, "w")
        self.date_time = date_time

    def write(self, pack_uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self.date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0
        entry.external_attr = 0
        self.zip.writestr(entry, blob, compresslevel=6)

    def close(self) -> None:
        self.zip.close()


def save_stable(document: Document, stamp: dt.datetime) -> bytes:
    """The document's package as python-docx writes it (parts in the same order), through a
    writer that dates every entry ``stamp``: the same bytes on every machine and at every time.
    (python-docx's own writer dates them by the wall clock; writing once, not twice, is also
    a third faster.)"""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer = FixedZipWriter(buffer, (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, 0))
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)  # type: ignore[arg-type]
    writer.close()
    return buffer.getvalue()
