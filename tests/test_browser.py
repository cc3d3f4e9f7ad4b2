"""What a reader sees: the built fixture site served on localhost, opened in headless Chromium."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def server(built):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def page(chromium_path, server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
        page.outside_requests = outside
        yield page
        browser.close()


def test_reader_sees_masthead_contents_and_texts(page, server, tmp_path):
    page.goto(f"{server}/jrxx/2026/001/")
    masthead = page.locator(".bl-masthead")
    expect(masthead.locator(".bl-name")).to_have_text("今日信息")
    expect(masthead).to_contain_text("2026年第1期")
    expect(masthead).to_contain_text("总第101期")
    expect(masthead).to_contain_text("内部资料")
    # the series name is printed in red, as on paper
    color = masthead.locator(".bl-name").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(200, 22, 29)"
    contents = page.locator(".bl-contents li")
    expect(contents).to_have_count(2)
    expect(contents.nth(0)).to_contain_text("云岭县“茶旅融合”带动山区群众增收")
    expect(page.locator("article.bl-report h2")).to_have_text(
        ["云岭县“茶旅融合”带动山区群众增收", "市应急管理局开展岁末年初安全生产大排查"])
    expect(page.locator("#r-0105-yingji-paicha")).to_contain_text("整改隐患3418处")
    expect(page.locator(".bl-footer")).to_contain_text("签发：周启明")
    page.screenshot(path=str(tmp_path / "issue.png"), full_page=True)

    # a contents entry leads to the report's text on the same page
    contents.nth(1).locator("a").click()
    expect(page.locator("#r-0105-yingji-paicha")).to_be_in_viewport()
    # the next-issue link leads to the next issue
    page.locator(".bl-next").click()
    expect(page.locator(".bl-masthead")).to_contain_text("2026年第2期")
    assert page.outside_requests == []


def test_reader_follows_a_report_to_its_own_page(page, server):
    page.goto(f"{server}/jrxx/2026/001/")
    page.locator("#r-0105-yingji-paicha .bl-permalink").click()
    expect(page.locator("h1")).to_have_text("市应急管理局开展岁末年初安全生产大排查")
    expect(page.locator(".bl-instruction")).to_contain_text("安全生产无小事")
    page.get_by_role("link", name="《今日信息》2026年第1期（总第101期）").click()
    expect(page.locator(".bl-masthead")).to_be_visible()
    assert page.url.endswith("/jrxx/2026/001/#r-0105-yingji-paicha")


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The repository's own sample archive, built into a temporary folder and served."""
    from conftest import REPO, run_build

    target = tmp_path_factory.mktemp("sample") / "site"
    result = run_build(REPO, "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(target))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_sample_ranking_notice_reads_on_screen_and_in_print(page, sample_server, tmp_path):
    page.goto(f"{sample_server}/stats/2026/10/")
    expect(page.locator("h1")).to_have_text("2026年10月信息工作通报")
    first_table = page.locator(".bl-ranking table").first
    expect(first_table).to_be_visible()
    expect(first_table.locator("th").nth(9)).to_have_text("报送")  # the ledger of October is there
    # the table fits the page: no horizontal scrolling
    assert first_table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")
    chart = page.locator("svg.bl-chart-svg").first
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 500
    assert page.locator(".bl-chart-bar").count() == 22
    page.screenshot(path=str(tmp_path / "notice.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator(".bl-chart-bar").first.evaluate("e => getComputedStyle(e).fill") == "rgb(68, 68, 68)"
    expect(page.locator(".md-header")).to_be_hidden()
    page.emulate_media(media="screen")
    response = page.request.get(f"{sample_server}/stats/2026/10/ranking.csv")
    assert response.ok and response.body().startswith(b"\xef\xbb\xbf")
