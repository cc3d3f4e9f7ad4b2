"""Browsing pages: topics (categories and keywords), 批示汇编 and each unit's reports by year.

Every list is grouped by year into pages of its own, so that no page grows with the
archive: a ten-year archive has ten year pages of a topic, not one page of ten years.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pypinyin import lazy_pinyin

from bulletin.model import Archive, Report
from bulletin.render.addresses import link_url, report_src, unit_src
from bulletin.render.labels import LEVEL_NAMES, format_date, issue_label, unit_names
from bulletin.render.pages import Page, escape_html, escape_md, front_matter, link_to, render_html_page, render_section

INSTRUCTIONS_SRC = "instructions/index.md"
TOPICS_SRC = "topics/index.md"
TOP_TAGS = 60


def make_slug(text: str) -> str:
    """An ASCII address for a Chinese name: 工作动态 -> gongzuo-dongtai."""
    syllables = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(text)]
    syllables = [s for s in syllables if s]
    words = ["".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2)]
    return "-".join(words) or "x"


def assign_slugs(names) -> dict[str, str]:
    """Stable, unique slugs: the same name always gets the same address."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names)):
        slug, n = make_slug(name), 2
        while slug in used:
            slug, n = f"{make_slug(name)}-{n}", n + 1
        slugs[name] = slug
        used.add(slug)
    return slugs


def render_report_list(archive: Archive, src: str, rows) -> str:
    """Reports with their dates, units and issues, as an HTML list."""
    items = "".join(
        f'<li>{format_date(issue.date)} <a href="{link_url(src, report_src(report))}">{escape_html(report.title)}</a>'
        f"　{escape_html(unit_names(archive, report))} · 《{escape_html(issue.series.name)}》{issue_label(issue)}</li>\n"
        for report, issue in rows
    )
    return f'<ul class="bl-report-list">\n{items}</ul>\n'


def sort_newest_first(rows: list[tuple[Report, object]]) -> list[tuple[Report, object]]:
    """(report, issue) pairs by the issue's date, newest first."""
    return sorted(rows, key=lambda pair: (pair[1].date, pair[0].id), reverse=True)


def render_year_links(src: str, base: str, by_year: dict[int, list], counter: str) -> str:
    """Links to a list's year pages (``base/<year>``), newest first, with their counts."""
    links = (
        f'<a href="{link_url(src, f"{base}/{y}.md")}">{y}年（{len(by_year[y])}{counter}）</a>'
        for y in sorted(by_year, reverse=True)
    )
    return f"<p>{' · '.join(links)}</p>\n"


YEAR_PAGES_FROM = 40  # a list shorter than this is one page; longer lists get a page per year


def render_year_lists(
    archive: Archive, base: str, title: str, lead: str, items: list[tuple[Report, object]]
) -> list[Page]:
    """An index page (years with counts, the latest year's list) and one page per year;
    a short list is a single page. ``lead`` is HTML. The pages are written as HTML: a
    keyword has a page per year, thousands in a ten-year archive."""
    index_src = f"{base}/index.md"
    if len(items) < YEAR_PAGES_FROM:
        rows = sort_newest_first(items)
        return [render_html_page(index_src, title, [lead, render_report_list(archive, index_src, rows)])]
    by_year: dict[int, list] = defaultdict(list)
    for report, issue in items:
        by_year[issue.date.year].append((report, issue))
    years = sorted(by_year, reverse=True)
    pages = [
        render_html_page(
            index_src,
            title,
            [
                lead,
                render_year_links(index_src, base, by_year, "篇"),
                render_section(f"{years[0]}年"),
                render_report_list(archive, index_src, sort_newest_first(by_year[years[0]])),
            ],
        )
    ]
    for year in years:
        src = f"{base}/{year}.md"
        pages.append(
            render_html_page(
                src,
                f"{title} {year}年",
                [
                    f'<p><a href="{link_url(src, index_src)}">返回</a></p>\n',
                    render_report_list(archive, src, sort_newest_first(by_year[year])),
                ],
                heading=f"{title} · {year}年",
            )
        )
    return pages


