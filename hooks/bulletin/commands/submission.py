"""`bulletin submission add|adopt|decline|list`: the submissions ledger (收稿登记) from the command line.

An item is recorded in ``reports/submissions/<year>/<MM>/<unit>.yml`` (:mod:`bulletin.read.submissions`)
and named by its unit, its month and its number in that file (``hefeng 2026-10 3``), as ``list``
shows it. ``add`` appends an item (result 待处理); ``adopt`` records that it was adopted into
reports of this archive (``--report``) or by a higher office (``--by``); ``decline`` that it was
not adopted.

Each command reads the ledger first, makes the new text of the one file it changes, reads that
text back with the archive's own reader and checks its links to the reports; only when nothing is
wrong is the file written, whole or not at all (:mod:`bulletin.commands.writing`). ``add`` appends
lines, so the editors' comments and layout stay; ``adopt`` and ``decline`` write the item's lines
again (in the block form the sample uses), the rest of the file as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import ScalarNode, SequenceNode

from bulletin import limits
from bulletin.archive import load_registers, load_reports
from bulletin.check.submissions import check_links
from bulletin.commands.event import Plan, check_line_text, option
from bulletin.commands.new import NewReport, prepare_report
from bulletin.errors import BulletinError, Problem, Problems, make_visible
from bulletin.i18n import _
from bulletin.model import Report, Settings, Submission, Unit
from bulletin.read.reportfile import read_report_draft
from bulletin.read.submissions import ledger_path, read_items, read_ledger
from bulletin.read.textfiles import read_text
from bulletin.read.unitnames import explain_no_unit, find_unit
from bulletin.read.yamlreader import LOADER
from bulletin.times import today as office_today

_MONTH = re.compile(r"([0-9]{4})-(0?[1-9]|1[0-2])")
_SHORT_BOOLEANS = {"y", "Y", "n", "N"}  # text to PyYAML, yes/no to other YAML 1.1 readers: quoted
_REPORT = re.compile(r"(?:reports/)?([0-9]{4})/([^/\s]+?)(?:\.md)?")


@dataclass(frozen=True)
class LedgerContext:
    """What the commands read before they write: the registers, the items, the reports."""

    root: Path
    settings: Settings
    units: dict[str, Unit]
    items: tuple[Submission, ...]
    reports: tuple[Report, ...]
    today: dt.date


def load_context(root: Path, today: dt.date | None = None) -> LedgerContext:
    """The registers, the ledger and the reports under ``root``; BulletinError with every problem
    of the ledger (a command does not write into a ledger that cannot be read)."""
    settings, units = load_registers(root)
    day = office_today() if today is None else today
    problems = Problems()
    ledger = read_ledger(root, units, problems, settings.categories, day)
    problems.raise_if_any()
    reports = load_reports(root, settings.series[0].key, Problems())
    return LedgerContext(root, settings, units, ledger.items, reports, day)


# --- what the editor typed ----------------------------------------------------------------------


def find_unit_option(given: str, units: dict[str, Unit], name: str = "--unit") -> Unit:
    match = find_unit(given, units)
    if match.unit is None:
        raise BulletinError([Problem(option(name), 0, "unit", explain_no_unit(match))])
    return match.unit


def read_month_option(given: str) -> tuple[int, int]:
    match = _MONTH.fullmatch(given.strip())
    if not match:
        message = _("“{given}”不是月份：写成 年-月，如 2026-10").format(given=given)
        raise BulletinError([Problem(option("MONTH"), 0, "month", message)])
    return int(match.group(1)), int(match.group(2))


def read_report_option(given: str) -> str:
    """``2026/1015-hefeng-qiushou`` from that, from ``reports/2026/1015-hefeng-qiushou.md``, or a
    stem alone (its year from the archive is found later)."""
    text = given.strip()
    match = _REPORT.fullmatch(text)
    return f"{match.group(1)}/{match.group(2)}" if match else text


def name_report(given: str, reports: tuple[Report, ...]) -> str:
    """A report as an item names it: ``year/stem``; a stem alone is looked up."""
    if "/" in given:
        return given
    found = [r for r in reports if r.id == given]
    if len(found) == 1:
        return f"{found[0].year}/{found[0].id}"
    message = _("没有报告 {name}：--report 写 <年份>/<文件名>，如 2026/1015-hefeng-qiushou").format(name=given)
    raise BulletinError([Problem(option("--report"), 0, "report", message)])


def find_item(context: LedgerContext, unit: Unit, month: tuple[int, int], number: int) -> Submission:
    path = ledger_path(unit.key, *month)
    found = [i for i in context.items if i.path == path]
    for item in found:
        if item.number == number:
            return item
    if found:
        message = _(
            "{path} 里没有第 {number} 条：这个文件有 {count} 条；bulletin submission list 列出各条的编号"
        ).format(path=path, number=number, count=len(found))
    else:
        message = _("{unit} {year}年{month}月 还没有登记稿件（没有 {path}）").format(
            unit=unit.name, year=month[0], month=month[1], path=path
        )
    raise BulletinError([Problem(option("NUMBER"), 0, "number", message)])


# --- writing an item --------------------------------------------------------------------------------


def write_scalar(text: str) -> str:
    """``text`` as a YAML value: plain when YAML reads it back as that very text, else double-quoted."""
    try:
        node = yaml.compose(f"k: {text}\n", Loader=LOADER)
    except yaml.YAMLError:
        node = None
    value = node.value[0][1] if node is not None else None
    if (
        isinstance(value, ScalarNode)
        and value.tag == "tag:yaml.org,2002:str"
        and value.value == text
        and not value.style
        and text not in _SHORT_BOOLEANS
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def write_item(item: Submission) -> str:
    """The lines of an item, in the block form of the sample ledger."""
    lines = [
        f"- received: {item.received.isoformat()}",
        f"  title: {write_scalar(item.title)}",
        f"  kind: {write_scalar(item.kind)}",
        f"  result: {item.result}",
    ]
    if item.reports:
        lines.append(f"  reports: [{', '.join(item.reports)}]")
    if item.by:
        lines.append(f"  by: {write_scalar(item.by)}")
    return "\n".join(lines) + "\n"


def write_file_head(unit: Unit, year: int, month: int) -> str:
    # Printed in the files for the editors: the archive is Chinese whatever the language of the messages.
    return f"# {unit.name} {year}年{month}月收稿登记（信息科；bulletin submission add 写入）\n"


def check_new_text(context: LedgerContext, path: str, text: str, unit: Unit, month: tuple[int, int]) -> None:
    """The new text of ``path`` read back as the archive reads it, its links checked against the
    reports and the other items; BulletinError with the problems of this file."""
    problems = Problems()
    items = read_items(path, text, unit.key, *month, problems, context.settings.categories, context.today)
    others = tuple(i for i in context.items if i.path != path)
    check_links((*others, *items), context.reports, problems)
    mine = [p for p in problems.items if p.path == path]
    if mine:
        raise BulletinError(mine)


def item_lines(text: str, number: int) -> tuple[int, int]:
    """The lines (0-based, end exclusive) of the ``number``-th item of a ledger's text."""
    root = yaml.compose(text, Loader=LOADER)
    if not isinstance(root, SequenceNode):  # read_items has read this text: it is a list
        raise TypeError("a ledger is a list")
    node = root.value[number - 1]
    start = node.start_mark.line
    end = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    return start, max(end, start + 1)


