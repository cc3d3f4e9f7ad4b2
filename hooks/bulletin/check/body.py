"""Checks of one report against the settings and the unit registry, and of its body.

Report text is untrusted: raw HTML, script links and attribute injection are refused
here with the line they are on (the rendered HTML is sanitised as well, see
:mod:`bulletin.markup.sanitize`). The hand-written pages of ``content/`` come through pull
requests too: their text gets the same checks (:func:`check_page`), and their titles may
carry no markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from bulletin.check.bodysize import check_body_size
from bulletin.errors import BulletinError, Problems
from bulletin.i18n import _
from bulletin.markup.allowlist import REPORT_TAGS, URL_SCHEMES, allows_report_attribute
from bulletin.markup.reportbody import fenced_line_indexes, render_text_html
from bulletin.model import ContentPage, Report
from bulletin.placeholders import HOME_MARKER
from bulletin.read.yamlreader import Place, compose_yaml

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


@dataclass(frozen=True)
class Finding:
    """One problem of a body: its file line, what kind it is (html, link, attribute, image)."""

    line: int
    kind: str
    message: str


def check_body(report: Report | Text, problems: Problems) -> None:
    """Refuse raw HTML, unsafe links, attribute lists and images from other hosts.

    A quick look at each line gives the line of the usual mistakes; then a body that holds
    any character Markdown could turn into markup is rendered as the site renders it, and
    the output is checked, so that no trick of Markdown's syntax gets past. Both always
    run; a problem the rendered check finds on a line where the line check found one of
    the same kind is not reported twice.
    """
    if not check_body_size(report, problems):
        return  # over a limit: not read any further (see bulletin.limits)
    found = find_line_problems(report)
    if _SUSPECT.search(report.body):
        seen = {(f.line, kind) for f in found for kind in _COVERS.get(f.kind, (f.kind,))}
        more: list[Finding] = []
        for finding in find_rendered_problems(report, problems):
            if (finding.line, finding.kind) not in seen:
                seen.add((finding.line, finding.kind))
                more.append(finding)
        found += more[:3]
    for finding in found:
        problems.add(report.path, finding.line, "body", finding.message)


# Raw HTML found on a line covers what the rendered check finds of it there (an <img> tag,
# an attribute of a tag Markdown also makes).
_COVERS = {"html": ("html", "image", "attribute")}


def _html_message(piece: str) -> str:
    """What an editor is told of raw HTML: the tag, comment or declaration, named."""
    if piece.startswith("<!--"):
        return _("正文里不能写 HTML 注释（<!-- … -->）：请删去它")
    if piece.startswith(("<!", "<?")):
        return _("正文里不能写 HTML 声明或指令（{piece}…）：请删去它").format(piece=piece)
    return _("正文里不能写 HTML 标签“{piece}”：请删去它，只用 Markdown 排版（如加粗写成 **文字**）").format(piece=piece)


def _link_message(destination: str) -> str:
    return _(
        "链接“{destination}”不能用：只能链接 http:// 或 https:// 开头的网址，或 mailto: 邮件地址；请改正或删去这个链接"
    ).format(destination=destination)


def _script_link_message() -> str:
    return _("正文里不能有脚本链接（javascript:、vbscript:、data:）：请删去这个链接")


def _attribute_list_message() -> str:
    return _("正文里不能写 {: …}、{#…}、{.…} 这样的属性标记：请删去它")  # braces shown as they are: no format()


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
                    page.path, 1 + offset, "front matter", _("页面的前置信息（标题等）里不能有 < > & 或 \\，请删去")
                )
    lines = ["" if line.strip() == HOME_MARKER else line for line in body.split("\n")]
    for offset, line in enumerate(lines):
        underlined = offset + 1 < len(lines) and _UNDERLINE.fullmatch(lines[offset + 1]) and line.strip()
        if (_ATX_HEADING.match(line) or underlined) and _MARKUP_IN_TITLE.search(line):
            problems.add(page.path, body_line + offset, "title", _("页面的标题里不能有 < > & 或 \\，请删去"))
    check_body(Text(page.path, "\n".join(lines), body_line), problems)


# Every check of check_body_lines needs one of these characters (an entity starts with &).
_LINE_SUSPECT = re.compile(r"[:<{\[\]&]")


def find_line_problems(report: Report | Text) -> list[Finding]:
    """The usual mistakes, found line by line (outside code), each with its line."""
    if not _LINE_SUSPECT.search(report.body):
        return []  # most reports: plain text and Markdown's own marks, nothing to check line by line
    found: list[Finding] = []
    for line, text in iter_body_lines(report):

        def add(kind: str, message: str, at: int = line) -> None:
            found.append(Finding(at, kind, message))

        destinations = _INLINE_DEST.findall(text) + _REF_DEST.findall(text) + _AUTOLINK_DEST.findall(text)
        unsafe = [d for d in destinations if (m := _SCHEME.match(_plain(d))) and m.group(1).lower() not in URL_SCHEMES]
        if _DANGEROUS.search(_plain(text)):
            add("link", _script_link_message())
        elif unsafe:
            add("link", _link_message(unsafe[0]))
        html_match = _HTML.search(_AUTOLINK.sub("", text))
        if html_match:
            piece = html_match.group()
            tag = _TAG_NAME.match(piece)
            add("html", _html_message(f"<{tag.group(1).lower()}>" if tag else piece))
        if _ATTR_LIST.search(text):
            add("attribute", _attribute_list_message())
        image = _IMAGE.search(text)
        if image:
            add("image", _outside_image(image.group(1)))
    return found


_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9:-]*)")


def _outside_image(url: str) -> str:
    return _(
        "不能引用其他网站的图片（{url}）：网站不向任何外部网站发出请求；请删去这张图片，用文字说明图中的内容"
    ).format(url=url)


_SUSPECT = re.compile(r"[<>{}\[\]&`\\]|script|data:", re.IGNORECASE)


class _MarkupCheck(HTMLParser):
    """Finds in rendered HTML what Markdown alone never makes of report text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # kind, message, a piece of the source to find its line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = dict(attrs).get("src") or ""
            message = (
                _outside_image(src)
                if re.match(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//", src)
                else _("报告不刊登图片：请删去这张图片（![…](…)），用文字说明图中的内容")
            )
            self.found.append(("image", message, src))
            return
        if tag not in REPORT_TAGS:
            self.found.append(("html", _html_message(f"<{tag}>"), f"<{tag}"))
            return
        for name, value in attrs:
            value = value or ""
            if not allows_report_attribute(tag, name, value):
                self.found.append(
                    (
                        "attribute",
                        _("正文里不能用标记设置 HTML 属性 {name}：请删去这段标记").format(name=name),
                        value or name,
                    )
                )
            elif name == "href":
                scheme = _SCHEME.match(_plain(value))
                if scheme and scheme.group(1).lower() not in URL_SCHEMES:
                    message = _script_link_message() if _DANGEROUS.search(_plain(value)) else _link_message(value)
                    self.found.append(("link", message, value))

    def handle_comment(self, data: str) -> None:
        self.found.append(("html", _html_message("<!--"), "<!--"))

    def handle_decl(self, decl: str) -> None:
        self.found.append(("html", _html_message("<!"), "<!"))

    def handle_pi(self, data: str) -> None:
        self.found.append(("html", _html_message("<?"), "<?"))


def _line_of(report: Report | Text, piece: str) -> int:
    needle = piece.strip()[:12].lower()
    for offset, line in enumerate(report.body.split("\n")):
        if needle and needle in line.lower():
            return report.body_line + offset
    return report.body_line


def find_rendered_problems(report: Report | Text, problems: Problems) -> list[Finding]:
    """Check the HTML that is published of the body (the one renderer, render.reportbody).
    A body the renderer refuses adds its problems to ``problems`` and finds nothing more."""
    try:
        rendered = render_text_html(report.path, report.body, report.body_line)
    except BulletinError as error:
        problems.items.extend(error.problems)
        return []
    check = _MarkupCheck()
    check.feed(rendered)
    check.close()
    return [Finding(_line_of(report, piece), kind, message) for kind, message, piece in check.found]
