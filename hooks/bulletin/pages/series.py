"""The bulletin's own pages: each series, its years, its issues and their reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bulletin.addresses import series_src, year_src
from bulletin.labels import name_report_units, series_title
from bulletin.model import Archive, Issue, Series
from bulletin.pages.issues import render_issue_page
from bulletin.pages.page import Page, make_page
from bulletin.pages.reports import render_report_page

SERIES_PAGE_ISSUES = 10


def count_reports(issues: list[Issue]) -> int:
    return sum(len(issue.reports) for issue in issues)


def render_series_page(archive: Archive, series: Series, issues: list[Issue]) -> Page:
    """A series: its years with their counts, then its latest issues with their contents."""
    years = sorted({issue.year for issue in issues}, reverse=True)
    by_year = {year: [issue for issue in issues if issue.year == year] for year in years}
    latest = sorted(issues, key=lambda issue: (issue.date, issue.total), reverse=True)[:SERIES_PAGE_ISSUES]
    return make_page(
        series_src(series),
        "series.html",
        series.name,
        heading=series_title(series),
        archive=archive,
        series=series,
        years=[(year, by_year[year], count_reports(by_year[year])) for year in years],
        latest=latest,
        names=name_report_units(archive, (report for issue in latest for report in issue.reports)),
    )


def render_year_page(archive: Archive, series: Series, year: int, issues: list[Issue]) -> Page:
    """A year of a series: every issue of it, newest first, with its contents."""
    return make_page(
        year_src(series, year),
        "year.html",
        f"{series.name} {year}年",
        heading=f"{series_title(series)}{year}年",
        archive=archive,
        series=series,
        issues=sorted(issues, key=lambda issue: issue.number, reverse=True),
        names=name_report_units(archive, (report for issue in issues for report in issue.reports)),
        reports=count_reports(issues),
    )


def render_bulletin_pages(
    archive: Archive,
    as_of: dt.date,
    keywords: Mapping[str, str] | None = None,
    *,
    documents: bool = False,
    previous: Mapping[str, str] | None = None,
) -> tuple[Page, ...]:
    """Every series, year, issue and report page, in a stable order. The series and year pages
    list the issues published by ``as_of``; a scheduled issue (dated later) has its own page and
    its reports' pages, for preview, and no published page links to it. A report page links
    each of its keywords that has a page (``keywords``: keyword -> slug). With ``documents`` the
    issue pages link the issues' PDF and Word files. A report page whose key is in ``previous``
    (the previous build's keys) is not rendered (see bulletin.pages.reports)."""
    pages: list[Page] = []
    for series in archive.settings.series:
        every = list(archive.issues_of(series.key))
        issues = [issue for issue in every if issue.date <= as_of]
        pages.append(render_series_page(archive, series, issues))
        for year in sorted({issue.year for issue in issues}):
            pages.append(render_year_page(archive, series, year, [issue for issue in issues if issue.year == year]))
        for index, issue in enumerate(every):
            scheduled = issue.date > as_of
            preceding = every[index - 1] if index > 0 else None
            following = every[index + 1] if index + 1 < len(every) else None
            if following is not None and following.date > as_of and not scheduled:
                following = None  # the latest published issue does not lead to one not yet published
            pages.append(
                render_issue_page(
                    archive,
                    issue,
                    preceding,
                    following,
                    scheduled=scheduled,
                    documents=documents,
                    previous_keys=previous,
                )
            )
            pages.extend(render_report_page(archive, report, issue, keywords, previous) for report in issue.reports)
    return tuple(pages)
