"""A generated page: its source path, the front matter MkDocs reads, and its HTML.

Every page the core generates is written here as HTML from a template: MkDocs puts it
into the theme as it is, without a Markdown pass (issue, report and list pages are
nearly the whole site). Its ``h2`` elements with an id make its table of contents.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass
from typing import Any

from bulletin.pages.templating import render_template

NARROW = ("navigation",)  # generated pages are not in the navigation: hide its empty sidebar
WIDE = ("navigation", "toc")  # figure pages and the search page need the page's whole width


@dataclass(frozen=True)
class Page:
    src: str  # source path inside docs_dir, e.g. "jrxx/2026/012.md"
    title: str  # plain text: the <title> and the header
    html: str  # the page's content, put into the theme as it is
    toc: tuple[tuple[str, str], ...] = ()  # (anchor, title) of its sections
    sanitize: bool = True  # pages carrying report text are sanitised after rendering
    hide: tuple[str, ...] = NARROW
    # A page keyed by its inputs (bulletin.pages.reuse): the digest of everything its template was
    # given; "" when the page is keyed by what it is made of (its HTML). ``taken``: not rendered,
    # since the previous build's page had the same key (its HTML is there, not here).
    key: str = ""
    taken: bool = False

    @property
    def front_matter(self) -> str:
        """The page's Markdown source for MkDocs: only front matter (its content is ``html``).

        A JSON string is a valid YAML double-quoted scalar. The theme prints the title into
        <title> and the header unescaped: it is escaped here."""
        hidden = "".join(f"  - {item}\n" for item in self.hide)
        title = json.dumps(htmllib.escape(self.title, quote=True), ensure_ascii=False)
        return f"---\ntitle: {title}\nhide:\n{hidden}---\n\n"


_SECTION = re.compile(r'<h([2-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def find_sections(html: str, depth: int = 2) -> tuple[tuple[str, str], ...]:
    """The (id, text) of each ``<h2 id=…>`` of a page (down to ``<h{depth}>``), for its table of contents."""
    return tuple(
        (anchor, htmllib.unescape(_TAG.sub("", name)).strip())
        for level, anchor, name in _SECTION.findall(html)
        if int(level) <= depth
    )


def make_page(
    src: str,
    template: str,
    title: str,
    *,
    sanitize: bool = True,
    hide: tuple[str, ...] = NARROW,
    toc: tuple[tuple[str, str], ...] | None = None,
    toc_depth: int = 2,
    **context: Any,
) -> Page:
    """Render ``template`` for the page ``src``; its sections (its headings with an id down
    to ``<h{toc_depth}>``) make its table of contents unless ``toc`` is given."""
    html = render_template(template, src, title=title, **context)
    return Page(src, title, html, find_sections(html, toc_depth) if toc is None else toc, sanitize, hide)
