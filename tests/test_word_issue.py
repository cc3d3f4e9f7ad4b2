"""The Word file of an issue (issue 13, items 1 and 7): reopened with python-docx, it reads
like the paper bulletin and like the issue's page.

The sample archive gives the masthead, 编者按, 版记 and 共印N份 (《今日信息》2026年第22期), a
unit's former name (市商务和投资促进局, renamed on 2025-12-31) and every report's text; a
small fixture archive gives the body's headings, lists, quotes, a table and a 更正 notice.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from helpers import REPO, copy_fixture, write
from lxml import etree

from bulletin.archive import load_archive
from bulletin.documents.issueword import PPR_ORDER, TBLPR_ORDER, write_issue_docx
from bulletin.labels import format_moment, unit_names
from bulletin.markup.reportbody import demote_html_headings, render_body_html
from bulletin.model import Archive, Issue
from bulletin.pages.emergency import find_urgency_mark

MOMENT = dt.datetime(2026, 11, 30, 9, 0)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sample() -> Archive:
    return load_archive(REPO)


def find_issue(archive: Archive, series: str, year: int, number: int) -> Issue:
    return next(i for i in archive.issues if (i.series.key, i.year, i.number) == (series, year, number))


def open_docx(archive: Archive, issue: Issue) -> docx.document.Document:
    return docx.Document(io.BytesIO(write_issue_docx(archive, issue, moment=MOMENT)))


def east_asian_font(element) -> str | None:
    """The East Asian font named in a run's or a style's properties."""
    fonts = element.find(f"{W}rPr/{W}rFonts")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


# --- the sample's issue with 编者按 and 共印N份 ---------------------------------------------------


def test_the_masthead_reads_like_the_printed_bulletin(sample):
    issue = find_issue(sample, "jrxx", 2026, 22)
    document = open_docx(sample, issue)
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "内部资料　注意保存"
    name = paragraphs[1]
    assert name.text == "今日信息"
    assert name.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = name.runs[0]
    assert str(run.font.color.rgb) == "C8161D"  # red
    assert run.font.size >= Pt(36)
    assert east_asian_font(run._r) == "方正小标宋简体"
    assert paragraphs[2].text == "2026年第22期（总第3090期）"
    assert paragraphs[3].text == "中共示例市委办公室\t2026年11月16日"
    rule = paragraphs[3]._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert rule is not None and rule.get(qn("w:color")) == "C8161D"


def test_the_editor_note_follows_the_masthead_with_its_bold_label(sample):
    document = open_docx(sample, find_issue(sample, "jrxx", 2026, 22))
    note = document.paragraphs[4]
    assert note.text.startswith("编者按：入冬以来，保供暖、稳就业、防风险任务交织叠加。")
    assert note.runs[0].text == "编者按：" and note.runs[0].bold
    assert document.paragraphs[5].text == "请各地各部门结合实际，把问题想在前面、把工作做在前面。"
    assert east_asian_font(note.runs[1]._r) == "楷体_GB2312"


def test_the_contents_and_the_titles_are_the_issues_reports_in_order(sample):
    issue = find_issue(sample, "jrxx", 2026, 22)
    document = open_docx(sample, issue)
    lines = texts(document)
    start = lines.index("本期目录")
    expected = [f"{n}. {r.title}（{unit_names(sample, r)}）" for n, r in enumerate(issue.reports, start=1)]
    assert lines[start + 1 : start + 1 + len(expected)] == expected
    titles = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert titles == [r.title for r in issue.reports]
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            assert paragraph.alignment is None  # centred by its style
    heading = document.styles["Heading 1"]
    assert heading.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian_font(heading.element) == "方正小标宋简体"


def test_the_distribution_lines_staff_and_copies_close_the_file_between_rules(sample):
    issue = find_issue(sample, "jrxx", 2026, 22)
    document = open_docx(sample, issue)
    table = document.tables[-1]
    rows = [row.cells[0].text for row in table.rows]
    printed = issue.printed
    assert rows == [
        f"报：{printed.to_higher}",
        f"送：{printed.to_leaders}",
        f"发：{printed.to_units}",
        f"责任编辑：{printed.editor}　审核：{printed.reviewer}　签发：{printed.signer}\t（共印85份）",
    ]
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    assert borders.find(f"{W}top").get(qn("w:val")) == "single"
    assert borders.find(f"{W}bottom").get(qn("w:val")) == "single"
    assert borders.find(f"{W}insideH").get(qn("w:val")) == "single"
    assert borders.find(f"{W}left").get(qn("w:val")) == "nil"
    # At the foot of the last page: floating at the bottom of the text block, nothing after it
    # but the empty paragraph it is anchored to.
    place = table._tbl.tblPr.find(f"{W}tblpPr")
    assert (place.get(qn("w:vertAnchor")), place.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    body = document.element.body
    assert body[-3] is table._tbl and body[-1].tag == f"{W}sectPr"
    assert body[-2].tag == f"{W}p" and not "".join(body[-2].itertext())
    # （共印N份） right-aligned one character in from the right edge, like the lines' indent.
    tab = table.rows[-1].cells[0].paragraphs[0].paragraph_format.tab_stops[0]
    assert round(tab.position.mm) == 156 - 5


def test_an_issue_without_details_has_no_note_and_no_copies(sample):
    issue = find_issue(sample, "jrxx", 2026, 21)
    assert issue.details is None
    document = open_docx(sample, issue)
    assert not any("编者按" in text for text in texts(document))
    assert "共印" not in document.tables[-1].rows[-1].cells[0].text
    assert document.tables[-1].rows[-1].cells[0].text.startswith("责任编辑：")


# --- the page ----------------------------------------------------------------------------------


def test_the_page_is_a4_with_the_margins_and_grid_of_gbt_9704(sample):
    document = open_docx(sample, find_issue(sample, "jrxx", 2026, 22))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid.get(qn("w:type")) == "linesAndChars"
    # 22 lines in 225 mm of text: a pitch of 28.95 pt; 28 characters of 16 pt in 156 mm.
    pitch = int(grid.get(qn("w:linePitch"))) / 20
    assert int((297 - 37 - 35) / 25.4 * 72 / pitch) == 22
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert int((210 - 28 - 26) / 25.4 * 72 / char_pitch) == 28
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert east_asian_font(normal.element) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    indent = normal.element.find(f"{W}pPr/{W}ind")
    assert indent.get(qn("w:firstLineChars")) == "200"


def test_page_numbers_are_at_the_bottom_on_the_outer_side(sample):
    document = open_docx(sample, find_issue(sample, "jrxx", 2026, 22))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        assert not footer.is_linked_to_previous
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == side
        field = paragraph._p.find(f"{W}fldSimple")
        assert field is not None and field.get(qn("w:instr")).strip() == "PAGE"
        text = "".join(t.text for t in paragraph._p.iter(f"{W}t"))
        assert text == "— 1 —"
        sizes = {r.get(qn("w:val")) for r in paragraph._p.iter(f"{W}sz")}
        assert sizes == {"28"}  # 四号
        assert {east_asian_font(r) for r in paragraph._p.iter(f"{W}r")} == {"宋体"}


# --- units and urgency --------------------------------------------------------------------------


def test_an_old_issue_prints_the_name_the_unit_had_then(sample):
    old = next(r for r in sample.reports if r.id == "0911-shangwu-xiaofei")
    new = next(r for r in sample.reports if r.id == "0831-shangwu-xiaofei-ji")
    for report, name in ((old, "市商务和投资促进局"), (new, sample.units["shangwu"].name)):
        issue = next(i for i in sample.issues if report in i.reports)
        lines = texts(open_docx(sample, issue))
        title = lines.index(report.title)
        assert lines[title + 1] == name
        assert f"{report.title}（{name}）" in " ".join(lines)
    assert sample.units["shangwu"].name != "市商务和投资促进局"


def test_an_emergency_issue_carries_its_urgency_mark(sample):
    marked = [(i, find_urgency_mark(sample, i)) for i in sample.issues if i.series.emergency]
    issue, mark = next((i, m) for i, m in marked if m)
    lines = texts(open_docx(sample, issue))
    assert mark in lines[:2]
    assert lines[lines.index(mark) + 1] == issue.series.name
    # Each report says its event, grade, stage and time under its unit, as the issue page does.
    report = issue.reports[0]
    event = next(e for e in sample.events if e.id == report.emergency.event)
    title = lines.index(report.title)
    details = lines[title + 2]
    assert details.startswith(f"事件：{event.name}　等级：")
    assert f"阶段：{report.emergency.label}" in details
    assert details.endswith(f"报告时间：{format_moment(report.emergency.reported)}")


# --- every report's text ------------------------------------------------------------------------


def html_pieces(html_text: str) -> list[str]:
    """The texts between the tags of an HTML fragment, entities decoded, blanks taken out."""
    import html

    pieces = (html.unescape(p) for p in re.split(r"<[^>]*>", html_text))
    return [re.sub(r"\s+", "", p) for p in pieces if p.strip()]


def test_no_text_of_any_sample_report_is_lost(sample):
    for issue in sample.issues:
        document = open_docx(sample, issue)
        whole = re.sub(r"\s+", "", "".join(texts(document)))
        for report in issue.reports:
            place = whole.index(re.sub(r"\s+", "", report.title))
            for piece in html_pieces(demote_html_headings(render_body_html(report), 1)):
                found = whole.find(piece, place)
                assert found >= 0, f"{report.id}: {piece!r} is missing"
                place = found + len(piece)


# --- the body: a small archive with every kind of block ---------------------------------------------

BODY = """
今年以来，云岭县依托高山茶园资源，
推动茶产业与乡村旅游融合发展。

