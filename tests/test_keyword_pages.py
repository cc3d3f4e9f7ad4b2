"""Keyword pages are reached: each keyword on a report page links to its page, which lists the
report, and every keyword page is reached from 专题 (the built sample, crawled as a reader clicks)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from helpers import REPO, text_of

from bulletin.archive import load_archive

pytestmark = pytest.mark.build

_HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"')


def article_of(page: Path) -> str:
    source = page.read_text(encoding="utf-8")
    return source[source.index("<article") : source.rindex("</article>")]


def follow(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of ``page`` leads to (a folder's index.html), or None for a link
    that leaves the site's pages."""
    if not href or re.match(r"^[a-z]+:", href) or href.startswith("/"):
        return None
    target = (page.parent / html.unescape(href)).resolve()
    if target.is_dir():
        target = target / "index.html"
    assert target.is_relative_to(site.resolve()), (page, href)
    return target


def test_keywords_on_a_report_page_lead_to_pages_listing_the_report(sample_site):
    archive = load_archive(REPO)
    checked = 0
    for report in [r for r in archive.reports if r.tags and not r.is_pending][:40]:
        page = sample_site / f"reports/{report.year}/{report.id}/index.html"
        article = article_of(page)
        links = re.findall(r'<a class="bl-keyword" href="([^"]+)">([^<]+)</a>', article)
        assert [html.unescape(name) for _href, name in links] == list(report.tags), report.id
        for href, name in links:
            target = follow(sample_site, page, href)
            assert target is not None and target.exists(), (report.id, href)
            assert re.fullmatch(r"[a-z0-9-]+", target.parent.name), href  # an ASCII address
            listed = text_of(target)
            assert f"关键词：{html.unescape(name)}" in listed
            if report.title not in listed:  # a long keyword list: the report is on its year's page
                listed = text_of(target.parent / str(report.placement.year) / "index.html")
            assert report.title in listed, (report.id, name)
            checked += 1
    assert checked >= 40


def test_every_keyword_page_is_reached_from_the_topics_page(sample_site):
    start = (sample_site / "topics/index.html").resolve()
    seen, queue = {start}, [start]
    while queue:  # every page under /topics/ reached by links from 专题
        page = queue.pop()
        for href in _HREF.findall(article_of(page)):
            target = follow(sample_site, page, href)
            if target is None or not target.exists() or target in seen:
                continue
            if target.is_relative_to((sample_site / "topics").resolve()):
                seen.add(target)
                queue.append(target)
    keyword_pages = {p.resolve() for p in (sample_site / "topics/tags").rglob("index.html")}
    assert len(keyword_pages) > 200
    assert keyword_pages - seen == set()
    index = text_of(sample_site / "topics/index.html")
    assert re.search(r"全部关键词（\d+个，按拼音排列）", index)


def test_keyword_index_lists_each_keyword_once_with_its_count(sample_site):
    archive = load_archive(REPO)
    counts: dict[str, int] = {}
    for report, _issue in archive.published():
        for tag in report.tags:
            counts[tag] = counts.get(tag, 0) + 1
    article = article_of(sample_site / "topics/tags/index.html")
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a>（(\d+)）</li>', article)
    assert {html.unescape(name): int(n) for name, n in listed} == counts
    assert len(listed) == len(counts)
