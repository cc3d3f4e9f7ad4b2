"""`bulletin import FILE.docx`: a unit's Word document as a pending report (issue 13, item 6).

Every document is built here with python-docx (XML injected where python-docx has no call:
footnotes, tracked changes, automatic Chinese numbering); the command runs as an editor runs
it (a real process), the file it writes must pass `bulletin check`, and its text, rendered by
the site's own Markdown renderer, must read exactly as the document does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml
from docx.shared import Pt
from helpers import run_build, run_bulletin, text_of
from hypothesis import given
from hypothesis import strategies as st

from bulletin import limits
from bulletin.archive import load_registers
from bulletin.commands.importing import import_word_report
from bulletin.errors import BulletinError
from bulletin.markup.reportbody import plain_text, render_markdown_body

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'
TITLE = "云岭县“茶旅融合”带动山区群众稳定增收"
DAY = dt.date(2026, 11, 20)


# --- documents ----------------------------------------------------------------------------------


def add_title(document, text: str = TITLE) -> None:
    """A title as units type it: centred, 二号 (22 pt), not in any heading style."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).font.size = Pt(22)


def add_numbering(document) -> str:
    """Word's automatic Chinese numbering: level 0 一、二、, level 1 （一）（二）; returns its numId."""
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {NS} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def number(paragraph, num_id: str, level: int) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def add_footnote(document, paragraph, text: str) -> None:
    """A footnote (python-docx has no call for one): the footnotes part and a reference run."""
    footnotes = (
        f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}'
        "</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, footnotes.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="1"/></w:r>'))


def add_bullets(document, items: list[tuple[str, int]]) -> None:
    """A bulleted list of two levels (● and ○, as Word's bullet button makes), each item at its level."""
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {NS} w:abstractNumId="91">'
            '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="○"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {NS} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    for text, level in items:
        number(document.add_paragraph(text), "91", level)


def full_document(path: Path) -> list[str]:
    """A unit's report with everything Word and its typists add; returns its text, block by block,
    as a reader of the Word document sees it (the footnote as 注1 at the end)."""
    document = docx.Document()
    add_title(document)
    document.add_paragraph("")  # empty paragraphs between, as typed
    document.add_paragraph("　　今年以来，云岭县依托高山茶园资源，推动茶旅融合发展。")  # full-width indentation
    document.add_paragraph("   ")
    heading_one = document.add_paragraph("基本情况")
    number(heading_one, add_numbering(document), 0)  # Word's own 一、
    lead = document.add_paragraph()
    lead.add_run("一是建好茶园步道。").bold = True
    lead.add_run("全县新建步道42公里，")
    lead.add_run().add_break()  # a manual line break inside the sentence
    lead.add_run("　　覆盖8个乡镇。")
    lead2 = document.add_paragraph()
    lead2.add_run("二是办好节会。").bold = True
    lead2.add_run("春茶开采节吸引游客3.6万人次")
    add_footnote(document, lead2, "数据来源：县文旅局统计。")
    lead2.add_run("。")
    document.add_paragraph("（一）强化组织领导")
    document.add_paragraph("1.建立工作台账")
    latin = document.add_paragraph("推广 Smart")
    latin.add_run().add_break()
    latin.add_run("Tea 平台。")
    document.add_paragraph(
        "# 不是标题，*不是* 强调，_也不是_，`不是代码`，[链接](https://example.invalid)，<b>不是HTML</b>"
    )
    document.add_paragraph("- 不是列表")
    document.add_paragraph("> 不是引用 {: .class} &amp; 1. 不是编号")
    document.add_paragraph("2026. 也不是编号")
    document.add_paragraph("```")
    linked = document.add_paragraph("详见")
    address = document.part.relate_to("https://yunling.example.invalid/", RT.HYPERLINK, is_external=True)
    linked._p.append(
        parse_xml(
            f'<w:hyperlink {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'r:id="{address}"><w:r><w:t>县政府网站</w:t></w:r></w:hyperlink>'
        )
    )
    linked.add_run("。")
    add_bullets(document, [("茶园步道", 0), ("观光车道", 1), ("采茶体验", 0)])
    heading_two = document.add_paragraph("存在的主要问题")
    number(heading_two, "90", 0)  # 二、
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["指标", "2025年", "2026年"], ["游客|人次", "2.1万", "3.6万"], ["*增收*", "800元", "1200元"]]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("")
    document.save(path)
    return [
        "今年以来，云岭县依托高山茶园资源，推动茶旅融合发展。",
        "一、基本情况",
        "一是建好茶园步道。全县新建步道42公里，覆盖8个乡镇。",
        "二是办好节会。春茶开采节吸引游客3.6万人次［注1］。",
        "（一）强化组织领导",
        "1.建立工作台账",
        "推广 Smart Tea 平台。",
        "# 不是标题，*不是* 强调，_也不是_，`不是代码`，[链接](https://example.invalid)，<b>不是HTML</b>",
        "- 不是列表",
        "> 不是引用 {: .class} &amp; 1. 不是编号",
        "2026. 也不是编号",
        "```",
        "详见县政府网站。",  # a link's text, not its address
        "茶园步道",
        "观光车道",
        "采茶体验",
        "二、存在的主要问题",
        *["指标", "2025年", "2026年", "游客|人次", "2.1万", "3.6万", "*增收*", "800元", "1200元"],
        "注1：数据来源：县文旅局统计。",
    ]


