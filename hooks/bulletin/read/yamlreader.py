"""Strict YAML: read YAML into typed values by a schema, refusing YAML's pitfalls.

PyYAML follows YAML 1.1, where ``NO`` is false, ``1.10`` is the float 1.1, ``0123`` is
the octal 83 and ``12:30`` is the sexagesimal 750. We never let the parser guess: the
document is *composed* (nodes with line numbers, nothing constructed), and each value is
read according to the :class:`~bulletin.read.fields.Field` that expects it. Anything
ambiguous, unknown, duplicated or indented with tabs becomes a :class:`Problem`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bulletin import limits
from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.read.fields import KEY_PATTERN, Field
from bulletin.read.textfiles import too_large
from bulletin.read.yamlsyntax import PLAIN_KEY, Entry, explain_syntax_error, find_entries, find_entry, key_of_line

N = TypeVar("N", int, Fraction)
STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"


def _read_as_boolean(value: str) -> str:
    return _('{value} 会被读成真假值（是/否），而不是文字；请加引号写成 "{value}"').format(value=value)


def _read_as_number(value: str) -> str:
    if ":" in value:
        return _('{value} 会被读成时间并换算成一个数字，而不是文字；请加引号写成 "{value}"').format(value=value)
    return _('{value} 会被读成数字，而不是文字；请加引号写成 "{value}"').format(value=value)


def _read_as_date(value: str) -> str:
    return _('{value} 会被读成日期，而不是文字；请加引号写成 "{value}"').format(value=value)


# What YAML would read a plain scalar of these tags as, instead of text (the null tag: empty).
_READ_AS: dict[str, Callable[[str], str]] = {
    "tag:yaml.org,2002:bool": _read_as_boolean,
    "tag:yaml.org,2002:int": _read_as_number,
    "tag:yaml.org,2002:float": _read_as_number,
    "tag:yaml.org,2002:timestamp": _read_as_date,
}
_INT = re.compile(r"-?(0|[1-9][0-9]{0,8})")  # a minus sign: the field's minimum decides (deductions are negative)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATETIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2})")


@dataclass(frozen=True)
class Place:
    """Where a value is: the file, the line offset of the YAML text, the problem collector."""

    path: str
    first_line: int  # file line of the first line of the YAML text
    problems: Problems

    def line(self, node: Node) -> int:
        return self.first_line + node.start_mark.line

    def add(self, node: Node | None, name: str, message: str) -> None:
        line = self.line(node) if node is not None else self.first_line
        self.problems.add(self.path, line, name, message)


@dataclass(frozen=True)
class Record:
    """The values read from one mapping, and the line of each key."""

    values: dict[str, Any]
    lines: dict[str, int]
    line: int


# Characters PyYAML takes as line breaks (so line numbers would drift) or that are never text.
# Each with the whole message (a function: the message is made in the language in use when shown).
_ODD_BREAKS: dict[str, Callable[[], str]] = {
    "\u2028": lambda: _("这一行有行分隔符（U+2028），会打乱行号：请删去它，需要换行就直接换行"),
    "\u2029": lambda: _("这一行有段分隔符（U+2029），会打乱行号：请删去它，需要换行就直接换行"),
    "\x85": lambda: _("这一行有换行控制符（U+0085），会打乱行号：请删去它，需要换行就直接换行"),
    "\r": lambda: _("这一行有单独的回车符（U+000D），会打乱行号：请删去它，需要换行就直接换行"),
}
MAX_DEPTH = 40
# libyaml's parser where PyYAML has it (ten times faster); the same nodes and marks.
# (It writes a plain scalar's style as "" where the Python parser writes None.)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# Characters that are not seen but change what is seen: bidi controls reorder the text
# around them, zero-width characters hide in a name (two names look the same, a search
# misses). Refused in every text of the YAML files.
INVISIBLE: dict[str, Callable[[], str]] = {  # the name of each, in the language in use
    "\u061c": lambda: _("阿拉伯字母标记"),
    "\u200b": lambda: _("零宽空格"),
    "\u200c": lambda: _("零宽不连字"),
    "\u200d": lambda: _("零宽连字"),
    "\u200e": lambda: _("从左到右标记"),
    "\u200f": lambda: _("从右到左标记"),
    "\u202a": lambda: _("从左到右嵌入"),
    "\u202b": lambda: _("从右到左嵌入"),
    "\u202c": lambda: _("嵌入结束"),
    "\u202d": lambda: _("从左到右覆盖"),
    "\u202e": lambda: _("从右到左覆盖"),
    "\u2060": lambda: _("零宽不换行"),
    "\u2066": lambda: _("从左到右隔离"),
    "\u2067": lambda: _("从右到左隔离"),
    "\u2068": lambda: _("首选方向隔离"),
    "\u2069": lambda: _("隔离结束"),
    "\ufeff": lambda: _("零宽不换行空格（BOM）"),
}
_INVISIBLE = re.compile("[" + "".join(INVISIBLE) + "]")


def find_invisible(text: str) -> str | None:
    """``U+202E（从右到左覆盖）`` for the first invisible control character of ``text``, or None."""
    match = _INVISIBLE.search(text)
    if not match:
        return None
    return _("U+{code}（{name}）").format(code=f"{ord(match.group()):04X}", name=INVISIBLE[match.group()]())


def _tag_problem(token: yaml.TagToken) -> str:
    handle, suffix = token.value
    return _(
        "YAML 标签 {tag} 不允许使用：以 ! 开头的类型标记会让读取这个文件的程序"
        "把值当作别的类型甚至代码来处理；请删去它，直接写值（文字可以加引号）"
    ).format(tag=f"{handle or ''}{suffix}")


def report_tags(text: str, place: Place, within: Node) -> bool:
    """Report every YAML tag inside ``within`` (a node composed from ``text``); True if none.

    For mkdocs.yml, where MkDocs' own settings may use tags (``!ENV``, ``!!python/name:``)
    but the publication settings the bulletin reads may not.
    """
    start, end = within.start_mark.index, within.end_mark.index
    clean = True
    for token in yaml.scan(text, Loader=LOADER):
        if isinstance(token, yaml.TagToken) and start <= token.start_mark.index < end:
            place.problems.add(place.path, place.first_line + token.start_mark.line, "yaml", _tag_problem(token))
            clean = False
    return clean


@dataclass(frozen=True)
class Composed:
    """A composed YAML text, and the top-level keys left out of it (each with its file line):
    their lines had a problem (reported), and the other keys are read all the same."""

    node: Node | None
    broken: dict[str, int]
    hidden: frozenset[str] = frozenset()  # keys written in lines that were left out (not "missing")


# How many top-level entries with a syntax error are left out before a text is given up.
MAX_LEFT_OUT = 8


def _leave_out(
    lines: list[str],
    index: int,
    place: Place,
    broken: dict[str, int],
    hidden: set[str],
    entries: list[Entry | None] | None = None,
) -> bool:
    """Blank the top-level entry of line ``index`` (or that line alone, before the first key);
    False if there was nothing left to blank there. ``entries``: every line's, if known."""
    entry = entries[index] if entries is not None else find_entry(lines, index)
    start, end = (entry.start, entry.end) if entry else (index, index + 1)
    if not any(line.strip() for line in lines[start:end]):
        return False
    key = entry.key if entry else key_of_line(lines[index])
    if key is not None and not PLAIN_KEY.fullmatch(key):
        key = None
    if key is not None:
        broken.setdefault(key, place.first_line + start)
    hidden.update(filter(None, map(key_of_line, lines[start:end])))
    lines[start:end] = [""] * (end - start)
    return True


