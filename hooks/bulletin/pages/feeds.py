"""The Atom feeds of new issues (RFC 4287): one per series (``jrxx/feed.xml``), one for all (``feed.xml``).

A reader's feed reader (or the office's intranet portal) polls a feed and learns that an issue
is out without opening the site. Each feed holds the latest ``FEED_ISSUES`` issues published on
the build date, newest first (a scheduled issue, dated later, is in none); an entry is an
issue: its title (今日信息 2026年第3期), its date, 第N期 and 总第N期, the titles of its reports
(each linked), a link to its page and, when the build makes documents, its PDF as an enclosure.

What a feed says depends on the archive and the build date only, never on the build's clock:
an entry's ``published`` is its issue date and its ``updated`` the latest of that date and its
reports' corrections (dates in China, +08:00); the feed's ``updated`` is its newest entry's
(an empty feed's: the site's newest issue's; the build date only while there is no issue at
all). So a feed changes when an issue comes out or is corrected, not from one build to the next.

Ids are ``urn:uuid:`` names made from the office, the series' key and the issue's year and
number: they stay the same when the site moves (``site_url``) and are never reused. Addresses
are absolute under ``site_url`` and relative to the feed's own address without one (RFC 4287
resolves them against it; bulletin.addresses.file_link).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from bulletin.addresses import HOME_SRC, document_src, feed_src, file_link, issue_src, link_url, report_src, series_src
from bulletin.labels import format_date, issue_title, series_title, total_label, unit_names
from bulletin.model import Archive, Issue, Series
from bulletin.pages.templating import render_template
from bulletin.pages.xmlfiles import add_element, make_root, write_xml_file
from bulletin.times import OFFICE_TIMEZONE

FEED_ISSUES = 50  # the latest issues a feed holds
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
# The namespace of the feeds' ids (uuid5): fixed for ever, so an issue keeps its id.
ID_NAMESPACE = uuid.UUID("6f7c1e0a-3b5d-5c2e-9a41-7d2f0b8e4c19")


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's head names it (``<link rel="alternate">``): ``href`` relative to the page."""

    title: str
    href: str


