"""What a 紧急信息 event owes, in the duty room's words: the lines every ``bulletin event`` command
ends with, and ``bulletin event list``.

No rule is applied here: every figure (each step's due moment, its limit and the grade it is
under, on time or late and by how much, what is owed next and how long is left or how long it is
overdue) comes from the functions the 紧急信息 board uses, :func:`bulletin.figures.timeliness.assess_event`,
:func:`bulletin.pages.emergency.view_event` and :func:`~bulletin.pages.emergency.list_due`, as of
one moment that every block names (截至 …). So a command and a board built at the same moment
say the same thing, in the same words (迟报1小时15分, 逾期2小时40分, 还剩3小时).

The commands compute the state of the archive as it will be once their files are written (the
event as edited, the report just made), as of the command's clock (:mod:`bulletin.times`). A clock
behind the event (an event that occurred after "now", reports received after it) is said, never
shown as a negative span. Names come from files checked when read (no control characters, at most
:data:`bulletin.limits.MAX_NAME_CHARS` characters); the lines are printed through
:func:`bulletin.errors.make_visible` all the same, and a long name is shortened in the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bulletin.figures.timeliness import DUE, LATE, MISSING, ON_TIME, PHONE_STAGE, Step, assess_event, score_record
from bulletin.i18n import _
from bulletin.labels import grade_label
from bulletin.model import GRADES, STAGES, Event, Report, Settings, Unit, name_follow_up
from bulletin.pages.emergency import CLOSED, ENDED, OPEN, DueItem, EventView, list_due, view_event

FOLLOW_UP = STAGES[1]  # 续报
LISTED_NAME_CHARS = 60  # a longer event name is shortened in `bulletin event list`
RECENT_DAYS = 30  # `bulletin event list --all` also shows the events closed in these last days
INDENT = "  "


# --- words ---------------------------------------------------------------------------------------


def describe_span(minutes: int) -> str:
    """45分, 1小时15分, 53天6小时: a span as the board writes it (labels.format_minutes), in the
    language in use; never negative (a caller says 逾期 or 还剩)."""
    days, rest = divmod(max(0, minutes), 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [
        _("{count}天").format(count=days) if days else "",
        _("{count}小时").format(count=hours) if hours else "",
        _("{count}分").format(count=mins) if mins else "",
    ]
    return "".join(parts).strip() or _("{count}分").format(count=0).strip()


def describe_moment(moment: dt.datetime) -> str:
    """2026年12月8日 10:30: a moment as the board writes it (labels.format_moment)."""
    return _("{year}年{month}月{day}日 {time}").format(
        year=moment.year, month=moment.month, day=moment.day, time=moment.strftime("%H:%M")
    )


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_status(view: EventView) -> str:
    return {OPEN: _("处置中"), ENDED: _("处置已结束，待终报"), CLOSED: _("已终报")}[view.status]


def describe_grades(view: EventView) -> str:
    """较大（Ⅲ级）→ 重大（Ⅱ级）: the grade first assessed and every change up to the moment."""
    return " → ".join(grade_label(grade) for grade in view.grades)


def describe_result(step: Step) -> str:
    """按时, 迟报35分, 缺报, 待报: a step's status as the board writes it."""
    if step.status == LATE:
        return _("迟报{span}").format(span=describe_span(step.late_minutes))
    return {ON_TIME: _("按时"), MISSING: _("缺报"), DUE: _("待报")}[step.status]


def describe_limit(step: Step) -> str:
    """按重大（Ⅱ级），自 2026年7月14日 12:00 起时限8小时: the limit the step is under."""
    return _("按{grade}，自 {start} 起时限{limit}").format(
        grade=grade_label(step.grade), start=describe_moment(step.start), limit=describe_span(step.limit_minutes)
    )


def name_step(step: Step, reports: Iterable[Report]) -> str:
    """The stage a step owed is written as: 续报二 for the next follow-up, else its own stage."""
    if step.stage != FOLLOW_UP:
        return step.stage
    numbers = [r.emergency.sequence for r in reports if r.emergency is not None and r.emergency.stage == FOLLOW_UP]
    return name_follow_up(max(numbers, default=0) + 1)


def explain_grade(step: Step, event: Event, moment: dt.datetime) -> str | None:
    """Why the step owed is not under the event's grade at ``moment``, or None when it is."""
    current = event.grade_at(moment)
    if step.grade == current:
        return None
    if GRADES.index(current) < GRADES.index(step.grade):
        message = _("事件现为{current}：按{current}的时限要晚于原时限届满，这一步仍按原时限（升级不会多给时间）")
    else:
        message = _("事件现为{current}：降级从下一篇报告起适用，这一步仍按{grade}的时限")
    return message.format(current=grade_label(current), grade=grade_label(step.grade))


