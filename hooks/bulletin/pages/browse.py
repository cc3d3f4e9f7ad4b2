"""Browsing pages: topics (categories and keywords), 批示汇编 and each unit's reports by year.

Every list is grouped by year into pages of its own, so that no page grows with the
archive: a ten-year archive has ten year pages of a topic, not one page of ten years.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from bulletin.addresses import (
    INSTRUCTIONS_BASE,
    KEYWORDS_SRC,
    TOPICS_SRC,
    category_base,
    list_src,
    report_src,
    tag_base,
    unit_src,
    unit_years_base,
)
from bulletin.labels import issue_citation, unit_names
from bulletin.model import Archive, Instruction, Issue, Report
from bulletin.pages.headings import HeadingIds
from bulletin.pages.page import Page, make_keyed_page, make_page
from bulletin.slugs import assign_slugs

TOP_TAGS = 60
YEAR_PAGES_FROM = 40  # a list shorter than this is one page; longer lists get a page per year

Published = tuple[Report, Issue]


@dataclass(frozen=True)
class ListedReport:
    """A report as a list shows it: all a list page is made of (its key, bulletin.pages.page)."""

    src: str  # its page
    title: str
    units: str  # its units' names as its issue printed them
    date: dt.date  # its issue's
    citation: str  # 《今日信息》2026年第3期


def list_reports(archive: Archive) -> dict[str, ListedReport]:
    """Every published report as the lists show it, by its path (each is in several lists)."""
    return {
        report.path: ListedReport(
            report_src(report), report.title, unit_names(archive, report), issue.date, issue_citation(issue)
        )
        for report, issue in archive.published()
    }


def sort_newest_first(rows: list[Published]) -> list[Published]:
    """(report, issue) pairs by the issue's date, newest first."""
    return sorted(rows, key=lambda pair: (pair[1].date, pair[0].id), reverse=True)


def render_year_lists(
    listed: Mapping[str, ListedReport],
    base: str,
    title: str,
    lead: str,
    items: list[Published],
    previous: Mapping[str, str] | None = None,
) -> list[Page]:
    """An index page (years with counts, the latest year's list) and one page per year;
    a short list is a single page. ``lead`` is a line of text above the list (or "")."""
    index_src = list_src(base)
    if len(items) < YEAR_PAGES_FROM:
        return [render_report_list(index_src, title, listed, sort_newest_first(items), previous, lead=lead)]
    by_year: dict[int, list[Published]] = defaultdict(list)
    for report, issue in items:
        by_year[issue.date.year].append((report, issue))
    years = sorted(by_year, reverse=True)
    rows = {year: sort_newest_first(by_year[year]) for year in years}
    counts = [(year, len(rows[year])) for year in years]
    pages = [
        render_report_list(index_src, title, listed, rows[years[0]], previous, lead=lead, base=base, counts=counts)
    ]
    for year in years:
        pages.append(
            render_report_list(
                list_src(base, year),
                f"{title} {year}年",
                listed,
                rows[year],
                previous,
                heading=f"{title} · {year}年",
                back=index_src,
                back_label="返回",
            )
        )
    return pages


def render_report_list(
    src: str,
    title: str,
    listed: Mapping[str, ListedReport],
    rows: list[Published],
    previous: Mapping[str, str] | None = None,
    *,
    heading: str = "",
    lead: str = "",
    base: str = "",
    counts: list[tuple[int, int]] | None = None,
    back: str = "",
    back_label: str = "",
) -> Page:
    """One page of a list of reports: a way back or a lead line, the links to the list's
    year pages (``counts``, on a long list's index page), then the reports, as ``listed`` shows
    them. Keyed by what it shows: not rendered when ``previous`` has its key."""
    return make_keyed_page(
        src,
        "report-list.html",
        title,
        previous,
        heading=heading or title,
        rows=tuple(listed[report.path] for report, _issue in rows),
        lead=lead,
        base=base,
        counts=tuple(counts or ()),
        back=back,
        back_label=back_label,
    )


def assign_keyword_slugs(archive: Archive) -> dict[str, str]:
    """The address of each keyword's page (``topics/tags/<slug>/``): every keyword of a published
    report, by :func:`bulletin.slugs.assign_slugs`. Report pages link their keywords with
    it; a keyword only a scheduled or pending report carries has no page yet, and no entry."""
    return assign_slugs(tag for report, _issue in archive.published() for tag in report.tags)


def group_keywords(tags: Mapping[str, str], counts: Mapping[str, int]) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """Every keyword by the first letter of its address (its pinyin), A to Z, then digits and the
    rest under "#": (letter, [(name, slug, reports)]), each group in the order of the addresses."""
    groups: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for name, slug in sorted(tags.items(), key=lambda item: item[1]):
        letter = slug[0].upper() if "a" <= slug[0] <= "z" else "#"
        groups[letter].append((name, slug, counts[name]))
    return sorted(groups.items(), key=lambda group: (group[0] == "#", group[0]))


