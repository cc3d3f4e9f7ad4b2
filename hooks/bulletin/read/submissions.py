"""The submissions ledger (收稿登记): every item a unit sent the office, and what became of it.

``reports/submissions/<year>/<MM>/<unit-key>.yml`` holds one unit's items received in one
month, oldest first (a YAML list: received, title, kind, result, and reports or by). One
file per unit and month: two editors recording two units' items never touch the same file.

The older monthly count files ``reports/submissions/<YYYY>-<MM>.yml`` (unit: count) stay
readable: a unit and month with items is counted from its items, one with only a count from
its count; a unit with both for the same month is refused.

What is checked here needs only the file and the registers (units, categories, build date);
what needs the reports (a linked report exists, is the unit's, is linked once) is
:mod:`bulletin.check.submissions`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from bulletin import limits
from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Submission, Unit
from bulletin.read.fields import KEY_PATTERN, SUBMISSION_FIELDS, Field
from bulletin.read.textfiles import list_files, read_text
from bulletin.read.yamlreader import Place, compose_required, read_record, read_value

SUBMISSIONS_DIR = "reports/submissions"
_COUNT_FILE = re.compile(rf"{SUBMISSIONS_DIR}/([0-9]{{4}})-(0[1-9]|1[0-2])\.yml")
_ITEM_FILE = re.compile(rf"{SUBMISSIONS_DIR}/([0-9]{{4}})/(0[1-9]|1[0-2])/({KEY_PATTERN})\.yml")
_YEAR_FOLDER = re.compile(rf"{SUBMISSIONS_DIR}/[0-9]{{4}}")
_COUNT = Field("submitted", "int")  # the number of reports a unit submitted that month


@dataclass(frozen=True)
class Ledger:
    """What the ledger files say: the old monthly counts and the items."""

    counts: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)  # (year, month) -> unit -> n
    items: tuple[Submission, ...] = ()  # sorted by received, unit, number


def ledger_path(unit: str, year: int, month: int) -> str:
    """The file of ``unit``'s items received in ``year``-``month``."""
    return f"{SUBMISSIONS_DIR}/{year:04d}/{month:02d}/{unit}.yml"


def read_ledger(
    root: Path,
    units: dict[str, Unit],
    problems: Problems,
    categories: tuple[str, ...] | None = None,
    today: dt.date | None = None,
) -> Ledger:
    """Every ledger file under reports/submissions/ (each problem of each file in ``problems``).

    ``categories``: the kinds an item may have (None: not checked, the settings could not be
    read); ``today``: the build date, after which nothing can have been received."""
    counts: dict[tuple[int, int], dict[str, int]] = {}
    count_lines: dict[tuple[int, int, str], tuple[str, int]] = {}
    items: list[Submission] = []
    for relative in list_ledger_files(root, problems):
        if match := _COUNT_FILE.fullmatch(relative):
            month = (int(match.group(1)), int(match.group(2)))
            read = read_count_file(root, relative, units, problems)
            if read is not None:
                counts[month] = read[0]
                for unit_key, line in read[1].items():
                    count_lines[(*month, unit_key)] = (relative, line)
        elif (match := _ITEM_FILE.fullmatch(relative)) and len(match.group(3)) <= limits.MAX_KEY_CHARS:
            year, month_number, unit = int(match.group(1)), int(match.group(2)), match.group(3)
            if unit not in units:
                problems.add(
                    relative,
                    1,
                    "file",
                    _(
                        "reports/units.yml 里没有单位 {key}：收稿登记的文件名是单位键（如 hefeng.yml），"
                        "请改用名录里的单位键"
                    ).format(key=unit),
                )
            text = read_text(root, relative, problems)
            if text is None:
                continue
            found = read_items(relative, text, unit, year, month_number, problems, categories, today)
            if unit in units:
                items.extend(found)
        else:
            problems.add(
                relative,
                1,
                "file",
                _(
                    "收稿登记要放在 reports/submissions/<年>/<月>/<单位键>.yml，"
                    "如 reports/submissions/2026/10/hefeng.yml（旧的每月篇数写在 <年>-<月>.yml，如 2026-09.yml）："
                    "请改名或移走"
                ),
            )
    with_items = {(item.received.year, item.received.month, item.unit): item for item in items}
    for key, (path, line) in sorted(count_lines.items()):
        if key in with_items:
            problems.add(
                path,
                line,
                key[2],
                _(
                    "这个单位 {year}年{month}月 已经逐条登记在 {other}，不能再写篇数：请删去这一行（篇数按逐条登记计）"
                ).format(year=key[0], month=key[1], other=with_items[key].path),
            )
    items.sort(key=lambda item: (item.received, item.unit, item.number))
    return Ledger(counts, tuple(items))


def list_ledger_files(root: Path, problems: Problems) -> list[str]:
    """The files of reports/submissions/: the count files at its top, the item files in its
    year and month folders. A folder where a file belongs is listed as a file (its reader
    says what it is); links, devices: problems (never followed)."""
    found: list[str] = []
    for relative in list_files(root, SUBMISSIONS_DIR, problems, depth=1):
        if _YEAR_FOLDER.fullmatch(relative) and (root / relative).is_dir() and not (root / relative).is_symlink():
            found.extend(list_files(root, relative, problems, depth=2))
        else:
            found.append(relative)
    return sorted(found)


