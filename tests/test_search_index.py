"""What goes into the search index: one entry per report, with its filters; the dictionary."""

from __future__ import annotations

import json
import re

from bulletin.archive import load_archive
from bulletin.dictionary import build_dictionary, make_index_text, short_unit_names
from bulletin.search import collect_search_years
from conftest import REPO


def test_short_unit_names_are_what_readers_type():
    assert short_unit_names("云岭县委办公室") == ["云岭县委办公室", "云岭县", "云岭"]
    assert short_unit_names("明川区望江街道") == ["明川区望江街道", "望江街道", "望江"]
    assert short_unit_names("示例经济技术开发区党工委办公室") == ["示例经济技术开发区党工委办公室", "示例经济技术开发区"]
    assert short_unit_names("市应急管理局") == ["市应急管理局"]


def test_dictionary_has_domain_terms_and_unit_names_longest_first():
    words = build_dictionary(load_archive(REPO))
    for word in ("信息直报点", "社情民意", "紧急信息", "望江街道", "云岭县", "市应急管理局"):
        assert word in words
    assert words.index("信息直报点") < words.index("直报点")
    assert all(len(a) >= len(b) for a, b in zip(words, words[1:]))


def test_bigrams_of_chinese_runs():
    assert make_index_text("电动自行车“充电难”，2026年") == "电动 动自 自行 行车 “ 充电 电难 ”，2026 年"


def test_years_with_published_reports_newest_first():
    assert collect_search_years(load_archive(REPO)) == [2026, 2025]


def test_only_report_pages_are_indexed_once_each(built):
    site = built / "site"
    marked = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
              if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert sorted(marked) == sorted(f"reports/2026/{i}/index.html" for i in
                                    ("0105-yunling-chalv", "0105-yingji-paicha", "0120-hefeng-qingshi-tuoguan",
                                     "0312-yunling-diaoyan"))
    for path in marked:
        assert len(re.findall(r"\sdata-pagefind-body[=\s>]", (site / path).read_text(encoding="utf-8"))) == 1
    entry = json.loads((site / "pagefind/2026/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == 4
    assert not (site / "pagefind/2025").exists()


def test_report_page_carries_filters_meta_and_search_words(built):
    source = (built / "site/reports/2026/0120-hefeng-qingshi-tuoguan/index.html").read_text(encoding="utf-8")
    filters = re.findall(r'data-pagefind-filter="([^"]+)"', source)
    assert filters == ["series:今日信息", "year:2026", "category:经验做法", "unit:禾丰县委办公室", "unit:云岭县青石镇"]
    assert re.findall(r'data-pagefind-meta="([^"]+)"', source) == [
        "unit:禾丰县委办公室、云岭县青石镇", "issue:《今日信息》2026年第2期", "date:2026-01-20"]
    assert 'data-pagefind-sort="date:2026-01-20"' in source
    words = re.search(r'class="bl-search-words"[^>]*>(?:<span[^>]*></span>)*([^<]*)</div>', source).group(1)
    assert words.startswith("禾丰县委办公室 禾丰县 禾丰 云岭县青石镇 青石镇 青石")
    assert "⁂ 禾丰 丰县 县与 与云 云岭 岭县 县青 青石 石镇 镇联" in words  # the text as pairs
    assert re.search(r'<div class="bl-body" data-pagefind-ignore', source)  # the shown text is not indexed twice
    assert "data-pagefind-ignore" in re.search(r'<div[^>]*class="bl-facts"[^>]*>', source).group(0)


def test_no_theme_search_index_is_shipped(built):
    assert not (built / "site/search/search_index.json").exists()
    assert (built / "site/search/index.html").exists()
