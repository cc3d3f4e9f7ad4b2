"""What a reader sees: the built fixture site served on localhost, opened in headless Chromium."""

from __future__ import annotations

import re
import shutil
import urllib.parse

import pytest
from helpers import CHROMIUM_ARGS, REPO, run_build, serve_folder, show_all
from playwright.sync_api import expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.build]  # every test opens a built site


@pytest.fixture(scope="module")
def server(built):
    with serve_folder(built / "site") as address:
        yield address


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
        ["云岭县“茶旅融合”带动山区群众增收", "市应急管理局开展岁末年初安全生产大排查"]
    )
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
    assert page.locator(".bl-chart-bar").count() == 32  # one bar per unit of reports/units.yml (the network added 10)
    page.screenshot(path=str(tmp_path / "notice.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator(".bl-chart-bar").first.evaluate("e => getComputedStyle(e).fill") == "rgb(68, 68, 68)"
    expect(page.locator(".md-header")).to_be_hidden()
    page.emulate_media(media="screen")
    response = page.request.get(f"{sample_server}/stats/2026/10/ranking.csv")
    assert response.ok and response.body().startswith(b"\xef\xbb\xbf")


def search_page(page, base, query_string: str):
    page.goto(f"{base}/search/?{query_string}")
    page.wait_for_function(
        "() => { const t = document.getElementById('bl-search-status').textContent;"
        " return t && !t.startsWith('正在'); }",
        timeout=20000,
    )
    return page.locator(".bl-search-result")


def test_search_finds_known_reports_first(page, sample_server):
    results = search_page(page, sample_server, "q=电动自行车")
    expect(results.first.locator(".bl-search-title")).to_have_text("望江街道“三步走”破解电动自行车“充电难、充电险”")
    expect(results.first.locator(".bl-search-meta")).to_contain_text(
        "明川区望江街道 · 《今日信息》2025年第18期 · 2025-10-13"
    )
    expect(results.first.locator(".bl-search-excerpt mark").first).to_have_text("电动自行车")
    results = search_page(page, sample_server, "q=防汛物资")
    expect(results.first.locator(".bl-search-title")).to_have_text("全市扎实开展汛前隐患排查 备足防汛物资力量")
    results.first.locator(".bl-search-title").click()  # the result leads to the report's own page
    expect(page.locator("article h1")).to_have_text("全市扎实开展汛前隐患排查 备足防汛物资力量")
    assert re.search(r"/reports/\d{4}/[\w-]+/$", page.url), page.url
    results = search_page(page, sample_server, "q=望江街道")
    titles = results.locator(".bl-search-title").all_text_contents()
    assert len(titles) == len(set(titles)) >= 4  # one entry per report
    assert all(t.startswith("望江街道") for t in titles[:4])


def test_search_with_no_real_match_says_so(page, sample_server):
    results = search_page(page, sample_server, "q=不存在的词")
    expect(results).to_have_count(0)
    expect(page.locator("#bl-search-status")).to_contain_text("没有找到包含“不存在的词”的信息")


def test_search_says_so_when_its_index_cannot_be_loaded(page, sample_server):
    page.route("**/pagefind/**", lambda route: route.fulfill(status=404))  # as if missing on the server
    try:
        results = search_page(page, sample_server, "q=防汛")
        expect(page.locator("#bl-search-status")).to_contain_text("搜索暂时无法使用：检索索引未能载入")
        expect(results).to_have_count(0)
    finally:
        page.unroute("**/pagefind/**")
    expect(search_page(page, sample_server, "q=防汛").first).to_be_visible()  # and works again once it is there


def test_search_filters_and_sort_narrow_the_results(page, sample_server):
    everything = search_page(page, sample_server, "q=防汛").count()
    narrowed = search_page(page, sample_server, "q=防汛&unit=柳溪县委办公室")
    assert 0 < narrowed.count() < everything
    for meta in narrowed.locator(".bl-search-meta").all_text_contents():
        assert meta.startswith("柳溪县委办公室")
    page.select_option("select[name=year]", "2025")
    page.wait_for_function("() => location.search.includes('year=2025')")
    page.wait_for_function("() => !document.getElementById('bl-search-status').textContent.startsWith('正在')")
    for meta in page.locator(".bl-search-meta").all_text_contents():
        assert "2025" in meta
    dated = search_page(page, sample_server, "q=群众&sort=desc").locator(".bl-search-meta").all_text_contents()
    dates = [m.rsplit(" · ", 1)[1] for m in dated]
    assert len(dates) >= 5 and dates == sorted(dates, reverse=True)


def test_header_box_leads_to_results_within_budget(page, sample_server):
    page.goto(f"{sample_server}/jrxx/2026/012/")
    outside, sizes = [], []

    def record(response):
        if not response.url.startswith(sample_server):
            outside.append(response.url)
        elif "/pagefind/" in response.url:
            sizes.append(len(response.body()))

    page.on("response", record)
    box = page.locator(".bl-header-search__input")
    box.fill("春耕")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function(
        "() => { const t = document.getElementById('bl-search-status').textContent;"
        " return t && !t.startsWith('正在'); }",
        timeout=20000,
    )
    expect(page.locator(".bl-search-result").first).to_contain_text("春耕")
    page.remove_listener("response", record)
    assert outside == []
    assert 0 < sum(sizes) < 1_500_000


def test_excerpt_marks_each_term_once(page, sample_server):
    results = search_page(page, sample_server, "q=急救 a")
    excerpt = results.first.locator(".bl-search-excerpt")
    expect(excerpt.locator("mark").first).to_have_text("急救")
    assert "ark>" not in excerpt.text_content()


def test_a_newer_search_replaces_an_older_one(page, sample_server):
    page.goto(f"{sample_server}/search/")
    page.fill("#bl-search input[name=q]", "的")
    page.press("#bl-search input[name=q]", "Enter")
    page.select_option("select[name=year]", "2025")  # at once, before the first search ends
    page.wait_for_function(
        "() => location.search.includes('year=2025') && "
        "!document.getElementById('bl-search-status').textContent.startsWith('正在')"
    )
    page.wait_for_timeout(1500)  # let the older search finish, if it were still to show anything
    metas = page.locator(".bl-search-meta").all_text_contents()
    assert metas and all("2025" in m for m in metas)
    titles = page.locator(".bl-search-title").all_text_contents()
    assert len(titles) == len(set(titles))


def test_keywords_and_full_unit_names_are_found(page, sample_server):
    assert search_page(page, sample_server, "q=根治欠薪").count() >= 3
    assert search_page(page, sample_server, "q=云岭县委办公室").count() >= 6


def test_a_single_character_is_found_at_the_end_of_a_word_too(page, sample_server):
    # 险 stands last before a quotation mark in this title ("充电难、充电险”)
    results = search_page(page, sample_server, "q=险&unit=明川区望江街道")
    titles = results.locator(".bl-search-title").all_text_contents()
    assert "望江街道“三步走”破解电动自行车“充电难、充电险”" in titles


def test_a_query_of_punctuation_only_says_no_match(page, sample_server):
    results = search_page(page, sample_server, "q=%25")
    expect(results).to_have_count(0)
    expect(page.locator("#bl-search-status")).to_contain_text("没有找到包含“%”的信息")


def test_a_query_with_symbols_or_emoji_searches_its_words(page, sample_server):
    """`防汛 🔥` or `防汛 !` once found nothing though `防汛` found six (issue 16)."""

    def titles(query: str) -> list[str]:
        results = search_page(page, sample_server, f"q={urllib.parse.quote(query)}")
        return results.locator(".bl-search-title").all_text_contents()

    words_only = titles("防汛")
    assert len(words_only) >= 6
    for query in ("防汛 🔥", "防汛 !", "防汛！", "🔥防汛", "“防汛”"):
        assert titles(query) == words_only, query
    assert titles("🔥 !") == []  # symbols only: no word to find
    expect(page.locator("#bl-search-status")).to_contain_text("没有找到包含“🔥 !”的信息")


def test_every_report_holding_a_phrase_is_found_and_only_those(page, sample_server):
    from bulletin.archive import load_archive

    archive = load_archive(REPO)
    for phrase in ("电动自行车", "电动自行车充电", "信息直报点", "防汛"):
        # what the index holds of a report: title, text, 批示 (and who gave it), correction notes, keywords
        holding = sorted(
            r.title
            for r in archive.reports
            if not r.is_pending
            and any(
                phrase in t
                for t in [
                    r.title,
                    r.body,
                    *(f"{i.by}批示：{i.text}" for i in r.instructions),
                    *(c.note for c in r.corrections),
                    *r.tags,
                ]
            )
        )
        results = search_page(page, sample_server, f"q={phrase}")
        show_all(page)
        assert sorted(results.locator(".bl-search-title").all_text_contents()) == holding, phrase


@pytest.fixture(scope="module")
def parted_server(tmp_path_factory):
    """The sample archive with its search index in two parts (2025, 2026), as a long archive has."""
    root = tmp_path_factory.mktemp("parted") / "archive"
    left_out = {".git", ".venv", ".cache", ".site-builds", "tests"}
    shutil.copytree(  # the repository's own builds are left out (site, site.new …), not hooks/…/sitemap.py
        REPO,
        root,
        ignore=lambda folder, names: [
            n for n in names if n in left_out or (folder == str(REPO) and n.startswith("site"))
        ],
    )
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  bulletin:\n", "  bulletin:\n    search_part_reports: 70\n", 1), encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (root / "site/pagefind").iterdir()) == ["2025", "2026"]
    with serve_folder(root / "site") as address:
        yield address


def folder_years(results) -> list[int]:
    return [
        int(href.split("/reports/")[1][:4])
        for href in results.locator(".bl-search-title").evaluate_all("links => links.map(a => a.href)")
    ]


def test_newer_years_answer_first_and_older_parts_load_only_when_wanted(page, parted_server):
    asked = []
    listener = lambda request: asked.append(request.url) if "/pagefind/" in request.url else None
    page.on("request", listener)
    results = search_page(page, parted_server, "q=工作")
    page.remove_listener("request", listener)
    assert results.count() == 10 and set(folder_years(results)) == {2026}
    assert any("/pagefind/2026/" in url for url in asked)
    assert not any("/pagefind/2025/" in url for url in asked)  # ten results in 2026: 2025 not fetched
    show_all(page)
    years = folder_years(results)
    assert 2025 in years and years == sorted(years, reverse=True)  # then the older part
    everything = sorted(results.locator(".bl-search-title").all_text_contents())
    search_page(page, parted_server, "q=工作&sort=all")  # relevance across all years at once
    show_all(page)
    assert sorted(results.locator(".bl-search-title").all_text_contents()) == everything


def test_year_filter_and_date_order_across_parts(page, parted_server):
    results = search_page(page, parted_server, "q=群众&year=2026&sort=asc")
    show_all(page)
    dates = [m.rsplit(" · ", 1)[1] for m in results.locator(".bl-search-meta").all_text_contents()]
    assert len(dates) >= 5 and all(d.startswith("2026") for d in dates) and dates == sorted(dates)
    asked = []
    listener = lambda request: asked.append(request.url) if "/pagefind/" in request.url else None
    page.on("request", listener)
    results = search_page(page, parted_server, "q=群众&year=2025")
    page.remove_listener("request", listener)
    assert results.count() > 0 and all("2025" in m for m in results.locator(".bl-search-meta").all_text_contents())
    assert any("/pagefind/2025/" in url for url in asked)
    assert not any("/pagefind/2026/" in url for url in asked)  # 2025's reports are not in the 2026 part