def _field_of(lines: list[str], index: int) -> str:
    """The key a problem on line ``index`` is reported under: its top-level entry's key."""
    entry = find_entry(lines, index) if index < len(lines) else None
    if entry is not None and entry.key is not None:
        return entry.key
    return (key_of_line(lines[index]) if index < len(lines) else None) or "yaml"


def compose_entries(text: str, place: Place, tags_allowed: bool = False) -> Composed | None:
    """Compose ``text`` into nodes, reporting tabs, odd line breaks, anchors, tags (unless
    ``tags_allowed``), size and syntax errors at file lines, in the editors' words.

    A tab, an odd line break or a syntax error is reported under the top-level key whose
    lines it is on, and that entry is left out, so the rest is still read (up to
    MAX_LEFT_OUT entries). None when nothing can be read.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.MAX_YAML_BYTES:
        place.problems.add(
            place.path,
            place.first_line,
            "file",
            too_large(limits.MAX_YAML_BYTES),  # as read_text says it
        )
        return None
    lines = text.replace("\r\n", "\n").split("\n")
    original = list(lines)
    broken: dict[str, int] = {}
    hidden: set[str] = set()
    entries: list[Entry | None] = []
    for i, line in enumerate(original):
        odd = next((message for char, message in _ODD_BREAKS.items() if char in line), None)
        if "\t" not in line and not odd:
            continue
        entries = entries or find_entries(original)  # once: linear in the lines, however many have a tab
        entry = entries[i]
        field = key_of_line(line) or (entry.key if entry else None) or "yaml"
        if odd is not None and "\t" not in line:
            message = odd()
        else:
            message = _("这一行有制表符（Tab 键）：缩进和分隔只能用空格；请把制表符换成空格")
        place.problems.add(place.path, place.first_line + i, field, message)
        if lines[i]:  # not left out with its entry already
            _leave_out(lines, i, place, broken, hidden, entries)
    for attempt in range(MAX_LEFT_OUT + 1):
        current = "\n".join(lines) if lines != original else text
        try:
            depth = 0
            for token in yaml.scan(current, Loader=LOADER):
                at = token.start_mark.line
                if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                    place.problems.add(
                        place.path,
                        place.first_line + at,
                        _field_of(lines, at),
                        _(
                            "不能用 & 和 * 引用别处的值：请把每个值都完整写出来"
                            "（如果值本身以 & 或 * 开头，请把整个值放在引号里）"
                        ),
                    )
                    return None
                if isinstance(token, yaml.TagToken) and not tags_allowed:
                    place.problems.add(place.path, place.first_line + at, _field_of(lines, at), _tag_problem(token))
                    return None
                if isinstance(
                    token,
                    (
                        yaml.BlockMappingStartToken,
                        yaml.BlockSequenceStartToken,
                        yaml.FlowMappingStartToken,
                        yaml.FlowSequenceStartToken,
                    ),
                ):
                    depth += 1
                elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                    depth -= 1
                if depth > MAX_DEPTH:
                    place.problems.add(
                        place.path,
                        place.first_line + at,
                        _field_of(lines, at),
                        _("嵌套超过 {depth} 层：报告和名录用不到这么多层，请检查缩进").format(depth=MAX_DEPTH),
                    )
                    return None
            return Composed(yaml.compose(current, Loader=LOADER), broken, frozenset(hidden))
        except yaml.MarkedYAMLError as error:
            explained = explain_syntax_error(error, lines)
            field = explained.key or _field_of(lines, explained.line)
            place.problems.add(place.path, place.first_line + explained.line, field, explained.message)
            if attempt == MAX_LEFT_OUT or not _leave_out(lines, explained.line, place, broken, hidden):
                return None
        except (yaml.YAMLError, RecursionError):
            place.problems.add(
                place.path,
                place.first_line,
                "yaml",
                _("这段内容读不懂：请检查英文冒号（后面要有空格）、引号、括号和缩进，与其他文件对照着改"),
            )
            return None
    return None


def compose_yaml(text: str, place: Place, tags_allowed: bool = False) -> Node | None:
    """Compose ``text`` into nodes (see :func:`compose_entries`); None if anything in it had
    to be left out, or it has no YAML in it."""
    count = len(place.problems)
    composed = compose_entries(text, place, tags_allowed)
    return composed.node if composed is not None and len(place.problems) == count else None


def key_problem(key: object) -> str:
    """Why ``key`` is not a key (see :func:`is_key`)."""
    if isinstance(key, str) and len(key) > limits.MAX_KEY_CHARS:
        return _("键名有 {count} 个字符，超过 {limit} 个字符的上限：请改用较短的键名").format(
            count=len(key), limit=limits.MAX_KEY_CHARS
        )
    return _("键名只能用小写英文字母、数字和单个连字符“-”，如 qingshi-town")


def is_key(text: str) -> bool:
    """Whether ``text`` is a key: KEY_PATTERN, and not longer than MAX_KEY_CHARS."""
    return len(text) <= limits.MAX_KEY_CHARS and re.fullmatch(KEY_PATTERN, text) is not None


def read_record(
    node: Node | None,
    fields: tuple[Field, ...],
    place: Place,
    prefix: str = "",
    broken: dict[str, int] | None = None,
    hidden: frozenset[str] = frozenset(),
) -> Record | None:
    """Read a mapping node by ``fields``; unknown, duplicate and missing keys are problems.

    Returns None when the node is not a mapping; otherwise the values that could be read
    (a field with a problem is left out, and the problem recorded). ``broken``: keys whose
    lines were left out by :func:`compose_entries` (problems already reported): given, not read;
    ``hidden``: keys named in those lines, not reported missing.
    """
    broken = broken or {}
    if node is None and broken:
        start = yaml.Mark(place.path, 0, 0, 0, "", 0)
        node = MappingNode("tag:yaml.org,2002:map", [], start, start)  # every line was left out
    if not isinstance(node, MappingNode):
        place.add(node, prefix.rstrip(".") or "yaml", _("这里应当是“键: 值”的一行行内容"))
        return None
    by_key = {f.key: f for f in fields}
    values: dict[str, Any] = {}
    lines: dict[str, int] = dict(broken)
    for left_out, line in broken.items():
        if left_out not in by_key:
            place.problems.add(place.path, line, f"{prefix}{left_out}", _unknown_key(left_out, by_key))
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        name = f"{prefix}{key}"
        if not isinstance(key, str) or key_node.tag != STR:
            place.add(
                key_node,
                f"{prefix}?",
                _("键应当是一个普通的英文词（如 title），不能是 {value}").format(value=repr(key_node.value)),
            )
            continue
        if key in lines:
            place.add(key_node, name, _duplicate(key, lines[key]))
            continue
        lines[key] = place.line(key_node)
        spec = by_key.get(key)
        if spec is None:
            place.add(key_node, name, _unknown_key(key, by_key))
            continue
        value = read_value(value_node, spec, place, name)
        if value is not None:
            values[key] = value
    for spec in fields:
        if spec.required and spec.key not in lines and spec.key not in hidden:
            place.add(node, f"{prefix}{spec.key}", _("缺少这一项（必填）：请加一行 {key}: …").format(key=spec.key))
    return Record(values, lines, place.line(node))


def _duplicate(key: str, first: int) -> str:
    return _("{key} 写了两次（第 {line} 行已经有了）：只保留一处，删去另一处").format(key=key, line=first)


def _unknown_key(key: str, by_key: dict[str, Field]) -> str:
    close = difflib.get_close_matches(key, by_key, n=1)
    if close:
        return _("没有 {key} 这一项：是不是 {close}？请改正拼写").format(key=key, close=close[0])
    return _("没有 {key} 这一项：可以写的项有 {keys}；请改正或删去这一行").format(key=key, keys="、".join(by_key))


def read_value(node: Node, spec: Field, place: Place, name: str) -> Any:
    """Read one value as ``spec.kind`` says; None (with a problem recorded) if it can't be."""
    reader = _READERS[spec.kind]
    return reader(node, spec, place, name)


