"""The numbering rules of the issues (bulletin.archive groups the reports into them).

Per series and year the numbers run 1..N without gaps or duplicates, the reports of an
issue share its date, and dates never go backwards as numbers go up.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.labels import number_label
from bulletin.model import Placement, Report


def placement_of(report: Report) -> Placement:
    """The placement of a report that is in an issue (only those are grouped here)."""
    if report.placement is None:
        raise ValueError(f"{report.path} is pending: it is in no issue")
    return report.placement


def order_key(report: Report) -> tuple[bool, int, str]:
    order = placement_of(report).order
    return (order is None, order or 0, report.path)


def sort_issue_reports(reports: list[Report]) -> tuple[Report, ...]:
    """Reports with an explicit order first, by order; then the rest by file name."""
    return tuple(sorted(reports, key=order_key))


def dating_report(reports: Iterable[Report]) -> Report:
    """The report whose date is the issue's (the first by file name); the others must agree."""
    return min(reports, key=lambda r: r.path)


def check_one_issue(label: str, reports: tuple[Report, ...], problems: Problems) -> None:
    """The reports of one issue share its date, and no two have the same order."""
    dated = dating_report(reports)
    for report in reports:
        if placement_of(report).date != placement_of(dated).date:
            problems.add(
                report.path,
                report.line_of("date"),
                "date",
                _("{issue} 的日期是 {date}（见 {path}）；同一期的稿件日期必须相同：请把 date 改为 {date}").format(
                    issue=label, date=placement_of(dated).date, path=dated.path
                ),
            )
    for report in reports:
        for other in reports:
            order = placement_of(report).order
            if other is not report and order is not None and placement_of(other).order == order:
                problems.add(
                    report.path,
                    report.line_of("order"),
                    "order",
                    _(
                        "{issue} 里，order {order} 也给了 {path}：同一期的每篇稿件 order 不能相同，请改用另一个数"
                    ).format(issue=label, order=order, path=other.path),
                )


def check_sequence(
    name: str, year: int, numbers: list[int], members: dict[int, tuple[Report, ...]], problems: Problems
) -> None:
    """Numbers run 1..N without gaps; dates never go backwards as numbers go up."""
    previous = 0
    for n in numbers:
        if n != previous + 1:
            shown = f"第{previous + 1}期" if n == previous + 2 else f"第{previous + 1}–{n - 1}期"
            report = members[n][0]
            problems.add(
                report.path,
                report.line_of("issue"),
                "issue",
                _(
                    "{series} {year}年{missing}缺失，却有第{number}期：期号从 1 起连续编排，不能跳号；"
                    "请把这篇稿件改到缺少的期号，或先补上缺少的期"
                ).format(series=name, year=year, missing=shown, number=n),
            )
        previous = n
    ordered = [(n, members[n][0]) for n in numbers]
    for (n_prev, prev), (n, report) in itertools.pairwise(ordered):
        date, prev_date = placement_of(report).date, placement_of(prev).date
        if date < prev_date:
            problems.add(
                report.path,
                report.line_of("date"),
                "date",
                _(
                    "{issue} 的日期 {date} 早于第{previous}期（{previous_date}）：期号越大，日期不能越早；"
                    "请检查这里的日期和期号是否写错"
                ).format(issue=f"{name} {number_label(year, n)}", date=date, previous=n_prev, previous_date=prev_date),
            )
