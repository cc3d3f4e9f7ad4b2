"""紧急信息 timeliness, rule by rule, with every figure computed by hand in the comments.

Limits used (the shipped defaults, model.DEFAULT_TIME_LIMITS), in minutes:
    grade      phone  written  followup  final_days
    特别重大      30       60       240       5
    重大          30       60       480       5
    较大          60      120      1440       7
    一般         120      240      1440       7
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bulletin.figures.timeliness import DUE, LATE, MISSING, ON_TIME, assess_event, assess_events, tally_units
from bulletin.model import Emergency, EmergencyRules, Event, GradeChange, Report, Scoring

RULES = EmergencyRules()


def t(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


TIMES = ("occurred", "office_learned", "unit_learned", "phoned", "ended")


def event(grade: str = "一般", occurred: str = "2026-03-10 10:00", **kw: object) -> Event:
    values: dict = {
        "id": "0310-yunling-huapo",
        "year": 2026,
        "path": "reports/events/2026/0310-yunling-huapo.yml",
        "name": "云岭县青石镇山体滑坡",
        "type": "自然灾害",
        "grade": grade,
        "place": "云岭县青石镇",
        "unit": "yunling",
        "occurred": t(occurred),
        "office_learned": t(occurred) + dt.timedelta(days=1),  # late enough not to be first
    }
    for key, value in kw.items():
        values[key] = t(value) if key in TIMES and isinstance(value, str) else value
    return Event(**values)


def report(stage: str, reported: str, sequence: int = 0, event_id: str = "0310-yunling-huapo") -> Report:
    name = f"{stage}{sequence}-{reported[:10]}"
    return Report(
        id=name,
        year=2026,
        path=f"reports/2026/{name}.md",
        title="云岭县青石镇山体滑坡情况",
        units=("yunling",),
        series="jjxx",
        category="紧急信息",
        body="正文",
        body_line=8,
        emergency=Emergency(event_id, stage, t(reported), sequence),
    )


def steps_of(record):
    return [(s.stage, s.status, s.limit_minutes, s.taken_minutes, s.late_minutes) for s in record.steps]


NOW = t("2026-12-31 12:00")


def assess_soon(happened: Event, chain: list[Report]) -> object:
    """As of an hour after the last report: the next 续报 is not due yet."""
    return assess_event(happened, chain, RULES, max(r.emergency.reported for r in chain) + dt.timedelta(hours=1))


@pytest.mark.parametrize(
    "reported, status, late",
    [
        ("2026-03-10 14:00", ON_TIME, 0),  # 10:00 + 240 = 14:00: exactly at the limit is on time
        ("2026-03-10 14:01", LATE, 1),  # one minute after: late by 1
        ("2026-03-10 13:59", ON_TIME, 0),
    ],
)
def test_first_report_exactly_at_the_limit_is_on_time(reported, status, late):
    record = assess_soon(event(), [report("初报", reported)])
    (first,) = record.steps  # the 续报 is not due yet
    assert (first.stage, first.status, first.limit_minutes, first.late_minutes) == ("初报", status, 240, late)


def test_limit_across_midnight():
    # 较大, occurred 23:30: written 120 min -> due 01:30 the next day; reported 01:45 -> 135 taken, 15 late.
    record = assess_soon(event("较大", "2026-03-10 23:30"), [report("初报", "2026-03-11 01:45")])
    assert steps_of(record) == [("初报", LATE, 120, 135, 15)]
    assert record.steps[0].due == t("2026-03-11 01:30")


def test_limit_across_a_month_end():
    # 一般, occurred 2026-01-31 23:00: due 2026-02-01 03:00; reported 02:59 -> on time, 239 taken.
    happened = event("一般", "2026-01-31 23:00", year=2026)
    record = assess_soon(happened, [report("初报", "2026-02-01 02:59")])
    assert steps_of(record) == [("初报", ON_TIME, 240, 239, 0)]
    assert record.steps[0].due == t("2026-02-01 03:00")


def test_upgrade_restarts_the_clock_with_the_new_grades_limit():
    # 一般 occurred 08:00: 初报 due 12:00. Upgraded to 重大 at 09:00: due 09:00 + 60 = 10:00 (sooner).
    # 初报 at 10:30: late by 30, clock from 09:00, limit 60, taken 90, under 重大.
    upgraded = event("一般", "2026-03-10 08:00", changes=(GradeChange(t("2026-03-10 09:00"), "重大"),))
    record = assess_soon(upgraded, [report("初报", "2026-03-10 10:30")])
    assert steps_of(record) == [("初报", LATE, 60, 90, 30)]
    assert record.steps[0].grade == "重大"


def test_upgrade_never_extends_a_limit():
    # 一般 occurred 08:00: due 12:00. Upgraded to 重大 at 11:30: 11:30 + 60 = 12:30 is later, so 12:00 stays.
    upgraded = event("一般", "2026-03-10 08:00", changes=(GradeChange(t("2026-03-10 11:30"), "重大"),))
    record = assess_soon(upgraded, [report("初报", "2026-03-10 12:10")])
    assert steps_of(record) == [("初报", LATE, 240, 250, 10)]
    assert record.steps[0].grade == "一般"


def test_upgrade_shortens_the_next_follow_up():
    # 较大: 初报 08:30 (on time, 30 of 120). Next 续报 due 08:30 + 1440 = next day 08:30; upgraded to
    # 重大 at 10:00: 10:00 + 480 = 18:00, sooner. 续报一 at 18:00 exactly: on time, limit 480, taken 480.
    upgraded = event("较大", "2026-03-10 08:00", changes=(GradeChange(t("2026-03-10 10:00"), "重大"),))
    chain = [report("初报", "2026-03-10 08:30"), report("续报", "2026-03-10 18:00", 1)]
    record = assess_event(upgraded, chain, RULES, t("2026-03-10 20:00"))
    assert steps_of(record) == [("初报", ON_TIME, 120, 30, 0), ("续报一", ON_TIME, 480, 480, 0)]
    # The next 续报 counts from 18:00 under 重大 (480): due 02:00; at 20:00 not yet due.
    assert (record.next_due.status, record.next_due.due) == (DUE, t("2026-03-11 02:00"))


def test_an_upgrade_this_very_minute_already_governs_the_step_owed():
    # 一般: 初报 10:00; the next 续报 is due 10:00 + 1440 = 03-11 10:00. `bulletin event grade` with no
    # --time records 重大 at "now", 14:00; assessed at 14:00 the 续报 owed is 重大's: 14:00 + 480 = 22:00.
    upgraded = event("一般", "2026-03-10 08:00", changes=(GradeChange(t("2026-03-10 14:00"), "重大"),))
    record = assess_event(upgraded, [report("初报", "2026-03-10 10:00")], RULES, t("2026-03-10 14:00"))
    assert (record.next_due.grade, record.next_due.due, record.next_due.status) == ("重大", t("2026-03-10 22:00"), DUE)
    # A minute before the upgrade the 续报 was still under 一般.
    earlier = assess_event(upgraded, [report("初报", "2026-03-10 10:00")], RULES, t("2026-03-10 13:59"))
    assert (earlier.next_due.grade, earlier.next_due.due) == ("一般", t("2026-03-11 10:00"))


def test_downgrade_applies_from_the_next_step():
    # 重大: 初报 08:40 (40 of 60). Next due 08:40 + 480 = 16:40; downgraded to 一般 at 09:00: the
    # pending step keeps 16:40. 续报一 at 17:00: late by 20. The next counts from 17:00 under 一般: +1440.
    downgraded = event("重大", "2026-03-10 08:00", changes=(GradeChange(t("2026-03-10 09:00"), "一般"),))
    chain = [report("初报", "2026-03-10 08:40"), report("续报", "2026-03-10 17:00", 1)]
    record = assess_event(downgraded, chain, RULES, t("2026-03-10 20:00"))
    assert steps_of(record) == [("初报", ON_TIME, 60, 40, 0), ("续报一", LATE, 480, 500, 20)]
    assert record.next_due.due == t("2026-03-11 17:00")


def test_open_event_with_an_overdue_follow_up_at_the_build_moment():
    # 一般: 初报 11:00; open; the 续报 was due 11:00 + 1440 = 03-11 11:00. Built on 03-20: missing, once.
    record = assess_event(event(), [report("初报", "2026-03-10 11:00")], RULES, t("2026-03-20 09:00"))
    assert record.overdue and not record.closed
    assert (record.next_due.stage, record.next_due.due) == ("续报", t("2026-03-11 11:00"))
    assert steps_of(record) == [("初报", ON_TIME, 240, 60, 0), ("续报", MISSING, 1440, None, 0)]


def test_open_event_not_yet_due_owes_nothing_yet():
    # Same event at 03-11 11:00 exactly: due, not missing (exactly at the limit is still in time).
    record = assess_event(event(), [report("初报", "2026-03-10 11:00")], RULES, t("2026-03-11 11:00"))
    assert (record.next_due.status, record.overdue) == (DUE, False)
    assert record.count(MISSING) == 0


def test_event_without_its_final_report_past_its_limit():
    # 较大 ended 03-11 10:00: 终报 due 7 days later, 03-18 10:00. At 03-18 10:00: due; at 10:01: missing.
    ended = event("较大", "2026-03-10 10:00", ended="2026-03-11 10:00")
    chain = [report("初报", "2026-03-10 11:00")]
    at_limit = assess_event(ended, chain, RULES, t("2026-03-18 10:00"))
    assert (at_limit.next_due.stage, at_limit.next_due.status) == ("终报", DUE)
    past = assess_event(ended, chain, RULES, t("2026-03-18 10:01"))
    assert (past.next_due.stage, past.next_due.status) == ("终报", MISSING)
    assert [s.stage for s in past.steps if s.status == MISSING] == ["终报"]


def test_final_report_is_timed_from_the_end_of_the_event():
    # 一般 ended 03-12 09:00; 终报 03-19 09:30: limit 7 days = 10080 min, taken 10110, late 30.
    ended = event(ended="2026-03-12 09:00")
    chain = [
        report("初报", "2026-03-10 11:00"),
        report("续报", "2026-03-11 10:00", 1),
        report("终报", "2026-03-19 09:30"),
    ]
    record = assess_event(ended, chain, RULES, NOW)
    assert steps_of(record) == [
        ("初报", ON_TIME, 240, 60, 0),
        ("续报一", ON_TIME, 1440, 1380, 0),
        ("终报", LATE, 10080, 10110, 30),
    ]
    assert record.closed and record.next_due is None


def test_a_gap_before_the_end_is_one_missing_follow_up():
    # 较大: 初报 03-10 11:00; no 续报; ended 03-13 08:00 (the 续报 was due 03-11 11:00): one missing 续报.
    ended = event("较大", ended="2026-03-13 08:00")
    chain = [report("初报", "2026-03-10 11:00"), report("终报", "2026-03-14 08:00")]
    record = assess_event(ended, chain, RULES, NOW)
    assert [(s.stage, s.status) for s in record.steps] == [("初报", ON_TIME), ("续报", MISSING), ("终报", ON_TIME)]


def test_no_gap_when_the_event_ends_within_the_follow_up_interval():
    ended = event("较大", ended="2026-03-11 08:00")  # within 1440 min of the 初报 at 03-10 11:00
    chain = [report("初报", "2026-03-10 11:00"), report("终报", "2026-03-12 08:00")]
    record = assess_event(ended, chain, RULES, NOW)
    assert record.count(MISSING) == 0


def test_office_learning_first_is_flagged():
    # Office learned 10:20, the unit phoned 10:30: first. Equal times are not "first".
    first = event(office_learned="2026-03-10 10:20", phoned="2026-03-10 10:30")
    assert assess_event(first, [report("初报", "2026-03-10 11:00")], RULES, NOW).office_first
    same = event(office_learned="2026-03-10 10:30", phoned="2026-03-10 10:30")
    assert not assess_event(same, [report("初报", "2026-03-10 11:00")], RULES, NOW).office_first
    nothing = event(office_learned="2026-03-10 10:20")
    record = assess_event(nothing, [], RULES, NOW)
    assert record.office_first and record.next_due.status == MISSING and record.next_due.stage == "初报"


def test_telephone_report_is_timed_when_recorded():
    # 特别重大 occurred 10:00: phone due 10:30. Phoned 10:45: late 15. Written due 11:00; 初报 10:55 on time.
    serious = event("特别重大", phoned="2026-03-10 10:45")
    record = assess_soon(serious, [report("初报", "2026-03-10 10:55")])
    assert steps_of(record) == [("电话报告", LATE, 30, 45, 15), ("初报", ON_TIME, 60, 55, 0)]


def test_clock_from_when_the_unit_learned_when_set_so():
    # 重大 occurred 08:00, unit learned 09:00; counting from unit_learned the 初报 is due 10:00.
    rules = dataclasses.replace(RULES, count_from="unit_learned")
    learned = event("重大", "2026-03-10 08:00", unit_learned="2026-03-10 09:00")
    chain = [report("初报", "2026-03-10 09:50")]
    soon = t("2026-03-10 11:00")
    assert steps_of(assess_event(learned, chain, rules, soon)) == [("初报", ON_TIME, 60, 50, 0)]
    assert steps_of(assess_event(learned, chain, RULES, soon)) == [("初报", LATE, 60, 110, 50)]


def test_reports_after_the_build_moment_do_not_count_yet():
    record = assess_event(event(), [report("初报", "2026-03-10 11:00")], RULES, t("2026-03-10 10:30"))
    assert record.reports == () and record.next_due.status == DUE


def test_units_are_credited_in_the_month_the_event_occurred():
    # Event A (yunling, 03-31 22:00, 一般): 初报 04-01 01:00 on time (180 of 240), 续报一 04-02 03:00
    # late by 120 (1560 of 1440), open at NOW: next 续报 missing. Office learned first (03-31 23:00).
    # Points: 1 on time x 2 + 1 late x -2 + 1 missing x -5 + office first -5 = -10, credited in March.
    a = event("一般", "2026-03-31 22:00", office_learned="2026-03-31 23:00")
    chain = [report("初报", "2026-04-01 01:00"), report("续报", "2026-04-02 03:00", 1)]
    # Event B (hefeng, 04-05, 较大) with no report at all: 初报 missing; office learned first: -5 -5.
    b = event("较大", "2026-04-05 09:00", id="0405-hefeng-huozai", unit="hefeng", office_learned="2026-04-05 09:30")
    scoring = Scoring(emergency={"on_time": 2, "late": -2, "missing": -5, "office_first": -5})
    records = assess_events([b, a], chain, RULES, NOW)
    assert [r.event.id for r in records] == ["0310-yunling-huapo", "0405-hefeng-huozai"]  # by occurrence
    march = tally_units(records, scoring, 2026, 3)
    assert list(march) == ["yunling"]
    figures = march["yunling"]
    assert (figures.events, figures.on_time, figures.late, figures.missing, figures.office_first) == (1, 1, 1, 1, 1)
    assert figures.points == -10
    april = tally_units(records, scoring, 2026, 4)
    assert (april["hefeng"].missing, april["hefeng"].points) == (1, -10)
    year = tally_units(records, scoring, 2026)
    assert sorted(year) == ["hefeng", "yunling"]
