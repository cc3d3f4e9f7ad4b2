"""Checks of 紧急信息: each event file on its own, then each event's chain of reports.

The chain: one 初报 first; 续报 numbered in order (续报一、续报二…); at most one 终报, last,
with nothing reported after it; report times never going backwards along the chain; a 终报
only once the event has ended. Every problem at the line of the key it concerns, all in one run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bulletin.check.references import find_closest
from bulletin.errors import Problems
from bulletin.figures.timeliness import order_chain
from bulletin.i18n import _
from bulletin.model import Event, Report, Unit, name_follow_up
from bulletin.read.unitnames import explain_key_needed, find_unit
from bulletin.times import write_moment

_STAGE = "emergency.stage"
_REPORTED = "emergency.reported"


def check_event(event: Event, units: dict[str, Unit], today: dt.date, problems: Problems) -> None:
    """What one event file says about itself: its unit, its folder, the order of its times."""

    def add(key: str, message: str) -> None:
        problems.add(event.path, event.line_of(key), key, message)

    if event.unit not in units:
        add("unit", explain_key_needed(find_unit(event.unit, units)))
    if event.occurred.year != event.year:
        add(
            "occurred",
            _("事件发生在 {year} 年，文件应当放在 reports/events/{year}/ 里：请移动文件，或核对发生时间").format(
                year=event.occurred.year
            ),
        )
    names = {
        "unit_learned": _("单位获知时间"),
        "office_learned": _("市委办获知时间"),
        "phoned": _("电话报告时间"),
        "ended": _("处置结束时间"),
    }
    for key, name in names.items():
        moment = getattr(event, key)
        if moment is not None and moment < event.occurred:
            add(
                key,
                _("{name} {time} 早于事件发生时间 {occurred}：请核对这两个时间").format(
                    name=name, time=write_moment(moment), occurred=write_moment(event.occurred)
                ),
            )
    if event.phoned is not None and event.unit_learned is not None and event.phoned < event.unit_learned:
        add("phoned", _("电话报告时间早于单位获知时间：单位还不知道的事不能先报告，请核对这两个时间"))
    grade = event.grade
    previous: dt.datetime | None = None
    for index, change in enumerate(event.changes, start=1):
        name = f"changes[{index}]"
        if change.time < event.occurred or (previous is not None and change.time <= previous):
            problems.add(
                event.path,
                event.line_of("changes"),
                f"{name}.time",
                _("等级调整的时间 {time} 要晚于事件发生时间和前一次调整：请按时间先后写").format(
                    time=write_moment(change.time)
                ),
            )
        if change.grade == grade:
            problems.add(
                event.path,
                event.line_of("changes"),
                f"{name}.grade",
                _("调整后的等级“{grade}”与调整前相同：升级或降级要写新的等级").format(grade=grade),
            )
        if event.ended is not None and change.time > event.ended:
            problems.add(
                event.path,
                event.line_of("changes"),
                f"{name}.time",
                _("等级调整的时间 {time} 晚于处置结束时间 {ended}：请核对").format(
                    time=write_moment(change.time), ended=write_moment(event.ended)
                ),
            )
        grade, previous = change.grade, change.time
    moments = [("occurred", event.occurred), *((key, getattr(event, key)) for key in names)]
    moments += [("changes", change.time) for change in event.changes]
    for key, moment in moments:
        if moment is not None and moment.date() > today:
            add(
                key,
                _("{time} 晚于今天（{today}）：只能登记已经发生的事，请核对日期").format(
                    time=write_moment(moment), today=today
                ),
            )
            break


def check_chains(events: Iterable[Event], reports: Iterable[Report], today: dt.date, problems: Problems) -> None:
    """Every emergency report names a declared event, and each event's reports form a chain."""
    by_id = {event.id: event for event in events}
    chains: dict[str, list[Report]] = {}
    for report in reports:
        emergency = report.emergency
        if emergency is None:
            continue
        event = by_id.get(emergency.event)
        if event is None:
            close = find_closest(emergency.event, by_id)
            message = (
                _("没有登记事件 {event}，是不是“{close}”？事件登记在 reports/events/<年份>/<编号>.yml")
                if close
                else _(
                    "没有登记事件 {event}：请先登记事件（reports/events/<年份>/<编号>.yml，可用 bulletin event open）"
                )
            )
            problems.add(
                report.path,
                report.lines.get("emergency.event", report.line_of("emergency")),
                "emergency.event",
                message.format(event=emergency.event, close=close),
            )
            continue
        if emergency.reported < event.occurred:
            problems.add(
                report.path,
                report.lines.get(_REPORTED, report.line_of("emergency")),
                _REPORTED,
                _("报告时间 {time} 早于事件发生时间 {occurred}（{path}）：请核对").format(
                    time=write_moment(emergency.reported), occurred=write_moment(event.occurred), path=event.path
                ),
            )
        if emergency.reported.date() > today:
            problems.add(
                report.path,
                report.lines.get(_REPORTED, report.line_of("emergency")),
                _REPORTED,
                _("报告时间 {time} 晚于今天（{today}）：请核对日期").format(
                    time=write_moment(emergency.reported), today=today
                ),
            )
        chains.setdefault(event.id, []).append(report)
    for event_id, chain in chains.items():
        check_chain(by_id[event_id], order_chain(chain), problems)


