"""The /search/ page: the form, its filters (from the archive) and the script that asks the index."""

from __future__ import annotations

from dataclasses import dataclass

from bulletin.addresses import SEARCH_SRC
from bulletin.figures.scoring import order_units
from bulletin.model import Archive
from bulletin.pages.page import WIDE, Page, make_page
from bulletin.pages.search.dictionary import build_dictionary
from bulletin.pages.search.parts import plan_search_parts
from bulletin.pages.search.records import EMERGENCY_CATEGORY
from bulletin.slugs import assign_slugs

TITLE = "搜索"
HEADING_ANCHOR = "_1"  # the id Markdown's table of contents gave the heading (a slug of Chinese is empty)


@dataclass(frozen=True)
class SearchFilter:
    """One filter of the search page: its name in the address (``?unit=…``), its label, and its
    choices as (key, name). The address holds a choice's key, as every address of the site does
    (``yunling``, ``zk``, ``jingyan-zuofa``, ``2026``); the page takes its name as well
    (``?unit=云岭县委办公室``). The index's filters hold the names (:mod:`bulletin.pages.search.records`)."""

    field: str
    label: str
    choices: tuple[tuple[str, str], ...]


def list_search_filters(archive: Archive) -> tuple[SearchFilter, ...]:
    """The search page's filters: series, year, unit and category, keys and names from the archive.

    A category's key is the slug of its topic page (:func:`bulletin.slugs.assign_slugs`).
    Where a series is an emergency series, 紧急信息 is a category too (see list_categories)."""
    names = list_categories(archive)
    categories = {**assign_slugs(names), **assign_slugs(archive.settings.categories)}  # topic pages' slugs first
    return (
        SearchFilter(
            "series", "刊物", tuple((s.key, s.name) for s in archive.settings.series if archive.issues_of(s.key))
        ),
        SearchFilter(
            "year", "年份", tuple((y, y) for y in sorted({str(i.date.year) for i in archive.issues}, reverse=True))
        ),
        SearchFilter("unit", "单位", tuple((u.key, u.name) for u in order_units(archive.units.values()))),
        SearchFilter("category", "类别", tuple((categories[c], c) for c in names)),
    )


def render_search_page(archive: Archive, *, search_index: bool = True) -> Page:
    """The /search/ page: form, filters (from the archive) and the script that starts the search
    worker (content/assets/search-worker.js), which asks the index. It carries no report text,
    and its script must stay: it is not sanitised. A build without a ``search_index`` (the
    editors' preview) says so on the page, and how to get one, instead of 请联系信息科."""
    filters = list_search_filters(archive)
    return make_page(
        SEARCH_SRC,
        "search.html",
        TITLE,
        sanitize=False,
        hide=WIDE,
        heading_anchor=HEADING_ANCHOR,
        filters=filters,
        choices={f.field: {"label": f.label, "choices": [list(c) for c in f.choices]} for f in filters},
        indexes=[{"name": part.name, "years": list(part.years)} for part in plan_search_parts(archive)],
        dictionary=build_dictionary(archive),
        search_index=search_index,
    )


def list_categories(archive: Archive) -> list[str]:
    """The categories of the settings, and 紧急信息 where a series is an emergency series (its
    reports are filed under it too, see bulletin.pages.search.records)."""
    categories = list(archive.settings.categories)
    if any(s.emergency for s in archive.settings.series) and EMERGENCY_CATEGORY not in categories:
        categories.append(EMERGENCY_CATEGORY)
    return categories