def describe_made(step: Step) -> str:
    """初报：2026年12月6日 12:05 收到，迟报35分（应于 … 前；按一般（Ⅳ级），自 … 起时限4小时）."""
    assert step.done is not None
    return _("{stage}：{done} 收到，{result}（应于 {due} 前；{limit}）").format(
        stage=step.stage,
        done=describe_moment(step.done),
        result=describe_result(step),
        due=describe_moment(step.due),
        limit=describe_limit(step),
    )


def describe_owed(item: DueItem, reports: Iterable[Report]) -> str:
    """续报二，应于 … 前（按…，自…起时限1天），还剩3小时 / 逾期2小时40分."""
    left = (
        _("逾期{span}").format(span=describe_span(-item.minutes))
        if item.overdue
        else _("还剩{span}").format(span=describe_span(item.minutes))
    )
    return _("{stage}，应于 {due} 前（{limit}），{left}").format(
        stage=name_step(item.step, reports),
        due=describe_moment(item.step.due),
        limit=describe_limit(item.step),
        left=left,
    )


def owed_item(view: EventView) -> DueItem | None:
    """What the event owes next as the board lists it (list_due), None when it owes nothing."""
    items = list_due([view], view.status)
    return items[0] if items else None


# --- one event ------------------------------------------------------------------------------------


def view_at(event: Event, reports: Iterable[Report], settings: Settings, moment: dt.datetime) -> EventView:
    """The event as the board shows it at ``moment`` (its reports after ``moment`` not counted)."""
    chain = [r for r in reports if r.emergency is not None and r.emergency.event == event.id]
    record = assess_event(event, chain, settings.emergency, moment)
    return view_event(record, moment, score_record(record, settings.scoring))


def describe_clock_behind(event: Event, moment: dt.datetime) -> str:
    return _(
        "事件 {id} 发生于 {occurred}，晚于现在（{now}）：请核对本机时钟（或 SOURCE_DATE_EPOCH）和事件文件的时间；时限没有计算"
    ).format(id=event.id, occurred=describe_moment(event.occurred), now=describe_moment(moment))


def describe_later_reports(event: Event, reports: Iterable[Report], moment: dt.datetime) -> str | None:
    later = [
        r
        for r in reports
        if r.emergency is not None and r.emergency.event == event.id and r.emergency.reported > moment
    ]
    if not later:
        return None
    return _("另有 {count} 篇报告的收到时间晚于现在（最早 {time}），没有计入：请核对本机时钟或报告的 reported").format(
        count=len(later), time=describe_moment(min(r.emergency.reported for r in later if r.emergency is not None))
    )


def describe_event_state(
    event: Event,
    reports: Iterable[Report],
    settings: Settings,
    moment: dt.datetime,
    written: str | None = None,
    phoned: bool = False,
) -> tuple[str, ...]:
    """The lines a command ends with: the event as of ``moment`` (its grade or grades and status),
    the step the command just wrote (the report of id ``written``; the telephone report with
    ``phoned``), and what is owed next with its deadline, its limit and how long is left (or how
    long it is overdue)."""
    reports = tuple(reports)
    if event.occurred > moment:
        return (describe_clock_behind(event, moment),)
    view = view_at(event, reports, settings, moment)
    lines = [
        _("截至 {moment}，事件 {id}（{name}）：{grades}，{status}").format(
            moment=describe_moment(moment),
            id=event.id,
            name=event.name,
            grades=describe_grades(view),
            status=describe_status(view),
        )
    ]
    just = [
        s
        for s in view.record.steps
        if s.done is not None
        and ((s.report is not None and s.report.id == written) or (phoned and s.stage == PHONE_STAGE))
    ]
    lines += [INDENT + describe_made(step) for step in just]
    item = owed_item(view)
    missed = [s for s in view.record.steps if s.status == MISSING and (item is None or s is not item.step)]
    if missed:
        lines.append(
            INDENT
            + _("缺报：{steps}").format(
                steps=_("、").join(
                    _("{stage}（应于 {due} 前）").format(stage=s.stage, due=describe_moment(s.due)) for s in missed
                )
            )
        )
    if item is not None:
        lines.append(INDENT + _("下一步：{owed}").format(owed=describe_owed(item, view.record.reports)))
        if (why := explain_grade(item.step, event, moment)) is not None:
            lines.append(INDENT + why)
    elif view.status == CLOSED:
        lines.append(INDENT + _("事件已终报，不再需要报告"))
    if (later := describe_later_reports(event, reports, moment)) is not None:
        lines.append(INDENT + later)
    return tuple(lines)


