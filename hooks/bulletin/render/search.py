"""The /search/ page: the form, its filters (from the archive) and the script that asks the index."""

from __future__ import annotations

from bulletin.model import Archive
from bulletin.render.addresses import SEARCH_SRC
from bulletin.render.page import WIDE, Page, make_page
from bulletin.search.dictionary import build_dictionary
from bulletin.search.parts import plan_search_parts
from bulletin.stats.figures import order_units

TITLE = "搜索"
HEADING_ANCHOR = "_1"  # the id Markdown's table of contents gave the heading (a slug of Chinese is empty)


def render_search_page(archive: Archive) -> Page:
    """The /search/ page: form, filters (from the archive) and the script that starts the search
    worker (content/assets/search-worker.js), which asks the index. It carries no report text,
    and its script must stay: it is not sanitised."""
    return make_page(
        SEARCH_SRC,
        "search.html",
        TITLE,
        sanitize=False,
        hide=WIDE,
        heading_anchor=HEADING_ANCHOR,
        series=[s.name for s in archive.settings.series if archive.issues_of(s.key)],
        years=sorted({str(i.date.year) for i in archive.issues}, reverse=True),
        units=[u.name for u in order_units(archive.units.values())],
        categories=list(archive.settings.categories),
        indexes=[{"name": part.name, "years": list(part.years)} for part in plan_search_parts(archive)],
        dictionary=build_dictionary(archive),
    )
