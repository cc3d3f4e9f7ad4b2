"""Accessibility (WCAG 2.1 AA) and the site at any path or opened as a file, as a reader meets them
(issue 15, items 3 and 4): the built sample and fixture sites in headless Chromium.

Contrast is checked twice: by this module's own script (every visible text against the background
it is drawn on, ancestors' colours and opacities blended in) and by axe-core, whose axe.min.js
comes inside the pinned PyPI wheel axe-playwright-python (no Node, nothing fetched at test time).
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import importlib.util
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import copy_fixture, run_build
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.build]  # every test opens a built site

WIDTHS = (1280, 390)  # a desktop and a phone

# WCAG 2.1 contrast of every visible text on the page: its colour (times the opacity of it and its
# ancestors) over its effective background (the first opaque background among its ancestors, with
# the translucent ones above it blended in; white at the top). Large text (24px, or 18.66px bold)
# needs 3:1, other text 4.5:1. SVG text is measured by its fill, inputs by their value or placeholder.
CONTRAST_SCRIPT = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const background = (element) => {
    const layers = [];
    for (let e = element; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const describe = (element) => {
    const path = [];
    for (let e = element; e && e.nodeType === 1 && path.length < 3; e = e.parentElement) {
      const name = typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "";
      path.unshift(e.tagName.toLowerCase() + name);
    }
    return path.join(" > ");
  };
  const offenders = [];
  let checked = 0;
  const consider = (element, colour, text) => {
    const rect = element.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return;  // visually hidden (captions, the skip link)
    if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return;
    const style = getComputedStyle(element);
    const ink = parse(colour);
    if (!ink) return;
    for (let e = element; e && e.nodeType === 1; e = e.parentElement) ink[3] *= parseFloat(getComputedStyle(e).opacity);
    const paper = background(element);
    const [light, dark] = [luminance(over(ink, paper)), luminance(paper)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
    const needed = large ? 3 : 4.5;
    checked++;
    if (ratio + 1e-6 < needed) {
      const rgb = "rgb(" + paper.slice(0, 3).map(Math.round).join(", ") + ")";
      offenders.push(`${describe(element)} «${text.slice(0, 20)}» ${colour} on ${rgb}: ${ratio.toFixed(2)}:1 < ${needed}:1`);
    }
  };
  for (const element of document.querySelectorAll("body *")) {
    if (["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TITLE", "DESC"].includes(element.tagName.toUpperCase())) continue;
    if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) {
      if (["hidden", "checkbox", "radio"].includes(element.type)) continue;
      if (element.value) consider(element, getComputedStyle(element).color, element.value);
      else if (element.placeholder) consider(element, getComputedStyle(element, "::placeholder").color, element.placeholder);
      continue;
    }
    const text = [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (!text) continue;
    const style = getComputedStyle(element);
    consider(element, element instanceof SVGElement ? style.fill : style.color, text);
  }
  return { checked, offenders: [...new Set(offenders)] };
}
"""
AXE_SCRIPT = Path(str(importlib.util.find_spec("axe_playwright_python").origin)).with_name("axe.min.js")  # type: ignore[union-attr]
AXE_RUN = """
() => axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
  .then((r) => r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")))
"""


