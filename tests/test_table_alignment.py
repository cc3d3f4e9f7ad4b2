"""A table column aligned in Markdown (``|:---:|---:|``) stays aligned where it is published:
the body check accepts it, and the issue page, the report page and the PDF's print page keep
the alignment. One allow-list (bulletin.markup.allowlist) serves the check and the sanitiser;
before it, the check let ``text-align`` through and the sanitiser stripped it, untested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import copy_fixture, problems_of, run_build, write

from bulletin.archive import load_archive
from bulletin.documents.fonts import FontSet
from bulletin.documents.printhtml import render_print_html
from bulletin.markup.sanitize import sanitize_html

TABLE_REPORT = """
---
title: 云岭县春茶收购价格监测情况
unit: yunling
issue: 3
date: 2026-03-20
category: 工作动态
---
全县春茶收购价格总体平稳，各乡镇价格如下：

| 乡镇 | 品类 | 均价（元/斤） |
|:---|:---:|---:|
| 青石镇 | 明前茶 | 86.5 |
| 云溪乡 | 雨前茶 | 42.0 |
"""

CENTER = 'style="text-align: center;"'
RIGHT = 'style="text-align: right;"'
LEFT = 'style="text-align: left;"'


@pytest.fixture(scope="module")
def table_archive(tmp_path_factory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("table") / "archive")
    write(root, "reports/2026/0320-yunling-chajia.md", TABLE_REPORT)
    return root


def cells(html: str, tag: str) -> list[str]:
    """The opening tags of every ``tag`` cell of the page's report table."""
    return re.findall(rf"<{tag}\b[^>]*>", html)


def test_the_check_accepts_aligned_columns(table_archive):
    assert problems_of(table_archive) == ()


def test_the_sanitiser_keeps_alignment_and_nothing_else_in_a_style():
    kept = sanitize_html(f"<table><tr><th {CENTER}>a</th><td {RIGHT}>1</td></tr></table>")
    assert CENTER in kept and RIGHT in kept
    stripped = sanitize_html(
        '<table><tr><td style="color: red">a</td><td style="text-align: center; background: url(x)">b</td></tr></table>'
        '<p style="text-align: center;">c</p>'
    )
    assert "style" not in stripped


@pytest.mark.build
def test_the_issue_and_report_pages_keep_the_alignment(table_archive):
    result = run_build(table_archive, env={"BULLETIN_DOCUMENTS": "0"})
    assert result.returncode == 0, result.stderr
    site = table_archive / "site"
    for page in (site / "jrxx/2026/003/index.html", site / "reports/2026/0320-yunling-chajia/index.html"):
        html = page.read_text(encoding="utf-8")
        assert cells(html, "th")[:3] == [f'<th scope="col" {a}>' for a in (LEFT, CENTER, RIGHT)], page
        assert f"<td {CENTER}>明前茶</td>" in html and f"<td {RIGHT}>86.5</td>" in html, page


def test_the_pdf_print_page_keeps_the_alignment(table_archive):
    archive = load_archive(table_archive)
    issue = next(i for i in archive.issues if i.series.key == "jrxx" and i.number == 3)
    html = render_print_html(archive, issue, FontSet((), "test"))
    assert f"<td {CENTER}>明前茶</td>" in html and f"<td {RIGHT}>86.5</td>" in html
