"""The sample archive's 紧急信息: ten events over 2025 and 2026 that show every rule of the
timeliness board at work, as the office sees them on the sample's build date.

The figures come from the one set of rules (bulletin.figures.timeliness), assessed at a fixed
moment: the sample's build date (its last commit, 2026-11-30) and the test builds' moment
(BUILD_EPOCH, 2026-12-31 12:00), so that what the sample shows does not depend on the day the
tests run. Every expected figure below can be recomputed by hand from the event files and the
limits written out in mkdocs.yml.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import BUILD_EPOCH, REPO, copy_fixture, find_problem, problems_of

from bulletin.archive import load_archive
from bulletin.figures.timeliness import LATE, MISSING, ON_TIME, PHONE_STAGE, assess_events, tally_units
from bulletin.model import DEFAULT_TIME_LIMITS, EVENT_TYPES, GRADES
from bulletin.times import OFFICE_TIMEZONE

SAMPLE_BUILD = dt.datetime(2026, 11, 30, 12, 0)
TEST_BUILDS = dt.datetime.fromtimestamp(int(BUILD_EPOCH), OFFICE_TIMEZONE).replace(tzinfo=None)
MOMENTS = [SAMPLE_BUILD, TEST_BUILDS]


@pytest.fixture(scope="module")
def sample():
    return load_archive(REPO)


def assess(sample, moment):
    records = assess_events(sample.events, sample.reports, sample.settings.emergency, moment)
    return {record.event.id: record for record in records}


def test_the_sample_writes_out_the_default_limits_and_points(sample):
    rules = sample.settings.emergency
    assert rules.count_from == "occurred"
    assert rules.limits == DEFAULT_TIME_LIMITS
    assert sample.settings.scoring.emergency == {"on_time": 2, "late": -2, "missing": -5, "office_first": -5}
    series = sample.settings.find_series("jjxx")
    assert series is not None and series.emergency and series.name == "紧急信息"
    assert series.to_higher and series.editor and series.signer


def test_events_cover_both_years_every_grade_and_every_type(sample):
    events = sample.events
    assert len(events) >= 8
    assert {e.year for e in events} == {2025, 2026}
    assert {e.grade for e in events} == set(GRADES)  # as first assessed
    assert {e.type for e in events} == set(EVENT_TYPES)
    assert all(e.unit in sample.units for e in events)


def test_every_emergency_report_is_a_numbered_issue_of_jjxx_dated_the_day_of_the_report_or_the_next(sample):
    emergency = [r for r in sample.reports if r.emergency is not None]
    assert len(emergency) >= 25
    assert {r.series for r in emergency} == {"jjxx"}
    assert {r.category for r in emergency} == {"紧急信息"}
    assert [r for r in sample.reports if r.series == "jjxx" and r.emergency is None] == []
    for report in emergency:
        assert report.placement is not None, report.path  # published
        reported = report.emergency.reported.date()
        assert report.placement.date in (reported, reported + dt.timedelta(days=1)), report.path
    issues = sample.issues_of("jjxx")
    assert {i.year for i in issues} == {2025, 2026}
    for year in (2025, 2026):
        numbers = [i.number for i in issues if i.year == year]
        assert numbers == list(range(1, len(numbers) + 1))
    chains = {r.emergency.event for r in emergency}
    assert chains == {e.id for e in sample.events}  # every event has its reports, every report its event


@pytest.mark.parametrize("moment", MOMENTS, ids=["sample-build", "test-builds"])
def test_the_open_event_owes_an_overdue_follow_up(sample, moment):
    records = assess(sample, moment)
    open_events = [r for r in records.values() if r.event.ended is None]
    assert [r.event.id for r in open_events] == ["1124-dongjiao-yuchuan-chenmo"]
    record = open_events[0]
    last = record.reports[-1].emergency
    assert last.label == "续报三" and moment - last.reported > dt.timedelta(days=1)
    assert record.overdue and not record.closed
    assert record.next_due.stage == "续报" and record.next_due.status == MISSING
    assert record.next_due.due == dt.datetime(2026, 11, 27, 18, 10)  # 续报三 (26日18:10) + 1440 minutes (较大)
    assert record.count(MISSING) == 1  # a long silence is one missing 续报, not one a day


@pytest.mark.parametrize("moment", MOMENTS, ids=["sample-build", "test-builds"])
def test_the_ended_event_without_its_final_report(sample, moment):
    record = assess(sample, moment)["1019-bailing-keche-cefan"]
    assert record.event.ended == dt.datetime(2026, 10, 19, 22, 30) and not record.closed
    assert record.next_due.stage == "终报" and record.next_due.status == MISSING
    assert record.next_due.due == dt.datetime(2026, 10, 26, 22, 30)  # ended + 7 days (一般)
    assert record.count(MISSING) == 1 and record.count(LATE) == 0


def test_the_office_learned_of_one_event_first(sample):
    records = assess(sample, SAMPLE_BUILD)
    first = [r for r in records.values() if r.office_first]
    assert [r.event.id for r in first] == ["1216-jingkai-taoxin-juji"]
    event, opening = first[0].event, first[0].reports[0].emergency
    assert opening.stage == "初报"
    assert event.office_learned < event.phoned and event.office_learned < opening.reported
    # and it was reported late, by telephone and in writing
    assert [(s.stage, s.status, s.late_minutes) for s in first[0].steps] == [
        (PHONE_STAGE, LATE, 10),
        ("初报", LATE, 40),
        ("终报", ON_TIME, 0),
    ]


def test_the_upgraded_event_counts_the_next_follow_up_by_the_new_grade(sample):
    record = assess(sample, SAMPLE_BUILD)["0714-qingshi-shanhong"]
    event = record.event
    assert event.grade == "较大" and [(c.grade, c.time) for c in event.changes] == [
        ("重大", dt.datetime(2026, 7, 14, 12, 0))
    ]
    steps = {s.stage: s for s in record.steps}
    assert (steps["续报一"].grade, steps["续报一"].limit_minutes) == ("较大", 1440)  # before the upgrade
    after = steps["续报二"]  # the first 续报 reported after the upgrade
    assert after.report.emergency.reported > event.changes[0].time
    assert (after.grade, after.start, after.due) == ("重大", event.changes[0].time, dt.datetime(2026, 7, 14, 20, 0))
    assert after.status == ON_TIME
    assert (steps["续报四"].grade, steps["续报四"].status, steps["续报四"].late_minutes) == ("重大", LATE, 35)
    assert steps["终报"].grade == "重大" and steps["终报"].limit_minutes == 5 * 24 * 60


def test_reports_on_time_and_late_of_every_kind(sample):
    records = assess(sample, SAMPLE_BUILD)
    steps = [s for r in records.values() for s in r.steps]
    late = {(s.event.id, s.stage): s.late_minutes for s in steps if s.status == LATE}
    assert late == {
        ("0911-jiangyu-taifeng", "续报二"): 30,  # 特别重大: a 续报 every 240 minutes
        ("0923-dongping-shiwu-zhongdu", "终报"): 8700,  # after the National Day holiday
        ("1120-wangjiang-ranqi-baoran", "初报"): 45,
        ("1216-jingkai-taoxin-juji", PHONE_STAGE): 10,
        ("1216-jingkai-taoxin-juji", "初报"): 40,
        ("0714-qingshi-shanhong", "续报四"): 35,
        ("1124-dongjiao-yuchuan-chenmo", PHONE_STAGE): 10,
        ("1124-dongjiao-yuchuan-chenmo", "续报三"): 90,
    }
    assert sum(1 for s in steps if s.status == ON_TIME) >= 25
    model = records["0616-baisha-shanhong"]  # a chain as it should be: every report on time
    assert [s.stage for s in model.steps] == [PHONE_STAGE, "初报", "续报一", "终报"]
    assert {s.status for s in model.steps} == {ON_TIME} and model.closed
    phoned = [r for r in records.values() if r.event.phoned is not None]
    assert len(phoned) >= 5 and all(r.steps[0].stage == PHONE_STAGE for r in phoned)


def test_unit_figures_can_be_recomputed_by_hand(sample):
    records = assess(sample, SAMPLE_BUILD).values()
    scoring = sample.settings.scoring
    figures_2025 = tally_units(records, scoring, 2025)
    # 经开区 2025: telephone and 初报 late (2 × -2), 终报 on time (+2), learned of first (-5)
    jingkai = figures_2025["jingkai"]
    assert (jingkai.events, jingkai.on_time, jingkai.late, jingkai.missing, jingkai.office_first) == (1, 1, 2, 0, 1)
    assert jingkai.points == -7
    figures_2026 = tally_units(records, scoring, 2026)
    # 江屿区 2026: 3 on time (+6), telephone and 续报三 late (-4), the overdue 续报 (-5)
    assert figures_2026["jiangyu"].points == -3
    # 柳溪县 2026: 3 on time (+6), the missing 终报 (-5); credited to October, when it occurred
    assert figures_2026["liuxi"].points == 1
    assert tally_units(records, scoring, 2026, 10)["liuxi"].points == 1
    assert "liuxi" not in tally_units(records, scoring, 2026, 11)


def test_a_deduction_is_a_negative_number_within_its_bounds(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    points = "      emergency: {on_time: 2, late: -2, missing: -2000, office_first: 0}"
    text = text.replace("  bulletin:\n", f"  bulletin:\n    scoring:\n{points}\n", 1)
    config.write_text(text, encoding="utf-8")
    line = text.split("\n").index(points) + 1
    problems = problems_of(root)
    find_problem(problems, "mkdocs.yml", line, "extra.bulletin.scoring.emergency.missing", "不能小于 -1000")
    assert not [p for p in problems if p.field.endswith(".late")]  # -2 is read as the deduction it is