# --- the site as a web server serves it ---------------------------------------------------------


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The site at the path ``prefix`` of the server; its 404.html, with status 404, for every
    missing address (as nginx's ``error_page 404 /prefix/404.html``)."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        address = path.split("?", 1)[0].split("#", 1)[0]
        if not address.startswith(self.prefix):
            return str(Path(self.directory) / "no such folder" / "no such file")
        return super().translate_path("/" + address[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """The address of ``site`` served at ``prefix`` on localhost (ends with the prefix)."""
    handler = type("Handler", (SiteHandler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def open_page(browser, width: int = 1280) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.fixture(scope="module")
def sample_pages(sample_site) -> dict[str, str]:
    """The sample of pages the checks open, found in the built site (not named by the sample's data):
    home, an issue, a report with 批示, a month's notice and a year's view with charts, the units,
    a search with results, a missing page."""

    def first(pattern: str, holding: str) -> Path:
        for path in sorted(sample_site.glob(pattern)):
            if holding in path.read_text(encoding="utf-8"):
                return path
        raise AssertionError(f"no page {pattern} holding {holding}")

    def address(path: Path) -> str:
        return "/" + path.parent.relative_to(sample_site).as_posix() + "/"

    report = first("reports/*/*/index.html", 'id="instructions"')
    title = re.search(r'<h1 id="report">([^<]+)</h1>', report.read_text(encoding="utf-8"))
    assert title, report
    return {
        "home": "/",
        "issue": address(first("jrxx/*/*/index.html", "bl-masthead")),
        "report": address(report),
        "notice": address(first("stats/*/*/index.html", "bl-chart-svg")),
        "year": address(first("stats/*/index.html", "bl-chart-svg")),
        "units": "/units/",
        "emergency": "/emergency/",  # the board: overdue in red, statuses in colour
        "event": address(first("emergency/*/*/index.html", "bl-timeline-entry--bad")),
        "emergency-issue": address(first("jjxx/*/*/index.html", "bl-urgency")),
        "network": "/network/",  # the network's trees: greyed towns without a point, silent points in red
        "sqmy-issue": address(first("sqmy/*/*/index.html", "bl-masthead")),  # 《社情民意》's own masthead
        "search": "/search/?q=" + title[1][:4],
        "missing": "/reports/no-such-report/",
    }


def settle(page: Page, name: str) -> None:
    """Wait until the page is what a reader sees: the theme's script has run; a search has answered."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => !!window.document$")
    if name == "search":
        expect(page.locator(".bl-search-result").first).to_be_visible(timeout=20000)
    page.wait_for_timeout(300)  # the theme wraps its tables after loading


# --- colour contrast ------------------------------------------------------------------------------


def test_every_text_meets_aa_contrast(browser, sample_site, sample_pages, tmp_path):
    offenders = []
    with serve(sample_site) as base:
        for width in WIDTHS:
            page = open_page(browser, width)
            for name, path in sample_pages.items():
                page.goto(base + path.lstrip("/"))
                settle(page, name)
                expect(page.locator("#bl-file-notice")).to_be_hidden()  # served: no word about files
                result = page.evaluate(CONTRAST_SCRIPT)
                assert result["checked"] >= 5, (name, result)
                offenders += [f"{width}px {path}: {o}" for o in result["offenders"]]
                if width == 390:
                    page.screenshot(path=str(tmp_path / f"{name}-390.png"), full_page=True)
                assert page.errors == [], page.errors
            page.context.close()
    assert offenders == [], "text below WCAG 2.1 AA contrast:\n" + "\n".join(offenders)


def test_contrast_check_fails_on_the_old_red(browser, sample_site):
    """The check sees a regression: the theme's own red (#ef5552) back on links and the header."""
    with serve(sample_site) as base:
        page = open_page(browser)
        page.goto(base)
        settle(page, "home")
        page.add_style_tag(content="[data-md-color-primary=red] { --md-primary-fg-color: #ef5552; }")
        page.wait_for_timeout(500)  # the theme's links change colour in a transition
        offenders = page.evaluate(CONTRAST_SCRIPT)["offenders"]
        page.context.close()
    assert any("md-tabs__link" in o and "3.45:1" in o for o in offenders), offenders
    assert any(
        re.match(r"\S+ > li > a «.+» rgb\(239, 85, 82\) on rgb\(255, 255, 255\): 3.45:1", o) for o in offenders
    ), offenders


def test_axe_core_finds_no_wcag_aa_violation(browser, sample_site, sample_pages):
    violations = []
    with serve(sample_site) as base:
        for width in WIDTHS:
            page = open_page(browser, width)
            for name, path in sample_pages.items():
                page.goto(base + path.lstrip("/"))
                settle(page, name)
                page.add_script_tag(path=str(AXE_SCRIPT))
                violations += [f"{width}px {path}: {v}" for v in page.evaluate(AXE_RUN)]
            page.context.close()
    assert violations == [], "axe-core (WCAG 2.1 A/AA):\n" + "\n".join(violations)


# --- language, tables, skip link, charts ----------------------------------------------------------


class TableAudit(html.parser.HTMLParser):
    """Every <table> of a page: whether it has a caption with text, and its header cells' scopes."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self.lang: str | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif tag == "table":
            self.tables.append({"caption": "", "scopes": []})
        elif tag == "caption" and self.tables:
            self._in_caption = True
        elif tag == "th" and self.tables:
            self.tables[-1]["scopes"].append(dict(attrs).get("scope"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.tables[-1]["caption"] += data.strip()


def test_every_page_is_zh_cn_and_every_table_has_caption_and_scopes(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    pages = [p for p in pages if "pagefind" not in p.parts]
    assert len(pages) > 20
    tables = 0
    for path in pages:
        audit = TableAudit()
        audit.feed(path.read_text(encoding="utf-8"))
        assert audit.lang == "zh-CN", path
        figures = path.relative_to(sample_site).parts[0] in ("stats", "units", "commissions", "network")
        for table in audit.tables:
            tables += figures
            # the figure pages name each table; a table in a report's text has no caption to give
            assert table["caption"] or not figures, f"{path}: a table without caption"
            assert table["scopes"] and all(s in ("col", "row") for s in table["scopes"]), f"{path}: {table}"
    assert tables > 10  # the notices, years, units and 约稿 have tables


def test_tables_are_named_by_their_caption_and_page_speaks_zh_cn(browser, sample_site, sample_pages):
    with serve(sample_site) as base:
        page = open_page(browser)
        page.goto(base + sample_pages["notice"].lstrip("/"))
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        heading = page.locator("h1").text_content()
        first = page.locator(".bl-ranking table").first
        name = first.locator("caption").text_content()
        assert name.startswith(heading) and name.endswith("县（区）"), name
        expect(page.get_by_role("table", name=name)).to_be_visible()
        expect(first.locator("thead th").first).to_have_attribute("scope", "col")
        expect(page.locator("caption").first).not_to_be_in_viewport()  # read out, not shown twice
        page.context.close()


def test_skip_link_lands_on_the_report_not_past_its_text(browser, sample_site, sample_pages):
    with serve(sample_site) as base:
        page = open_page(browser)
        page.goto(base + sample_pages["report"].lstrip("/"))
        page.keyboard.press("Tab")
        skip = page.locator(".md-skip")
        expect(skip).to_be_focused()
        expect(skip).to_have_text("跳转至")
        page.keyboard.press("Enter")
        target = page.evaluate("location.hash")
        assert target == "#report"
        landed = page.locator(target)
        expect(landed).to_be_in_viewport()
        assert landed.evaluate("e => e.tagName") == "H1"
        order = page.evaluate(
            """t => {
              const [h, body, instructions] = [t, '.bl-body', '#instructions'].map(s => document.querySelector(s));
              const before = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
              return [before(h, body), before(body, instructions)];
            }""",
            target,
        )
        assert order == [True, True]  # the heading, then the text, then the 批示
        page.context.close()


def test_charts_read_on_a_phone(browser, sample_site, sample_pages, tmp_path):
    with serve(sample_site) as base:
        page = open_page(browser, 390)
        page.goto(base + sample_pages["notice"].lstrip("/"))
        settle(page, "notice")
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")  # the page itself fits
        charts = page.locator("svg.bl-chart-svg")
        assert charts.count() >= 1
        for index in range(charts.count()):
            chart = charts.nth(index)
            facts = chart.evaluate(
                """svg => {
                  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                  const labels = [...svg.querySelectorAll('.bl-chart-label')].map(t => t.getBoundingClientRect());
                  const overlaps = labels.slice(1).filter((r, i) => r.top < labels[i].bottom - 0.5).length;
                  const size = parseFloat(getComputedStyle(svg.querySelector('.bl-chart-label')).fontSize);
                  return { shown: size * scale, overlaps, labels: labels.length };
                }"""
            )
            assert facts["shown"] >= 11, facts  # at least 11px on screen
            assert facts["overlaps"] == 0 and facts["labels"] >= 2, facts
        # the frame scrolls to the values at the bars' ends, and the keyboard can reach it
        frame = page.locator(".bl-chart-frame").first
        frame.focus()
        expect(frame).to_be_focused()
        assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function("f => f.scrollLeft > 0", arg=frame.element_handle(), timeout=3000)
        frame.scroll_into_view_if_needed()
        frame.screenshot(path=str(tmp_path / "chart-390.png"))
        page.context.close()


# --- the 404 page at any path --------------------------------------------------------------------


# Every stylesheet of the page loaded (one answered by the 404 page itself would be refused: HTML).
STYLES_LOADED = """() => {
  const links = [...document.querySelectorAll('link[rel=stylesheet]')];
  return links.length >= 2 && links.every((l) => l.sheet && l.sheet.cssRules.length > 0);
}"""


def assert_styled_404(page: Page, address: str) -> None:
    page.goto(address)
    expect(page.locator("h1")).to_have_text("404：没有这个页面")
    page.wait_for_function(STYLES_LOADED, timeout=5000)
    header = page.locator(".md-header")
    assert header.evaluate("h => getComputedStyle(h).position") == "sticky"  # the theme's
    assert header.bounding_box()["height"] < 80  # not an unstyled page with a huge logo
    assert page.locator(".md-logo svg").first.evaluate("s => s.getBoundingClientRect().height") < 60


@pytest.mark.parametrize("prefix", ["/", "/xinxi/", "/oa/xinxi/"])
def test_404_page_is_styled_and_leads_home_under_any_path(browser, built, prefix):
    """site_url empty (as in the sample): the page finds the site's root from the missing address."""
    with serve(built / "site", prefix) as base:
        page = open_page(browser)
        for missing in ("reports/2026/no-such-report/", "jrxx/2099/001/", "no-such-page", "a/b/c/", "old/reports/x/"):
            assert_styled_404(page, base + missing)
        page.get_by_role("link", name="回到首页").click()
        expect(page.locator("h1").first).to_be_visible()
        assert page.url == base, page.url
        assert_styled_404(page, base + "nothing/here/")
        page.get_by_role("link", name="搜索信息", exact=True).click()
        assert page.url == base + "search/", page.url
        assert page.errors == [], page.errors
        page.context.close()


def test_404_page_never_takes_another_host_for_its_root(browser, built):
    """A hostile address (//other.host/reports/…) leaves the page on its own server."""
    with serve(built / "site") as base:
        page = open_page(browser)
        elsewhere = []
        page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith(base) else None)
        for address in ("/evil.example/reports/x/", "/evil.example/nothing", "/%2F%2Fevil.example/x"):
            assert_styled_404(page, base + address)
            assert page.evaluate("document.baseURI").startswith(base), page.evaluate("document.baseURI")
        assert elsewhere == [], elsewhere
        page.context.close()


def test_404_page_with_a_sub_path_site_url(browser, tmp_path):
    """site_url naming the path: MkDocs makes the page's links absolute from it."""
    root = copy_fixture(tmp_path / "archive")
    config = root / "mkdocs.yml"
    config.write_text("site_url: http://intranet.example/xinxi/\n" + config.read_text(encoding="utf-8"), "utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    page_404 = (root / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="/xinxi/assets/bulletin.css"' in page_404
    with serve(root / "site", "/xinxi/") as base:
        page = open_page(browser, 390)
        assert_styled_404(page, base + "reports/2026/gone/")
        page.goto(base)  # and the rest of the site at that path
        page.wait_for_function(STYLES_LOADED, timeout=5000)
        page.context.close()


# --- opened as a file -----------------------------------------------------------------------------


def test_site_opened_as_a_file_says_how_to_serve_it_and_still_reads(browser, sample_site, tmp_path):
    site = sample_site.resolve()
    page = open_page(browser, 390)
    page.goto((site / "index.html").as_uri())
    notice = page.locator("#bl-file-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("make serve")
    expect(notice).to_contain_text("python3 -m http.server")
    assert page.evaluate(CONTRAST_SCRIPT)["offenders"] == []
    page.screenshot(path=str(tmp_path / "file-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    # the tabs lead to pages, not to a folder's listing
    page.locator(".md-tabs__link", has_text="今日信息").first.click()
    assert page.url.endswith("/jrxx/index.html"), page.url
    expect(page.locator("h1")).to_contain_text("今日信息")
    expect(page.locator("#bl-file-notice")).to_be_visible()
    page.locator(".md-typeset a[href*='/0']").first.click()  # an issue of the list
    expect(page.locator(".bl-masthead")).to_be_visible()
    # search cannot run from a file, and says so on the page instead of staying blank
    box = page.locator(".bl-header-search__input")
    box.fill("防汛")
    box.press("Enter")
    assert "/search/index.html?q=" in page.url, page.url
    expect(page.locator("#bl-search-status")).to_contain_text("本网站是作为本地文件打开的")
    assert page.errors == [], page.errors
    page.context.close()
