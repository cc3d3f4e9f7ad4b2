"""Checks of one report against the settings and the unit registry, and of its body.

Report text is untrusted: raw HTML, script links and attribute injection are refused
here with the line they are on (the rendered HTML is sanitised as well, see
:mod:`bulletin.render.sanitize`). The hand-written pages of ``content/`` come through pull
requests too: their text gets the same checks (:func:`check_page`), and their titles may
carry no markup.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from bulletin.check.bodysize import check_body_size
from bulletin.errors import BulletinError, Problems
from bulletin.model import ContentPage, Report
from bulletin.read.yamlreader import Place, compose_yaml
from bulletin.render.home import HOME_MARKER
from bulletin.render.reportbody import fenced_line_indexes, render_text_html

SAFE_SCHEMES = ("http", "https", "mailto")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]*>", re.IGNORECASE)
# Every pattern here is applied to untrusted lines: none may backtrack more than linearly
# (possessive *+ where a run could be split two ways; no class that runs past the next start).
_HTML = re.compile(r"<\s*+/?\s*+[A-Za-z][A-Za-z0-9:-]*+(?=[\s/>]|$)|<!--|<!\[?[A-Za-z]|<\?")
# Python-Markdown's attr_list syntax ({: …}, {#id}, {.class}, {key=value}); the published
# renderer does not apply it, and report text may not carry it either.
_ATTR_LIST = re.compile(r"\{\s*:|\{\s*[#.][A-Za-z_]|\{[^{}\n=]*\w\s*=")
_INLINE_DEST = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REF_DEST = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK_DEST = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DANGEROUS = re.compile(r"(?:java|vb)script:|data:text/html", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\[\]]*\]\(\s*<?((?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^)\s>]*)")


@dataclass(frozen=True)
class Text:
    """Untrusted Markdown to check: a report's body or a content page's, and where it is."""

    path: str
    body: str
    body_line: int  # line of the file where the body starts


def iter_body_lines(report: Report | Text) -> Iterator[tuple[int, str]]:
    """Yield (file line, text) for each body line outside fenced code, code spans removed."""
    lines = report.body.split("\n")
    code = fenced_line_indexes(lines)
    for offset, line in enumerate(lines):
        if offset not in code:
            yield report.body_line + offset, remove_code_spans(line.replace("\\`", ""))


_TICKS = re.compile(r"`+")


def remove_code_spans(line: str) -> str:
    """The line without its code spans: a run of backticks, up to the next run of the same length.

    A scan over the runs (a regular expression with a back-reference backtracked: 1,000
    backticks after a colon took 15 s). The rendered HTML is checked as well, so a span read
    differently from Markdown here costs at most the line number of a problem.
    """
    runs = [match.span() for match in _TICKS.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    kept: list[str] = []
    position = index = 0
    while index < len(runs):
        close = following[index]
        if close is None:
            index += 1
            continue
        kept.append(line[position : runs[index][0]])
        position = runs[close][1]
        index = close + 1
    kept.append(line[position:])
    return "".join(kept)


def _plain(text: str) -> str:
    """Text as a browser would read a URL: entities decoded, blanks and controls removed."""
    return re.sub(r"[\s\x00-\x1f]+", "", html.unescape(html.unescape(text)))


def check_body(report: Report | Text, problems: Problems) -> None:
    """Refuse raw HTML, unsafe links, attribute lists and images from other hosts.

    A quick look at each line gives the line of the usual mistakes; then a body that holds
    any character Markdown could turn into markup is rendered as the site renders it, and
    the output is checked, so that no trick of Markdown's syntax gets past.
    """
    if not check_body_size(report, problems):
        return  # over a limit: not read any further (see bulletin.limits)
    count = len(problems)
    check_body_lines(report, problems)
    if len(problems) == count and _SUSPECT.search(report.body):
        check_rendered_body(report, problems)


_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.DOTALL)
_MARKUP_IN_TITLE = re.compile(r"[<>&\\]")  # the theme prints a page's first heading as its <title>
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:\s|$)")
_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)\s*")


def check_page(page: ContentPage, problems: Problems) -> None:
    """A content page: its text as a report's body (the home page's marker of the generated
    blocks excepted), and no markup in its front matter, which the theme prints as the title."""
    text = page.text.removeprefix("\ufeff")  # MkDocs reads the page without its byte order mark
    front = _FRONT_MATTER.match(text)
    body = text[front.end() :] if front else text
    body_line = 1 + (text[: front.end()].count("\n") if front else 0)
    if front:
        # The same strict YAML as every other file: no tags (``!!python/…``), anchors or tabs,
        # whatever MkDocs' own reader would make of them.
        compose_yaml(front.group(1) or "", Place(page.path, 2, problems))
        for offset, line in enumerate(text[: front.end()].split("\n")):
            if _MARKUP_IN_TITLE.search(line):
                problems.add(
                    page.path, 1 + offset, "front matter", "页面的前置信息（标题等）里不能有 < > & 或 \\，请删去"
                )
    lines = ["" if line.strip() == HOME_MARKER else line for line in body.split("\n")]
    for offset, line in enumerate(lines):
        underlined = offset + 1 < len(lines) and _UNDERLINE.fullmatch(lines[offset + 1]) and line.strip()
        if (_ATX_HEADING.match(line) or underlined) and _MARKUP_IN_TITLE.search(line):
            problems.add(page.path, body_line + offset, "title", "页面的标题里不能有 < > & 或 \\，请删去")
    check_body(Text(page.path, "\n".join(lines), body_line), problems)


# Every check of check_body_lines needs one of these characters (an entity starts with &).
_LINE_SUSPECT = re.compile(r"[:<{\[\]&]")


def check_body_lines(report: Report | Text, problems: Problems) -> None:
    if not _LINE_SUSPECT.search(report.body):
        return  # most reports: plain text and Markdown's own marks, nothing to check line by line
    for line, text in iter_body_lines(report):
        add = functools.partial(problems.add, report.path, line, "body")
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


_SUSPECT = re.compile(r"[<>{}\[\]&`\\]|script|data:", re.IGNORECASE)
_MARKDOWN_TAGS = {
    "p",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "code": {"class"}, "th": {"style"}, "td": {"style"}, "ol": {"start"}}
_ALIGN = re.compile(r"text-align: (left|right|center);")


class _MarkupCheck(HTMLParser):
    """Finds in rendered HTML what Markdown alone never makes of report text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # message, a piece of the source to find its line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = dict(attrs).get("src") or ""
            self.found.append(("images are not published with reports; describe the figure in words", src))
            return
        if tag not in _MARKDOWN_TAGS:
            self.found.append((f"raw HTML is not allowed in a report; write Markdown only (found <{tag}>)", f"<{tag}"))
            return
        allowed = _ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if (
                name not in allowed
                or (name == "style" and not _ALIGN.fullmatch(value))
                or (name == "class" and not re.fullmatch(r"language-[\w#.+-]+", value))
            ):
                self.found.append((f"markup that sets the HTML attribute `{name}` is not allowed", value or name))
            elif name == "href":
                scheme = _SCHEME.match(_plain(value))
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                    self.found.append((f"link {value!r}: only http, https and mailto links are allowed", value))

    def handle_comment(self, data: str) -> None:
        self.found.append(("raw HTML (a comment) is not allowed in a report", "<!--"))

    def handle_decl(self, decl: str) -> None:
        self.found.append(("raw HTML is not allowed in a report", "<!"))

    def handle_pi(self, data: str) -> None:
        self.found.append(("raw HTML is not allowed in a report", "<?"))


def _line_of(report: Report | Text, piece: str) -> int:
    needle = piece.strip()[:12].lower()
    for offset, line in enumerate(report.body.split("\n")):
        if needle and needle in line.lower():
            return report.body_line + offset
    return report.body_line


def check_rendered_body(report: Report | Text, problems: Problems) -> None:
    """Check the HTML that is published of the body (the one renderer, render.reportbody)."""
    try:
        rendered = render_text_html(report.path, report.body, report.body_line)
    except BulletinError as error:
        problems.items.extend(error.problems)
        return
    check = _MarkupCheck()
    check.feed(rendered)
    check.close()
    for message, piece in check.found[:3]:
        problems.add(report.path, _line_of(report, piece), "body", message)
