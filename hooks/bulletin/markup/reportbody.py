"""The one Markdown renderer of report text: what validation checks is what is published.

A report body is rendered once (cached by its text) with the extensions the site allows
in reports (tables, fenced code), its headings one level below the report's title; the
same HTML goes onto the report's page, into its issue and into its search record, and
:mod:`bulletin.check.body` checks that HTML for markup Markdown alone never makes.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
from pathlib import Path

import markdown

from bulletin.errors import BulletinError, Problem, make_visible
from bulletin.i18n import _
from bulletin.model import Report

# Extensions for report bodies. No attr_list, md_in_html or raw HTML: see check.body.
BODY_EXTENSIONS = ("tables", "fenced_code")

# As Python-Markdown's fenced_code: the fence starts the line, an optional simple info
# string, and the block ends at the same fence; an unclosed fence is not a fence.
# Possessive (*+): a line of a fence and many spaces is read once, not in every split.
_OPEN = re.compile(r"(`{3,}+|~{3,}+)[ ]*+(?:\.?[\w#.+-]*+)?+[ ]*+")


def fenced_line_indexes(lines: list[str]) -> set[int]:
    """Indexes of the lines that belong to closed fenced code blocks (fences included).

    Linear in the number of lines: the lines that could close a fence are looked up, not
    searched for again from every opening (many unclosed fences made that quadratic).
    """
    closers: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line[:1] in "`~":
            closers.setdefault(line.rstrip(" "), []).append(index)
    inside: set[int] = set()
    index = 0
    while index < len(lines):
        match = _OPEN.fullmatch(lines[index]) if lines[index][:1] in "`~" else None
        if match:
            candidates = closers.get(match.group(1), [])
            found = bisect.bisect_right(candidates, index)
            if found < len(candidates):
                end = candidates[found]
                inside.update(range(index, end + 1))
                index = end + 1
                continue
        index += 1
    return inside


_HEADING = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")


def shift_headings(body: str, by: int) -> str:
    """Demote every ATX heading of a body by ``by`` levels (at most h6), outside code."""
    lines = body.split("\n")
    code = fenced_line_indexes(lines)
    out = [
        line if i in code else _HEADING.sub(lambda m: m.group(1) + "#" * min(6, len(m.group(2)) + by), line)
        for i, line in enumerate(lines)
    ]
    return "\n".join(out).strip("\n")


_RENDERER: markdown.Markdown | None = None


def render_body_html(report: Report) -> str:
    """A report's text as HTML (h2 for the body's #), as published and as checked."""
    return render_text_html(report.path, report.body, report.body_line)


def render_text_html(path: str, body: str, body_line: int) -> str:
    """Markdown text of the file ``path`` as HTML; BulletinError naming the file if Markdown
    cannot read it (the limits of check.bodysize keep Python-Markdown's recursion far from
    Python's limit; this is the second line of defence)."""
    try:
        return render_markdown_body(body)
    except RecursionError:
        global _RENDERER
        _RENDERER = None  # left in an unknown state
        raise BulletinError(
            [Problem(path, body_line, "body", _("这篇文字的结构层层嵌套，排版程序无法处理：请减少列表、引用的层级"))]
        ) from None


def render_markdown_body(body: str) -> str:
    """A body's HTML: asked for by validation, the issue, the report's page, the search record
    and the documents, rendered once per process, or taken from an earlier build's
    (:mod:`bulletin.markup.bodycache`)."""
    rendered = _RENDERED.get(body)
    if rendered is None:
        digest = body_digest(body)
        rendered = _EARLIER.get(digest)
        if rendered is None:
            rendered = _render(body)
        _RENDERED[body] = rendered
        _USED[digest] = rendered
    return rendered


def _render(body: str) -> str:
    global _RENDERER
    if _RENDERER is None:
        _RENDERER = markdown.Markdown(extensions=list(BODY_EXTENSIONS))
    _RENDERER.reset()
    return mark_column_headers(_RENDERER.convert(shift_headings(body, 1)))


# What render_markdown_body gave in this process (by text), and by the digest of the text:
# those taken from an earlier build's (_EARLIER) and those rendered here, together (_USED), which
# is what the next build can take.
_RENDERED: dict[str, str] = {}
_EARLIER: dict[str, str] = {}
_USED: dict[str, str] = {}


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def renderer_version() -> str:
    """What the HTML of a body depends on besides its text: this module's code (its renderer,
    its heading shift, its extensions) and Python-Markdown's version."""
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + b"\0" + markdown.__version__.encode()).hexdigest()[:16]


def take_earlier_bodies(bodies: dict[str, str]) -> None:
    """Bodies rendered by an earlier build of the same renderer (digest of the text -> HTML)."""
    _EARLIER.update(bodies)


def list_rendered_bodies() -> dict[str, str]:
    """The bodies this process has asked for (digest of the text -> HTML)."""
    return dict(_USED)


# A Markdown table's header cells (the only <th> a report or a page of content/ can make: they
# have no raw HTML) head its columns: said with scope for screen readers (WCAG 2.1, 1.3.1).
_TABLE_HEADER = re.compile(r"<th(?=[\s>])")


def mark_column_headers(html: str) -> str:
    """Markdown's tables with scope="col" on their header cells."""
    return _TABLE_HEADER.sub('<th scope="col"', html)


_HTML_HEADING = re.compile(r"<(/?)h([1-6])\b")
_TAG = re.compile(r"<[^<>]+>")  # [^<>]: each try stops at the next <, never quadratic


def plain_text(html_text: str) -> str:
    """The text of an HTML fragment, tags taken out and entities decoded."""
    return html.unescape(_TAG.sub(" ", html_text))


def demote_html_headings(html_text: str, by: int) -> str:
    """Headings of rendered text ``by`` levels lower (a report inside its issue page)."""
    return _HTML_HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}", html_text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_BREAKS = re.compile(r"[\s\x85\u2028\u2029]+")  # line breaks and blanks of every kind: one space
_WEB_ADDRESS = re.compile(r"(?i)(?<=[a-z0-9])://|\b(?<=www)\.")


def escape_md(text: str) -> str:
    """A field as text in Markdown for GitHub or Gitea (a pull-request comment), on one line.

    Nothing in it can become markup there: Markdown punctuation is escaped; ``& < >`` are
    entities, so no HTML, comment opener (``<!--``) or autolink passes; ``@`` is written
    ``＠`` and ``://`` ``：//`` (GitHub and Gitea link mentions, e-mail and web addresses in
    the text after Markdown has been read, so escapes would not stop them); line breaks
    become blanks and unseen characters escapes (``\\u202e``). Chinese stays as it is."""
    text = make_visible(_BREAKS.sub(" ", text).strip()).replace("@", "＠")
    text = _MD_SPECIAL.sub(r"\\\1", _WEB_ADDRESS.sub(lambda m: "：//" if m[0] == "://" else "．", text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
