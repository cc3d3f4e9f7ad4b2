"""The 紧急信息 pages: the board (``/emergency/``), each year's page with its ``timeliness.csv``,
each event's page with its timeline, and the emergency details of the issue and report pages.

Every figure comes from :mod:`bulletin.figures.timeliness` (``assess_events``, ``tally_units``):
these pages lay the steps out, they apply no rule of their own. The board, the year pages,
the event pages and the CSV files speak for the build moment (:func:`bulletin.times.build_moment`);
the details printed on a published report or issue page (on time or late, the urgency mark)
depend only on what was reported up to that report, so that page never changes afterwards.

Pure: archive in, pages and CSV bytes out. The templates escape every name and text.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from bulletin.addresses import emergency_src, event_src, timeliness_csv_src
from bulletin.figures.scoring import order_units
from bulletin.figures.timeliness import (
    LATE,
    MISSING,
    ON_TIME,
    PHONE_STAGE,
    STATUS_NAMES,
    EventRecord,
    Step,
    UnitTimeliness,
    assess_event,
    assess_events,
    count_minutes,
    score_record,
    tally_units,
)
from bulletin.labels import grade_label
from bulletin.model import GRADES, Archive, Event, Issue, Report
from bulletin.pages.headings import HeadingIds
from bulletin.pages.page import WIDE, Page, make_page
from bulletin.pages.ranking import write_csv
from bulletin.times import write_moment

BOARD_TITLE = "紧急信息"
OPEN, ENDED, CLOSED = "处置中", "已结束", "已终报"  # an event's status: open, over without its 终报, closed
UPGRADE, DOWNGRADE = "升级", "降级"
CSV_HEADER = (
    "事件",
    "事件编号",
    "报告编号",
    "单位",
    "等级",
    "阶段",
    "发生时间",
    "应报时间",
    "报告时间",
    "时限（分钟）",
    "用时（分钟）",
    "是否迟报",
    "状态",
)


# --- what the pages show ---------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an event's timeline: a fact (occurred, learned, ended), a grade change or a step."""

    moment: dt.datetime
    label: str  # 事件发生, 单位获知, 市委办获知, 升级, 处置结束, or the step's stage (初报, 续报二 …)
    note: str = ""  # plain text after the label
    step: Step | None = None
    flag: str = ""  # a warning beside it (先于报告获知)


@dataclass(frozen=True)
class EventView:
    """An event as its pages show it, as of the build moment."""

    record: EventRecord
    status: str  # OPEN, ENDED or CLOSED
    grades: tuple[str, ...]  # the grade first assessed, then each change's (consecutive duplicates never occur)
    timeline: tuple[TimelineEntry, ...]
    points: int
    due_minutes: int | None  # minutes until the next report is due (negative: overdue by as many); None: none due

    @property
    def event(self) -> Event:
        return self.record.event


@dataclass(frozen=True)
class DueItem:
    """What an unfinished event owes next, as of the build moment: due in ``minutes`` (overdue when negative)."""

    view: EventView
    step: Step
    minutes: int

    @property
    def overdue(self) -> bool:
        return self.step.status == MISSING


@dataclass(frozen=True)
class ReportEmergency:
    """What a published report says of its emergency, and how timely it was (None: not assessed)."""

    event: Event | None  # None when the event is not known (as in a check that renders without events)
    stage: str  # 初报, 续报二, 终报
    reported: dt.datetime
    grade: str | None  # the grade in force when it was reported
    step: Step | None


def describe_status(record: EventRecord, moment: dt.datetime) -> str:
    if record.closed:
        return CLOSED
    ended = record.event.ended
    return ENDED if ended is not None and ended <= moment else OPEN


def list_timeline(record: EventRecord, moment: dt.datetime) -> tuple[TimelineEntry, ...]:
    """The event's facts, grade changes and steps in time order (a step not made at its due moment)."""
    event = record.event
    entries = [TimelineEntry(event.occurred, "事件发生", event.place)]
    if event.unit_learned is not None:
        entries.append(TimelineEntry(event.unit_learned, "单位获知"))
    if event.office_learned <= moment:
        flag = "先于报告获知" if record.office_first else ""
        entries.append(TimelineEntry(event.office_learned, "市委办获知", flag=flag))
    steps = list(record.steps)
    if record.next_due is not None and record.next_due not in steps:
        steps.append(record.next_due)  # what is due next, not yet overdue
    for step in steps:
        entries.append(TimelineEntry(step.done or step.due, step.stage, step=step))
    before = event.grade
    for change in event.changes:
        if change.time <= moment:
            kind = UPGRADE if GRADES.index(change.grade) < GRADES.index(before) else DOWNGRADE
            note = f"{grade_label(before)}→{grade_label(change.grade)}" + (f"：{change.note}" if change.note else "")
            entries.append(TimelineEntry(change.time, kind, note))
        before = change.grade
    if event.ended is not None and event.ended <= moment:
        entries.append(TimelineEntry(event.ended, "处置结束"))
    order = ("事件发生", "单位获知", "市委办获知", PHONE_STAGE)

    def rank(entry: TimelineEntry) -> tuple[dt.datetime, int]:
        return entry.moment, order.index(entry.label) if entry.label in order else len(order)

    return tuple(sorted(entries, key=rank))