def _empty() -> str:
    return _("是空的：请在冒号后面写上内容，或删去这一行")


def _not_a_choice(value: str, known: tuple[str, ...]) -> str:
    """Why ``value`` is not one of ``known``, with the closest known value if there is one."""
    close = difflib.get_close_matches(value, known, n=1)
    if close:
        return _("“{value}”不是可以选的值（是不是“{close}”？）；可以选：{choices}").format(
            value=value, close=close[0], choices="、".join(known)
        )
    return _("“{value}”不是可以选的值；可以选：{choices}").format(value=value, choices="、".join(known))


# YAML 1.1 booleans that PyYAML does not resolve but other YAML 1.1 readers do.
_SHORT_BOOLEANS = {"y", "Y", "n", "N"}


def _scalar_text(node: Node, place: Place, name: str) -> str | None:
    """The text of a scalar node that YAML would read as a string; else a problem."""
    if isinstance(node, SequenceNode):
        place.add(node, name, _("应当是一段文字，不能是列表"))
        return None
    if not isinstance(node, ScalarNode):
        place.add(node, name, _("应当是一段文字，不能是一组“键: 值”"))
        return None
    if node.tag == NULL:
        place.add(node, name, _empty())
        return None
    if node.tag != STR and node.tag not in _READ_AS:
        place.add(
            node, name, _('{value} 是有特殊含义的写法，不会被当成文字；请加引号写成 "{value}"').format(value=node.value)
        )
        return None
    if node.tag != STR:
        place.add(node, name, _READ_AS[node.tag](node.value))
        return None
    if not node.style and node.value in _SHORT_BOOLEANS:
        place.add(node, name, _read_as_boolean(node.value))
        return None
    return node.value


