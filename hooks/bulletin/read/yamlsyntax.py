"""YAML syntax errors in the editors' words, and the top-level entry a line belongs to.

PyYAML says "mapping values are not allowed in this context"; an editor needs the line,
what probably caused it and what to type instead. :func:`explain_syntax_error` turns
PyYAML's error into that. :func:`find_entry` tells which top-level key a line belongs to,
so a problem is reported under the key it breaks and the other keys can still be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from bulletin.i18n import _

# A line that starts a top-level entry: at column 0, not a comment, list item or document mark.
_ENTRY_START = re.compile(r"[^\s#\-.]|-[^\s-]|\.[^.]")
_NOT_KEY_START = frozenset(":#'\"[]{},")
_WORD = re.compile(r"[^\s:#]+")
PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Entry:
    """A top-level entry of a YAML text: its key and its lines (0-based, end exclusive)."""

    key: str | None  # None: the line does not start with a word that could be a key
    start: int
    end: int


def key_of_line(line: str) -> str | None:
    """The key a line ``key: value`` (or ``- key: value``) gives, or None. A scan, in time linear
    in the line (a pattern for it backtracked: quadratic on a long line of spaces)."""
    text = line.lstrip()
    if text.startswith("-") and text[1:2].isspace():
        key = _read_key(text[1:].lstrip())
        if key is not None:
            return key
    return _read_key(text)


def _read_key(text: str) -> str | None:
    """``key`` of ``key: value`` at the start of ``text``: up to the first colon followed by a
    space or the end, with no ``#`` before it; None when the text does not start so."""
    if not text or text[0].isspace() or text[0] in _NOT_KEY_START:
        return None
    for index, char in enumerate(text):
        if char == "#":
            return None
        if char == ":":
            if index + 1 < len(text) and not text[index + 1].isspace():
                return None
            return text[:index].rstrip()
    return None


def find_entry(lines: list[str], index: int) -> Entry | None:
    """The top-level entry that line ``index`` belongs to, or None (before the first key)."""
    start = next((i for i in range(index, -1, -1) if _ENTRY_START.match(lines[i])), None)
    if start is None:
        return None
    end = next((i for i in range(index + 1, len(lines)) if _ENTRY_START.match(lines[i])), len(lines))
    word = _WORD.match(lines[start])
    found = key_of_line(lines[start]) or (word.group() if word else None)
    key = found.strip("'\"") if found else None
    return Entry(key if key and PLAIN_KEY.fullmatch(key) else None, start, end)


def find_entries(lines: list[str]) -> list[Entry | None]:
    """:func:`find_entry` of every line, in one pass each way (for a problem on every line)."""
    starts: list[int | None] = []
    start: int | None = None
    for index, line in enumerate(lines):
        if _ENTRY_START.match(line):
            start = index
        starts.append(start)
    entries: list[Entry | None] = [None] * len(lines)
    end = len(lines)
    made: Entry | None = None
    for index in range(len(lines) - 1, -1, -1):
        begin = starts[index]
        if begin is None:
            continue
        if made is None or made.start != begin:
            made = find_entry(lines[: begin + 1], begin)  # the entry's own line: its key
            made = Entry(made.key if made else None, begin, end)
        entries[index] = made
        if begin == index:
            end = index
    return entries


def quoted(value: str) -> str:
    """``value`` written in YAML quotes: double quotes, or single ones if it has a double quote."""
    value = value.strip()
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class SyntaxProblem:
    line: int  # 0-based line of the text
    key: str | None  # the key of that line, if it has one
    message: str


