"""Accessibility in the built pages themselves (issue 15, item 4), without a browser: a table in a
report's text keeps its column headers' scope through the sanitiser, onto the issue and report pages."""

from __future__ import annotations

import pytest
from helpers import copy_fixture, run_build, write

from bulletin.markup.reportbody import render_markdown_body
from bulletin.markup.sanitize import sanitize_html

TABLE = """\
各乡镇春耕进度如下：

| 乡镇 | 已播面积（亩） |
|:--|--:|
| 青石镇 | 1200 |
| 白沙镇 | 860 |
"""


def test_a_table_in_a_report_heads_its_columns_for_screen_readers():
    html = sanitize_html(render_markdown_body(TABLE))
    # Each column head says it heads a column, and keeps the column's alignment (|:--|--:|).
    assert '<th scope="col" style="text-align: left;">乡镇</th>' in html
    assert '<th scope="col" style="text-align: right;">已播面积（亩）</th>' in html
    assert '<td style="text-align: left;">青石镇</td>' in html  # data cells stay cells


def test_the_sanitiser_keeps_a_caption_and_scopes_and_nothing_else_new():
    html = sanitize_html(
        '<table><caption onclick="x()">说明</caption><tr><th scope="row" onclick="y()">甲</th></tr></table>'
    )
    assert "<caption>说明</caption>" in html
    assert '<th scope="row">甲</th>' in html
    assert "onclick" not in html


@pytest.mark.build
def test_report_pages_carry_the_scopes_and_the_heading_the_skip_link_lands_on(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    report = next((root / "reports").rglob("*.md"))
    text = report.read_text(encoding="utf-8")
    report.write_text(text.rstrip("\n") + "\n\n" + TABLE, encoding="utf-8")
    write(root, "content/extra.md", "# 附表\n\n" + TABLE)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    pages = [p for p in (root / "site").rglob("index.html") if "乡镇</th>" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 3  # the issue, the report's own page and the hand-written page
    for page in pages:
        assert '<th scope="col" style="text-align: left;">乡镇</th>' in page.read_text(encoding="utf-8"), page
    own = next(p for p in pages if "/reports/" in p.as_posix())
    source = own.read_text(encoding="utf-8")
    assert 'href="#report" class="md-skip"' in source
    assert source.index('<h1 id="report">') < source.index("乡镇</th>")
    assert '<html lang="zh-CN"' in source