# 一、主要做法

**一是建好茶园步道。**全县新建茶园观光步道42公里。

## （一）办好节会

1. 春茶开采节
2. 秋茶品鉴会
    - 线上直播
    - 线下展销

> 群众说：*“茶园变成了花园。”*

| 乡镇 | 游客（万人次） |
|---|---|
| 青石镇 | 1.2 |
| 白岭乡 | **0.8** |

### 1. 下一步

继续办好“茶旅融合”。
"""


@pytest.fixture
def rich(tmp_path: Path) -> tuple[Archive, Issue]:
    root = copy_fixture(tmp_path / "archive")
    header = """
        ---
        title: 云岭县“茶旅融合”带动山区群众增收
        unit: yunling
        issue: 1
        date: 2026-01-05
        order: 1
        category: 经验做法
        corrections:
          - {date: 2026-01-07, note: 第二段“42公里”应为“24公里”。}
        ---
        """
    write(root, "reports/2026/0105-yunling-chalv.md", textwrap.dedent(header) + BODY.lstrip("\n"))
    archive = load_archive(root, today=dt.date(2026, 12, 31))
    return archive, find_issue(archive, "jrxx", 2026, 1)


def body_of(document, title: str) -> list:
    paragraphs = document.paragraphs
    start = next(n for n, p in enumerate(paragraphs) if p.text == title)
    end = next((n for n, p in enumerate(paragraphs) if n > start and p.style.name == "Heading 1"), len(paragraphs))
    return paragraphs[start + 2 : end]


def test_headings_of_the_body_have_their_level_and_face(rich):
    archive, issue = rich
    document = open_docx(archive, issue)
    paragraphs = body_of(document, issue.reports[0].title)
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 2", "一、主要做法"), ("Heading 3", "（一）办好节会"), ("Heading 4", "1. 下一步")]
    assert east_asian_font(document.styles["Heading 2"].element) == "黑体"
    assert east_asian_font(document.styles["Heading 3"].element) == "楷体_GB2312"
    for level in (2, 3):
        style = document.styles[f"Heading {level}"]
        assert style.font.size == Pt(16) and not style.font.bold and str(style.font.color.rgb) == "000000"
    assert document.styles["Heading 4"].font.bold


def test_the_correction_notice_comes_before_the_text(rich):
    archive, issue = rich
    document = open_docx(archive, issue)
    paragraphs = body_of(document, issue.reports[0].title)
    notice = paragraphs[0]
    assert notice.text == "更正（2026年1月7日）第二段“42公里”应为“24公里”。"
    assert notice.runs[0].text == "更正（2026年1月7日）" and notice.runs[0].bold
    assert paragraphs[1].text == "今年以来，云岭县依托高山茶园资源，推动茶产业与乡村旅游融合发展。"


def test_bold_lead_ins_lists_and_quotes_keep_their_form(rich):
    archive, issue = rich
    paragraphs = body_of(open_docx(archive, issue), issue.reports[0].title)
    lead = next(p for p in paragraphs if p.text.startswith("一是"))
    assert [(r.text, bool(r.bold)) for r in lead.runs] == [
        ("一是建好茶园步道。", True),
        ("全县新建茶园观光步道42公里。", False),
    ]
    lines = [p.text for p in paragraphs]
    assert [t for t in lines if t[:1] in "12◦"][:4] == ["1. 春茶开采节", "2. 秋茶品鉴会", "◦ 线上直播", "◦ 线下展销"]
    inner = next(p for p in paragraphs if p.text == "◦ 线上直播")
    outer = next(p for p in paragraphs if p.text == "1. 春茶开采节")
    assert (inner.paragraph_format.left_indent or 0) > (outer.paragraph_format.left_indent or 0)
    quote = next(p for p in paragraphs if "茶园变成了花园" in p.text)
    assert quote.style.name == "引文"
    assert east_asian_font(document_style(quote)) == "楷体_GB2312"
    assert any(r.italic for r in quote.runs)


def document_style(paragraph):
    return paragraph.style.element


def test_a_table_keeps_its_cells_header_and_borders(rich):
    archive, issue = rich
    document = open_docx(archive, issue)
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["乡镇", "游客（万人次）"],
        ["青石镇", "1.2"],
        ["白岭乡", "0.8"],
    ]
    assert table.style.name == "Table Grid"  # borders on every cell
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[2].cells[1].paragraphs[0].runs[0].bold
    assert not table.rows[1].cells[0].paragraphs[0].runs[0].bold


# --- Word's order of properties -------------------------------------------------------------------

RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]


def assert_in_order(element, order: list[str] | tuple[str, ...], where: str) -> None:
    tags = [child.tag.split("}")[1] for child in element if isinstance(child.tag, str)]
    ranks = [order.index(tag) for tag in tags if tag in order]
    assert ranks == sorted(ranks), f"{where}: {tags}"


def test_every_property_is_where_word_expects_it(rich):
    """Word calls a file with properties out of the schema's order unreadable."""
    archive, issue = rich
    data = write_issue_docx(archive, issue, moment=MOMENT)
    p_order = [tag.split("}")[1] for tag in PPR_ORDER]
    tbl_order = [tag.split("}")[1] for tag in TBLPR_ORDER]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
            root = etree.fromstring(package.read(name))
            for element in root.iter(f"{W}pPr"):
                assert_in_order(element, p_order, name)
            for element in root.iter(f"{W}rPr"):
                assert_in_order(element, RPR_ORDER, name)
            for element in root.iter(f"{W}tblPr"):
                assert_in_order(element, tbl_order, name)


def test_the_contents_units_and_titles_are_in_the_bulletins_styles(sample):
    from bulletin.documents.issueword import STYLE_IDS

    issue = find_issue(sample, "jrxx", 2026, 22)
    document = open_docx(sample, issue)
    for name, style_id in STYLE_IDS.items():
        assert document.styles[name].style_id == style_id
    styles = {p.text: p.style.name for p in document.paragraphs}
    report = issue.reports[0]
    assert styles[report.title] == "Heading 1"
    assert styles[unit_names(sample, report)] == "供稿单位"
    assert styles[f"1. {report.title}（{unit_names(sample, report)}）"] == "目录"


def test_a_public_issue_has_no_internal_marking_and_a_joint_report_names_both_units(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    archive = load_archive(root, today=dt.date(2026, 12, 31))
    issue = find_issue(archive, "jrxx", 2026, 2)
    assert issue.classification == "公开"
    lines = texts(open_docx(archive, issue))
    assert lines[0] == "今日信息"
    assert not any("内部资料" in line for line in lines)
    title = lines.index(issue.reports[0].title)
    assert lines[title + 1] == "禾丰县委办公室、云岭县青石镇"