def read_count_file(
    root: Path, relative: str, units: dict[str, Unit], problems: Problems
) -> tuple[dict[str, int], dict[str, int]] | None:
    """An old monthly count file: unit -> count, and unit -> line."""
    text = read_text(root, relative, problems)
    if text is None:
        return None
    place = Place(relative, 1, problems)
    node = compose_required(text, place, "file", _("这个月没有报送记录时请删除这个文件，或只写一行 {}"))
    if node is None:
        return None
    lines: dict[str, int] = {}
    for key_node, _value in node.value if isinstance(node, MappingNode) else ():
        if isinstance(key_node, ScalarNode):
            lines[key_node.value] = place.line(key_node)
            if key_node.value not in units:
                place.add(key_node, key_node.value, _("reports/units.yml 里没有这个单位：请改用名录里的单位键"))
    counts = read_value(node, Field("ledger", "map", of=_COUNT), place, "submitted")
    if counts is None:
        return None
    return counts, lines


def read_items(
    path: str,
    text: str,
    unit: str,
    year: int,
    month: int,
    problems: Problems,
    categories: tuple[str, ...] | None = None,
    today: dt.date | None = None,
) -> tuple[Submission, ...]:
    """The items of one ledger file (``unit``'s, received in ``year``-``month``); an item with a
    problem is left out, the problem recorded."""
    place = Place(path, 1, problems)
    root = compose_required(text, place, "file", _("这个月没有收到这个单位的稿件时请删除这个文件"))
    if root is None:
        return ()
    if not isinstance(root, SequenceNode):
        place.add(root, "file", _("应当是收稿的列表：每一条以“- received: …”一行开始"))
        return ()
    if len(root.value) > limits.MAX_LEDGER_ITEMS:
        place.add(
            root,
            "file",
            _("有 {count} 条，超过一个单位一个月 {limit} 条的上限：请核对这个文件是不是写错了").format(
                count=len(root.value), limit=limits.MAX_LEDGER_ITEMS
            ),
        )
        return ()
    items: list[Submission] = []
    titles: dict[str, int] = {}
    for number, node in enumerate(root.value, start=1):
        name = f"[{number}]"
        count = len(problems)
        record = read_record(node, SUBMISSION_FIELDS, place, f"{name}.")
        if record is None:
            continue
        values = record.values
        lines = record.lines
        for key, line, message in check_item(values, lines, record.line, unit, year, month, categories, today):
            problems.add(path, line, f"{name}.{key}", message)
        title = values.get("title")
        if title is not None:
            if title in titles:
                problems.add(
                    path,
                    lines["title"],
                    f"{name}.title",
                    _(
                        "同一个单位同一个月里已经登记过这个标题（第 {line} 行）：同一篇稿件只登记一次，请删去重复的一条"
                    ).format(line=titles[title]),
                )
            else:
                titles[title] = lines["title"]
        if len(problems) > count:
            continue
        items.append(
            Submission(
                unit=unit,
                received=values["received"],
                title=values["title"],
                kind=values["kind"],
                result=values["result"],
                reports=tuple(values.get("reports", ())),
                by=values.get("by", ""),
                path=path,
                line=record.line,
                number=number,
            )
        )
    return tuple(items)


def check_item(
    values: dict[str, Any],
    lines: dict[str, int],
    line: int,
    unit: str,
    year: int,
    month: int,
    categories: tuple[str, ...] | None,
    today: dt.date | None,
) -> list[tuple[str, int, str]]:
    """What is wrong with one item by itself: (field, line, message) each."""
    found: list[tuple[str, int, str]] = []

    def add(key: str, message: str, at: int | None = None) -> None:
        found.append((key, at if at is not None else lines.get(key, line), message))

    received = values.get("received")
    if received is not None and (received.year, received.month) != (year, month):
        add(
            "received",
            _("收到日期 {date} 不在这个文件的月份（{year}年{month}月）里：请核对日期，或把这一条移到 {other}").format(
                date=received.isoformat(),
                year=year,
                month=month,
                other=ledger_path(unit, received.year, received.month),
            ),
        )
    elif received is not None and today is not None and received > today:
        add(
            "received",
            _("收到日期 {date} 晚于今天（{today}）：还没有收到的稿件不能登记，请核对日期").format(
                date=received.isoformat(), today=today.isoformat()
            ),
        )
    kind = values.get("kind")
    if kind is not None and categories is not None and kind not in categories:
        add(
            "kind",
            _("“{kind}”不是信息类别；可以选：{choices}").format(kind=kind, choices="、".join(categories)),
        )
    result = values.get("result")
    if result == "采用" and "reports" not in lines:
        add(
            "reports",
            _("结果是“采用”，要写明用它编成的报告：reports: [<年份>/<文件名>]，如 reports: [2026/1015-hefeng-qiushou]"),
            at=lines["result"],
        )
    if result == "上级采用" and "by" not in lines:
        add(
            "by",
            _("结果是“上级采用”，要写明哪里采用的：by: …，如 by: 省委办公厅《社情民意》"),
            at=lines["result"],
        )
    if result is not None and result != "采用" and "reports" in lines:
        add(
            "reports",
            _(
                "结果是“{result}”，不能写 reports：只有“采用”的稿件才写用它编成的报告；请删去这一项或把结果改为 采用"
            ).format(result=result),
        )
    if result is not None and result != "上级采用" and "by" in lines:
        add(
            "by",
            _(
                "结果是“{result}”，不能写 by：只有“上级采用”的稿件才写由哪里采用；请删去这一项或把结果改为 上级采用"
            ).format(result=result),
        )
    return found