# --- `bulletin event list` ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """An event as ``bulletin event list`` shows it: its view and what it owes (None: closed)."""

    view: EventView
    item: DueItem | None


def find_final_moment(view: EventView) -> dt.datetime | None:
    """When the event's 终报 came in (None: it has none yet)."""
    finals = [r.emergency.reported for r in view.record.reports if r.emergency and r.emergency.stage == STAGES[2]]
    return max(finals, default=None)


def describe_steps(view: EventView, owed: DueItem | None) -> str:
    """已报：电话报告 按时、初报 迟报15分；缺报：续报 — the steps made, then those missed."""
    made = [f"{s.stage} {describe_result(s)}" for s in view.record.steps if s.done is not None]
    missed = [s.stage for s in view.record.steps if s.status == MISSING and (owed is None or s is not owed.step)]
    text = _("已报：{steps}").format(steps=_("、").join(made) if made else _("（还没有）"))
    if missed:
        text += _("；缺报：{steps}").format(steps=_("、").join(missed))
    if view.record.office_first:
        text += _("；市委办先于报告获知")
    return text


def describe_listed(
    listed: Listed, units: dict[str, Unit], reports: Iterable[Report], moment: dt.datetime
) -> list[str]:
    view, event = listed.view, listed.view.event
    unit = units[event.unit].name if event.unit in units else event.unit
    lines = [
        _("{mark}{id} {name}").format(
            mark=_("【逾期】") if listed.item is not None and listed.item.overdue else "",
            id=event.id,
            name=shorten(event.name, LISTED_NAME_CHARS),
        ),
        INDENT + " · ".join((unit, describe_grades(view), describe_status(view))),
        INDENT + describe_steps(view, listed.item),
    ]
    if listed.item is not None:
        lines.append(INDENT + _("应报{owed}").format(owed=describe_owed(listed.item, view.record.reports)))
        if (why := explain_grade(listed.item.step, event, moment)) is not None:
            lines.append(INDENT + why)
    if (later := describe_later_reports(event, reports, moment)) is not None:
        lines.append(INDENT + later)
    return lines


def list_event_states(
    events: Iterable[Event],
    reports: Iterable[Report],
    settings: Settings,
    units: dict[str, Unit],
    moment: dt.datetime,
    closed_too: bool = False,
) -> tuple[str, ...]:
    """Every event not closed as of ``moment`` (open, or over without its 终报), one block each,
    the overdue first and then by deadline; with ``closed_too``, then the events whose 终报 came in
    the last :data:`RECENT_DAYS` days. An event that occurred after ``moment`` is named, not assessed."""
    events, reports = tuple(events), tuple(reports)
    behind = [e for e in events if e.occurred > moment]
    owing: list[Listed] = []
    closed: list[tuple[dt.datetime, Listed]] = []
    for event in events:
        if event.occurred > moment:
            continue
        view = view_at(event, reports, settings, moment)
        item = owed_item(view)
        final = find_final_moment(view)
        if item is not None:
            owing.append(Listed(view, item))
        elif closed_too and final is not None and moment - final <= dt.timedelta(days=RECENT_DAYS):
            closed.append((final, Listed(view, None)))
    # By deadline: the overdue first (the longest overdue first), as the board lists them (list_due).
    owing.sort(key=lambda entry: (entry.item.step.due if entry.item else moment, entry.view.event.id))
    closed.sort(key=lambda pair: (pair[0], pair[1].view.event.id), reverse=True)  # the latest 终报 first
    listed = owing + [entry for _final, entry in closed]
    overdue = sum(1 for entry in owing if entry.item is not None and entry.item.overdue)
    if owing:
        head = _("截至 {moment}，未结束的紧急信息事件 {count} 起，其中逾期 {overdue} 起：").format(
            moment=describe_moment(moment), count=len(owing), overdue=overdue
        )
    else:
        head = _("截至 {moment}，当前没有未结束的紧急信息事件").format(moment=describe_moment(moment))
    lines = [head]
    lines += [describe_clock_behind(event, moment) for event in sorted(behind, key=lambda e: (e.occurred, e.id))]
    for entry in listed:
        lines.append("")
        lines += describe_listed(entry, units, reports, moment)
    if closed_too and not closed:
        lines += ["", _("近 {days} 天没有终报的事件").format(days=RECENT_DAYS)]
    return tuple(lines)
