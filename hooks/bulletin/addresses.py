"""Every address of the site in one place: where each generated page goes, and links between pages.

A page is named by its source path inside ``docs_dir`` (``jrxx/2026/012.md``), as MkDocs
names files; with directory URLs it is served at ``/jrxx/2026/012/``. Links between pages
are always relative (``../../reports/2026/x/``), so the site works under any sub-path and
opened from a folder.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from bulletin.model import Event, Issue, Report, Series

HOME_SRC = "index.md"
SEARCH_SRC = "search/index.md"
STATS_SRC = "stats/index.md"
UNITS_SRC = "units/index.md"
TOPICS_SRC = "topics/index.md"
KEYWORDS_SRC = "topics/tags/index.md"  # every keyword, from 专题
INSTRUCTIONS_BASE = "instructions"
COMMISSIONS_SRC = "commissions/index.md"
PENDING_SRC = "pending/index.md"  # the pending reports: only in the editors' preview (make serve)
SEARCH_BUNDLE_DIR = "pagefind"  # Pagefind's bundle and index, at the site's root
SEARCH_SCRIPT = "assets/search.js"
SEARCH_WORKER = "assets/search-worker.js"
SITEMAP_SRC = "sitemap.xml"  # every published page (bulletin.pages.sitemap), at the site's root


# --- pages of the bulletin ------------------------------------------------------------


def issue_src(issue: Issue) -> str:
    return f"{issue.series.key}/{issue.year}/{issue.number:03d}.md"


def document_src(issue: Issue, fmt: str) -> str:
    """An issue's PDF or Word file (``fmt``: pdf, docx), beside its page, with an ASCII name:
    ``jrxx/2026/022/jrxx-2026-022.pdf``."""
    name = f"{issue.series.key}-{issue.year}-{issue.number:03d}"
    return f"{issue.series.key}/{issue.year}/{issue.number:03d}/{name}.{fmt}"


def feed_src(series: Series | None = None) -> str:
    """The Atom feed of a series' new issues (``jrxx/feed.xml``, beside its page), or of every
    series' (``feed.xml``, at the site's root)."""
    return "feed.xml" if series is None else f"{series.key}/feed.xml"


def report_src(report: Report) -> str:
    return f"reports/{report.year}/{report.id}.md"


def report_anchor(report: Report) -> str:
    """The anchor of a report inside its issue page."""
    return f"r-{report.id}"


def series_src(series: Series) -> str:
    return f"{series.key}/index.md"


def year_src(series: Series, year: int) -> str:
    return f"{series.key}/{year}/index.md"


# --- lists: an index page and, for long lists, one page per year ----------------------


def list_src(base: str, year: int | None = None) -> str:
    """A list's index page (``base/index.md``) or one of its year pages (``base/<year>.md``)."""
    return f"{base}/index.md" if year is None else f"{base}/{year}.md"


def category_base(slug: str) -> str:
    return f"topics/{slug}"


def tag_base(slug: str) -> str:
    return f"topics/tags/{slug}"


def unit_src(key: str | None = None) -> str:
    return UNITS_SRC if key is None else f"units/{key}.md"


def unit_years_base(key: str) -> str:
    """A unit's published reports, one page per year: ``units/<key>/<year>/``."""
    return f"units/{key}"


# --- figures ----------------------------------------------------------------------------


def stats_src(year: int | None = None, month: int | None = None) -> str:
    if year is None:
        return STATS_SRC
    return f"stats/{year}/index.md" if month is None else f"stats/{year}/{month:02d}/index.md"


def csv_src(year: int, month: int) -> str:
    """The ranking table of a monthly notice as CSV, beside the notice's page."""
    return f"stats/{year}/{month:02d}/ranking.csv"


# --- URLs -------------------------------------------------------------------------------


def page_url(src: str) -> str:
    """The site path of a generated page (directory URLs): jrxx/2026/012.md -> /jrxx/2026/012/."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):  # a folder's index page, not an id ending in "index"
        stem = stem.removesuffix("index").rstrip("/")
    return f"/{stem}/" if stem else "/"


def link_url(from_src: str, to_src: str, anchor: str = "") -> str:
    """The relative URL of page ``to_src`` (or of a file beside the pages, such as a CSV
    file or a script) from page ``from_src``."""
    start = page_url(from_src).strip("/")
    if to_src.endswith(".md"):
        url = relative_path(page_url(to_src).strip("/"), start) + "/"
    else:
        url = relative_path(to_src, start)
    return f"{url}#{anchor}" if anchor else url


def relative_path(target: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own paths (relative, normalised, no ``..``), without
    its look at the working directory: a site has hundreds of thousands of links."""
    target_parts = target.split("/") if target else []
    start_parts = start.split("/") if start else []
    common = 0
    for a, b in zip(target_parts, start_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + target_parts[common:]) or "."


def file_link(from_file: str, to_src: str, site_url: str = "") -> str:
    """The address of page or file ``to_src`` as a file of the site that is not a page (a feed,
    the sitemap) at ``from_file`` writes it: absolute under ``site_url`` (the site's address, checked
    by bulletin.read.settings), else relative to the file's folder (``../reports/2026/x/``; a reader
    resolves it against the address it fetched the file from). Percent-encoded: a hand-written
    page's name may be Chinese."""
    target = page_url(to_src) if to_src.endswith(".md") else "/" + to_src
    if site_url:
        return site_url.rstrip("/") + quote(target)
    relative = relative_path(target.strip("/"), posixpath.dirname(from_file))
    if target.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return quote(relative)


def search_record_path(report: Report) -> str:
    """Where a report's search record goes: the path of its page as one file (``reports/2026/x.html``;
    a folder per record costs the disk a directory each). Pagefind gives that path as the
    result's URL; search-worker.js turns it into the page's (``/reports/2026/x/``)."""
    return f"{page_url(report_src(report)).strip('/')}.html"


# --- 紧急信息 ---------------------------------------------------------------------------

EMERGENCY_SRC = "emergency/index.md"


def emergency_src(year: int | None = None) -> str:
    """The board (``/emergency/``) or a year's events (``/emergency/<year>/``)."""
    return EMERGENCY_SRC if year is None else f"emergency/{year}/index.md"


def event_src(event: Event) -> str:
    """An event's page, ``/emergency/<year>/<id>/`` (a folder of its own: an id may be any key, even ``index``)."""
    return f"emergency/{event.year}/{event.id}/index.md"


def timeliness_csv_src(year: int) -> str:
    """A year's reports with their time limits as CSV, beside the year's page."""
    return f"emergency/{year}/timeliness.csv"


# --- the information network ------------------------------------------------------------

NETWORK_SRC = "network/index.md"
NETWORK_CSV_SRC = "network/points.csv"  # every direct-reporting point and correspondent, beside the page
