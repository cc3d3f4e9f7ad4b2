"""Sanitise rendered HTML of generated pages: the second line of defence after validation.

What is kept is :mod:`bulletin.markup.allowlist`'s: the page structure, the report markup, and
a table cell's alignment (exactly one of ``ALIGNMENT_STYLES``, nothing else in ``style``).
"""

from __future__ import annotations

import nh3

from bulletin.markup.allowlist import ALIGNED_CELLS, ALIGNMENT_STYLES, PAGE_ATTRIBUTES, PAGE_TAGS, URL_SCHEMES

# One cleaner for every page (tens of thousands in a ten-year archive).
_CLEANER = nh3.Cleaner(
    tags=set(PAGE_TAGS),
    attributes={tag: set(names) for tag, names in PAGE_ATTRIBUTES.items()},
    tag_attribute_values={tag: {"style": set(ALIGNMENT_STYLES)} for tag in ALIGNED_CELLS},
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def sanitize_html(text: str) -> str:
    """Keep the structure the bulletin pages use; drop scripts, handlers and unsafe URLs."""
    return _CLEANER.clean(text)
