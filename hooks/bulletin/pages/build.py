"""The whole generated site in one call: every page and file the core writes, for one build date.

Like MkDocs' own build, it gathers everything before anything is written: the adapter
(``hooks/mkdocs_hooks.py``) only hands the result to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from bulletin.archive import CONTENT_DIR
from bulletin.model import Archive
from bulletin.pages.browse import assign_keyword_slugs, render_browse_site
from bulletin.pages.emergency import render_emergency_site
from bulletin.pages.feeds import render_feeds
from bulletin.pages.home import render_home_blocks
from bulletin.pages.network import render_network_site
from bulletin.pages.page import Page
from bulletin.pages.preview import render_pending_pages
from bulletin.pages.search.page import render_search_page
from bulletin.pages.series import render_bulletin_pages
from bulletin.pages.sitemap import render_sitemap
from bulletin.pages.stats import render_stats_site
from bulletin.placeholders import HOME_MARKER

__all__ = ["HOME_MARKER", "SiteOutput", "render_home_blocks", "render_site"]


@dataclass(frozen=True)
class SiteOutput:
    pages: tuple[Page, ...]  # generated pages, by source path inside docs_dir
    files: dict[str, bytes]  # other generated files (CSV tables, the Atom feeds, sitemap.xml)


def render_site(
    archive: Archive,
    as_of: dt.date,
    moment: dt.datetime,
    *,
    preview: bool = False,
    search_index: bool = True,
    documents: bool = False,
    docs_dir: str = CONTENT_DIR,
    previous: Mapping[str, str] | None = None,
) -> SiteOutput:
    """Every generated page and file of the site; ``as_of`` is the build date and ``moment`` the
    build moment, to the minute (see bulletin.times): what is overdue in 紧急信息 is overdue then.

    An issue dated after ``as_of`` is scheduled (:meth:`Archive.as_of`): its pages are built for
    preview, and every other page speaks for the archive as published on ``as_of``. The editors'
    ``preview`` (``make serve``) adds a page for each pending report (see bulletin.pages.preview);
    without a ``search_index`` the search page says so instead of searching. With ``documents``
    the issue pages link each issue's PDF and Word file (made by bulletin.documents.builder), and
    the feeds enclose each PDF. ``docs_dir`` is the folder of the hand-written pages (relative to
    the repository, as ``Archive.pages`` names them): the sitemap lists them with the generated ones.
    ``previous``: the previous complete build's page keys, when its pages can be taken
    (bulletin.pages.reuse); a page keyed by its inputs whose key is there is not rendered
    again, only marked taken."""
    published = archive.as_of(as_of)
    # The bulletin itself: series, years, issues, reports (and the scheduled issues, for preview).
    # Report pages link their keywords to the keyword pages, which list published reports only.
    pages: list[Page] = list(
        render_bulletin_pages(archive, as_of, assign_keyword_slugs(published), documents=documents, previous=previous)
    )
    # Figures: ranking notices, annual views, units, 约稿 (and the notices' CSV files); 紧急信息 as of the moment.
    stats_pages, files = render_stats_site(published, as_of, moment)
    pages += stats_pages
    # Browsing: topics, keywords, 批示汇编, each unit's reports by year.
    pages += render_browse_site(published, previous)
    # 紧急信息: the board, each year (and its timeliness.csv) and each event, as of the build moment.
    emergency_pages, emergency_files = render_emergency_site(published, moment)
    pages += emergency_pages
    files.update(emergency_files)
    # The information network: each county's towns and points, silent points, coverage (and points.csv).
    network_page, network_files = render_network_site(published, as_of)
    pages.append(network_page)
    files.update(network_files)
    # The search page (its index is built by bulletin.pages.search.indexer, from the same view).
    pages.append(render_search_page(published, search_index=search_index))
    # Only in the editors' preview: the pending reports, at the addresses they will have.
    if preview:
        pages += render_pending_pages(archive)
    # The Atom feeds of new issues, and every published page in sitemap.xml (neither names a
    # scheduled issue or a pending report).
    files.update(render_feeds(published, as_of, documents=documents))
    hand_written = [posixpath.relpath(page.path, docs_dir) for page in archive.pages]
    files.update(render_sitemap(archive, as_of, [*hand_written, *(page.src for page in pages)]))
    return SiteOutput(tuple(pages), files)