def view_event(record: EventRecord, moment: dt.datetime, points: int) -> EventView:
    event = record.event
    grades = (event.grade, *(change.grade for change in event.changes if change.time <= moment))
    due = count_minutes(moment, record.next_due.due) if record.next_due is not None else None
    return EventView(record, describe_status(record, moment), grades, list_timeline(record, moment), points, due)


def view_events(archive: Archive, moment: dt.datetime) -> tuple[EventView, ...]:
    """Every event that had occurred by ``moment``, assessed once (in the order they occurred)."""
    records = assess_events(archive.events, archive.reports, archive.settings.emergency, moment)
    return tuple(view_event(record, moment, score_record(record, archive.settings.scoring)) for record in records)


def list_due(views: Iterable[EventView], status: str) -> list[DueItem]:
    """The events of ``status`` with what each owes next, the most overdue first."""
    items = [
        DueItem(view, view.record.next_due, view.due_minutes)
        for view in views
        if view.status == status and view.record.next_due is not None and view.due_minutes is not None
    ]
    return sorted(items, key=lambda item: (item.step.due, item.view.event.id))


def total_units(tallies: dict[str, UnitTimeliness]) -> UnitTimeliness:
    rows = tallies.values()
    return UnitTimeliness(
        "",
        sum(r.events for r in rows),
        sum(r.on_time for r in rows),
        sum(r.late for r in rows),
        sum(r.missing for r in rows),
        sum(r.office_first for r in rows),
        sum(r.points for r in rows),
    )


def order_tallies(archive: Archive, tallies: dict[str, UnitTimeliness]) -> list[UnitTimeliness]:
    """The units' rows in the order of the notices (by kind, then key); unknown keys last."""
    known = [tallies[unit.key] for unit in order_units(archive.units.values()) if unit.key in tallies]
    return known + [row for key, row in tallies.items() if key not in archive.units]


# --- the report and issue pages ---------------------------------------------------------------


@dataclass(frozen=True)
class EmergencyIndex:
    events: dict[str, Event]
    steps: dict[str, Step]  # report id -> its step


@functools.lru_cache(maxsize=4)
def index_emergencies(archive: Archive) -> EmergencyIndex:
    """Each emergency report's step, with its event's reports as of the report's own time (so a
    published page never changes when later reports come in). Computed once per archive."""
    events = {event.id: event for event in archive.events}
    chains: dict[str, list[Report]] = {}
    for report in archive.reports:
        if report.emergency is not None and report.emergency.event in events:
            chains.setdefault(report.emergency.event, []).append(report)
    steps: dict[str, Step] = {}
    rules = archive.settings.emergency
    for event_id, reports in chains.items():
        latest = max(r.emergency.reported for r in reports if r.emergency is not None)
        record = assess_event(events[event_id], reports, rules, latest)
        steps.update((step.report.id, step) for step in record.steps if step.report is not None)
    return EmergencyIndex(events, steps)


def describe_report_emergency(archive: Archive, report: Report) -> ReportEmergency | None:
    emergency = report.emergency
    if emergency is None:
        return None
    index = index_emergencies(archive)
    event = index.events.get(emergency.event)
    grade = event.grade_at(emergency.reported) if event is not None else None
    return ReportEmergency(event, emergency.label, emergency.reported, grade, index.steps.get(report.id))


def find_urgency_mark(archive: Archive, issue: Issue) -> str:
    """特急 or 加急: the mark of the most serious grade among the issue's reports' events, each at
    the time of its report (the settings' ``mark``); "" for an issue of no emergency series. The
    issue's own details file (``urgency``) says otherwise for any issue."""
    if issue.details is not None and issue.details.urgency:
        return issue.details.urgency
    if not issue.series.emergency:
        return ""
    index = index_emergencies(archive)
    grades = []
    for report in issue.reports:
        emergency = report.emergency
        event = index.events.get(emergency.event) if emergency is not None else None
        if emergency is not None and event is not None:
            grades.append(event.grade_at(emergency.reported))
    if not grades:
        return ""
    most_serious = min(grades, key=GRADES.index)
    return archive.settings.emergency.limits[most_serious].mark


# --- the pages ----------------------------------------------------------------------------------