def render_topic_pages(
    archive: Archive, listed: Mapping[str, ListedReport], previous: Mapping[str, str] | None = None
) -> list[Page]:
    """专题: the topics' index (categories and the most used keywords), the index of every
    keyword, then each category's and each keyword's list."""
    by_category: dict[str, list[Published]] = defaultdict(list)
    by_tag: dict[str, list[Published]] = defaultdict(list)
    for report, issue in archive.published():
        by_category[report.category].append((report, issue))
        for tag in report.tags:
            by_tag[tag].append((report, issue))
    categories, tags = assign_slugs(by_category), assign_keyword_slugs(archive)
    pages: list[Page] = []
    for name, slug in categories.items():
        pages += render_year_lists(listed, category_base(slug), name, f"类别：{name}。", by_category[name], previous)
    for name, slug in tags.items():
        pages += render_year_lists(listed, tag_base(slug), name, f"关键词：{name}。", by_tag[name], previous)
    top = sorted(tags, key=lambda tag: (-len(by_tag[tag]), tags[tag]))[:TOP_TAGS]
    ids = HeadingIds("专题")  # the page was Markdown once: its anchors stay as Markdown made them
    index = make_page(
        TOPICS_SRC,
        "topics.html",
        "专题",
        heading_anchor=ids.first,
        anchors=(ids("类别"), ids("常用关键词")),
        categories=[(name, slug, len(by_category[name])) for name, slug in categories.items()],
        tags=[(name, tags[name], len(by_tag[name])) for name in top],
        all_tags=len(tags),
    )
    groups = group_keywords(tags, {name: len(rows) for name, rows in by_tag.items()})
    keywords = make_page(
        KEYWORDS_SRC,
        "keywords.html",
        "全部关键词",
        groups=groups,
        anchors={letter: f"k-{letter.lower() if letter != '#' else 'other'}" for letter, _rows in groups},
        toc=(),
    )
    return [index, keywords, *pages]


def render_instruction_pages(archive: Archive) -> list[Page]:
    """批示汇编: every 批示 on a published report, newest first, one page per year."""
    entries = sorted(
        ((item, report, issue) for report, issue in archive.published() for item in report.instructions),
        key=lambda entry: (entry[0].date, entry[1].id),
        reverse=True,
    )
    by_year: dict[int, list[tuple[Instruction, Report, Issue]]] = defaultdict(list)
    for entry in entries:
        by_year[entry[0].date.year].append(entry)
    years = sorted(by_year, reverse=True)
    pages = [
        make_page(
            list_src(INSTRUCTIONS_BASE),
            "instructions.html",
            "批示汇编",
            archive=archive,
            counts=[(year, len(by_year[year])) for year in years],
            entries=by_year[years[0]] if years else [],
        )
    ]
    for year in years:
        pages.append(
            make_page(
                list_src(INSTRUCTIONS_BASE, year),
                "instructions.html",
                f"批示汇编 {year}年",
                heading=f"批示汇编 · {year}年",
                archive=archive,
                counts=[],
                entries=by_year[year],
            )
        )
    return pages


def render_unit_year_pages(
    archive: Archive, listed: Mapping[str, ListedReport], previous: Mapping[str, str] | None = None
) -> list[Page]:
    """Each unit's published reports of one year: /units/<key>/<year>/."""
    by_unit: dict[str, list[Published]] = defaultdict(list)
    for report, issue in archive.published():
        for key in report.units:
            by_unit[key].append((report, issue))
    pages = []
    for key, items in by_unit.items():
        unit = archive.units[key]
        for year in sorted({issue.date.year for _, issue in items}):
            pages.append(
                render_report_list(
                    list_src(unit_years_base(key), year),
                    f"{unit.name} {year}年",
                    listed,
                    sort_newest_first([(r, i) for r, i in items if i.date.year == year]),
                    previous,
                    heading=f"{unit.name} · {year}年",
                    back=unit_src(key),
                    back_label="返回单位页",
                )
            )
    return pages


def render_browse_site(archive: Archive, previous: Mapping[str, str] | None = None) -> tuple[Page, ...]:
    """Every browsing page; a list page whose key is in ``previous`` (the previous build's keys)
    is not rendered (see bulletin.pages.page.make_keyed_page)."""
    listed = list_reports(archive)
    return (
        *render_topic_pages(archive, listed, previous),
        *render_instruction_pages(archive),
        *render_unit_year_pages(archive, listed, previous),
    )
