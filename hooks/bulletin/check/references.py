"""Checks of what a report names and what goes with what: units, series, category, dates, 约稿.

Each problem is reported at the line of the key it concerns; a name that is nearly right
gets a suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from bulletin.errors import Problems
from bulletin.model import Commission, Report, Settings, Unit
from bulletin.read.registers import COMMISSIONS_FILE
from bulletin.read.unitnames import explain_key_needed, find_unit


def suggest(value: str, known: Iterable[str]) -> str:
    """'，是不是“…”？' for the closest known value, or '。' (a sentence follows either)."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"，是不是“{close[0]}”？" if close else "。"


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
        known_series = "、".join(f"{s.key}（{s.name}）" for s in settings.series)
        add(
            "series",
            f"没有刊物 {report.series}{suggest(report.series, [s.key for s in settings.series])}可以写：{known_series}",
        )
    if known("category") and report.category not in settings.categories:
        add(
            "category",
            f"没有“{report.category}”这个栏目{suggest(report.category, settings.categories)}"
            f"可以写：{'、'.join(settings.categories)}",
        )
    placed = report.placement
    if placed is not None and placed.year - report.year not in (0, 1):
        add(
            "date",
            f"{placed.date} 不在 {report.year} 年或 {report.year + 1} 年：放在 reports/{report.year}/ 的报告"
            "只能在当年或下一年刊发；请核对日期，或把文件移到对应年份的文件夹",
        )
    if series is not None and series.emergency and report.emergency is None and known("emergency"):
        add("series", f"《{series.name}》的报告要写 emergency（event、grade、stage、occurred、reported）")
    if series is not None and not series.emergency and report.emergency is not None:
        add("emergency", f"只有紧急信息类刊物的报告才写 emergency；{series.key}（{series.name}）不是：请删去 emergency")
    if report.emergency is not None and report.emergency.reported < report.emergency.occurred:
        add("emergency", "reported（报告时间）早于 occurred（发生时间）：请核对这两个时间")
    if placed is not None:
        for key, entries in (
            ("instructions", report.instructions),
            ("adoptions", report.adoptions),
            ("corrections", report.corrections),
        ):
            for entry in entries:
                if entry.date < placed.date:
                    add(key, f"日期 {entry.date} 早于这一期的日期 {placed.date}：请核对")


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
            f"收到日期 {report.received} 晚于这一期的日期 {placed.date}：请核对",
        )
    if report.commission is None:
        return
    if placed is None and report.received is None and not unsure & {"issue", "received"}:
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            "回应约稿而尚未刊发的报告要写收到日期：请加一行 received: 年-月-日",
        )
    commission = next((c for c in commissions if c.id == report.commission), None)
    if commission is None:
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            f"{COMMISSIONS_FILE} 里没有约稿 {report.commission}"
            f"{suggest(report.commission, [c.id for c in commissions])}请核对约稿的编号",
        )
    elif not set(report.units) & set(commission.units) and "unit" not in unsure:
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            f"约稿 {commission.id} 没有约 {'、'.join(report.units)} 写稿：请核对约稿编号或单位",
        )