def plan_add(context: LedgerContext, unit_given: str, title: str, kind: str, received: dt.date | None) -> Plan:
    problems: list[Problem] = []
    unit: Unit | None = None
    try:
        unit = find_unit_option(unit_given, context.units)
    except BulletinError as error:
        problems += error.problems
    problems += check_line_text("--title", title, limits.MAX_TITLE_CHARS, _("标题"))
    if kind not in context.settings.categories:
        message = _("“{kind}”不是信息类别；--kind 可以写：{choices}").format(
            kind=kind, choices="、".join(context.settings.categories)
        )
        problems.append(Problem(option("--kind"), 0, "kind", message))
    day = received or context.today
    if day > context.today:
        message = _("收到日期 {date} 晚于今天（{today}）：还没有收到的稿件不能登记").format(
            date=day.isoformat(), today=context.today.isoformat()
        )
        problems.append(Problem(option("--received"), 0, "received", message))
    if problems or unit is None:
        raise BulletinError(problems)
    path = ledger_path(unit.key, day.year, day.month)
    existing = read_text(context.root, path, Problems()) if (context.root / path).exists() else None
    number = sum(1 for i in context.items if i.path == path) + 1
    item = Submission(unit.key, day, title.strip(), kind, "待处理")
    if existing is None:
        text = write_file_head(unit, day.year, day.month) + write_item(item)
    else:
        text = (existing if existing.endswith("\n") or not existing else existing + "\n") + write_item(item)
    check_new_text(context, path, text, unit, (day.year, day.month))
    line = text.count("\n") - write_item(item).count("\n") + 1
    summary = (
        f"{path}:{line}",
        _("已登记：{unit} {year}年{month}月 第 {number} 条（{title}），结果：待处理").format(
            unit=unit.name, year=day.year, month=day.month, number=number, title=item.title
        ),
    )
    return Plan({path: text}, () if existing is not None else (path,), summary)


