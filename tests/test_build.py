"""Real `mkdocs build` runs of the fixture archive: what the built pages contain."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from helpers import build_cache_dir, copy_fixture, run_build, text_of, tree_digest, write

pytestmark = pytest.mark.build


def test_issue_page_is_laid_out_like_the_bulletin(built):
    page = built / "site/jrxx/2026/001/index.html"
    source = page.read_text(encoding="utf-8")
    text = text_of(page)
    assert '<h1 class="bl-name">今日信息</h1>' in source
    for expected in (
        "内部资料　注意保存",
        "2026年第1期",
        "（总第101期）",
        "中共示例市委办公室",
        "2026年1月5日",
        "本期目录",
        "报：",
        "省委办公厅",
        "送：",
        "市委常委",
        "发：",
        "各县（区）委",
        "责任编辑：林知远",
        "审核：许清和",
        "签发：周启明",
    ):
        assert expected in text, expected
    # contents and full texts, in order
    first, second = "云岭县“茶旅融合”带动山区群众增收", "市应急管理局开展岁末年初安全生产大排查"
    contents = text[text.index("本期目录") :]
    assert contents.index(first) < contents.index(second)
    assert "全县新建茶园观光步道42公里" in text
    assert text.index("全县新建茶园观光步道42公里") < text.index("共检查企业1260家")
    # the body's own heading is demoted below the report title
    assert re.search(r"<h4[^>]*>下一步打算</h4>", source)
    assert 'href="#r-0105-yunling-chalv"' in source
    assert 'href="../002/"' in source  # next issue
    assert 'href="../../../reports/2026/0105-yunling-chalv/"' in source


def test_public_issue_has_no_internal_marking_and_joint_units(built):
    text = text_of(built / "site/jrxx/2026/002/index.html")
    assert "内部资料" not in text
    assert "禾丰县委办公室、云岭县青石镇" in text
    assert "上一期：2026年第1期" in text and "下一期" not in text


def test_every_link_of_the_site_leads_to_a_page_and_anchor_that_exist(built):
    # report pages are written as HTML by the core, not checked by MkDocs: check them all here
    site = built / "site"
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a [^>]*href="([^"]+)"', source):
            if href.startswith(("http:", "https:", "mailto:", "/")) or "?" in href:  # 404.html: absolute
                continue
            path, _, anchor = html.unescape(href).partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site)}: {href}"
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), f"{page.relative_to(site)}: {href}"


def test_report_page_shows_unit_issue_instructions_and_adoptions(built):
    page = built / "site/reports/2026/0105-yingji-paicha/index.html"
    source, text = page.read_text(encoding="utf-8"), text_of(page)
    assert "报送单位：市应急管理局" in text
    assert 'href="../../../jrxx/2026/001/#r-0105-yingji-paicha"' in source
    assert "《今日信息》2026年第1期（总第101期）" in text
    assert "领导批示" in text and "市委书记" in text and "安全生产无小事" in text and "2026年1月8日" in text
    assert "上级采用" in text and "省委办公厅《信息快报》（省级），2026年1月12日" in text


def test_lists_and_home_page(built):
    year = text_of(built / "site/jrxx/2026/index.html")
    assert "共2期，3篇" in year and "第1期 · 2026年1月5日 · 总第101期" in year
    series = text_of(built / "site/zk/index.html")
    assert "2026年：共1期（总第1期），1篇" in series and "关于云岭县山区茶农收入情况的调查与思考" in series
    home = text_of(built / "site/index.html")
    assert "最新一期：《今日信息》2026年第2期" in home
    assert "最新一期：《今日信息（增刊）》2026年第1期" in home
    assert "市委书记批示" in home


def test_pending_report_is_not_published(built):
    assert not (built / "site/reports/2026/1120-yingji-pending").exists()
    assert "市应急管理局部署冬季森林防火工作" not in (built / "site/index.html").read_text(encoding="utf-8")


def test_navigation_does_not_list_reports(built):
    source = (built / "site/jrxx/2026/001/index.html").read_text(encoding="utf-8")
    nav = source[source.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "reports/" not in nav and "茶旅融合" not in nav


def test_no_page_references_an_outside_host(built):
    outside = re.compile(
        r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
        re.IGNORECASE,
    )
    offenders = []
    for path in sorted((built / "site").rglob("*")):
        if path.suffix in (".html", ".css"):
            for match in outside.finditer(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(built)}: {match.group(0)}")
    assert offenders == []


def test_bad_report_stops_the_build_and_leaves_the_site(built, tmp_path):
    before = tree_digest(built / "site")
    bad = write(
        built,
        "reports/2026/0201-yunling-bad.md",
        """
        ---
        title: 云岭县冬季茶园管护
        unit: yunling
        issue: 3
        date: 2026-02-30
        category: 工作动态
        ---
        正文<script>alert(1)</script>
    """,
    )
    write(built, "reports/2026/0202-hefeng-bad.md", "没有前置信息\n")
    try:
        result = run_build(built)
    finally:
        bad.unlink()
        (built / "reports/2026/0202-hefeng-bad.md").unlink()
    assert result.returncode != 0
    assert "reports/2026/0201-yunling-bad.md:5: date: 2026-02-30 不是日历上有的日子：请核对" in result.stderr
    assert "reports/2026/0202-hefeng-bad.md:1: front matter: 文件开头缺少 ---" in result.stderr
    assert "网站没有生成，也没有改动任何文件" in result.stderr
    assert tree_digest(built / "site") == before


def test_two_builds_are_byte_identical(built, tmp_path):
    result = run_build(built, "--site-dir", str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr
    assert tree_digest(tmp_path / "again") == tree_digest(built / "site")


def test_builds_without_the_index_cache_differ_only_in_pagefinds_unstable_files(tmp_path):
    """Pagefind 1.5 writes its filter and metadata files in hash-map order (upstream issue
    638): without the search index cache (BULLETIN_CACHE_DIR) only those differ; everything
    else, the fragments of the index included, is byte-identical."""
    root = copy_fixture(tmp_path / "archive")
    assert run_build(root).returncode == 0
    assert (build_cache_dir(root) / "pagefind").is_dir()  # the second build would have reused it
    shutil.rmtree(build_cache_dir(root))
    result = run_build(root, "--site-dir", str(tmp_path / "fresh"))
    assert result.returncode == 0, result.stderr
    unstable = re.compile(r"pagefind/\d{4}/(filter/|pagefind\.zxx_.*\.pf_meta$|pagefind-entry\.json$)")
    stable = lambda tree: {k: v for k, v in tree.items() if not unstable.match(k)}
    assert stable(tree_digest(tmp_path / "fresh")) == stable(tree_digest(root / "site"))


def test_the_index_cache_goes_where_bulletin_cache_dir_says(tmp_path):
    """BULLETIN_CACHE_DIR puts the search index cache outside the repository (the tests use it
    to write nothing into the checkout); without it the cache is .cache/ in the repository."""
    root = copy_fixture(tmp_path / "archive")
    elsewhere = tmp_path / "elsewhere"
    result = run_build(root, env={"BULLETIN_CACHE_DIR": str(elsewhere)})
    assert result.returncode == 0, result.stderr
    assert [p.name.split("-")[0] for p in (elsewhere / "pagefind").iterdir()] == ["2026"]  # one part: 2026-<digest>
    assert not (root / ".cache").exists()
    again = run_build(root, "--site-dir", str(tmp_path / "again"), env={"BULLETIN_CACHE_DIR": str(elsewhere)})
    assert again.returncode == 0, again.stderr
    assert "其中 1 部分取自缓存" in again.stderr
    default = run_build(root, "--site-dir", str(tmp_path / "default"), env={"BULLETIN_CACHE_DIR": ""})
    assert default.returncode == 0, default.stderr
    assert [p.name.split("-")[0] for p in (root / ".cache/pagefind").iterdir()] == ["2026"]


def test_a_cache_folder_that_cannot_be_written_costs_time_not_the_index(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    result = run_build(root, "--verbose", env={"BULLETIN_CACHE_DIR": str(not_a_folder)})
    assert result.returncode == 0, result.stderr
    assert "2026 的索引未能存入缓存" in result.stderr
    assert (root / "site/pagefind/2026/pagefind-entry.json").is_file()
    assert not (root / ".cache").exists()


def test_correction_notice_on_report_and_issue_pages(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    path = root / "reports/2026/0105-yunling-chalv.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "tags: [乡村振兴, 茶产业]\n",
            "tags: [乡村振兴, 茶产业]\ncorrections:\n  - date: 2026-01-07\n    note: 原文“步道42公里”应为“步道24公里”。\n",
        ),
        encoding="utf-8",
    )
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    for page in ("site/reports/2026/0105-yunling-chalv/index.html", "site/jrxx/2026/001/index.html"):
        assert "更正（2026年1月7日）原文“步道42公里”应为“步道24公里”。" in text_of(root / page)


def test_a_build_failing_after_indexing_started_leaves_no_index_work_behind(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    # the theme fails on the first page written, long after the indexer has started
    (root / "overrides/main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ 1 / 0 }}{% endblock %}\n', encoding="utf-8"
    )
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    result = run_build(root, env={"TMPDIR": str(scratch)})
    assert result.returncode != 0 and "ZeroDivisionError" in result.stderr
    assert list(scratch.iterdir()) == []  # the indexer's records and index are gone
    assert not (root / "site/pagefind").exists()


def test_a_build_that_differs_only_in_its_readings_of_the_clock_is_the_same_site(tmp_path):
    from bulletin.commands.build import find_first_change

    def site(name: str, board: str, extra: str = "") -> Path:
        folder = tmp_path / name
        (folder / "emergency").mkdir(parents=True)
        (folder / "emergency" / "index.html").write_text(board, encoding="utf-8")
        (folder / "timeliness.csv").write_text("事件,状态\n渔船,处置中\n" + extra, encoding="utf-8")
        return folder

    def board(moment: str, status: str, left: str) -> str:
        return (
            f'<p class="bl-as-of"><span class="bl-clock">截至{moment}。</span></p>'
            f'<span class="bl-status bl-status--{status}"><span class="bl-clock">{left}</span></span>'
        )

    live = site("live", board("2026年11月30日 12:00", "due", "还剩40分"))
    # ten minutes later: the moment and the minutes left moved, nothing else
    assert find_first_change(live, site("later", board("2026年11月30日 12:10", "due", "还剩30分"))) is None
    # the 续报 is now overdue: its status mark changed, outside the reading
    overdue = site("overdue", board("2026年11月30日 12:50", "bad", "逾期10分"))
    assert find_first_change(live, overdue) == "emergency/index.html"
    # any other file compares by its bytes; a file added or removed is a change
    assert (
        find_first_change(live, site("csv", board("2026年11月30日 12:00", "due", "还剩40分"), "x\n"))
        == "timeliness.csv"
    )
    (live / "new.html").write_text("<p>新</p>", encoding="utf-8")
    assert find_first_change(live, site("fewer", board("2026年11月30日 12:00", "due", "还剩40分"))) == "new.html"
    (live / "new.html").unlink()
    # hostile text cannot hide a change in a reading of the clock: the reading holds no markup
    hidden = '<span class="bl-clock">12:00</span><span class="bl-clock">x<script>alert(1)</script></span>'
    assert find_first_change(live, site("hidden", hidden)) == "emergency/index.html"