def _unprintable(text: str, multiline: bool) -> str | None:
    """The first character that has no place in text: controls, surrogates, odd line breaks."""
    for char in text:
        if char == "\n" and multiline:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Cn") or char in "\u2028\u2029":
            return f"U+{ord(char):04X}"
    return None


def _read_text(node: Node, spec: Field, place: Place, name: str) -> str | None:
    text = _scalar_text(node, place, name)
    if text is None:
        return None
    text = text.strip()
    if not text:
        place.add(node, name, _empty())
        return None
    if len(text) > spec.text_limit():
        place.add(
            node,
            name,
            _("有 {count} 个字符，超过 {limit} 个字符的上限：请写得简短些").format(
                count=len(text), limit=spec.text_limit()
            ),
        )
        return None
    invisible = find_invisible(text)
    if invisible:
        place.add(
            node,
            name,
            _(
                "含有不可见的控制字符 {character}：它会改变文字的显示顺序或把文字藏起来；请删去它，重新输入这一项"
            ).format(character=invisible),
        )
        return None
    bad = _unprintable(text, spec.multiline)
    if bad:
        if bad == "U+000A":
            place.add(node, name, _("不能换行：请写在一行里"))
        else:
            place.add(node, name, _("含有不是文字的字符 {character}：请删去它，重新输入这一项").format(character=bad))
        return None
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        if spec.pattern_problem is not None:
            place.add(node, name, spec.pattern_problem(text))
        else:
            place.add(node, name, _("“{text}”的写法不对：应当符合 {pattern}").format(text=text, pattern=spec.pattern))
        return None
    refusal = spec.refused(text) if spec.refused else None
    if refusal:
        place.add(node, name, refusal)
        return None
    if spec.aliases:
        text = spec.aliases.get(text, text)  # 市级 is stored as city
    if spec.choices and text not in spec.choices:
        written = (*spec.choices, *(spec.aliases or {}))
        place.add(node, name, _not_a_choice(text, written))
        return None
    return text


