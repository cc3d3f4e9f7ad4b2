#!/usr/bin/env python3
"""Compare two built sites as a reader sees them: every page's visible text and links.

    python scripts/compare_sites.py OLD_SITE NEW_SITE [--show 5]

For every HTML page (outside the search bundle) of either site it compares the visible text
(script, style, template and noscript contents left out; blanks collapsed; alt and aria
labels counted as text) and the links (href and src, resolved against the page's URL, in
page order). It prints the pages only in one site, the pages whose text or links differ
(with the first differing lines), and a summary; the exit status is 1 when anything
differs. Markup that does not change what a reader sees or where a link leads (element
names, classes, attribute order, whitespace) is not a difference.
"""

from __future__ import annotations

import argparse
import difflib
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

HIDDEN = {"script", "style", "template", "noscript", "title"}
BLOCK = {
    "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article",
    "header", "footer", "nav", "blockquote", "figure", "figcaption", "table", "ul", "ol", "pre", "option",
    "label", "dt", "dd", "hr", "aside", "main", "form", "button", "select", "summary", "details", "caption",
}  # fmt: skip
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "track"}


class Reader(HTMLParser):
    """The lines of text a reader sees and the links of one page."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.hidden = 0
        self.lines: list[str] = [""]
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in HIDDEN and tag not in VOID:
            self.hidden += 1
        if tag in BLOCK:
            self.lines.append("")
        for name in ("href", "src"):
            if values.get(name) is not None and tag not in ("script", "link"):
                self.links.append(f"{tag}:{self.resolve(values[name] or '')}")
        if tag == "img" and values.get("alt"):
            self.lines[-1] += f" {values['alt']}"
        if tag == "title" and tag in HIDDEN:
            pass

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in BLOCK:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.lines[-1] += data

    def resolve(self, link: str) -> str:
        if link.startswith(("#", "mailto:", "javascript:")):
            return link
        absolute = urljoin(self.url, link)
        parts = urlsplit(absolute)
        path = posixpath.normpath(parts.path) + ("/" if parts.path.endswith("/") and parts.path != "/" else "")
        return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")

    def text(self) -> list[str]:
        return [" ".join(line.split()) for line in self.lines if line.split()]


def read_page(site: Path, relative: str) -> tuple[list[str], list[str]]:
    url = "http://site/" + relative.removesuffix("index.html")
    reader = Reader(url)
    reader.feed(site.joinpath(relative).read_text(encoding="utf-8", errors="replace"))
    reader.close()
    return reader.text(), reader.links


def list_pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("pagefind/")
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--show", type=int, default=5, help="pages whose differences are printed in full")
    args = parser.parse_args()
    old_pages, new_pages = list_pages(args.old), list_pages(args.new)
    only_old, only_new = sorted(old_pages - new_pages), sorted(new_pages - old_pages)
    differing: list[str] = []
    shown = 0
    for relative in sorted(old_pages & new_pages):
        old_text, old_links = read_page(args.old, relative)
        new_text, new_links = read_page(args.new, relative)
        if old_text == new_text and old_links == new_links:
            continue
        differing.append(relative)
        if shown < args.show:
            shown += 1
            print(f"--- {relative}")
            for what, a, b in (("text", old_text, new_text), ("links", old_links, new_links)):
                if a != b:
                    diff = list(difflib.unified_diff(a, b, "old", "new", n=1, lineterm=""))[2:14]
                    print(f"  {what}:\n" + "\n".join(f"    {line}" for line in diff))
    for name, pages in (("only in the old site", only_old), ("only in the new site", only_new)):
        if pages:
            print(f"{len(pages)} page(s) {name}: " + ", ".join(pages[:10]) + (" …" if len(pages) > 10 else ""))
    same = len(old_pages & new_pages) - len(differing)
    print(
        f"{len(old_pages)} pages in the old site, {len(new_pages)} in the new; "
        f"{same} the same in text and links, {len(differing)} different, "
        f"{len(only_old)} only in the old, {len(only_new)} only in the new"
    )
    return 1 if differing or only_old or only_new else 0


if __name__ == "__main__":
    sys.exit(main())
