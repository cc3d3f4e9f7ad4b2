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
    """'; did you mean …?' for the closest known value, or nothing."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def check_references(report: Report, settings: Settings, units: dict[str, Unit], problems: Problems) -> None:
    """Check what a report names (units, series, category) and what goes with what."""

    def add(key: str, message: str) -> None:
        problems.add(report.path, report.line_of(key), key, message)

    for key in report.units:
        if key not in units:
            add("unit", explain_key_needed(find_unit(key, units)))
    series = settings.find_series(report.series)
    if series is None:
        known = [s.key for s in settings.series]
        add("series", f"unknown series {report.series!r}; configured: {', '.join(known)}")
    if report.category not in settings.categories:
        add("category", f"unknown category {report.category!r}; configured: {', '.join(settings.categories)}")
    placed = report.placement
    if placed is not None and placed.year - report.year not in (0, 1):
        add(
            "date",
            f"{placed.date} is not in {report.year} or {report.year + 1}: a report in reports/{report.year}/ "
            "is published in the year it was filed or the next",
        )
    if series is not None and series.emergency and report.emergency is None:
        add("series", f"a report of {series.name} needs `emergency` (event, grade, stage, occurred, reported)")
    if series is not None and not series.emergency and report.emergency is not None:
        add("emergency", f"only reports of an emergency series have `emergency`; {series.key} is not one")
    if report.emergency is not None and report.emergency.reported < report.emergency.occurred:
        add("emergency", "`reported` is earlier than `occurred`")
    if placed is not None:
        for key, entries in (
            ("instructions", report.instructions),
            ("adoptions", report.adoptions),
            ("corrections", report.corrections),
        ):
            for entry in entries:
                if entry.date < placed.date:
                    add(key, f"dated {entry.date}, before the issue date {placed.date}")


def check_commission(report: Report, commissions: tuple[Commission, ...], problems: Problems) -> None:
    """A report answers a known 约稿 for a unit that was asked; it is received before it is published."""
    placed = report.placement
    if report.received is not None and placed is not None and report.received > placed.date:
        problems.add(
            report.path,
            report.line_of("received"),
            "received",
            f"{report.received} is after the issue date {placed.date}",
        )
    if report.commission is None:
        return
    if placed is None and report.received is None:
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            "a pending report that answers a 约稿 needs `received` (the date the office received it)",
        )
    commission = next((c for c in commissions if c.id == report.commission), None)
    if commission is None:
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            f"unknown 约稿 {report.commission!r}: not in {COMMISSIONS_FILE}",
        )
    elif not set(report.units) & set(commission.units):
        problems.add(
            report.path,
            report.line_of("commission"),
            "commission",
            f"约稿 {commission.id!r} was not asked of {', '.join(report.units)}",
        )
