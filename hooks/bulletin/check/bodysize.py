"""The size and shape of a report's text, checked in one pass before Markdown reads it.

Python-Markdown reads some texts in quadratic time (it looks for the `]` of every `[` up to
the end of the paragraph; it splits a paragraph of `---` lines one line at a time) and
nested lists by recursion. Every limit of :mod:`bulletin.limits` that bounds that work is
checked here, each in time linear in the text, so that a report over a limit is refused
with its line before it is rendered, and a report within them renders in a fraction of a
second.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bulletin import limits
from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.markup.reportbody import fenced_line_indexes

_TAG_OPENING = re.compile(r"<[A-Za-z/!?]")
_FENCE_LINE = re.compile(r"```|~~~")
_LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_RULE_LINE = re.compile(r"[-*_ \t]*")  # a horizontal rule such as `* * *` is not a list
_BRACKETS = re.compile(r"[\[\]]")
_PARENS = re.compile(r"[()]")
_QUOTES = re.compile(r"[\"']")


class BodyText(Protocol):
    """Markdown text of a file: a report's body or a content page's."""

    @property
    def path(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def body_line(self) -> int: ...


@dataclass(frozen=True)
class Paragraph:
    """Lines between two blank lines, as Python-Markdown splits a text into blocks."""

    first_line: int  # index of its first line in the body
    lines: int
    text: str


def split_paragraphs(lines: list[str], code: set[int]) -> list[Paragraph]:
    """The paragraphs of a body; lines of fenced code belong to no paragraph."""
    paragraphs: list[Paragraph] = []
    start: int | None = None
    taken: list[str] = []
    for index, line in enumerate([*lines, ""]):
        if index in code:
            continue
        if line.strip(" \t"):
            if start is None:
                start = index
            taken.append(line)
        elif start is not None:
            paragraphs.append(Paragraph(start, len(taken), "\n".join(taken)))
            start, taken = None, []
    return paragraphs


def nesting_depth(line: str) -> int:
    """Levels of lists and quotes a line is inside: `>` and list markers before its text, and
    each four columns of indentation."""
    if _RULE_LINE.fullmatch(line):
        return 0
    depth = columns = position = 0
    while True:
        while position < len(line) and line[position] in " \t":
            columns += 4 if line[position] == "\t" else 1
            position += 1
        if line.startswith(">", position):
            depth, position = depth + 1, position + 1
            continue
        marker = _LIST_MARKER.match(line, position)
        if marker is None:
            return depth + columns // 4
        depth, position = depth + 1, marker.end()


def bracket_reading(text: str) -> int:
    """How many characters Markdown reads to pair the brackets of a paragraph.

    For every `[`, up to its `]` (or the end); for every `](`, up to its `)` (or the end, and
    to the end as well when a quote is between: Markdown then reads a link title).
    """
    reading = 0
    opened: list[int] = []
    for match in _BRACKETS.finditer(text):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            reading += match.start() - opened.pop()
    reading += sum(len(text) - start for start in opened)
    quotes = [match.start() for match in _QUOTES.finditer(text)]
    parens: list[int] = []
    for match in _PARENS.finditer(text):
        start = match.start()
        if match.group() == "(":
            parens.append(start)
        elif parens:
            begin = parens.pop()
            if begin and text[begin - 1] == "]":
                quoted = bisect.bisect_right(quotes, begin) < bisect.bisect_left(quotes, start)
                reading += (len(text) - begin) if quoted else start - begin
    reading += sum(len(text) - start for start in parens if start and text[start - 1] == "]")
    return reading


_MARKUP = re.compile("[" + re.escape(limits.MARKUP_CHARACTERS) + "]")


def markup_reading(text: str) -> int:
    """How many characters Markdown reads for the markup of a paragraph: its length for each mark."""
    return len(_MARKUP.findall(text)) * len(text)


def _heaviest(costs: list[tuple[int, int]]) -> int:
    """The first line of the paragraph that costs most (the first of equals)."""
    return min(costs, key=lambda cost: (-cost[0], cost[1]))[1]


def check_body_size(report: BodyText, problems: Problems) -> bool:
    """Add a problem for every limit the body is over; True when it is within all of them."""
    count = len(problems)
    lines = report.body.split("\n")
    code = fenced_line_indexes(lines)

    def add(index: int, message: str) -> None:
        problems.add(report.path, report.body_line + index, "body", message)

    fences = [i for i, line in enumerate(lines) if _FENCE_LINE.match(line)]
    if len(fences) > limits.MAX_FENCE_LINES:
        add(
            fences[0],
            _("有 {count} 行以 ``` 或 ~~~ 开头（代码块的标记），超过 {limit} 行的上限：请删去多余的标记").format(
                count=len(fences), limit=limits.MAX_FENCE_LINES
            ),
        )
    outside = [(i, line) for i, line in enumerate(lines) if i not in code]
    openings = [(i, n) for i, line in outside if (n := len(_TAG_OPENING.findall(line)))]
    tag_openings = sum(n for _line, n in openings)
    if tag_openings > limits.MAX_TAG_OPENINGS:
        add(
            openings[0][0],
            _(
                "有 {count} 处“<”后面紧跟字母或 / ! ?，超过 {limit} 处的上限："
                "这样的写法会被当作 HTML 标签解析；请改用全角的“＜”，或在“<”后加一个空格"
            ).format(count=tag_openings, limit=limits.MAX_TAG_OPENINGS),
        )
    deep = next(((i, d) for i, line in outside if (d := nesting_depth(line)) > limits.MAX_NESTING), None)
    if deep is not None:
        add(
            deep[0],
            _(
                "列表或引用嵌套了 {depth} 层，超过 {limit} 层的上限：请减少层级或缩进（行首每 4 个空格的缩进也算一层）"
            ).format(depth=deep[1], limit=limits.MAX_NESTING),
        )
    paragraphs = split_paragraphs(lines, code)
    if len(paragraphs) > limits.MAX_PARAGRAPHS:
        add(
            paragraphs[limits.MAX_PARAGRAPHS].first_line,
            _("这篇报告有 {count} 段，超过 {limit} 段的上限：请合并过短的段落，或分成几篇报告").format(
                count=len(paragraphs), limit=limits.MAX_PARAGRAPHS
            ),
        )
    for paragraph in paragraphs:
        if len(paragraph.text) > limits.MAX_PARAGRAPH_CHARS:
            add(
                paragraph.first_line,
                _("这一段有 {count} 个字符，超过每段 {limit} 个字符的上限：请在适当的地方空一行，分成几段").format(
                    count=len(paragraph.text), limit=limits.MAX_PARAGRAPH_CHARS
                ),
            )
        elif paragraph.lines > limits.MAX_PARAGRAPH_LINES:
            add(
                paragraph.first_line,
                _(
                    "这一段连续 {count} 行，中间没有空行，超过 {limit} 行的上限：请用空行分成几段（一个表格或列表也算一段）"
                ).format(count=paragraph.lines, limit=limits.MAX_PARAGRAPH_LINES),
            )
    for reading, limit, message in _READING_BUDGETS:
        if len(problems) > count:
            break
        readings = [(reading(p.text), p.first_line) for p in paragraphs]
        if sum(r for r, _line in readings) > limit:
            add(_heaviest(readings), message())
    return len(problems) == count


# How much Markdown would read again for a body's paragraphs, the budget of the whole body, and
# what an editor is told when it is over (in the language in use when it is told).
_READING_BUDGETS: tuple[tuple[Callable[[str], int], int, Callable[[], str]], ...] = (
    (
        bracket_reading,
        limits.MAX_BRACKET_READING,
        lambda: _(
            "方括号“[ ]”或链接的圆括号太多或没有配对：Markdown 要为每个“[”向后寻找配对的“]”，"
            "这样的文字会让检查和生成慢得无法完成。请删去多余的括号，或改用中文括号【】（）"
        ),
    ),
    (
        markup_reading,
        limits.MAX_MARKUP_READING,
        lambda: _(
            "Markdown 符号（` \\ * _ [ ] ! < & 等）太多：Markdown 每遇到一个符号都要把整段重读一遍，"
            "这样的文字会让检查和生成慢得无法完成。请删去不需要的符号，或把长的段落分成几段"
        ),
    ),
)
