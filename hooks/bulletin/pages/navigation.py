"""The site's navigation: every series of ``extra.bulletin.series`` in it, without editing ``nav``.

The office lists its pages in ``nav`` of mkdocs.yml by hand (首页, the series, 专题, 通报 …). A
series added to the settings later (《紧急信息》, 《社情民意》) belongs there too: a series the
``nav`` does not list yet is put in after the last series entry, in the settings' order, under its
name. A series the ``nav`` lists already (anywhere, under any title) is left where it is, and so is
everything else. Without a ``nav`` MkDocs lists every page itself, and nothing is added.

A name the ``nav`` already gives another page (the board 紧急信息 at ``emergency/``) is written
as the series' title, 《紧急信息》, so that two entries never read the same.

A title in ``nav`` is HTML to the theme, which prints it as it is: the series' name is escaped
(a name such as ``紧急<b>信息</b>`` shows as written, as on every other page).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from bulletin.addresses import HOME_SRC, series_src
from bulletin.labels import series_title
from bulletin.model import Series

NavItem = str | dict[str, object]  # as mkdocs.yml writes one: "page.md" or {title: page or [items]}


def list_pages(item: object) -> list[str]:
    """Every page path (or link) an item of ``nav`` names, sections included."""
    if isinstance(item, str):
        return [item]
    if isinstance(item, dict):
        return [page for value in item.values() for page in list_pages(value)]
    if isinstance(item, list):
        return [page for entry in item for page in list_pages(entry)]
    return []


def list_titles(item: object) -> list[str]:
    """Every title an item of ``nav`` gives, sections included."""
    if isinstance(item, dict):
        return [title for key, value in item.items() for title in [str(key), *list_titles(value)]]
    if isinstance(item, list):
        return [title for entry in item for title in list_titles(entry)]
    return []


def read_series_key(page: str) -> str:
    """``jrxx/index.md``, ``./jrxx/``, ``jrxx`` -> ``jrxx`` (the folder a series page names)."""
    path = page.strip().removeprefix("./")
    return path.removesuffix("index.md").strip("/")


def add_series_to_nav(nav: list[NavItem] | None, series: Iterable[Series]) -> list[NavItem] | None:
    """``nav`` with an entry for each series it does not list yet, after its last series entry
    (or after the home page, or first, when it lists none); the rest as it was."""
    if nav is None:
        return None
    every = list(series)
    keys = {s.key for s in every}
    listed = {read_series_key(page) for page in list_pages(nav)}
    missing = [s for s in every if s.key not in listed]
    if not missing:
        return nav
    places = [i for i, item in enumerate(nav) if any(read_series_key(p) in keys for p in list_pages(item))]
    if places:
        at = places[-1] + 1
    else:
        home = [i for i, item in enumerate(nav) if HOME_SRC in list_pages(item)]
        at = home[0] + 1 if home else 0
    taken = set(list_titles(nav))
    entries: list[NavItem] = [
        {html.escape(series_title(s) if s.name in taken else s.name, quote=False): series_src(s)} for s in missing
    ]
    return [*nav[:at], *entries, *nav[at:]]
