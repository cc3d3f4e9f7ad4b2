"""Each issue's PDF and Word file, as the build makes them: beside the issue page, linked from
it with their sizes, laid out after GB/T 9704 (A4, masthead, 版记, page numbers on the outer
side), read back with pypdfium2 (text, page size, positions, page 1 as an image) and python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
from helpers import copy_fixture, run_build, write

pytestmark = pytest.mark.build

LONG_PARAGRAPH = (
    "云岭县坚持把茶产业作为富民强县的主导产业，持续加大投入，完善链条，培育品牌，带动群众就近就业增收。" * 4
)
ISSUES = {
    # page source -> (series name, 第N期, 总第N期, report titles)
    "jrxx/2026/001": (
        "今日信息",
        "2026年第1期",
        "总第101期",
        ["云岭县“茶旅融合”带动山区群众增收", "市应急管理局开展岁末年初安全生产大排查"],
    ),
    "jrxx/2026/002": ("今日信息", "2026年第2期", "总第102期", ["禾丰县与青石镇联合推行“全程托管”服务"]),
    "zk/2026/001": ("今日信息（增刊）", "2026年第1期", "总第1期", ["关于云岭县山区茶农收入情况的调查与思考"]),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture archive with a long report (issue 1 runs over several pages) and issue 1's
    details (编者按, 共印120份), built."""
    root = copy_fixture(tmp_path_factory.mktemp("pdf") / "archive")
    report = root / "reports/2026/0105-yunling-chalv.md"
    report.write_text(
        report.read_text(encoding="utf-8") + "".join(f"\n{LONG_PARAGRAPH}\n" for _ in range(12)), encoding="utf-8"
    )
    write(root, "reports/issues/jrxx/2026/001.yml", "note: 本期刊发两篇信息，供领导同志参阅。\ncopies: 120\n")
    corrected = root / "reports/2026/0120-hefeng-qingshi-tuoguan.md"
    corrected.write_text(
        corrected.read_text(encoding="utf-8").replace(
            "classification: 公开\n",
            "classification: 公开\ncorrections:\n  - {date: 2026-02-03, note: 托管面积数字有误，已更正。}\n",
        ),
        encoding="utf-8",
    )
    result = run_build(root, documents=True)
    assert result.returncode == 0, result.stderr
    assert "PDF 和 Word：共 6 个文件" in result.stderr
    return root / "site"


def read_pdf(path: Path) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(path.read_bytes())


def page_texts(pdf: pdfium.PdfDocument) -> list[str]:
    return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]


def flat(text: str) -> str:
    """The text without line breaks and spaces (a title may wrap)."""
    return re.sub(r"\s+", "", text)


def document(site: Path, page: str, fmt: str) -> Path:
    series, year, number = page.split("/")
    return site / page / f"{series}-{year}-{number}.{fmt}"


def test_every_issue_has_its_pdf_and_word_file_beside_its_page_linked_with_sizes(site):
    for page in ISSUES:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        for fmt, label in (("pdf", "下载PDF"), ("docx", "下载Word")):
            path = document(site, page, fmt)
            assert path.is_file(), path
            size = path.stat().st_size
            shown = f"{round(size / 1024)} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"
            assert f'<a href="{path.name}">{label}</a><span class="bl-size">（{shown}）</span>' in html
        assert "bulletin-document-size" not in html  # every size written in
        assert 'class="bl-documents bl-web-only"' in html  # not printed


def test_the_pdf_text_holds_masthead_numbers_titles_colophon_and_page_numbers(site):
    for page, (name, number, total, titles) in ISSUES.items():
        pdf = read_pdf(document(site, page, "pdf"))
        texts = page_texts(pdf)
        whole = flat("".join(texts))
        assert flat(name) in flat(texts[0]) and number in texts[0] and total in texts[0]
        assert "中共示例市委办公室" in texts[0]
        for title in titles:
            assert flat(title) in whole
        assert "— 1 —" in texts[0]
        for text in texts:  # no title (nor its unit) left alone at a page's foot
            last = [line for line in text.split("\r\n") if line.strip() and not line.startswith("—")][-1]
            assert flat(last) not in {flat(title) for title in titles}
        lines = [line for line in texts[1 if len(texts) > 2 else 0].split("\r\n") if line.strip()]
        assert max(len(line) for line in lines) <= 29  # 28 characters a line (and a closing mark)
        if page.startswith("jrxx/"):
            last = flat(texts[-1])
            for line in (
                "报：省委办公厅",
                "送：市委常委",
                "发：各县（区）委",
                "责任编辑：林知远",
                "审核：许清和",
                "签发：周启明",
            ):
                assert line in last, line
            assert f"—{len(texts)}—" in last


def test_issue_1_carries_its_editors_note_copies_and_runs_over_pages(site):
    texts = page_texts(read_pdf(document(site, "jrxx/2026/001", "pdf")))
    assert len(texts) >= 2
    assert "编者按：本期刊发两篇信息，供领导同志参阅。" in flat(texts[0])
    assert "（共印120份）" in flat(texts[-1])
    assert "报：省委办公厅" not in flat("".join(texts[:-1]))  # the 版记 is on the last page only


def test_a_correction_is_printed_with_its_report_and_dates_the_file(site):
    pdf = read_pdf(document(site, "jrxx/2026/002", "pdf"))
    assert "更正（2026年2月3日）托管面积数字有误，已更正。" in flat(page_texts(pdf)[0])
    # The file's date is its latest 更正's, not the build's (byte-stable across commits).
    assert pdf.get_metadata_dict()["ModDate"].startswith("D:20260203")
    assert pdf.get_metadata_dict()["CreationDate"].startswith("D:20260203")


def test_pages_are_a4_and_numbered_on_the_outer_side(site):
    pdf = read_pdf(document(site, "jrxx/2026/001", "pdf"))
    for index in range(len(pdf)):
        width, height = pdf[index].get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    positions = []
    for index in (0, 1):
        textpage = pdf[index].get_textpage()
        found = textpage.search(f"— {index + 1} —").get_next()
        assert found is not None
        left, bottom, _right, _top = textpage.get_charbox(found[0])
        positions.append(left)
        assert bottom < 35 / 25.4 * 72  # in the bottom margin (35 mm)
    middle = pdf[0].get_size()[0] / 2
    assert positions[0] > middle  # page 1 (odd, a right-hand page): on the right
    assert positions[1] < middle  # page 2 (even): on the left


def test_the_word_file_has_the_same_report_titles(site):
    for page, (name, _number, _total, titles) in ISSUES.items():
        paragraphs = [p.text for p in docx.Document(str(document(site, page, "docx"))).paragraphs]
        text = flat("".join(paragraphs))
        assert flat(name) in text
        for title in titles:
            assert flat(title) in text


def test_page_1_shows_the_red_masthead_at_the_top(site, tmp_path):
    pdf = read_pdf(document(site, "jrxx/2026/001", "pdf"))
    image = pdf[0].render(scale=1).to_pil().convert("RGB")
    image.save(tmp_path / "jrxx-2026-001-page1.png")  # to look at: in pytest's folder of this test
    width, height = image.size
    pixels = image.load()

    def red(x: int, y: int) -> bool:
        r, g, b = pixels[x, y]
        return r > 180 and g < 90 and b < 90

    top = sum(red(x, y) for x in range(0, width, 2) for y in range(0, height * 2 // 5, 2))
    rest = sum(red(x, y) for x in range(0, width, 2) for y in range(height * 2 // 5, height, 2))
    assert top > 500  # the series' name in red and the red rule, in the top two fifths
    assert rest < top / 2  # below it only the thin rule under the contents
