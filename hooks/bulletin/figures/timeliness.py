"""紧急信息 timeliness: one set of rules, applied the same way by every page, CSV and notice.

Each event gives a list of *steps*: the reports the unit owed the office, each with the moment
its clock started, the moment it was due and (when made) the moment it was made. The rules
(docs/rules.md, "紧急信息"), with the limits of ``extra.bulletin.emergency.limits`` for the grade in force:

- The telephone report (when the event records one) is due ``phone`` minutes after the start,
  the written 初报 ``written`` minutes after it. The start is the occurrence, or the moment the
  unit learned of it when ``count_from`` is ``unit_learned``.
- Each 续报 is due ``followup`` minutes after the report before it, while the event is open.
- The 终报 is due ``final_days`` days after the event ended (``ended``).
- An upgrade (升级) before a step is made restarts its clock at the upgrade with the new grade's
  limit, unless the old limit ends sooner; a downgrade (降级) applies from the next step on. A step
  not made yet is under an upgrade from the upgrade's own minute (``bulletin event grade`` with no
  ``--time`` records it at the command's "now", and the state it prints is under the new grade).
- Made at or before its due moment: on time (按时). Made later: late (迟报) by the minutes
  after the due moment. Not made and past its due moment at the build moment: missing (缺报).
  An open event owes one 续报 at a time: a long silence is one missing report, not one a day.
  The same holds for a gap in a closed event: no 续报 in a span longer than ``followup``
  before the event ended is one missing 续报.
- The office learned of the event before the unit reported it in any way (先于报告获知): a
  likely 漏报 or 瞒报, counted per event.

Reports count from the moment they were reported (approved reports in the repository, whether
their issue is out yet or not), up to the build moment; an event is assessed as of that moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bulletin.model import GRADES, EmergencyRules, Event, Report, Scoring, TimeLimit

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
DUE = "due"  # not made yet and not yet due: what the duty room waits for
STATUS_NAMES = {ON_TIME: "按时", LATE: "迟报", MISSING: "缺报", DUE: "待报"}
PHONE_STAGE = "电话报告"
SCORE_KEYS = ("on_time", "late", "missing", "office_first")


@dataclass(frozen=True, eq=False)
class Step:
    """One report the unit owed: made (on time or late), missing, or due."""

    event: Event
    stage: str  # 电话报告, 初报, 续报二, 终报; an expected 续报 not made is just 续报
    grade: str  # the grade whose limit applies
    start: dt.datetime  # the moment its clock started
    due: dt.datetime
    status: str  # ON_TIME, LATE, MISSING or DUE
    done: dt.datetime | None = None
    report: Report | None = None

    @property
    def limit_minutes(self) -> int:
        return count_minutes(self.start, self.due)

    @property
    def taken_minutes(self) -> int | None:
        return None if self.done is None else count_minutes(self.start, self.done)

    @property
    def late_minutes(self) -> int:
        """Minutes after the due moment (0 when on time or not made)."""
        return max(0, count_minutes(self.due, self.done)) if self.done is not None else 0


@dataclass(frozen=True, eq=False)
class EventRecord:
    """An event with its reports (in chain order) and its steps, as of the build moment."""

    event: Event
    reports: tuple[Report, ...]
    steps: tuple[Step, ...]  # the steps made or missed, in time order (when made, or when due)
    next_due: Step | None  # open: the step owed next (status DUE, or MISSING when overdue)
    office_first: bool

    @property
    def closed(self) -> bool:
        return any(r.emergency is not None and r.emergency.stage == "终报" for r in self.reports)

    @property
    def overdue(self) -> bool:
        return self.next_due is not None and self.next_due.status == MISSING

    def count(self, status: str) -> int:
        return sum(1 for step in self.steps if step.status == status)


@dataclass(frozen=True)
class UnitTimeliness:
    """One unit's emergency figures for a period (events credited by the month they occurred)."""

    unit: str
    events: int
    on_time: int
    late: int
    missing: int
    office_first: int
    points: int


