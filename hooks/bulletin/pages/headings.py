"""Heading ids as Markdown's table of contents gave them, so that links to a section keep working.

Markdown made a heading's id from its text (``slugify``) and kept the ids of a page
unique in page order, counting every heading from the ``h1`` on: a Chinese heading has no
slug, so the headings of a Chinese page were ``_1``, ``_2``, … and ``2026年`` was ``2026``.
A template asks for each heading's id in the order it writes them.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify, unique


class HeadingIds:
    """The ids of one page's headings, handed out in page order."""

    def __init__(self, title: str) -> None:
        self._used: set[str] = set()
        self.first = self(title)  # the page's h1 takes the first id

    def __call__(self, heading: str) -> str:
        """The id of the next heading, whose text is ``heading``."""
        return str(unique(slugify(heading, "-"), self._used))
