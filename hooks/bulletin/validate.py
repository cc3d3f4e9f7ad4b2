"""Checks of one report against the settings and the unit registry, and of its body.

Report text is untrusted: raw HTML, script links and attribute injection are refused
here with the line they are on (the rendered HTML is sanitised as well, see
:mod:`bulletin.sanitize`).
"""

from __future__ import annotations

import difflib
import html
import re

from .errors import Problems
from .model import Report, Settings, Unit

SAFE_SCHEMES = ("http", "https", "mailto")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]*>", re.I)
_HTML = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9:-]*(?=[\s/>]|$)|<!--|<!\[?[A-Za-z]|<\?")
_ATTR_LIST = re.compile(r"\{\s*:|\{\s*[#.][A-Za-z_]|\{\s*[A-Za-z_][\w-]*\s*=")
_INLINE_DEST = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REF_DEST = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK_DEST = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DANGEROUS = re.compile(r"(?:java|vb)script:|data:text/html", re.I)
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^)\s>]*)")


def iter_body_lines(report: Report):
    """Yield (file line, text) for each body line outside fenced code, code spans removed."""
    fence: str | None = None
    for offset, line in enumerate(report.body.split("\n")):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        yield report.body_line + offset, _CODE_SPAN.sub("", line)


def _plain(text: str) -> str:
    """Text as a browser would read a URL: entities decoded, blanks and controls removed."""
    return re.sub(r"[\s\x00-\x1f]+", "", html.unescape(html.unescape(text)))


def check_body(report: Report, problems: Problems) -> None:
    """Refuse raw HTML, unsafe links, attribute lists and images from other hosts."""
    for line, text in iter_body_lines(report):
        def add(message: str) -> None:
            problems.add(report.path, line, "body", message)

        if _DANGEROUS.search(_plain(text)):
            add("script links (javascript:, vbscript:, data:) are not allowed")
            continue
        destinations = _INLINE_DEST.findall(text) + _REF_DEST.findall(text) + _AUTOLINK_DEST.findall(text)
        unsafe = [d for d in destinations if (m := _SCHEME.match(_plain(d))) and m.group(1).lower() not in SAFE_SCHEMES]
        if unsafe:
            add(f"link {unsafe[0]!r}: only http, https and mailto links are allowed")
        if _HTML.search(_AUTOLINK.sub("", text)):
            add("raw HTML is not allowed in a report; write Markdown only")
        if _ATTR_LIST.search(text):
            add("attribute lists such as `{: ...}` are not allowed in a report")
        if _IMAGE.search(text):
            add("images from another host are not allowed: the site makes no request to any outside host")


def _suggest(value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_references(report: Report, settings: Settings, units: dict[str, Unit], problems: Problems) -> None:
    """Check what a report names (units, series, category) and what goes with what."""
    def add(key: str, message: str) -> None:
        problems.add(report.path, report.line_of(key), key, message)

    for key in report.units:
        if key not in units:
            add("unit", f"unknown unit {key!r}: not in reports/units.yml{_suggest(key, units)}")
    series = settings.find_series(report.series)
    if series is None:
        known = [s.key for s in settings.series]
        add("series", f"unknown series {report.series!r}; configured: {', '.join(known)}")
    if report.category not in settings.categories:
        add("category", f"unknown category {report.category!r}; configured: {', '.join(settings.categories)}")
    if report.issue is not None and report.date is None:
        add("issue", "`issue` needs the issue `date` (YYYY-MM-DD) as well")
    if report.date is not None and report.issue is None:
        add("date", "`date` without `issue`: give the issue number, or remove `date` to leave the report pending")
    if report.order is not None and report.issue is None:
        add("order", "only a report scheduled in an issue has an `order`")
    if series is not None and series.emergency and report.emergency is None:
        add("series", f"a report of {series.name} needs `emergency` (event, grade, stage, occurred, reported)")
    if series is not None and not series.emergency and report.emergency is not None:
        add("emergency", f"only reports of an emergency series have `emergency`; {series.key} is not one")
    if report.emergency is not None and report.emergency.reported < report.emergency.occurred:
        add("emergency", "`reported` is earlier than `occurred`")
    if report.date is not None:
        for key, entries in (("instructions", report.instructions), ("adoptions", report.adoptions),
                             ("corrections", report.corrections)):
            for entry in entries:
                if entry.date < report.date:
                    add(key, f"dated {entry.date}, before the issue date {report.date}")
