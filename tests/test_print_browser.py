"""What a reader gets on paper: the built sample_server printed by headless Chromium (page.pdf, the
engine of Ctrl+P) and looked at in print media."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.build]

A4_PORTRAIT = (595, 842)  # points, rounded
A4_LANDSCAPE = (842, 595)
LANDSCAPE_TEXT_PX = round((297 - 28 - 26) / 25.4 * 96)  # the notice's text width on paper, in CSS px
WEB_ONLY = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".bl-header-search",
    ".md-skip",
    ".bl-file-notice",
    ".bl-pager",
    ".bl-permalink",
    ".md-footer",
)
REPORT_WITH_INSTRUCTION = "/reports/2025/0122-yingji-yanhua/"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


def page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Each page's size in points, from the PDF's MediaBox entries (Chromium writes one a page)."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(round(float(w)), round(float(h))) for w, h in boxes]


def print_pdf(page, address: str, path) -> bytes:
    page.goto(address)
    page.pdf(path=str(path), prefer_css_page_size=True)  # as Ctrl+P: the page's own @page sizes
    return path.read_bytes()


def look_at_pdf(path: Path, picture: Path) -> None:
    """Page 1 of a PDF as an image (pdfium, as Chromium's viewer draws it), saved to look at.
    Drawn whole before it is saved: no waiting on a viewer that a busy machine draws late."""
    pdf = pdfium.PdfDocument(path.read_bytes())
    pdf[0].render(scale=1).to_pil().convert("RGB").save(picture)


def assert_web_only_parts_hidden(page) -> None:
    page.emulate_media(media="print")
    for selector in WEB_ONLY:
        for element in page.locator(selector).all():
            assert element.evaluate("e => getComputedStyle(e).display") == "none", selector


def test_an_issue_prints_on_a4_in_the_bulletins_face_with_no_web_parts(page, sample_server, tmp_path):
    pdf = print_pdf(page, f"{sample_server}/jrxx/2026/001/", tmp_path / "issue.pdf")
    sizes = page_sizes(pdf)
    assert len(sizes) >= 2 and set(sizes) == {A4_PORTRAIT}
    assert_web_only_parts_hidden(page)
    body = page.locator(".md-content .md-typeset").first
    assert body.evaluate("e => getComputedStyle(e).fontSize") == "21.3333px"  # 16 pt
    family = body.evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith("FangSong, 仿宋") and "Noto Serif CJK SC" in family
    heading = page.locator(".bl-report > h2").first
    assert heading.evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
    assert page.locator(".bl-footer").evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.screenshot(path=str(tmp_path / "issue-print.png"), full_page=True)


def test_a_report_keeps_its_headings_and_its_instruction_with_their_text(page, sample_server, tmp_path):
    pdf = print_pdf(page, f"{sample_server}{REPORT_WITH_INSTRUCTION}", tmp_path / "report.pdf")
    assert set(page_sizes(pdf)) == {A4_PORTRAIT}
    assert_web_only_parts_hidden(page)
    assert page.locator("h2#instructions").evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
    assert page.locator(".bl-instruction").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    bold_heading = page.locator("p:has(> strong)", has_text="三、工作建议").first  # a heading written in bold
    assert bold_heading.evaluate("e => getComputedStyle(e).breakAfter") == "avoid"
    assert len(page_sizes(pdf)) == 2  # 三、工作建议 moved to page 2 with its text (seen in the viewer)
    look_at_pdf(tmp_path / "report.pdf", tmp_path / "report-page1.png")


def test_the_notice_prints_landscape_with_every_column_and_its_number(page, browser, sample_server, tmp_path):
    path = tmp_path / "notice.pdf"
    pdf = print_pdf(page, f"{sample_server}/stats/2026/10/", path)
    sizes = page_sizes(pdf)
    assert len(sizes) >= 2 and set(sizes) == {A4_LANDSCAPE}  # every page landscape, none blank portrait
    assert_web_only_parts_hidden(page)
    csv_link = page.get_by_text("下载本表（CSV）")
    assert csv_link.evaluate("e => getComputedStyle(e.closest('p')).display") == "none"
    page.set_viewport_size({"width": LANDSCAPE_TEXT_PX, "height": 900})
    head = page.locator(".bl-notice-head")
    assert [line for line in head.inner_text().split("\n") if line] == [
        "中共示例市委办公室",
        "示委办信通〔2026〕10号",
        "2026年11月30日",
    ]
    tables = page.locator(".bl-ranking table")
    assert tables.count() >= 5
    for table in tables.all():
        # every column on the paper: the table no wider than the text, no scroll frame around it
        assert table.evaluate("t => t.scrollWidth <= t.closest('.md-typeset').clientWidth + 1")
        assert table.locator("th").last.is_visible()
        frame = table.evaluate("t => getComputedStyle(t.closest('.md-typeset__scrollwrap') || t).overflowX")
        assert frame == "visible"
    look_at_pdf(path, tmp_path / "notice-page1.png")
    assert (tmp_path / "notice-page1.png").stat().st_size > 20_000  # a page with a table, not a blank one
