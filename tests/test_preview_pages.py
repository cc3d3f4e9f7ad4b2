"""The preview's pages as the core renders them: pending reports only when asked, problems escaped."""

from __future__ import annotations

import datetime as dt

from bulletin.archive import load_archive
from bulletin.errors import Problem
from bulletin.pages.build import render_site
from bulletin.pages.preview import render_failed_build, render_problems_page

AS_OF = dt.date(2026, 12, 31)
MOMENT = dt.datetime(2026, 12, 31, 12, 0)
PENDING_SRC = "reports/2026/1120-yingji-pending.md"


def test_pending_reports_have_pages_only_in_the_preview(archive_root):
    archive = load_archive(archive_root)
    published = {page.src for page in render_site(archive, AS_OF, MOMENT).pages}
    assert PENDING_SRC not in published
    assert "pending/index.md" not in published
    preview = {page.src: page for page in render_site(archive, AS_OF, MOMENT, preview=True).pages}
    assert set(preview) - published == {PENDING_SRC, "pending/index.md"}
    assert "待刊</strong>：本稿件已审定" in preview[PENDING_SRC].html
    assert "市应急管理局部署今冬明春森林防火工作" in preview[PENDING_SRC].html


def test_problems_page_shows_each_problem_as_text_and_changes_with_them():
    hostile = Problem("reports/2026/x.md", 3, "<img src=x onerror=alert(1)>", "“</code><script>”不是栏目")
    page = render_problems_page([hostile])
    assert "<script>”" not in page.html and "<img src=x" not in page.html
    assert "reports/2026/x.md:3: &lt;img src=x onerror=alert(1)&gt;: “&lt;/code&gt;&lt;script&gt;”不是栏目" in page.html
    other = render_problems_page([Problem("reports/2026/x.md", 4, "title", "标题太长")])
    version = 'data-version="'
    assert page.html.split(version)[1][:16] != other.html.split(version)[1][:16]  # the open page reloads


def test_failed_build_page_shows_each_line_of_mkdocs_escaped_and_visible():
    page = render_failed_build(["第一行\n<b>第二行</b>", "带控制字符\x1b[31m"])
    assert "<li><code>第一行</code></li>" in page
    assert "<li><code>&lt;b&gt;第二行&lt;/b&gt;</code></li>" in page
    assert "\\u001b[31m" in page and "\x1b" not in page