def _read_int(node: Node, spec: Field, place: Place, name: str) -> int | None:
    if not isinstance(node, ScalarNode):
        place.add(node, name, _("应当是一个整数，如 3"))
        return None
    text = node.value
    if node.style:
        place.add(node, name, _("应当是不加引号的整数：请去掉引号，写成 {number}").format(number=text.strip()))
        return None
    if re.fullmatch(r"0[0-9_]+", text):
        place.add(
            node,
            name,
            _("{text} 以 0 开头，会被读成八进制数（另一个数）；请写成 {number}").format(
                text=text, number=text.lstrip("0_") or "0"
            ),
        )
        return None
    if node.tag != "tag:yaml.org,2002:int" or not _INT.fullmatch(text):
        place.add(node, name, _("应当是一个整数，如 3，不能是“{text}”").format(text=text))
        return None
    return _within(int(text), spec, node, place, name)


def _within(value: N, spec: Field, node: Node, place: Place, name: str) -> N | None:
    if value < spec.minimum:
        place.add(node, name, _("不能小于 {minimum}").format(minimum=spec.minimum))
        return None
    if spec.maximum is not None and value > spec.maximum:
        place.add(node, name, _("不能大于 {maximum}").format(maximum=spec.maximum))
        return None
    return value


def _read_number(node: Node, spec: Field, place: Place, name: str) -> Fraction | None:
    if not isinstance(node, ScalarNode) or node.style or not re.fullmatch(r"(0|[1-9][0-9]*)(\.[0-9]+)?", node.value):
        place.add(node, name, _("应当是不加引号的小数，如 0.5"))
        return None
    return _within(Fraction(node.value), spec, node, place, name)


