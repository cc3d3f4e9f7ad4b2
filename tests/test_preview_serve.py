"""The editors' preview as a reviewer uses it: a real `mkdocs serve` of a fixture archive.

A pending report has a page marked 待刊 at its future address (and none in the published
build); a report broken while the preview runs shows its problems in the browser at once,
at every address, and the fix brings the site back.
"""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import BUILD_EPOCH, BULLETIN, CHROMIUM_ARGS, build_cache_dir, copy_fixture, edit, write

pytestmark = pytest.mark.build

PENDING = "reports/2026/1120-yingji-pending.md"
PENDING_URL = "/reports/2026/1120-yingji-pending/"
PENDING_TEXT = "市应急管理局部署今冬明春森林防火工作"
PROBLEM = f"{PENDING}:4: category: 没有“工作动太”这个栏目，是不是“工作动态”？"
REQUEST_SECONDS = 5  # a request that hangs this long fails: before, one hung ten minutes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Preview:
    """`mkdocs serve` of ``root`` as `make serve` starts it, on a free port."""

    def __init__(self, root: Path, tmp: Path, months: int = 3) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "serve.log"
        environment = {
            **os.environ,
            "SOURCE_DATE_EPOCH": BUILD_EPOCH,
            "NO_MKDOCS_2_WARNING": "1",
            "BULLETIN_PREVIEW_MONTHS": str(months),  # as `make serve` (PREVIEW_MONTHS=3)
            "BULLETIN_CACHE_DIR": str(build_cache_dir(root)),
            "TMPDIR": str(tmp),  # MkDocs serves from a temporary folder: this test's own
        }
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
                cwd=root,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while "Serving on" not in self.log.read_text(encoding="utf-8"):
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{self.output()}"
            assert time.monotonic() < deadline, f"mkdocs serve did not start:\n{self.output()}"
            time.sleep(0.2)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def get(self, path: str) -> tuple[int, str]:
        """The status and HTML of ``path``; a request that hangs REQUEST_SECONDS fails (a timeout)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=REQUEST_SECONDS) as response:
                answer = (response.status, response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            answer = (error.code, error.read().decode("utf-8"))
        return answer

    def wait_for(self, path: str, wanted: Callable[[int, str], bool], seconds: float = 30) -> tuple[int, str]:
        """Ask for ``path`` until its answer is ``wanted`` (the preview notices a change within a second)."""
        deadline = time.monotonic() + seconds
        while True:
            status, page = self.get(path)
            if wanted(status, page):
                return status, page
            assert time.monotonic() < deadline, (
                f"{path} never became what was wanted:\n{text_of(page)}\n{self.output()}"
            )
            time.sleep(0.3)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary folder
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def text_of(page: str) -> str:
    """The visible text of a served page's article."""
    start = page.find("<article")
    article = page[start : page.rfind("</article>")] if start >= 0 else page
    article = re.sub(r"<script\b.*?</script>", " ", article, flags=re.DOTALL)
    article = re.sub(r"</?(?:a|span|strong|em|code)\b[^>]*>", "", article)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "archive")


@pytest.fixture
def preview(archive: Path, tmp_path: Path) -> Iterator[Preview]:
    server = Preview(archive, tmp_path)
    yield server
    server.stop()


def test_pending_report_has_a_page_marked_pending_at_its_future_address(preview):
    status, page = preview.get(PENDING_URL)
    assert status == 200
    text = text_of(page)
    assert "待刊：本稿件已审定，尚未编入任何一期，还没有发布" in text
    assert "市应急管理局部署冬季森林防火工作" in text  # its title
    assert PENDING_TEXT in text  # its text, as it will be published
    assert "刊发：待刊（拟用《今日信息》，尚未编入任何一期）" in text
    # the list of pending reports leads to it, and the home page to the list
    status, listing = preview.get("/pending/")
    assert status == 200
    assert '<a href="../reports/2026/1120-yingji-pending/">市应急管理局部署冬季森林防火工作</a>' in listing
    assert PENDING in text_of(listing)
    status, home = preview.get("/")
    assert "预览：另有 1 篇待刊稿件" in text_of(home)
    assert 'href="pending/"' in home