def check_chain(event: Event, chain: list[Report], problems: Problems) -> None:
    """One event's reports, in chain order (初报, 续报一 …, 终报)."""

    def add(report: Report, key: str, message: str) -> None:
        problems.add(report.path, report.lines.get(key, report.line_of("emergency")), key, message)

    first = [r for r in chain if r.emergency and r.emergency.stage == "初报"]
    follow_ups = [r for r in chain if r.emergency and r.emergency.stage == "续报"]
    finals = [r for r in chain if r.emergency and r.emergency.stage == "终报"]
    if not first:
        add(
            chain[0],
            _STAGE,
            _("事件“{name}”还没有初报：一个事件的第一篇报告是初报").format(name=event.name),
        )
    for extra in first[1:]:
        add(
            extra,
            _STAGE,
            _("事件“{name}”已有初报（{path}）：一个事件只有一篇初报，其后的写续报").format(
                name=event.name, path=first[0].path
            ),
        )
    for number, report in enumerate(follow_ups, start=1):
        assert report.emergency is not None
        if report.emergency.sequence != number:
            add(
                report,
                _STAGE,
                _("应当是{expected}：事件“{name}”的续报按时间先后编号，这是第 {number} 篇续报").format(
                    expected=name_follow_up(number), name=event.name, number=number
                ),
            )
    for extra in finals[1:]:
        add(
            extra,
            _STAGE,
            _("事件“{name}”已有终报（{path}）：一个事件只有一篇终报").format(name=event.name, path=finals[0].path),
        )
    final = finals[0] if finals else None
    if final is not None and final.emergency is not None:
        closing = final.emergency.reported
        for report in chain:
            if report is not final and report.emergency is not None and report.emergency.reported > closing:
                add(
                    report,
                    _REPORTED,
                    _("事件“{name}”已于 {time} 终报（{path}）：终报之后不能再有报告；请核对时间或阶段").format(
                        name=event.name, time=write_moment(closing), path=final.path
                    ),
                )
        if event.ended is None:
            problems.add(
                event.path,
                1,
                "ended",
                _("事件已有终报（{path}）：请写 ended（处置结束时间，年-月-日 时:分）").format(path=final.path),
            )
        elif closing < event.ended:
            add(
                final,
                _REPORTED,
                _("终报时间 {time} 早于事件的处置结束时间 {ended}（{path}）：终报在处置结束之后报送；请核对").format(
                    time=write_moment(closing), ended=write_moment(event.ended), path=event.path
                ),
            )
    previous: Report | None = None
    for report in chain:
        if report is final:
            break
        if (
            previous is not None
            and previous.emergency
            and report.emergency
            and report.emergency.reported < previous.emergency.reported
        ):
            add(
                report,
                _REPORTED,
                _(
                    "{stage}的报告时间 {time} 早于{before}（{path}）的 {then}：报告时间不能倒流，请核对时间或阶段"
                ).format(
                    stage=report.emergency.label,
                    time=write_moment(report.emergency.reported),
                    before=previous.emergency.label,
                    path=previous.path,
                    then=write_moment(previous.emergency.reported),
                ),
            )
        previous = report