def import_word(root: Path, source: Path, *args: str, **environment: str):
    return run_bulletin("--root", str(root), "import", str(source), *args, **environment)


def report_files(root: Path) -> dict[str, bytes | None]:
    """Every file and folder of the archive (None for a folder), to see that nothing was written."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


def body_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


def without_blanks(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- what is kept ----------------------------------------------------------------------------------


def test_an_imported_document_passes_check_and_reads_exactly_as_the_document(archive_root, tmp_path):
    source = tmp_path / "云岭县茶旅融合.docx"
    expected = full_document(source)
    result = import_word(archive_root, source, "--unit", "云岭县委办公室", "--date", "2026-11-20")
    assert result.returncode == 0, result.stdout + result.stderr
    written = archive_root / result.stdout.strip()
    assert written.parent == archive_root / "reports" / "2026" and written.name.startswith("1120-yunling-")
    assert "已导入" in result.stderr and "1 个表格" in result.stderr and "1 条注释" in result.stderr
    text = written.read_text(encoding="utf-8")
    assert f'title: "{TITLE}"' in text and "unit: yunling" in text and "issue:" not in text  # pending

    checked = run_bulletin("--root", str(archive_root), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    pending = run_bulletin("--root", str(archive_root), "pending")
    assert TITLE in pending.stdout

    html = render_markdown_body(body_of(written))
    assert without_blanks(plain_text(html)) == without_blanks("".join(expected))  # every character, as typed
    assert "推广 Smart Tea 平台。" in plain_text(html)  # a break between Latin words is a space
    assert TITLE not in plain_text(html)  # the title is the front matter's, not repeated in the text


def test_structure_headings_bold_lead_ins_lists_and_tables_are_kept(archive_root, tmp_path):
    source = tmp_path / "report.docx"
    full_document(source)
    result = import_word(archive_root, source, "--unit", "yunling", "--date", "2026-11-20")
    assert result.returncode == 0, result.stdout + result.stderr
    body = body_of(archive_root / result.stdout.strip())
    html = render_markdown_body(body)
    # Headings one level below the title, as the sample reports write them (## 一、…).
    assert "## 一、基本情况" in body and "## 二、存在的主要问题" in body
    assert "### （一）强化组织领导" in body and "#### 1\\.建立工作台账" in body
    assert "<h3>一、基本情况</h3>" in html and "<h4>（一）强化组织领导</h4>" in html
    assert "<h5>1.建立工作台账</h5>" in html
    assert html.count("<h") - html.count("<hr") == 4  # and nothing else became a heading
    assert "<strong>一是建好茶园步道。</strong>全县新建步道42公里，覆盖8个乡镇。" in html
    assert "<strong>二是办好节会。</strong>" in html
    assert re.search(
        r"<ul>\s*<li>茶园步道\s*<ul>\s*<li>观光车道</li>\s*</ul>\s*</li>\s*<li>采茶体验</li>\s*</ul>", html
    )
    assert '<th scope="col">指标</th>' in html and "<td>游客|人次</td>" in html and "<td>*增收*</td>" in html
    for markup in ("<em>", "<code>", "<a ", "<b>", "<blockquote>", "<ol>", "<pre>", "<h1>", "<h2>"):
        assert markup not in html, markup
    assert body.rstrip().endswith("注1：数据来源：县文旅局统计。")
    assert "\n\n\n" not in body and "\u3000" not in body  # no empty paragraphs, no indentation


def test_a_document_without_a_title_needs_the_title_option(archive_root, tmp_path):
    source = tmp_path / "无标题.docx"
    document = docx.Document()
    document.add_paragraph("禾丰县春耕备耕工作有序推进，已完成播种面积3万亩。")
    document.save(source)
    before = report_files(archive_root)
    refused = import_word(archive_root, source, "--unit", "hefeng")
    assert refused.returncode == 1
    assert f"{source}: title: 文档里找不到标题" in refused.stdout and "--title" in refused.stdout
    assert report_files(archive_root) == before
    done = import_word(archive_root, source, "--unit", "hefeng", "--title", "禾丰县春耕备耕有序推进")
    assert done.returncode == 0, done.stdout + done.stderr
    written = (archive_root / done.stdout.strip()).read_text(encoding="utf-8")
    assert 'title: "禾丰县春耕备耕有序推进"' in written and "已完成播种面积3万亩。" in written
    assert run_bulletin("--root", str(archive_root), "check").returncode == 0


def test_the_title_option_replaces_the_documents_title(archive_root, tmp_path):
    source = tmp_path / "a.docx"
    document = docx.Document()
    add_title(document, "原来的标题")
    document.add_paragraph("正文第一段。")
    document.save(source)
    done = import_word(archive_root, source, "--unit", "yunling", "--title", "新的标题")
    assert done.returncode == 0, done.stdout + done.stderr
    written = (archive_root / done.stdout.strip()).read_text(encoding="utf-8")
    assert 'title: "新的标题"' in written and "原来的标题" not in written


def test_the_command_speaks_english_when_asked(archive_root, tmp_path):
    source = tmp_path / "a.docx"
    docx.Document().save(source)
    refused = import_word(archive_root, source, "--unit", "yunling", BULLETIN_LANG="en")
    assert refused.returncode == 1 and "text: " in refused.stdout
    assert not re.search(r"[\u4e00-\u9fff]", refused.stdout.replace(str(source), ""))


# --- what is refused, writing nothing ------------------------------------------------------------------


def one_paragraph_document(path: Path, extra_xml: str = "", text: str = "今年以来，云岭县推进茶旅融合。") -> None:
    document = docx.Document()
    add_title(document)
    paragraph = document.add_paragraph(text)
    if extra_xml:
        paragraph._p.append(parse_xml(extra_xml))
    document.save(path)


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def make_tracked_changes(path: Path) -> None:
    one_paragraph_document(
        path,
        f'<w:ins {NS} w:id="7" w:author="县委办" w:date="2026-11-20T09:00:00Z"><w:r><w:t>新增的一句。</w:t></w:r></w:ins>',
    )


def make_deletion(path: Path) -> None:
    one_paragraph_document(
        path, f'<w:del {NS} w:id="8" w:author="县委办"><w:r><w:delText>删去的一句。</w:delText></w:r></w:del>'
    )


def make_comment(path: Path) -> None:
    document = docx.Document()
    add_title(document)
    paragraph = document.add_paragraph()
    run = paragraph.add_run("今年以来，云岭县推进茶旅融合。")
    document.add_comment(run, text="这个数字请核实", author="县委办")
    document.save(path)


def make_image(path: Path) -> None:
    document = docx.Document()
    add_title(document)
    document.add_paragraph("茶园照片如下。")
    document.add_picture(io.BytesIO(tiny_png()))
    document.save(path)


def make_embedded_object(path: Path) -> None:
    one_paragraph_document(path, f'<w:r {NS}><w:object w:dxaOrig="100" w:dyaOrig="100"/></w:r>')


def make_text_file(path: Path) -> None:
    path.write_text("今年以来，云岭县推进茶旅融合。\n", encoding="utf-8")


def make_old_doc(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))


def make_encrypted(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le"))


def make_other_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")


def make_damaged(path: Path) -> None:
    buffer = io.BytesIO()
    one_paragraph_document(path)
    data = path.read_bytes()
    buffer.write(data[: len(data) // 2])
    path.write_bytes(buffer.getvalue())


def make_zip_bomb(path: Path) -> None:
    """A real .docx with one more part: 60 MB of zeros, about 60 KB packed."""
    one_paragraph_document(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/bomb.bin", b"\0" * (limits.MAX_WORD_UNPACKED_BYTES + 10 * 1024 * 1024))
    assert path.stat().st_size < 200 * 1024


def make_huge(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(limits.MAX_WORD_BYTES + 1)


def make_empty_document(path: Path) -> None:
    document = docx.Document()
    for _ in range(3):
        document.add_paragraph("　　")
    document.save(path)


def make_too_much_text(path: Path) -> None:
    document = docx.Document()
    add_title(document)
    line = "今年以来，云岭县依托高山茶园资源，推动茶旅融合发展。" * 3
    for _ in range(limits.MAX_REPORT_BYTES // len(line.encode("utf-8")) + 1):
        document.add_paragraph(line)
    document.save(path)


REFUSED = [
    (make_tracked_changes, "revision", "请先在 Word 里接受或拒绝所有修订"),
    (make_deletion, "revision", "1 处修订（“今年以来，云岭县推进茶旅……”这一段）"),
    (make_comment, "comment", "批注"),
    (make_image, "image", "1 处图片"),
    (make_embedded_object, "object", "嵌入的对象"),
    (make_text_file, "file", "不是 Word 文档（.docx）"),
    (make_old_doc, "file", "旧版的 Word 文档（.doc）"),
    (make_encrypted, "file", "设了打开密码"),
    (make_other_zip, "file", "不是 Word 文档"),
    (make_damaged, "file", "已损坏"),
    (make_zip_bomb, "file", f"解压后超过 {limits.MAX_WORD_UNPACKED_BYTES // 1024 // 1024} MB"),
    (make_huge, "file", f"超过 {limits.MAX_WORD_BYTES // 1024 // 1024} MB 的上限"),
    (make_empty_document, "text", "没有文字"),
    (make_too_much_text, "text", f"超过一篇报告的上限（{limits.MAX_REPORT_BYTES // 1024} KB）"),
]


@pytest.mark.parametrize("make, field, said", REFUSED, ids=[m.__name__ for m, _f, _s in REFUSED])
def test_what_cannot_be_imported_is_refused_in_chinese_and_nothing_is_written(
    archive_root, tmp_path, make, field, said
):
    """The command's own core, in this process (the command line's printing is tested below)."""
    source = tmp_path / "报送稿.docx"
    make(source)
    before = report_files(archive_root)
    settings, units = load_registers(archive_root)
    with pytest.raises(BulletinError) as refused:
        import_word_report(archive_root, settings, units, source, "报送稿.docx", "yunling", "标题", None, None, DAY)
    shown = [str(problem) for problem in refused.value.problems]
    assert any(line.startswith(f"报送稿.docx: {field}: ") and said in line for line in shown), shown
    assert report_files(archive_root) == before
    assert not list(archive_root.rglob(".*.tmp"))


def test_the_command_prints_a_refusal_as_path_field_message_and_writes_nothing(archive_root, tmp_path):
    source = tmp_path / "报送稿.docx"
    make_tracked_changes(source)
    before = report_files(archive_root)
    result = import_word(archive_root, source, "--unit", "yunling")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{source}: revision: 文档里有 1 处修订（“今年以来，云岭县推进茶旅……”这一段）：")
    assert "请先在 Word 里接受或拒绝所有修订" in result.stdout and "共 1 个问题" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert report_files(archive_root) == before


def test_a_missing_file_and_a_folder_are_named(archive_root, tmp_path):
    missing = import_word(archive_root, tmp_path / "没有.docx", "--unit", "yunling")
    assert missing.returncode == 1 and "file: 找不到这个文件" in missing.stdout
    folder = import_word(archive_root, tmp_path, "--unit", "yunling")
    assert folder.returncode == 1 and "file: 这不是一个文件" in folder.stdout


def test_a_text_too_long_for_a_report_is_refused_before_writing(archive_root, tmp_path):
    source = tmp_path / "长.docx"
    one_paragraph_document(source, text="很长的段落。" * (limits.MAX_PARAGRAPH_CHARS // 5))
    before = report_files(archive_root)
    result = import_word(archive_root, source, "--unit", "yunling")
    assert result.returncode == 1
    assert "转换出的报告通不过检查，未写入" in result.stdout and str(limits.MAX_PARAGRAPH_CHARS) in result.stdout
    assert report_files(archive_root) == before


def test_an_unknown_unit_is_refused_like_new_does(archive_root, tmp_path):
    source = tmp_path / "a.docx"
    one_paragraph_document(source)
    result = import_word(archive_root, source, "--unit", "没有这个单位")
    assert result.returncode == 1 and "unit: " in result.stdout


# --- escaping, on generated text ----------------------------------------------------------------------

MARKDOWN_HAZARDS = "#*_`[]()<>{}:|!\\&;-+.=~ 　1a中文"


@given(st.lists(st.text(alphabet=MARKDOWN_HAZARDS, min_size=1, max_size=40), min_size=1, max_size=4))
def test_any_text_with_markdown_characters_renders_as_typed_and_passes_the_body_checks(lines):
    """Whatever a typist put in a paragraph, a heading or a table cell, the page shows it as typed."""
    from bulletin.check.body import Text, check_body
    from bulletin.convert.worddocs import Piece, clean_pieces, escape_text, write_inline
    from bulletin.errors import Problems

    paragraphs = [clean_pieces([Piece(line, bold=i % 2 == 1)]) for i, line in enumerate(lines)]
    blocks = [write_inline(pieces) for pieces in paragraphs if pieces]
    blocks += ["## " + escape_text("".join(p.text for p in pieces), line_start=True) for pieces in paragraphs if pieces]
    cells = [escape_text("".join(p.text for p in pieces), line_start=False) for pieces in paragraphs if pieces]
    if cells:
        blocks.append("| " + " | ".join(cells) + " |\n|" + " --- |" * len(cells))
    body = "\n\n".join(blocks)
    problems = Problems()
    check_body(Text("reports/2026/x.md", body, 1), problems)
    assert not problems.items, (body, problems.items)
    typed = ["".join(p.text for p in pieces) for pieces in paragraphs if pieces]
    shown = plain_text(render_markdown_body(body))
    assert without_blanks(shown) == without_blanks("".join(typed * 3)), body


@pytest.mark.build
def test_an_imported_report_once_composed_reads_on_its_page_as_the_document(archive_root, tmp_path):
    source = tmp_path / "report.docx"
    expected = full_document(source)
    imported = import_word(archive_root, source, "--unit", "yunling", "--date", "2026-11-20")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    path = imported.stdout.strip()
    composed = run_bulletin("--root", str(archive_root), "compose", str(archive_root / path), "--date", "2026-11-20")
    assert composed.returncode == 0, composed.stdout + composed.stderr
    built = run_build(archive_root)
    assert built.returncode == 0, built.stderr
    page = archive_root / "site" / "reports" / "2026" / Path(path).stem / "index.html"
    shown = without_blanks(text_of(page))
    assert TITLE in shown and without_blanks("".join(expected)) in shown


def test_heading_styles_the_title_style_and_long_numbered_paragraphs(tmp_path):
    """Headings by Word's styles; a numbered paragraph that is a sentence stays text, its bold kept."""
    from bulletin.convert.worddocs import read_word_document

    document = docx.Document()
    document.add_paragraph("禾丰县春耕备耕有序推进", style="Title")
    document.add_paragraph("主要做法", style="Heading 1")
    document.add_paragraph("资金保障", style="Heading 2")
    long = document.add_paragraph()
    long.add_run("（一）加强组织领导。").bold = True
    long.add_run("县里成立春耕工作专班，每周调度一次进度。")
    document.add_paragraph("三、下一步打算：继续抓好田间管理，确保全年粮食稳产增产。")
    for item in ("1.整地", "2.育秧", "3.插秧"):
        document.add_paragraph(item)
    document.add_paragraph("四、存在问题")
    document.add_paragraph("部分村组劳动力不足。")
    path = tmp_path / "styles.docx"
    document.save(path)
    read = read_word_document(path, "styles.docx")
    assert read.title == "禾丰县春耕备耕有序推进"
    assert read.body.rstrip("\n").split("\n\n") == [
        "## 主要做法",
        "### 资金保障",
        "**（一）加强组织领导。**县里成立春耕工作专班，每周调度一次进度。",  # a sentence follows: text
        "三、下一步打算：继续抓好田间管理，确保全年粮食稳产增产。",  # a colon inside: text
        *("1\\.整地", "2\\.育秧", "3\\.插秧"),  # numbered one after another with nothing under them: a list
        "## 四、存在问题",
        "部分村组劳动力不足。",
    ]
    assert read.headings == 3


def test_the_docs_state_the_limits_of_a_word_document():
    from helpers import REPO

    readme = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    mb = 1024 * 1024
    stated = (
        f"| a Word document for `bulletin import` | {limits.MAX_WORD_BYTES // mb} MB; "
        f"{limits.MAX_WORD_UNPACKED_BYTES // mb} MB unpacked, {limits.MAX_WORD_PARTS} parts |"
    )
    assert stated in readme