def test_published_build_has_no_page_for_a_pending_report(archive, tmp_path):
    result = subprocess.run(
        [BULLETIN, "--root", str(archive), "build"],
        env={
            **os.environ,
            "SOURCE_DATE_EPOCH": BUILD_EPOCH,
            "NO_MKDOCS_2_WARNING": "1",
            "BULLETIN_CACHE_DIR": str(build_cache_dir(archive)),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = archive / "site"
    assert (site / "reports/2026/0105-yunling-chalv/index.html").exists()  # a published report
    assert not (site / "reports/2026/1120-yingji-pending").exists()
    assert not (site / "pending").exists()
    # every page's text but the note shown only to a reader who opened the site as a file (which
    # tells how to serve it, make serve among the ways): a word of the reader's, not the preview's
    file_notice = re.compile(r'<div class="bl-file-notice".*?</p>\s*</div>\s*</div>', re.DOTALL)
    everything = "".join(file_notice.sub("", page.read_text(encoding="utf-8")) for page in site.rglob("*.html"))
    assert "1120-yingji-pending" not in everything
    assert PENDING_TEXT not in everything
    assert "待刊稿件" not in everything
    assert "make serve" not in everything  # no word of the preview's on the published site
    # the published search page has its index, and no word of the preview's
    search = file_notice.sub("", (site / "search/index.html").read_text(encoding="utf-8"))
    assert "make serve" not in search


def test_report_broken_while_serving_shows_its_problem_at_once_and_the_fix_brings_the_page_back(preview):
    assert preview.get(PENDING_URL)[0] == 200
    good = (preview.root / PENDING).read_text(encoding="utf-8")
    edit(preview.root, PENDING, "category: 工作动态", "category: 工作动太")
    status, page = preview.wait_for(PENDING_URL, lambda status, page: PROBLEM in text_of(page))
    assert status == 404  # the page is not there: the preview's only page is the problems'
    assert "稿件库中有 1 个问题" in text_of(page)
    assert PENDING_TEXT not in text_of(page)
    # every address shows the problems, styled from the site's root whatever its depth
    for path in ("/", "/jrxx/2026/001/", "/search/"):
        assert PROBLEM in text_of(preview.get(path)[1])
    assert '<base href="/">' in preview.get("/jrxx/2026/001/")[1]
    # the terminal has them too
    assert PROBLEM in preview.output()

    (preview.root / PENDING).write_text(good, encoding="utf-8")
    status, page = preview.wait_for(PENDING_URL, lambda status, page: status == 200)
    assert PENDING_TEXT in text_of(page)
    assert "待刊：本稿件已审定" in text_of(page)
    assert preview.get("/jrxx/2026/001/")[0] == 200


def test_preview_started_on_a_broken_archive_serves_its_problems_escaped(archive, tmp_path):
    write(
        archive,
        "reports/2026/1201-yunling-xinpian.md",
        """
        ---
        title: 云岭县新稿件
        unit: yunling
        category: 工作动态
        "<script>alert(1)</script>": 1
        ---
        正文。
        """,
    )
    server = Preview(archive, tmp_path)  # before, `mkdocs serve` stopped at once
    try:
        status, page = server.get("/reports/2026/1201-yunling-xinpian/")
        assert status == 404
        text = text_of(page)
        assert "reports/2026/1201-yunling-xinpian.md:5: <script>alert(1)</script>:" in text
        assert "<script>alert(1)</script>" not in page  # shown as text, never as markup
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    finally:
        server.stop()


def test_any_other_failed_rebuild_shows_what_mkdocs_said_and_does_not_hang(preview):
    """A failure the archive's checks do not catch: the navigation names a page that is not
    there (a warning, which fails the build in strict mode)."""
    settings = preview.root / "mkdocs.yml"
    good = settings.read_text(encoding="utf-8")
    settings.write_text(
        good.replace("  - 增刊: zk/index.md\n", "  - 增刊: zk/index.md\n  - 关于: about.md\n"), encoding="utf-8"
    )
    status, page = preview.wait_for("/jrxx/", lambda status, page: "预览没有生成" in page)
    assert status == 404
    assert "A reference to 'about.md' is included in the 'nav' configuration" in html.unescape(page)
    assert "Aborted with 1 warnings in strict mode!" in page
    assert preview.get("/")[0] == 200
    settings.write_text(good, encoding="utf-8")
    status, page = preview.wait_for("/jrxx/", lambda status, page: status == 200)
    assert "《今日信息》" in text_of(page)


def test_preview_search_page_tells_the_editor_what_to_do(preview):
    status, page = preview.get("/search/")
    assert status == 200
    text = text_of(page)
    assert "这是预览（make serve），没有生成检索索引" in text
    assert "make serve PREVIEW_MONTHS=0" in text
    assert "请联系信息科" not in text


def test_preview_of_recent_months_says_what_it_leaves_out_and_its_404_says_why(archive, tmp_path):
    server = Preview(archive, tmp_path, months=1)  # the last month: 《今日信息（增刊）》2026年第1期 only
    try:
        banner = "预览（make serve）：只生成了最近 1 个月的期次"
        for path in ("/", "/jrxx/", "/zk/2026/001/", PENDING_URL):
            status, page = server.get(path)
            assert status == 200
            assert banner in text_of(page), path
        # an issue older than the preview's month: not built, and the 404 page says why
        status, page = server.get("/jrxx/2026/001/")
        assert status == 404
        assert banner in html.unescape(re.sub(r"<[^>]+>", "", page))
        assert "要预览全部，请用 make serve PREVIEW_MONTHS=0" in html.unescape(page)
    finally:
        server.stop()


# --- in the browser ----------------------------------------------------------------------------


@pytest.fixture
def browser_page(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        browser.close()


@pytest.mark.browser
def test_open_page_shows_the_problem_by_itself_and_comes_back_after_the_fix(preview, browser_page, tmp_path):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(preview.url + PENDING_URL)
    expect(page.locator(".bl-pending-note")).to_contain_text("待刊")
    page.screenshot(path=str(tmp_path / "pending.png"), full_page=True)
    good = (preview.root / PENDING).read_text(encoding="utf-8")
    edit(preview.root, PENDING, "category: 工作动态", "category: 工作动太")
    # MkDocs' live reload takes the open page to the problems: the editor does nothing
    expect(page.locator("#bl-problems li")).to_have_text(
        [PROBLEM + "可以写：工作动态、经验做法、问题建议、调研报告、社情民意"], timeout=15_000
    )
    # styled as the site: the theme's stylesheet reached it from this depth
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    page.screenshot(path=str(tmp_path / "problems.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "problems-390.png"), full_page=True)
    (preview.root / PENDING).write_text(good, encoding="utf-8")
    # … and the page of problems goes back to the report once the build is good again
    expect(page.locator(".bl-pending-note")).to_contain_text("待刊", timeout=15_000)
    expect(page.locator("article")).to_contain_text(PENDING_TEXT)


@pytest.mark.browser
def test_preview_search_says_there_is_no_index_and_what_to_do(preview, browser_page, tmp_path):
    from playwright.sync_api import expect

    page = browser_page
    page.goto(preview.url + "/search/?q=防火")
    status = page.locator("#bl-search-status")
    expect(status).to_have_text("预览里没有检索索引，搜不到内容：见本页上方的说明。", timeout=10_000)
    expect(status).not_to_contain_text("请联系信息科")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(tmp_path / "search-390.png"), full_page=True)
