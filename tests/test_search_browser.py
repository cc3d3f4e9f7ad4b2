"""Search as a reader uses it, in headless Chromium on the built sample: filters by key or by name,
an unknown filter value said on the page, punctuation-only queries, and 批示 givers found."""

from __future__ import annotations

import urllib.parse

import pytest
from helpers import CHROMIUM_ARGS, REPO, show_all
from playwright.sync_api import sync_playwright

from bulletin.archive import load_archive

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.fixture(scope="module")
def page(chromium_path, sample_server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        yield page
        browser.close()


def search(page, sample_server, **params: str) -> tuple[str, list[str]]:
    """Open /search/ with these parameters; the status line and every result's title (all pages
    of results)."""
    page.goto(f"{sample_server}/search/?{urllib.parse.urlencode(params)}")
    page.wait_for_function(
        "() => { const t = document.getElementById('bl-search-status').textContent;"
        " return t && !t.startsWith('正在'); }",
        timeout=20000,
    )
    show_all(page)
    assert page.errors == []
    status = page.locator("#bl-search-status").text_content() or ""
    return status, page.locator(".bl-search-title").all_text_contents()


@pytest.mark.parametrize(
    ("field", "key", "name", "query"),
    [
        ("unit", "yunling", "云岭县委办公室", "茶"),
        ("series", "zk", "今日信息（增刊）", ""),
        ("category", "jingyan-zuofa", "经验做法", "工作"),
        ("year", "2025", "2025年", "防汛"),
    ],
)
def test_a_filter_by_key_or_by_name_gives_the_same_results(page, sample_server, field, key, name, query):
    by_key = search(page, sample_server, q=query, **{field: key})
    assert page.locator(f"select[name={field}]").input_value() == key
    by_name = search(page, sample_server, q=query, **{field: name if field != "year" else key})
    assert by_key == by_name
    everything = search(page, sample_server, q=query or "工作")[1]
    assert len(by_key[1]) > 0 and (query == "" or len(by_key[1]) < len(everything))
    if field == "year":  # 2025年 is a name a reader might type too
        assert search(page, sample_server, q=query, year=name) == by_key


def test_a_name_in_the_address_becomes_the_key(page, sample_server):
    search(page, sample_server, q="茶", unit="云岭县委办公室")
    assert "unit=yunling" in page.url


def test_series_key_alone_lists_the_series(page, sample_server):
    archive = load_archive(REPO)
    supplements = sorted(r.title for r, issue in archive.published() if issue.series.key == "zk")
    status, titles = search(page, sample_server, series="zk")
    assert sorted(titles) == supplements
    assert "今日信息（增刊）" in status


@pytest.mark.parametrize("value", ["xxx", "<img src=x onerror=alert(1)>", "云岭县" * 100])
def test_an_unknown_filter_value_is_said_and_nothing_is_shown(page, sample_server, value):
    status, titles = search(page, sample_server, q="茶", unit=value)
    assert titles == []
    assert status.startswith("本站没有单位“") and "没有进行搜索" in status
    assert value[:40] in status and len(status) < 120  # a long value is cut short
    assert page.locator("#bl-search-status img").count() == 0  # shown as text
    assert page.locator("select[name=unit]").input_value() == ""  # the form shows 全部, ready again


def test_punctuation_only_queries_answer_alike(page, sample_server):
    answers = {query: search(page, sample_server, q=query) for query in ("。", "，。", "！？……", "🔥 !")}
    for query, (status, titles) in answers.items():
        assert titles == []
        assert status == f"没有找到包含“{query}”的信息：搜索词里只有标点或符号。请输入要查找的词语。"


def test_who_gave_a_batch_of_instructions_is_found(page, sample_server):
    """市委书记 is in no report's text of the sample, only as the giver of 批示: each of those is found."""
    archive = load_archive(REPO)
    given = sorted(r.title for r, _issue in archive.published() if any(i.by == "市委书记" for i in r.instructions))
    assert given and not any("市委书记" in r.body for r, _issue in archive.published())
    _status, titles = search(page, sample_server, q="市委书记")
    assert sorted(titles) == given
    excerpt = page.locator(".bl-search-excerpt").first.text_content()
    assert "市委书记批示：" in excerpt