def plan_result(
    context: LedgerContext,
    unit_given: str,
    month_given: str,
    number: int,
    result: str,
    reports: tuple[str, ...] = (),
    by: str = "",
) -> Plan:
    """The item ``number`` of a unit's month with a new result (and its reports or who adopted it)."""
    unit = find_unit_option(unit_given, context.units, "UNIT")
    month = read_month_option(month_given)
    item = find_item(context, unit, month, number)
    if by:
        problems = check_line_text("--by", by, limits.MAX_NAME_CHARS, _("采用单位"))
        if problems:
            raise BulletinError(problems)
    names = tuple(name_report(read_report_option(given), context.reports) for given in reports)
    changed = Submission(
        item.unit, item.received, item.title, item.kind, result, names, by.strip(), item.path, item.line, item.number
    )
    text = read_text(context.root, item.path, Problems()) or ""
    start, end = item_lines(text, number)
    lines = text.splitlines(keepends=True)
    new_text = "".join(lines[:start]) + write_item(changed) + "".join(lines[end:])
    check_new_text(context, item.path, new_text, unit, month)
    what = {
        "采用": _("采用，编成 {reports}").format(reports="、".join(names)),
        "上级采用": _("上级采用（{by}）").format(by=changed.by),
        "未采用": _("未采用"),
    }[result]
    summary = (
        f"{item.path}:{start + 1}",
        _("已记录：{unit} {year}年{month}月 第 {number} 条（{title}）：{what}").format(
            unit=unit.name, year=month[0], month=month[1], number=number, title=item.title, what=what
        ),
    )
    return Plan({item.path: new_text}, (), summary)


def plan_report(
    context: LedgerContext,
    unit_given: str,
    month_given: str,
    number: int,
    series: str | None,
    day: dt.date,
    slug: str | None,
) -> tuple[NewReport, Plan]:
    """A new report made from an item (its title, unit and kind), and the item marked 采用 with it."""
    unit = find_unit_option(unit_given, context.units, "UNIT")
    item = find_item(context, unit, read_month_option(month_given), number)
    if item.result != "待处理":
        message = _("第 {number} 条的结果已经是“{result}”：只有待处理的稿件才编成新报告").format(
            number=number, result=item.result
        )
        raise BulletinError([Problem(item.path, item.line, f"[{number}].result", message)])
    report = prepare_report(
        context.root, context.settings, context.units, unit.key, item.title, item.kind, series, day, slug
    )
    draft = read_report_draft(report.relative, report.data.decode("utf-8"), context.settings.series[0].key, Problems())
    if draft is None or draft.report is None:  # prepare_report writes what the reader reads
        raise TypeError(report.relative)
    name = f"{draft.report.year}/{draft.report.id}"
    with_report = LedgerContext(
        context.root,
        context.settings,
        context.units,
        context.items,
        (*context.reports, draft.report),
        context.today,
    )
    return report, plan_result(with_report, unit.key, month_given, number, "采用", (name,))


def join_report(report: NewReport, plan: Plan) -> Plan:
    """The new report and the ledger's change in one plan: both are written, or neither."""
    texts = {report.relative: report.data.decode("utf-8"), **plan.texts}
    return Plan(texts, (report.relative, *plan.created), plan.summary)


def list_items(
    context: LedgerContext, unit_given: str | None, month_given: str | None, pending: bool
) -> list[Submission]:
    unit = find_unit_option(unit_given, context.units) if unit_given else None
    month = read_month_option(month_given) if month_given else None
    return [
        item
        for item in context.items
        if (unit is None or item.unit == unit.key)
        and (month is None or item.month == month)
        and (not pending or item.result == "待处理")
    ]


def describe_item(item: Submission, units: dict[str, Unit]) -> str:
    """One line of ``list``: where, how to name it, what it is, what became of it."""
    after = f" → {'、'.join(item.reports)}" if item.reports else (f" → {item.by}" if item.by else "")
    name = f"{item.unit} {item.received.year}-{item.received.month:02d} {item.number}"
    return make_visible(
        f"{item.path}:{item.line}  {name}  {item.received.isoformat()}  {units[item.unit].name}  "
        f"{item.kind}  {item.result}  {item.title}{after}"
    )
