"""What goes into the search index: one entry per report, with its filters; the dictionary."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURE, REPO

from bulletin.addresses import search_record_path as record_path
from bulletin.archive import load_archive
from bulletin.pages.search.dictionary import build_dictionary, short_unit_names
from bulletin.pages.search.indexer import WORK_PREFIX
from bulletin.pages.search.indextext import decode_index_text, encode_char, make_index_text
from bulletin.pages.search.parts import IndexPart, count_pages_per_year, plan_index_parts
from bulletin.pages.search.records import render_search_record
from bulletin.processes import remove_stale_work


def test_short_unit_names_are_what_readers_type():
    assert short_unit_names("云岭县委办公室") == ["云岭县委办公室", "云岭县", "云岭"]
    assert short_unit_names("明川区望江街道") == ["明川区望江街道", "望江街道", "望江"]
    assert short_unit_names("示例经济技术开发区党工委办公室") == [
        "示例经济技术开发区党工委办公室",
        "示例经济技术开发区",
    ]
    assert short_unit_names("市应急管理局") == ["市应急管理局"]


def test_dictionary_has_domain_terms_and_unit_names_longest_first():
    words = build_dictionary(load_archive(REPO))
    for word in ("信息直报点", "社情民意", "紧急信息", "望江街道", "云岭县", "市应急管理局"):
        assert word in words
    assert words.index("信息直报点") < words.index("直报点")
    assert all(len(a) >= len(b) for a, b in itertools.pairwise(words))


def q(*chars: str) -> str:
    """The index word of a character and the next one (None: the end of the run)."""
    return "q" + "".join(encode_char(c) if c else "zzz" for c in chars)


def test_each_chinese_character_is_indexed_with_the_next_one():
    assert make_index_text("电动车“充电难”，2026年5G") == " ".join(
        [
            q("电", "动"),
            q("动", "车"),
            q("车", None),
            "“",
            q("充", "电"),
            q("电", "难"),
            q("难", None),
            "”，",
            "2026",
            q("年", None),
            "5G",
        ]
    )


def test_index_words_are_plain_ascii_of_fixed_length():
    words = make_index_text("示例市㐀〇豈鿿").split()
    assert all(len(w) == 7 and w.isascii() and w.isalnum() and w.islower() for w in words[:3])
    assert len({encode_char(chr(c)) for c in range(0x3400, 0xA000)}) == 0xA000 - 0x3400  # one code each
    assert encode_char("豈") != encode_char(chr(0x3400))
    assert words[4] == "〇"  # not a Han character of the index: kept as it is


def test_the_text_comes_back_from_the_index_words():
    text = "关于示例市电动自行车“充电难”问题的调查（2026年第3期）：5G 基站、12.5%。豈"
    assert decode_index_text(make_index_text(text)) == text.replace("5G 基站", "5G基站")
    assert decode_index_text(make_index_text("ERP system")) == "ERP system"


def test_index_parts_are_consecutive_years_within_the_budget():
    assert plan_index_parts({2025: 60, 2026: 79}, budget=3_500) == [IndexPart((2025, 2026))]
    ten_years = dict.fromkeys(range(2017, 2027), 2500)
    parts = plan_index_parts(ten_years, budget=10_000)
    assert [p.name for p in parts] == ["2025-2026", "2021-2024", "2017-2020"]
    assert plan_index_parts({2020: 30_000, 2021: 10}, budget=10_000) == [IndexPart((2021,)), IndexPart((2020,))]
    # a new year changes the newest part only: the older parts keep their cached index
    more = plan_index_parts({**ten_years, 2027: 2500}, budget=10_000)
    assert more[1:] == parts[1:] and more[0].name == "2025-2027"


def test_pages_per_year_counts_published_reports_only():
    archive = load_archive(REPO)
    counts = count_pages_per_year(archive)
    assert sorted(counts) == [2025, 2026]
    assert sum(counts.values()) == len(archive.reports) - len(archive.pending)


def read_index_entries(bundle: Path) -> list[dict]:
    """What Pagefind stored of each indexed page (its fragments: gzip, a signature, JSON)."""
    entries = []
    for path in sorted(bundle.glob("fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        entries.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return entries


@pytest.mark.build
def test_the_index_holds_each_published_report_once_and_nothing_else(built):
    site = built / "site"
    assert [p.name for p in (site / "pagefind").iterdir()] == ["2026"]  # one part: the only year
    entries = read_index_entries(site / "pagefind/2026")
    urls = sorted(e["url"] for e in entries)
    assert urls == sorted(
        f"/reports/2026/{i}.html"
        for i in ("0105-yunling-chalv", "0105-yingji-paicha", "0120-hefeng-qingshi-tuoguan", "0312-yunling-diaoyan")
    )
    for url in urls:  # each result leads to the report's page (search-worker.js turns .html into /)
        assert (site / url.strip("/").removesuffix(".html") / "index.html").is_file()
    entry = json.loads((site / "pagefind/2026/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zxx"]["page_count"] == 4  # index words, no language
    shown = next(e for e in entries if e["url"] == "/reports/2026/0120-hefeng-qingshi-tuoguan.html")
    assert shown["meta"]["title"] == "禾丰县与青石镇联合推行“全程托管”服务"
    assert shown["filters"]["unit"] == ["禾丰县委办公室", "云岭县青石镇"]
    assert "data-pagefind" not in (site / "reports/2026/0120-hefeng-qingshi-tuoguan/index.html").read_text(
        encoding="utf-8"
    )  # the shown page carries no second copy of the text


def test_search_record_carries_filters_meta_and_index_words():
    archive = load_archive(FIXTURE)
    report = next(r for r in archive.reports if r.path.endswith("0120-hefeng-qingshi-tuoguan.md"))
    issue = next(i for i in archive.issues if report in i.reports)
    assert record_path(report) == "reports/2026/0120-hefeng-qingshi-tuoguan.html"
    source = render_search_record(archive, report, issue)
    filters = re.findall(r'data-pagefind-filter="([^"]+)"', source)
    assert filters == ["series:今日信息", "year:2026", "category:经验做法", "unit:禾丰县委办公室", "unit:云岭县青石镇"]
    assert re.findall(r'data-pagefind-meta="([^"]+)"', source) == [
        "title:禾丰县与青石镇联合推行“全程托管”服务",
        "unit:禾丰县委办公室、云岭县青石镇",
        "issue:《今日信息》2026年第2期",
        "date:2026-01-20",
    ]
    assert 'data-pagefind-sort="date:2026-01-20"' in source
    block = re.search(r"<div data-pagefind-body[^>]*>(.*?)</div>", source).group(1)
    title, head, text = re.fullmatch(
        r'(?:<span data-pagefind-(?:filter|meta)="[^"]*"></span>)*'
        r'<span data-pagefind-weight="10">([^<]*)</span>([^<⁂]*)⁂([^<]*)',
        block,
    ).groups()
    assert decode_index_text(title) == "禾丰县与青石镇联合推行“全程托管”服务"
    assert decode_index_text(head) == "·禾丰县委办公室·云岭县青石镇"  # units' names (no keywords)
    assert decode_index_text(text) == "禾丰县与云岭县青石镇联合推行农业生产“全程托管”服务，托管面积达8.6万亩。"
    assert not re.search(r"[\u4e00-\u9fff]", title + head + text)  # the index never sees Chinese to segment


@pytest.mark.build
def test_no_theme_search_index_is_shipped(built):
    assert not (built / "site/search/search_index.json").exists()
    assert (built / "site/search/index.html").exists()


def test_work_folders_of_ended_builds_are_removed_and_running_ones_kept(tmp_path):
    # A build killed outright leaves its index work folder; the next build removes it.
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    dead = tmp_path / f"{WORK_PREFIX}{int(ended.stdout)}-abc"
    alive = tmp_path / f"{WORK_PREFIX}{os.getpid()}-def"
    other = tmp_path / "bulletin-search-notapid"
    for folder in (dead, alive, other):
        (folder / "records").mkdir(parents=True)
    remove_stale_work(tmp_path, WORK_PREFIX)
    assert not dead.exists()
    assert alive.exists() and other.exists()