def render_emergency_site(archive: Archive, moment: dt.datetime) -> tuple[tuple[Page, ...], dict[str, bytes]]:
    """The board, each year's page and CSV, each event's page. ``archive`` is the published view
    (reports link to their pages only when their issue is out); ``moment`` the build moment."""
    views = view_events(archive, moment)
    published = frozenset(report.id for report, _ in archive.published())
    years = sorted({view.event.year for view in views} | {moment.year}, reverse=True)
    by_year = {year: [view for view in views if view.event.year == year] for year in years}
    pages = [render_board(archive, views, by_year, moment)]
    files: dict[str, bytes] = {}
    for year, year_views in by_year.items():
        if not year_views:
            continue
        pages.append(render_year_page(archive, year, year_views, moment))
        files[timeliness_csv_src(year)] = render_timeliness_csv(archive, year_views)
        pages += [render_event_page(archive, view, moment, published) for view in year_views]
    return tuple(pages), files


def render_board(
    archive: Archive, views: tuple[EventView, ...], by_year: dict[int, list[EventView]], moment: dt.datetime
) -> Page:
    """What the duty room looks at: what is due and overdue, the 终报 still owed, this year's units."""
    ids = HeadingIds(BOARD_TITLE)
    tallies = tally_units((view.record for view in views), archive.settings.scoring, moment.year)
    return make_page(
        emergency_src(),
        "emergency-board.html",
        BOARD_TITLE,
        sanitize=False,
        hide=WIDE,
        heading_anchor=ids.first,
        heading_ids=ids,
        archive=archive,
        moment=moment,
        open_items=list_due(views, OPEN),
        final_items=list_due(views, ENDED),
        year=moment.year,
        rows=order_tallies(archive, tallies),
        total=total_units(tallies),
        years=[(year, len(year_views)) for year, year_views in by_year.items() if year_views],
        series=[series for series in archive.settings.series if series.emergency],
        limits=[(grade, archive.settings.emergency.limits[grade]) for grade in GRADES],
        count_from="单位获知" if archive.settings.emergency.count_from == "unit_learned" else "事件发生",
    )


def render_year_page(archive: Archive, year: int, views: list[EventView], moment: dt.datetime) -> Page:
    """Every event of a year (newest first) and the year's table per unit."""
    title = f"{year}年紧急信息"
    ids = HeadingIds(title)
    tallies = tally_units((view.record for view in views), archive.settings.scoring, year)
    return make_page(
        emergency_src(year),
        "emergency-year.html",
        title,
        sanitize=False,
        hide=WIDE,
        heading_anchor=ids.first,
        heading_ids=ids,
        archive=archive,
        moment=moment,
        year=year,
        views=sorted(views, key=lambda view: (view.event.occurred, view.event.id), reverse=True),
        rows=order_tallies(archive, tallies),
        total=total_units(tallies),
    )


def render_event_page(archive: Archive, view: EventView, moment: dt.datetime, published: frozenset[str]) -> Page:
    """An event: what it is and its status, then its timeline with each report's limit and lateness."""
    event = view.event
    ids = HeadingIds(event.name)
    return make_page(
        event_src(event),
        "emergency-event.html",
        event.name,
        sanitize=False,
        hide=WIDE,
        heading_anchor=ids.first,
        heading_ids=ids,
        archive=archive,
        moment=moment,
        view=view,
        published=published,
        statuses=STATUS_NAMES,
        missing_points=archive.settings.scoring.emergency.get("missing", 0),
    )


def read_timeliness_rows(archive: Archive, views: Iterable[EventView]) -> list[tuple[str, ...]]:
    """One row per step (made or missing) of each event, in the order the events occurred."""
    rows: list[tuple[str, ...]] = []
    for view in sorted(views, key=lambda v: (v.event.occurred, v.event.id)):
        event = view.event
        unit = archive.units[event.unit].name if event.unit in archive.units else event.unit
        for step in view.record.steps:
            rows.append(
                (
                    event.name,
                    event.id,
                    step.report.id if step.report is not None else "",
                    unit,
                    step.grade,
                    step.stage,
                    write_moment(event.occurred),
                    write_moment(step.due),
                    write_moment(step.done) if step.done is not None else "",
                    str(step.limit_minutes),
                    str(step.taken_minutes) if step.taken_minutes is not None else "",
                    {ON_TIME: "否", LATE: "是"}.get(step.status, ""),
                    STATUS_NAMES[step.status],
                )
            )
    return rows


def render_timeliness_csv(archive: Archive, views: Iterable[EventView]) -> bytes:
    """UTF-8 with BOM, like the notices' ranking.csv, every cell through the same formula guard."""
    return ("\ufeff" + write_csv(CSV_HEADER, read_timeliness_rows(archive, views))).encode("utf-8")
