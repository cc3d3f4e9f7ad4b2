"""Checks of what a report names and what goes with what: units, series, category, dates, 约稿.

Each problem is reported at the line of the key it concerns; a name that is nearly right
gets a suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Commission, Report, Settings, Unit
from bulletin.read.registers import COMMISSIONS_FILE
from bulletin.read.unitnames import explain_key_needed, find_unit


def find_closest(value: str, known: Iterable[str]) -> str | None:
    """The known value closest to ``value`` (a suggestion for a near miss), or None."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return close[0] if close else None


def check_references(
    report: Report, settings: Settings, units: dict[str, Unit], problems: Problems, unsure: frozenset[str] = frozenset()
) -> None:
    """Check what a report names (units, series, category) and what goes with what.

    ``unsure``: keys whose values could not be read (their problems are reported already);
    a check that needs one of them is left out.
    """

    def add(key: str, message: str) -> None:
        problems.add(report.path, report.line_of(key), key, message)

    def known(*keys: str) -> bool:
        return not unsure.intersection(keys)

    if known("unit"):
        for key in report.units:
            if key not in units:
                add("unit", explain_key_needed(find_unit(key, units)))
    series = settings.find_series(report.series) if known("series") else None
    if series is None and known("series"):
        known_series = _("、").join(f"{s.key}（{s.name}）" for s in settings.series)
        close = find_closest(report.series, [s.key for s in settings.series])
        message = (
            _("没有刊物 {series}，是不是“{close}”？可以写：{known}")
            if close
            else _("没有刊物 {series}。可以写：{known}")
        )
        add("series", message.format(series=report.series, close=close, known=known_series))
    if known("category") and report.category not in settings.categories:
        close = find_closest(report.category, settings.categories)
        message = (
            _("没有“{category}”这个栏目，是不是“{close}”？可以写：{known}")
            if close
            else _("没有“{category}”这个栏目。可以写：{known}")
        )
        add("category", message.format(category=report.category, close=close, known=_("、").join(settings.categories)))
    placed = report.placement
    if placed is not None and placed.year - report.year not in (0, 1):
        add(
            "date",
            _(
                "{date} 不在 {year} 年或 {next_year} 年：放在 reports/{year}/ 的报告"
                "只能在当年或下一年刊发；请核对日期，或把文件移到对应年份的文件夹"
            ).format(date=placed.date, year=report.year, next_year=report.year + 1),
        )
    if series is not None and series.emergency and report.emergency is None and known("emergency"):
        add(
            "series",
            _(
                "《{name}》的报告要写 emergency（event、stage、reported）：事件在 reports/events/ 登记，可用 bulletin event 命令"
            ).format(name=series.name),
        )
    if series is not None and not series.emergency and report.emergency is not None:
        add(
            "emergency",
            _("只有紧急信息类刊物的报告才写 emergency；{key}（{name}）不是：请删去 emergency").format(
                key=series.key, name=series.name
            ),
        )
    if placed is not None:
        for key, entries in (
            ("instructions", report.instructions),
            ("adoptions", report.adoptions),
            ("corrections", report.corrections),
        ):
            for entry in entries:
                if entry.date < placed.date:
                    add(
                        key,
                        _("日期 {date} 早于这一期的日期 {issue_date}：请核对").format(
                            date=entry.date, issue_date=placed.date
                        ),
                    )


def check_commission(
    report: Report, commissions: tuple[Commission, ...], problems: Problems, unsure: frozenset[str] = frozenset()
) -> None:
    """A report answers a known 约稿 for a unit that was asked; it is received before it is published.

    ``unsure``: keys whose values could not be read; a check that needs one is left out."""
    placed = report.placement
    if report.received is not None and placed is not None and report.received > placed.date:
        problems.add(
            report.path,
            report.line_of("received"),
            "received",
            _("收到日期 {received} 晚于这一期的日期 {issue_date}：请核对").format(
                received=report.received, issue_date=placed.date
            ),
        )
    if report.commission is None:
        return
    if placed is None and report.received is None and not unsure & {"issue", "received"}:
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            _("回应约稿而尚未刊发的报告要写收到日期：请加一行 received: 年-月-日"),
        )
    commission = next((c for c in commissions if c.id == report.commission), None)
    if commission is None:
        close = find_closest(report.commission, [c.id for c in commissions])
        message = (
            _("{file} 里没有约稿 {commission}，是不是“{close}”？请核对约稿的编号")
            if close
            else _("{file} 里没有约稿 {commission}。请核对约稿的编号")
        )
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            message.format(file=COMMISSIONS_FILE, commission=report.commission, close=close),
        )
    elif not set(report.units) & set(commission.units) and "unit" not in unsure:
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            _("约稿 {commission} 没有约 {units} 写稿：请核对约稿编号或单位").format(
                commission=commission.id, units=_("、").join(report.units)
            ),
        )
