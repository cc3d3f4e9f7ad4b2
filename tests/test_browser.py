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