def count_minutes(start: dt.datetime, end: dt.datetime) -> int:
    return int((end - start).total_seconds() // 60)


def order_chain(reports: Iterable[Report]) -> list[Report]:
    """初报, 续报一, 续报二 …, 终报 (by stage and number, then by time)."""

    def rank(report: Report) -> tuple[int, int, dt.datetime]:
        emergency = report.emergency
        assert emergency is not None
        stage = {"初报": 0, "续报": 1, "终报": 2}[emergency.stage]
        return stage, emergency.sequence, emergency.reported

    return sorted(reports, key=rank)


def _is_upgrade(before: str, after: str) -> bool:
    return GRADES.index(after) < GRADES.index(before)


def _make_step(
    event: Event,
    rules: EmergencyRules,
    stage: str,
    start: dt.datetime,
    limit: Callable[[TimeLimit], int],
    done: dt.datetime | None,
    now: dt.datetime,
    report: Report | None = None,
) -> Step:
    """A step whose clock starts at ``start``: upgrades before it was made shorten it."""
    grade = event.grade_at(start)
    clock, due = start, start + dt.timedelta(minutes=limit(rules.limits[grade]))
    before = grade
    for change in event.changes:
        # Made: an upgrade before it was made; not made: an upgrade up to ``now`` (one made this very
        # minute is in force, as Event.grade_at says, so the step owed after it is under the new grade).
        in_time = change.time < done if done is not None else change.time <= now
        if start < change.time and in_time and _is_upgrade(before, change.grade):
            candidate = change.time + dt.timedelta(minutes=limit(rules.limits[change.grade]))
            if candidate < due:
                clock, due, grade = change.time, candidate, change.grade
        if start < change.time:
            before = change.grade
    if done is not None:
        status = ON_TIME if done <= due else LATE
    else:
        status = MISSING if now > due else DUE
    return Step(event, stage, grade, clock, due, status, done, report)


def _phone(limits: TimeLimit) -> int:
    return limits.phone


def _written(limits: TimeLimit) -> int:
    return limits.written


def _followup(limits: TimeLimit) -> int:
    return limits.followup


def _final(limits: TimeLimit) -> int:
    return limits.final_days * 24 * 60


def assess_event(event: Event, reports: Iterable[Report], rules: EmergencyRules, now: dt.datetime) -> EventRecord:
    """The event's steps as of ``now`` (reports made after ``now`` are not counted yet)."""
    chain = [r for r in order_chain(reports) if r.emergency is not None and r.emergency.reported <= now]
    start = event.occurred if rules.count_from == "occurred" else event.start
    steps: list[Step] = []
    if event.phoned is not None and event.phoned <= now:
        steps.append(_make_step(event, rules, PHONE_STAGE, start, _phone, event.phoned, now))
    next_due: Step | None = None
    first = chain[0] if chain and _stage(chain[0]) == "初报" else None
    if first is None:
        next_due = _make_step(event, rules, "初报", start, _written, None, now)
    else:
        steps.append(_make_step(event, rules, "初报", start, _written, _reported(first), now, first))
        previous = _reported(first)
        final: Report | None = None
        for report in chain[1:]:
            if _stage(report) == "终报":
                final = report
                break
            label = report.emergency.label if report.emergency else "续报"
            steps.append(_make_step(event, rules, label, previous, _followup, _reported(report), now, report))
            previous = _reported(report)
        ended = event.ended if event.ended is not None and event.ended <= now else None
        if ended is None:
            next_due = _make_step(event, rules, "续报", previous, _followup, None, now)
        else:
            gap = _make_step(event, rules, "续报", previous, _followup, None, ended)
            if previous < ended and gap.status == MISSING:
                steps.append(gap)
            done = _reported(final) if final is not None else None
            step = _make_step(event, rules, "终报", ended, _final, done, now, final)
            if final is not None:
                steps.append(step)
            else:
                next_due = step
    if next_due is not None and next_due.status == MISSING:
        steps.append(next_due)  # overdue: a missing report, counted like the others
    made = [t for t in (event.phoned, *(_reported(r) for r in chain)) if t is not None and t <= now]
    office_first = event.office_learned <= now and (not made or event.office_learned < min(made))
    steps.sort(key=lambda s: (s.done or s.due, s.due))  # the timeline: when made, or when it fell due
    return EventRecord(event, tuple(chain), tuple(steps), next_due, office_first)


def _stage(report: Report) -> str:
    return report.emergency.stage if report.emergency else ""


def _reported(report: Report) -> dt.datetime:
    assert report.emergency is not None
    return report.emergency.reported


def assess_events(
    events: Iterable[Event], reports: Iterable[Report], rules: EmergencyRules, now: dt.datetime
) -> tuple[EventRecord, ...]:
    """Every event that had occurred by ``now``, with its reports, in the order they occurred."""
    by_event: dict[str, list[Report]] = {}
    for report in reports:
        if report.emergency is not None:
            by_event.setdefault(report.emergency.event, []).append(report)
    return tuple(
        assess_event(event, by_event.get(event.id, ()), rules, now)
        for event in sorted(events, key=lambda e: (e.occurred, e.id))
        if event.occurred <= now
    )


def score_record(record: EventRecord, scoring: Scoring) -> int:
    points = scoring.emergency
    return (
        record.count(ON_TIME) * points.get("on_time", 0)
        + record.count(LATE) * points.get("late", 0)
        + record.count(MISSING) * points.get("missing", 0)
        + (points.get("office_first", 0) if record.office_first else 0)
    )


def tally_units(
    records: Iterable[EventRecord], scoring: Scoring, year: int, month: int | None = None
) -> dict[str, UnitTimeliness]:
    """Per unit, the events that occurred in ``year`` (and ``month``): unit key -> figures."""
    tallies: dict[str, list[int]] = {}
    for record in records:
        occurred = record.event.occurred
        if occurred.year != year or (month is not None and occurred.month != month):
            continue
        figures = tallies.setdefault(record.event.unit, [0] * 6)
        figures[0] += 1
        figures[1] += record.count(ON_TIME)
        figures[2] += record.count(LATE)
        figures[3] += record.count(MISSING)
        figures[4] += int(record.office_first)
        figures[5] += score_record(record, scoring)
    return {unit: UnitTimeliness(unit, *figures) for unit, figures in sorted(tallies.items())}
