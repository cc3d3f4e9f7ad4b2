"""Leftovers of the old page kind, kept while the figure and search pages still use them.

Every other page is written from templates now (see :mod:`bulletin.render.page`); this
module goes once nothing imports it any more.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass

from bulletin.render.markdown import escape_md

__all__ = ["Page", "escape_html", "escape_md", "front_matter", "link_to"]


@dataclass(frozen=True)
class Page:
    src: str  # source path inside docs_dir, e.g. "stats/2026/index.md"
    markdown: str
    sanitize: bool = True  # pages carrying report text are sanitised after rendering
    # A page rendered here as HTML (its Markdown is only the front matter): MkDocs shows it
    # as it is, with these (id, title HTML) sections in its table of contents.
    html: str | None = None
    toc: tuple[tuple[str, str], ...] = ()


def link_to(from_src: str, to_src: str, anchor: str = "") -> str:
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{anchor}" if anchor else target


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def front_matter(title: str, hide: tuple[str, ...] = ("navigation",)) -> str:
    # A JSON string is a valid YAML double-quoted scalar. Generated pages are not in the
    # navigation, so its (empty) sidebar is hidden to give the text the room.
    # The theme prints the title into <title> and the header unescaped: escape it here.
    hidden = "".join(f"  - {item}\n" for item in hide)
    return f"---\ntitle: {json.dumps(escape_html(title), ensure_ascii=False)}\nhide:\n{hidden}---\n\n"