def name_id(office: str, *parts: str) -> str:
    """A stable ``urn:uuid:`` id for the office's feed or entry named by ``parts``."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, chr(0).join((office, *parts)))}"


def issue_id(office: str, issue: Issue) -> str:
    return name_id(office, "issue", issue.series.key, str(issue.year), str(issue.number))


def feed_id(office: str, series: Series | None) -> str:
    return name_id(office, "feed", series.key if series is not None else "")


def write_day(day: dt.date) -> str:
    """A date as an Atom time: its beginning in China (2026-01-05T00:00:00+08:00)."""
    return dt.datetime.combine(day, dt.time(), OFFICE_TIMEZONE).isoformat()


def issue_updated(issue: Issue) -> dt.date:
    """The day an issue's entry last changed: its date, or its reports' latest correction."""
    return max([issue.date, *(item.date for report in issue.reports for item in report.corrections)])


def feed_title(archive: Archive, series: Series | None) -> str:
    office = archive.settings.office
    return f"{office}信息刊物" if series is None else f"{series_title(series)}（{office}）"


def select_issues(archive: Archive, series: Series | None) -> list[Issue]:
    """The issues of a feed, newest first: the latest ``FEED_ISSUES`` of ``archive`` (as
    published on the build date), of one series or of all."""
    issues = archive.issues if series is None else archive.issues_of(series.key)
    order = {item.key: index for index, item in enumerate(archive.settings.series)}
    ranked = sorted(issues, key=lambda issue: (issue.date, -order[issue.series.key], issue.total), reverse=True)
    return ranked[:FEED_ISSUES]


def render_entry_content(archive: Archive, src: str, issue: Issue, site_url: str, documents: bool) -> str:
    """What an entry shows (HTML, escaped by the template): the issue's citation, numbers and date,
    and its reports, each linked, with their units."""
    return render_template(
        "feed-entry.html",
        src,
        issue=issue,
        total=total_label(issue),
        day=format_date(issue.date),
        reports=[
            (report.title, file_link(src, report_src(report), site_url), unit_names(archive, report))
            for report in issue.reports
        ],
        pdf=file_link(src, document_src(issue, "pdf"), site_url) if documents else "",
    )


def render_feed(archive: Archive, series: Series | None, as_of: dt.date, *, documents: bool) -> bytes:
    """The Atom feed of ``series`` (None: of every series) in ``archive`` as published on ``as_of``."""
    src = feed_src(series)
    office = archive.settings.office
    site_url = archive.settings.site_url
    issues = select_issues(archive, series)
    feed = make_root("feed", ATOM_NAMESPACE, **{"xml:lang": "zh-CN"})
    add_element(feed, "id", feed_id(office, series))
    add_element(feed, "title", feed_title(archive, series))
    add_element(feed, "subtitle", f"最新{FEED_ISSUES}期，按日期从新到旧；新的一期刊发后即出现在这里")
    # An empty feed (a series with no issue yet) says when the site's newest issue came out.
    newest = max((issue.date for issue in archive.issues), default=as_of)
    updated = max((issue_updated(issue) for issue in issues), default=newest)
    add_element(feed, "updated", write_day(updated))
    author = add_element(feed, "author")
    add_element(author, "name", office)
    add_element(feed, "link", rel="self", type=ATOM_TYPE, href=file_link(src, src, site_url))
    home = HOME_SRC if series is None else series_src(series)
    add_element(feed, "link", rel="alternate", type="text/html", href=file_link(src, home, site_url))
    for issue in issues:
        entry = add_element(feed, "entry")
        add_element(entry, "id", issue_id(office, issue))
        add_element(entry, "title", issue_title(issue))
        add_element(entry, "published", write_day(issue.date))
        add_element(entry, "updated", write_day(issue_updated(issue)))
        add_element(entry, "category", term=issue.series.key, label=issue.series.name)
        page = file_link(src, issue_src(issue), site_url)
        add_element(entry, "link", rel="alternate", type="text/html", href=page)
        if documents:
            pdf = file_link(src, document_src(issue, "pdf"), site_url)
            add_element(entry, "link", rel="enclosure", type="application/pdf", title="PDF", href=pdf)
        titles = "；".join(report.title for report in issue.reports)
        summary = f"{series_title(issue.series)}第{issue.number}期（{total_label(issue)}），{format_date(issue.date)}：{titles}"
        add_element(entry, "summary", summary)
        content = render_entry_content(archive, src, issue, site_url, documents)
        add_element(entry, "content", content, type="html")
    return write_xml_file(feed)


def render_feeds(archive: Archive, as_of: dt.date, *, documents: bool = False) -> dict[str, bytes]:
    """Every feed by its path in the site: each series' and the one for all. ``archive`` is as
    published on ``as_of`` (Archive.as_of); with ``documents`` each entry encloses its PDF."""
    feeds = {feed_src(None): render_feed(archive, None, as_of, documents=documents)}
    for series in archive.settings.series:
        feeds[feed_src(series)] = render_feed(archive, series, as_of, documents=documents)
    return feeds


def describe_feed_links(archive: Archive, src: str) -> tuple[FeedLink, ...]:
    """The feeds the page ``src`` names in its head: the home page every feed (the one for all
    first), a series page its own and the one for all; other pages none."""
    every = FeedLink(f"{feed_title(archive, None)}（全部刊物）", link_url(src, feed_src(None)))
    if src == HOME_SRC:
        return (every, *(FeedLink(feed_title(archive, s), link_url(src, feed_src(s))) for s in archive.settings.series))
    for series in archive.settings.series:
        if src == series_src(series):
            return (FeedLink(feed_title(archive, series), link_url(src, feed_src(series))), every)
    return ()
