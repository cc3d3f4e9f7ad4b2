"""The HTML a report may publish, declared once: the body check refuses what is not here, the
sanitiser removes it.

Two sets, one inside the other. What Markdown makes of a report's text (:data:`REPORT_TAGS`,
:data:`REPORT_ATTRIBUTES`) is all a report's body may produce: ``check.body`` refuses anything
else with the line it is on. The generated pages add their own structure (sections, headers,
the issue's masthead): :data:`PAGE_TAGS` and :data:`PAGE_ATTRIBUTES`, which the sanitiser
(``markup.sanitize``) keeps in every page with report text and strips everything beyond. A
table column aligned in Markdown (``|:---:|``) is ``style="text-align: center;"`` on its cells:
that exact value, and no other style, passes both.
"""

from __future__ import annotations

import re

URL_SCHEMES = frozenset({"http", "https", "mailto"})  # of a link in a report and in a page
ALIGNMENTS = ("left", "right", "center")
ALIGNMENT_STYLES = frozenset(f"text-align: {a};" for a in ALIGNMENTS)  # as Markdown's tables write them
ALIGNED_CELLS = ("td", "th")
CODE_CLASS = re.compile(r"language-[\w#.+-]+")  # a fenced block's language: ```python

# What Markdown makes of a report's text.
REPORT_TAGS = frozenset(
    {
        "p", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "br",
        "table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
REPORT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "code": frozenset({"class"}),  # only CODE_CLASS
    "th": frozenset({"style", "scope"}),  # style: only ALIGNMENT_STYLES
    "td": frozenset({"style"}),
    "ol": frozenset({"start"}),
}

# What the generated pages add around the reports' texts.
PAGE_TAGS = REPORT_TAGS | frozenset(
    {
        "abbr", "article", "aside", "b", "caption", "del", "div", "footer", "header", "i", "nav",
        "section", "span", "sub", "sup",
    }
)  # fmt: skip
PAGE_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "id", "title", "lang"}),
    "a": frozenset({"href"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    "th": frozenset({"align", "colspan", "rowspan", "scope"}),  # scope: whose header it is, for screen readers
}


def allows_report_attribute(tag: str, name: str, value: str) -> bool:
    """Whether a report's body may carry the attribute ``name="value"`` on ``tag``."""
    if name not in REPORT_ATTRIBUTES.get(tag, ()):
        return False
    if name == "style":
        return value in ALIGNMENT_STYLES
    if name == "class":
        return CODE_CLASS.fullmatch(value) is not None
    return True