def _read_map(node: Node, spec: Field, place: Place, name: str) -> dict[str, Any] | None:
    if not isinstance(node, MappingNode):
        place.add(node, name, _("应当是一组“键: 值”，每行一项"))
        return None
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    ok = True
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else "?"
        if not isinstance(key_node, ScalarNode) or key_node.tag != STR or not is_key(key):
            place.add(key_node, f"{name}.{key[: limits.MAX_KEY_CHARS]}", key_problem(key))
            ok = False
            continue
        if key in lines:
            place.add(key_node, f"{name}.{key}", _duplicate(key, lines[key]))
            ok = False
            continue
        lines[key] = place.line(key_node)
        value = read_value(value_node, spec.item(), place, f"{name}.{key}")
        if value is None:
            ok = False
        else:
            values[key] = value
    return values if ok else None


def _read_bool(node: Node, spec: Field, place: Place, name: str) -> bool | None:
    if isinstance(node, ScalarNode) and not node.style and node.value in ("true", "false"):
        return node.value == "true"
    place.add(node, name, _("只能是 true 或 false（小写，不加引号）"))
    return None


@dataclass(frozen=True)
class _Moment:
    """How a date (or a date and time) is written, and the messages when it is not."""

    pattern: re.Pattern[str]
    make: Callable[..., Any]
    not_text: Callable[[], str]  # the value is not a date at all (a list …)
    written_wrong: Callable[[str], str]
    impossible: Callable[[str], str]  # written right, but not a real day (or time)


_DAY = _Moment(
    _DATE,
    dt.date,
    lambda: _("应当写成 年-月-日，如 2026-01-05"),
    lambda text: _("“{text}”的写法不对：应当写成 年-月-日，如 2026-01-05").format(text=text),
    lambda text: _("{text} 不是日历上有的日子：请核对").format(text=text),
)
_MOMENT = _Moment(
    _DATETIME,
    dt.datetime,
    lambda: _("应当写成 年-月-日 时:分，如 2026-01-05 09:30"),
    lambda text: _("“{text}”的写法不对：应当写成 年-月-日 时:分，如 2026-01-05 09:30").format(text=text),
    lambda text: _("{text} 不是真实的日期和时间：请核对").format(text=text),
)


def _read_moment(node: Node, place: Place, name: str, moment: _Moment) -> Any:
    if not isinstance(node, ScalarNode) or node.tag not in (STR, "tag:yaml.org,2002:timestamp"):
        place.add(node, name, moment.not_text())
        return None
    text = node.value.strip()
    match = moment.pattern.fullmatch(text)
    if not match:
        place.add(node, name, moment.written_wrong(text))
        return None
    try:
        return moment.make(*map(int, match.groups()))
    except ValueError:
        place.add(node, name, moment.impossible(text))
        return None


def _read_date(node: Node, spec: Field, place: Place, name: str) -> dt.date | None:
    day: dt.date | None = _read_moment(node, place, name, _DAY)
    return day


def _read_datetime(node: Node, spec: Field, place: Place, name: str) -> dt.datetime | None:
    moment: dt.datetime | None = _read_moment(node, place, name, _MOMENT)
    return moment