def explain_syntax_error(error: yaml.MarkedYAMLError, lines: list[str]) -> SyntaxProblem:
    """What an editor should know of a PyYAML syntax error: the line, the likely cause, the fix."""
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    at = min(mark.line if mark else 0, max(len(lines) - 1, 0))
    column = mark.column if mark else 0
    if error.context_mark is not None and ("quoted scalar" in context or "flow" in context or "simple key" in context):
        at = min(error.context_mark.line, max(len(lines) - 1, 0))  # where the unclosed thing starts
    line = lines[at] if lines else ""
    key = key_of_line(line)
    shown = key or _("键")
    if "flow node" in context:  # a [ or { with nothing after it
        opened = max(line.rfind("["), line.rfind("{"))
        context = "flow sequence" if opened >= 0 and line[opened] == "[" else "flow mapping" if opened >= 0 else ""
    if "quoted scalar" in context and ("escape" in problem or "hexdecimal" in problem):
        message = _(
            "双引号里的反斜杠“\\”后面的写法不对（如 \\u 后面不是有效的字符编号）：双引号里的“\\”有特殊用途；"
            "请删去反斜杠，或改用单引号：{key}: '……'"
        ).format(key=shown)
    elif "quoted scalar" in context:
        message = _(
            "引号没有配对：这一项的值以英文引号开始，却找不到结束的引号；请在值的末尾补上同样的引号"
            '（值里要用引号时，请用中文引号“”），如 {key}: "……"'
        ).format(key=shown)
    elif "flow sequence" in context or "']'" in problem:
        message = _(
            "方括号没有配对：列表写成 [甲, 乙]，要以“]”结束，项与项之间用英文逗号；"
            '如果值本身以“[”开头而不是列表，请把整个值放在引号里：{key}: "……"'
        ).format(key=shown)
    elif "flow mapping" in context or "'}'" in problem:
        message = _(
            "花括号没有配对：写成 {{by: …, level: …}} 时要以“}}”结束，项与项之间用英文逗号；"
            '如果值本身以“{{”开头，请把整个值放在引号里：{key}: "……"'
        ).format(key=shown)
    elif "mapping values are not allowed" in problem:
        colon = line.find(": ")
        if key is not None and colon >= 0 and column > colon + 1:
            value = line[colon + 1 :]
            message = _(
                "值里有英文冒号“: ”，会被当成键和值的分隔；请把整个值放在引号里：{key}: {value}，或改用中文冒号“：”"
            ).format(key=key, value=quoted(value))
        else:
            message = _(
                "缩进不对：这一行比上一行多了空格，但上一行的键已经有值了；"
                "同一层的键要从同一列开始，请删去这一行开头多余的空格"
            )
    elif "simple key" in context or "expected ':'" in problem:
        word = (_WORD.match(line.strip()) or [""])[0]
        key = key or word or None
        message = _(
            "这一行缺少英文冒号：每一项写成“键: 值”，冒号后面加一个空格，如 unit: yunling；"
            "如果这是上一项的值写到了第二行，请把它接回上一行"
        )
    elif "cannot start any token" in problem:
        char = line[column : column + 1] if column < len(line) else ""
        message = (
            _('值不能以“{char}”开头（它在这种文件里有特殊用途）；请把整个值放在引号里：{key}: "……"').format(
                char=char, key=shown
            )
            if char.strip()
            else _('这一行有不能出现的字符；请把整个值放在引号里：{key}: "……"').format(key=shown)
        )
    elif "alias" in context or "anchor" in context:
        message = _('值不能以“*”或“&”开头（它们在这种文件里有特殊用途）；请把整个值放在引号里：{key}: "……"').format(
            key=shown
        )
    elif "block" in context or "expected key" in problem or "indicator" in problem or "block end" in problem:
        message = _(
            "缩进不对：同一层的键要从同一列开始，下一层的内容比上一层多缩进两个空格，"
            "列表的每一项以“- ”开头并对齐；请对照上下几行调整这一行开头的空格。"
            "如果值在引号后面还有文字，请把整个值放进一对引号里"
        )
    else:
        message = _("这一行的写法读不懂：请检查这一行的英文冒号（后面要有空格）、引号、括号和缩进，与其他报告对照着改")
    return SyntaxProblem(at, key, message)