def render_topic_pages(archive: Archive) -> list[Page]:
    by_category: dict[str, list] = defaultdict(list)
    by_tag: dict[str, list] = defaultdict(list)
    for report, issue in archive.published():
        by_category[report.category].append((report, issue))
        for tag in report.tags:
            by_tag[tag].append((report, issue))
    categories, tags = assign_slugs(by_category), assign_slugs(by_tag)
    pages: list[Page] = []
    for name, slug in categories.items():
        pages += render_year_lists(
            archive, f"topics/{slug}", name, f"<p>类别：{escape_html(name)}。</p>\n", by_category[name]
        )
    tag_counts = {t: len(by_tag[t]) for t in tags}
    for name, slug in tags.items():
        pages += render_year_lists(
            archive, f"topics/tags/{slug}", name, f"<p>关键词：{escape_html(name)}。</p>\n", by_tag[name]
        )
    src = TOPICS_SRC
    parts = [front_matter("专题"), "# 专题\n\n## 类别\n\n"]
    parts += [
        f"- [{escape_md(n)}]({link_to(src, f'topics/{s}/index.md')})（{len(by_category[n])}篇）\n"
        for n, s in categories.items()
    ]
    top = sorted(tag_counts, key=lambda t: (-tag_counts[t], tags[t]))[:TOP_TAGS]
    parts.append(
        "\n## 常用关键词\n\n"
        + " · ".join(
            f"[{escape_md(t)}（{tag_counts[t]}）]({link_to(src, f'topics/tags/{tags[t]}/index.md')})" for t in top
        )
        + "\n"
    )
    if len(tags) > TOP_TAGS:
        parts.append(f"\n另有{len(tags) - TOP_TAGS}个关键词，可在[搜索]({link_to(src, 'search/index.md')})中查找。\n")
    return [Page(src, "".join(parts)), *pages]


def render_instruction_pages(archive: Archive) -> list[Page]:
    """批示汇编: every 批示 on a published report, newest first, one page per year."""
    entries = sorted(
        ((ins, r, i) for r, i in archive.published() for ins in r.instructions),
        key=lambda e: (e[0].date, e[1].id),
        reverse=True,
    )
    by_year: dict[int, list] = defaultdict(list)
    for entry in entries:
        by_year[entry[0].date.year].append(entry)

    def render(src: str, rows) -> str:
        return "".join(
            f'<blockquote class="bl-instruction"><p class="bl-instruction-by">{escape_html(ins.by)}'
            f"<span>（{LEVEL_NAMES[ins.level]}，{format_date(ins.date)}）</span></p>"
            f"<p>{escape_html(ins.text)}</p></blockquote>\n"
            f'<p>批示在：<a href="{link_url(src, report_src(r))}">{escape_html(r.title)}</a>'
            f"（{escape_html(unit_names(archive, r))}，《{escape_html(i.series.name)}》{issue_label(i)}）</p>\n"
            for ins, r, i in rows
        )

    years = sorted(by_year, reverse=True)
    index = [render_year_links(INSTRUCTIONS_SRC, "instructions", by_year, "条")]
    if years:
        index += [render_section(f"{years[0]}年"), render(INSTRUCTIONS_SRC, by_year[years[0]])]
    pages = [render_html_page(INSTRUCTIONS_SRC, "批示汇编", index)]
    for year in years:
        src = f"instructions/{year}.md"
        pages.append(
            render_html_page(src, f"批示汇编 {year}年", [render(src, by_year[year])], heading=f"批示汇编 · {year}年")
        )
    return pages


def render_unit_year_pages(archive: Archive) -> list[Page]:
    """Each unit's published reports of one year: /units/<key>/<year>/."""
    pages = []
    by_unit: dict[str, list] = defaultdict(list)
    for report, issue in archive.published():
        for key in report.units:
            by_unit[key].append((report, issue))
    for key, items in by_unit.items():
        unit = archive.units[key]
        for year in sorted({i.date.year for _, i in items}):
            src = f"units/{key}/{year}.md"
            rows = sort_newest_first([(r, i) for r, i in items if i.date.year == year])
            pages.append(
                render_html_page(
                    src,
                    f"{unit.name} {year}年",
                    [
                        f'<p><a href="{link_url(src, unit_src(key))}">返回单位页</a></p>\n',
                        render_report_list(archive, src, rows),
                    ],
                    heading=f"{unit.name} · {year}年",
                )
            )
    return pages


def render_browse_site(archive: Archive) -> tuple[Page, ...]:
    return (*render_topic_pages(archive), *render_instruction_pages(archive), *render_unit_year_pages(archive))