def _read_list(node: Node, spec: Field, place: Place, name: str) -> tuple | None:
    if not isinstance(node, SequenceNode):
        place.add(node, name, _("应当是一个列表：写成 [甲, 乙]，或每项一行、以“- ”开头"))
        return None
    item = spec.item()
    items = []
    for index, child in enumerate(node.value, start=1):
        value = read_value(child, item, place, f"{name}[{index}]")
        if value is not None:
            items.append(value)
    if len(items) != len(node.value):
        return None
    if not items and spec.required:
        place.add(node, name, _("不能是空的"))
        return None
    return tuple(items)


def _read_text_or_list(node: Node, spec: Field, place: Place, name: str) -> tuple | None:
    if isinstance(node, SequenceNode):
        values = _read_list(node, spec, place, name)
        if values is not None and not values:
            place.add(node, name, _("不能是空的"))
            return None
        if values is not None and len(set(values)) != len(values):
            place.add(node, name, _("同一个值写了两次：请删去重复的一个"))
            return None
        return values
    value = _read_text(node, spec.item(), place, name)
    return None if value is None else (value,)


def _read_record_value(node: Node, spec: Field, place: Place, name: str) -> Any:
    record = read_record(node, spec.fields, place, f"{name}.")
    if (
        record is None
        or len(record.values) != len(record.lines)
        or any(f.required and f.key not in record.values for f in spec.fields)
    ):
        return None
    return spec.make(**record.values) if spec.make else record


def _read_keyed_value(node: Node, spec: Field, place: Place, name: str) -> dict[str, Any] | None:
    records = read_keyed(node, spec.fields, place, f"{name}.")
    made = {}
    for key, record in records.items():
        if len(record.values) == len(record.lines) and all(f.key in record.values for f in spec.fields if f.required):
            made[key] = spec.make(key=key, **record.values) if spec.make else record
    if not made and not records:
        place.add(node, name, _("不能是空的"))
    return made if len(made) == len(records) and made else None


_READERS = {
    "keyed": _read_keyed_value,
    "map": _read_map,
    "number": _read_number,
    "text": _read_text,
    "int": _read_int,
    "bool": _read_bool,
    "date": _read_date,
    "datetime": _read_datetime,
    "list": _read_list,
    "text_or_list": _read_text_or_list,
    "record": _read_record_value,
}


def read_keyed(node: Node, fields: tuple[Field, ...], place: Place, prefix: str = "") -> dict[str, Record]:
    """Read a mapping of ASCII keys to records (units.yml, series settings)."""
    if not isinstance(node, MappingNode):
        place.add(node, prefix.rstrip(".") or "yaml", _("应当是一组条目，每个条目以它的键开头（如 yunling:）"))
        return {}
    records: dict[str, Record] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        if not isinstance(key, str) or key_node.tag != STR or not is_key(key):
            shown = (str(key_node.value)[: limits.MAX_KEY_CHARS] or '""') if isinstance(key_node, ScalarNode) else "?"
            place.add(key_node, f"{prefix}{shown}", key_problem(key))
            continue
        if key in lines:
            place.add(key_node, f"{prefix}{key}", _duplicate(key, lines[key]))
            continue
        lines[key] = place.line(key_node)
        record = read_record(value_node, fields, place, f"{prefix}{key}.")
        if record is not None:
            records[key] = record
    return records


def compose_required(text: str, place: Place, name: str, advice: str, tags_allowed: bool = False) -> Node | None:
    """Compose a file that must not be empty (settings, registers): a file with no YAML in it
    (empty, blanks or comments only: perhaps emptied by accident) is a problem, not "nothing".
    ``advice``: what to do instead, a whole clause in the editors' language (already in _())."""
    count = len(place.problems)
    node = compose_yaml(text, place, tags_allowed)
    if node is None and len(place.problems) == count:
        place.add(None, name, _("文件是空的（没有内容，或只有注释）：{advice}").format(advice=advice))
    return node
