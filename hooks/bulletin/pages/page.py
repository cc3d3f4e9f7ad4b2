"""A generated page: its source path, the front matter MkDocs reads, and its HTML.

Every page the core generates is written here as HTML from a template: MkDocs puts it
into the theme as it is, without a Markdown pass (issue, report and list pages are
nearly the whole site). Its ``h2`` elements with an id make its table of contents.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html as htmllib
import json
import re
from collections.abc import Callable, Mapping
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


KEY_PREFIX = "inputs:"  # a key of a page's inputs is never a digest of a page's HTML


def key_inputs(src: str, template: str, made: tuple[object, ...], inputs: Mapping[str, Any]) -> str:
    """The key of a page made from ``inputs`` alone: a digest of its address, its template, how
    it is made (``made``: its title, table of contents …) and its inputs written out (frozen
    dataclasses, tuples, strings, numbers, dates and dicts of them: ``repr`` writes them out in
    full, and the same in every process)."""
    digest = hashlib.sha256(f"{src}\0{template}\0{made!r}".encode("utf-8", "surrogatepass"))
    for name in sorted(inputs):
        digest.update(f"\0{name}\0{inputs[name]!r}".encode("utf-8", "surrogatepass"))
    return KEY_PREFIX + digest.hexdigest()


def make_keyed_page(
    src: str,
    template: str,
    title: str,
    known: Mapping[str, str] | None,
    *,
    derived: Mapping[str, Callable[[], Any]] | None = None,
    sanitize: bool = True,
    hide: tuple[str, ...] = NARROW,
    toc: tuple[tuple[str, str], ...] | None = None,
    **inputs: Any,
) -> Page:
    """A page keyed by its inputs (bulletin.pages.reuse): ``template`` is given ``inputs`` and
    nothing else that could change (no archive: only values, made of the archive for this
    page), plus ``derived`` values computed from them alone, only when the page is rendered (a
    report's body as HTML); ``title``
    and ``toc`` come from them too. When ``known`` (the previous build's keys, by page) has this
    page's key, the page is the previous build's: it is not rendered, only marked taken."""
    key = key_inputs(src, template, (title, toc, sanitize, hide), inputs)
    if known is not None and known.get(src) == key:
        return Page(src, title, "", sanitize=sanitize, hide=hide, key=key, taken=True)
    made = {name: make() for name, make in (derived or {}).items()}
    page = make_page(src, template, title, sanitize=sanitize, hide=hide, toc=toc, **inputs, **made)
    return dataclasses.replace(page, key=key)
