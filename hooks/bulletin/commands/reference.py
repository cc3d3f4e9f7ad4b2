"""The reference pages of the editors' guide, generated from the code (``bulletin reference``).

Two pages of the site's 使用说明 are written by these functions rather than by hand, so that they
cannot fall behind the program, as the JSON Schemas of ``schema/`` cannot
(:mod:`bulletin.commands.schema`):

- :func:`command_reference`: every command of ``bulletin`` and every option, with the help the
  command line shows (``bulletin … --help``), as :mod:`bulletin.cli.reference` reads them from
  the click group (only the command line speaks click);
- :func:`field_reference`: every field of the files editors write (a report's front matter,
  an event, a ledger item, an issue's details, a 约稿, a unit), from the fields the validator
  reads them with (:mod:`bulletin.read.fields`), and the limits of :mod:`bulletin.limits`.

Both are pure: data in, Markdown out. The committed pages are :data:`REFERENCE_PAGES`; a test
fails when they differ from what these functions make. The pages are the site's, Chinese in every
language of the messages (like the JSON Schemas' titles); the command reference takes its words
from the command line, so it is made in Chinese only (the command refuses English).

The Markdown is what the archive's own checks accept for a page of ``content/``: no HTML, every
text escaped (:func:`escape`), no table or list longer than a paragraph may be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bulletin import limits
from bulletin.read.fields import (
    COMMISSION_FIELDS,
    EVENT_FIELDS,
    ISSUE_DETAILS_FIELDS,
    REPORT_FIELDS,
    SUBMISSION_FIELDS,
    UNIT_FIELDS,
    Field,
)

REFERENCE_PAGES = {
    "commands": "content/guide/reference-commands.md",
    "fields": "content/guide/reference-fields.md",
}
REGENERATE = "bulletin reference --write"

_MARKUP = re.compile(r"([\\`*_\[\]{}|#])")


def escape(text: str) -> str:
    """``text`` shown as it is in Markdown (a table cell or a list item): the punctuation Markdown
    reads as markup is escaped, ``& < >`` are entities (no HTML), lines are joined."""
    text = " ".join(text.split())
    text = _MARKUP.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def code(text: str) -> str:
    """``text`` as a code span (it has no backquote: option names, usage lines, paths)."""
    return f"`{text}`"


# --- the commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionDoc:
    """One option as ``--help`` shows it: its form (``--format [text|github|json]``) and help."""

    form: str
    help: str
    required: bool = False
    default: str | None = None
    range: str | None = None


@dataclass(frozen=True)
class CommandDoc:
    """One command as ``--help`` shows it (read from click by :mod:`bulletin.cli.reference`)."""

    path: str  # bulletin, bulletin check, bulletin event open
    usage: str  # bulletin check [OPTIONS] [PATHS]...
    help: str
    options: tuple[OptionDoc, ...] = ()
    subcommands: tuple[str, ...] = ()  # the paths of its subcommands, for a group


def describe_option(option: OptionDoc) -> str:
    """One option as a list item: its form, then its help and extras."""
    extras = ["必填"] if option.required else []
    if option.default is not None:
        extras.append(f"默认：{option.default}")
    if option.range is not None:
        extras.append(f"范围：{option.range}")
    said = escape(option.help)
    if extras:
        said += "（" + "；".join(escape(e) for e in extras) + "）"
    return f"- {code(option.form)}：{said}" if said else f"- {code(option.form)}"


def describe_command(command: CommandDoc) -> list[str]:
    """The section of one command: its usage line, its help, its options, its subcommands."""
    level = "#" * max(2, command.path.count(" ") + 1)  # bulletin and bulletin check: ##
    lines = [f"{level} {command.path}", "", f"用法：{code(command.usage)}", ""]
    if command.help:
        lines += [escape(command.help), ""]
    if command.options:
        lines += ["选项：", ""] + [describe_option(o) for o in command.options] + [""]
    if command.subcommands:
        lines += ["子命令：" + "、".join(command.subcommands) + "（见下）。", ""]
    return lines


def command_reference(commands: Sequence[CommandDoc], name: str = "bulletin") -> str:
    """The page of every command (the ``bulletin`` group first, then each command in ``--help``'s
    order, a group's subcommands after it) and its options."""
    lines = [
        "# 命令参考",
        "",
        (
            f"本页由程序生成（{code(REGENERATE)}），列出 {code(name)} 的每个命令和选项，"
            f"与命令行里 {code(name + ' 命令 --help')} 显示的说明相同；每个命令都可以加 {code('--help')}。"
            "请不要手工修改本页。"
        ),
        "",
        (
            f"在仓库的根目录里运行，如 {code('.venv/bin/' + name + ' check')}；"
            f"写在命令名前面的 {code('--root')}、{code('--lang')} 对所有命令都有效。"
        ),
        "",
    ]
    for command in commands:
        lines += describe_command(command)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- the fields -----------------------------------------------------------------------------

# The files editors write, each with the fields it is read by.
FILES: tuple[tuple[str, str, str, tuple[Field, ...]], ...] = (
    (
        "报告的文件头",
        "reports/<年份>/<编号>.md",
        "文件开头两行 --- 之间的部分；其下是正文。",
        REPORT_FIELDS,
    ),
    (
        "紧急事件",
        "reports/events/<发生年份>/<编号>.yml",
        "一个事件一个文件，由 bulletin event open 写入，grade、close 改动；事件的各篇报告在 emergency 里写它的编号。",
        EVENT_FIELDS,
    ),
    (
        "收稿登记",
        "reports/submissions/<年>/<月>/<单位代码>.yml",
        "一个单位一个月一个文件，是一个列表，每一条是收到的一篇稿件，由 bulletin submission 的命令写入和改动。",
        SUBMISSION_FIELDS,
    ),
    (
        "一期的信息",
        "reports/issues/<系列>/<年份>/<期号>.yml",
        "可选：只在这一期有编者按、印数、紧急程度，或报送范围、署名与系列不同时才写，如 reports/issues/jrxx/2026/007.yml。",
        ISSUE_DETAILS_FIELDS,
    ),
    (
        "约稿",
        "reports/commissions.yml",
        "一个列表，每一条是一次约稿。",
        COMMISSION_FIELDS,
    ),
    (
        "报送单位",
        "reports/units.yml",
        (
            "以单位代码为键（小写英文字母、数字和连字符，如 qingshi-town），每个单位写下面这些字段；"
            "代码是固定的，出现在报告的 unit 和网址里。"
        ),
        UNIT_FIELDS,
    ),
)

KINDS = {
    "int": "整数",
    "number": "数",
    "bool": "true 或 false",
    "date": "日期，写成 年-月-日，如 2026-01-05",
    "datetime": "时间，写成 年-月-日 时:分（北京时间），如 2026-07-14 05:40",
}


def pattern_rule(spec: Field) -> str:
    """The rule of a text field's pattern, in the words of the check's own message."""
    if spec.pattern_problem is None:
        return ""
    message = spec.pattern_problem("")  # “”的写法不对：<the rule>
    return message.partition("：")[2]


def describe_value(spec: Field) -> str:
    """How a value of ``spec`` is written."""
    if spec.kind == "text":
        parts = []
        if spec.choices:
            parts.append("只能写 " + "、".join(spec.choices))
            if spec.aliases:
                parts.append("也可写 " + "、".join(spec.aliases))
        else:
            if rule := pattern_rule(spec):
                parts.append(rule)
            parts.append(f"最多 {spec.text_limit()} 个字")
        return "文字；" + "；".join(parts)
    if spec.kind in ("int", "number"):
        said = KINDS[spec.kind] + f"，不小于 {spec.minimum}"
        return said + (f"，不大于 {spec.maximum}" if spec.maximum is not None else "")
    if spec.kind in KINDS:
        return KINDS[spec.kind]
    if spec.kind == "list":
        if spec.of is not None and spec.of.kind == "record":
            return "列表，每一条的字段见下面的表"
        return "列表，每一项：" + describe_value(spec.item())
    if spec.kind == "text_or_list":
        return describe_value(spec.item()) + "；几个时写成列表"
    return "字段见下面的表"  # a record


def records_of(spec: Field) -> tuple[Field, ...]:
    """The fields of the record ``spec`` holds (a record, or a list of records), or ()."""
    if spec.kind == "record":
        return spec.fields
    if spec.kind == "list" and spec.of is not None and spec.of.kind == "record":
        return spec.of.fields
    return ()


def field_table(fields: tuple[Field, ...]) -> list[str]:
    lines = ["| 字段 | 必填 | 写法 | 说明 |", "|---|---|---|---|"]
    for spec in fields:
        lines.append(
            f"| {code(spec.key)} | {'必填' if spec.required else ''} | {escape(describe_value(spec))} "
            f"| {escape(spec.help)} |"
        )
    return lines


def describe_fields(fields: tuple[Field, ...], level: str, prefix: str = "") -> list[str]:
    """A table of ``fields``, then a table of each record among them."""
    lines = [*field_table(fields), ""]
    for spec in fields:
        inner = records_of(spec)
        if inner:
            each = "每一条" if spec.kind == "list" else "里面"
            lines += [f"{level} {prefix}{spec.key} {each}的字段", "", escape(spec.help), ""]
            lines += describe_fields(inner, level + "#", f"{prefix}{spec.key} › ")
    return lines


def limit_rows() -> list[tuple[str, str]]:
    """The limits of :mod:`bulletin.limits` that editors meet, in their words."""
    mb = 1024 * 1024
    return [
        ("一篇报告文件（文件头和正文）", f"{limits.MAX_REPORT_BYTES // 1024} KB（{limits.MAX_REPORT_BYTES} 字节）"),
        ("报告的编号（文件名去掉 .md）", f"{limits.MAX_ID_CHARS} 个字符"),
        ("单位、系列、约稿的代码", f"{limits.MAX_KEY_CHARS} 个字符"),
        ("标题", f"{limits.MAX_TITLE_CHARS} 个字"),
        ("其他一行的文字（名称、执笔人、关键词、批示人……）", f"{limits.MAX_NAME_CHARS} 个字"),
        ("批示内容、更正说明、编者按", f"{limits.MAX_TEXT_CHARS} 个字"),
        (
            "正文的一段（两个空行之间；一个表格或列表算一段）",
            f"{limits.MAX_PARAGRAPH_CHARS} 个字，{limits.MAX_PARAGRAPH_LINES} 行",
        ),
        ("正文的段数", f"{limits.MAX_PARAGRAPHS} 段"),
        ("列表和引用的嵌套", f"{limits.MAX_NESTING} 层"),
        ("代码块（以三个反引号或三个波浪号开头的行）", f"{limits.MAX_FENCE_LINES} 个"),
        ("“<”后面紧跟英文字母、/、! 或 ?（代码里也算）", f"{limits.MAX_TAG_OPENINGS} 处"),
        ("units.yml、commissions.yml、一个收稿登记文件、mkdocs.yml", f"{limits.MAX_YAML_BYTES // mb} MB"),
        ("一个收稿登记文件的条数", f"{limits.MAX_LEDGER_ITEMS} 条"),
        (
            "bulletin import 的 Word 文档",
            (
                f"{limits.MAX_WORD_BYTES // mb} MB；解压后 {limits.MAX_WORD_UNPACKED_BYTES // mb} MB、"
                f"{limits.MAX_WORD_PARTS} 个部件"
            ),
        ),
    ]


def field_reference() -> str:
    """The page of every field of the files editors write, and of the limits of what they write."""
    lines = [
        "# 字段参考",
        "",
        (
            f"本页由程序生成（{code(REGENERATE)}），取自检查稿件时用的字段定义，与 {code('bulletin check')} "
            "的要求一致；请不要手工修改本页。"
        ),
        "",
        (
            "这些文件都按严格的 YAML 读取：不认识的字段、重复的字段、制表符、会被误读成真假值或数字的写法"
            "（如 NO、1.10、0123、12:30）都会报错，报错写成“文件:行号: 字段: 说明”，一次列出全部问题。"
            "日期写成 年-月-日，时间写成 年-月-日 时:分（北京时间）。"
            "“最多 N 个字”按字符计，一个汉字、字母或标点都算一个。"
        ),
        "",
    ]
    for title, path, note, fields in FILES:
        lines += [f"## {title}", "", f"文件：{code(path)}。{escape(note)}", ""]
        lines += describe_fields(fields, "###")
    lines += [
        "## 上限",
        "",
        "超过上限的内容不能通过检查（报错时指出所在的行），远高于平常写稿的需要：",
        "",
        "| 什么 | 最多 |",
        "|---|---|",
        *(f"| {escape(what)} | {escape(most)} |" for what, most in limit_rows()),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"
