"""``sitemap.xml``: every published page of the site (https://www.sitemaps.org/protocol.html).

MkDocs writes its own from ``site_url`` and nothing else: with ``site_url: ""`` (the site works
under any path) it listed no page at all. This one lists every page a reader can reach: the
hand-written pages of ``docs_dir`` and every generated one, but not a scheduled issue (dated
after the build date) nor its reports' pages, which are built for the editors' preview only, nor
the preview's pending reports. A crawler given the sitemap finds nothing before it is published.

``lastmod`` is a date the archive says, not the build's clock: an issue page's is its date or its
reports' latest correction, a report page's the latest of its issue date, corrections, 批示 and
adoptions, a series or year page's its newest issue's; other pages (figures, indexes, the
hand-written pages) have none rather than a guess. Addresses are absolute under ``site_url``, as
the protocol asks; without one they are relative to the sitemap (the site's root), which the
office's own crawler can resolve but a search engine refuses: docs/site.md says to set
``site_url`` where a crawler reads the sitemap. An archive of more than 50,000 pages (the
protocol's most in one file) gets a sitemap index and its parts, ``sitemaps/<n>.xml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bulletin.addresses import SITEMAP_SRC, file_link, issue_src, report_src, series_src, year_src
from bulletin.model import Archive, Report
from bulletin.pages.xmlfiles import add_element, make_root, write_xml_file

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_LIMIT = (
    50_000  # addresses in one sitemap file, at most (the protocol's limit; a ten-year archive has some 35,000 pages)
)


def report_updated(report: Report, day: dt.date) -> dt.date:
    """The last day a report's page changed: ``day`` (its issue's), or a later correction, 批示 or adoption."""
    later = [
        *(item.date for item in report.corrections),
        *(item.date for item in report.instructions),
        *(item.date for item in report.adoptions),
    ]
    return max([day, *later])


def find_page_dates(archive: Archive) -> dict[str, dt.date]:
    """The last day each issue, report, series and year page changed, of ``archive`` as published."""
    dates: dict[str, dt.date] = {}

    def note(src: str, day: dt.date) -> None:
        dates[src] = max(day, dates.get(src, day))

    for issue in archive.issues:
        corrected = [item.date for report in issue.reports for item in report.corrections]
        note(issue_src(issue), max([issue.date, *corrected]))
        note(series_src(issue.series), issue.date)
        note(year_src(issue.series, issue.year), issue.date)
        for report in issue.reports:
            note(report_src(report), report_updated(report, issue.date))
    return dates


def unlisted_pages(archive: Archive, as_of: dt.date) -> set[str]:
    """The pages built but not published on ``as_of``: each scheduled issue's and its reports',
    and the pending reports' (the preview's)."""
    hidden = {report_src(report) for report in archive.pending}
    for issue in archive.scheduled(as_of):
        hidden.add(issue_src(issue))
        hidden.update(report_src(report) for report in issue.reports)
    return hidden


def sitemap_part_src(number: int) -> str:
    """The ``number``-th part of a sitemap too long for one file (``sitemaps/1.xml``)."""
    return f"sitemaps/{number}.xml"


def write_urlset(entries: list[tuple[str, dt.date | None]]) -> bytes:
    urlset = make_root("urlset", SITEMAP_NAMESPACE)
    for loc, day in entries:
        url = add_element(urlset, "url")
        add_element(url, "loc", loc)
        if day is not None:
            add_element(url, "lastmod", day.isoformat())
    return write_xml_file(urlset)


def render_sitemap(
    archive: Archive, as_of: dt.date, pages: Iterable[str], *, limit: int = SITEMAP_LIMIT
) -> dict[str, bytes]:
    """The sitemap of the pages ``pages`` (every page's source path inside docs_dir) of
    ``archive`` (the whole archive: its scheduled issues are left out) as published on ``as_of``,
    sorted by address, by its path in the site. More than ``limit`` pages (the protocol's most in
    one file) make ``sitemap.xml`` an index of parts, ``sitemaps/<n>.xml``, ``limit`` pages each."""
    hidden = unlisted_pages(archive, as_of)
    dates = find_page_dates(archive.as_of(as_of))
    site_url = archive.settings.site_url
    entries = sorted((file_link(SITEMAP_SRC, src, site_url), dates.get(src)) for src in set(pages) - hidden)
    if len(entries) <= limit:
        return {SITEMAP_SRC: write_urlset(entries)}
    files: dict[str, bytes] = {}
    index = make_root("sitemapindex", SITEMAP_NAMESPACE)
    for number, start in enumerate(range(0, len(entries), limit), 1):
        part = entries[start : start + limit]
        files[sitemap_part_src(number)] = write_urlset(part)
        item = add_element(index, "sitemap")
        add_element(item, "loc", file_link(SITEMAP_SRC, sitemap_part_src(number), site_url))
        days = [day for _, day in part if day is not None]
        if days:
            add_element(item, "lastmod", max(days).isoformat())
    files[SITEMAP_SRC] = write_xml_file(index)
    return files
