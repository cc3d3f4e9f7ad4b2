"""An event's chain of reports (初报 → 续报一、续报二… → 终报) is checked as a whole, every
problem at its file and line, all in one run, and nothing is published."""

from __future__ import annotations

from helpers import find_problem, problems_of, write

EVENT_FILE = "reports/events/2026/0305-hefeng-qiaota.yml"
EVENT = """# 禾丰县一座人行便桥垮塌
name: 禾丰县河口镇人行便桥垮塌
type: 事故灾难
grade: 较大
place: 禾丰县河口镇
unit: hefeng
occurred: 2026-03-05 07:20
office_learned: 2026-03-05 07:50
"""


def emergency_report(number: int, stage: str, reported: str) -> str:
    return f"""---
title: 禾丰县河口镇人行便桥垮塌情况（{stage}）
unit: hefeng
series: jjxx
issue: {number}
date: 2026-03-{5 + number:02d}
category: 工作动态
emergency:
  event: 0305-hefeng-qiaota
  stage: {stage}
  reported: {reported}
---
3月5日7时20分许，禾丰县河口镇一座人行便桥发生垮塌，县应急、交通部门已赶赴现场处置。
"""


def write_chain(root, *reports: tuple[str, str]) -> list[str]:
    write(root, EVENT_FILE, EVENT)
    paths = []
    for number, (stage, reported) in enumerate(reports, start=1):
        path = f"reports/2026/03{number:02d}-hefeng-qiaota.md"
        write(root, path, emergency_report(number, stage, reported))
        paths.append(path)
    return paths


def test_a_good_chain_is_published(archive_root):
    from bulletin.archive import load_archive

    write_chain(
        archive_root,
        ("初报", "2026-03-05 08:40"),
        ("续报一", "2026-03-05 18:00"),
        ("续报二", "2026-03-06 09:00"),
        ("终报", "2026-03-09 10:00"),
    )
    write(archive_root, EVENT_FILE, EVENT + "ended: 2026-03-06 12:00\n")
    archive = load_archive(archive_root)
    stages = [r.emergency.label for i in archive.issues_of("jjxx") for r in i.reports]
    assert stages == ["初报", "续报一", "续报二", "终报"]


def test_every_chain_problem_in_one_run(archive_root):
    first, second, third, fourth = write_chain(
        archive_root,
        ("续报一", "2026-03-05 08:40"),  # no 初报 in the chain at all
        ("续报三", "2026-03-05 18:00"),  # the second 续报: should be 续报二
        ("终报", "2026-03-06 09:00"),  # 终报 without `ended` in the event
        ("终报", "2026-03-06 10:00"),  # a second 终报, and after the first
    )
    problems = problems_of(archive_root)
    find_problem(problems, first, 10, "emergency.stage", "还没有初报：一个事件的第一篇报告是初报")
    find_problem(
        problems, second, 10, "emergency.stage", "应当是续报二：事件“禾丰县河口镇人行便桥垮塌”的续报按时间先后编号"
    )
    find_problem(problems, fourth, 10, "emergency.stage", "已有终报（reports/2026/0303-hefeng-qiaota.md）")
    find_problem(problems, fourth, 11, "emergency.reported", "终报之后不能再有报告")
    find_problem(problems, EVENT_FILE, 1, "ended", "事件已有终报（reports/2026/0303-hefeng-qiaota.md）：请写 ended")
    assert not any(p.path == third and p.field == "emergency.stage" for p in problems)


def test_report_times_never_go_backwards(archive_root):
    _first, second = write_chain(archive_root, ("初报", "2026-03-05 09:00"), ("续报一", "2026-03-05 08:59"))
    find_problem(
        problems_of(archive_root),
        second,
        11,
        "emergency.reported",
        "续报一的报告时间 2026-03-05 08:59 早于初报（reports/2026/0301-hefeng-qiaota.md）的 2026-03-05 09:00",
    )


def test_two_first_reports_are_refused(archive_root):
    _first, second = write_chain(archive_root, ("初报", "2026-03-05 09:00"), ("初报", "2026-03-05 10:00"))
    find_problem(problems_of(archive_root), second, 10, "emergency.stage", "一个事件只有一篇初报，其后的写续报")


def test_final_report_before_the_end_of_the_event_is_refused(archive_root):
    _first, final = write_chain(archive_root, ("初报", "2026-03-05 09:00"), ("终报", "2026-03-06 10:00"))
    write(archive_root, EVENT_FILE, EVENT + "ended: 2026-03-06 12:00\n")
    find_problem(problems_of(archive_root), final, 11, "emergency.reported", "早于事件的处置结束时间 2026-03-06 12:00")


def test_grade_changes_in_time_order_and_not_after_the_end(archive_root):
    write_chain(archive_root, ("初报", "2026-03-05 09:00"))
    write(
        archive_root,
        EVENT_FILE,
        EVENT
        + "ended: 2026-03-06 12:00\nchanges:\n"
        + "  - {time: 2026-03-05 12:00, grade: 重大, note: 伤亡人数上升}\n"
        + "  - {time: 2026-03-05 11:00, grade: 较大}\n"
        + "  - {time: 2026-03-07 08:00, grade: 一般}\n",
    )
    problems = problems_of(archive_root)
    find_problem(problems, EVENT_FILE, 10, "changes[2].time", "要晚于事件发生时间和前一次调整")
    find_problem(problems, EVENT_FILE, 10, "changes[3].time", "晚于处置结束时间 2026-03-06 12:00")


def test_event_files_in_the_wrong_place_or_twice(archive_root):
    write(archive_root, "reports/events/0305-hefeng-qiaota.yml", EVENT)
    write(archive_root, "reports/events/2026/Bad_Name.yml", EVENT)
    write(archive_root, EVENT_FILE, EVENT)
    write(archive_root, "reports/events/2025/0305-hefeng-qiaota.yml", EVENT.replace("2026-03-05", "2025-03-05"))
    problems = problems_of(archive_root)
    find_problem(
        problems, "reports/events/0305-hefeng-qiaota.yml", 1, "file", "reports/events/<发生年份>/<事件编号>.yml"
    )
    find_problem(problems, "reports/events/2026/Bad_Name.yml", 1, "file", "编号只用小写英文字母、数字和连字符")
    find_problem(problems, EVENT_FILE, 1, "file", "事件编号 0305-hefeng-qiaota 重复了")


def test_an_event_dated_after_the_build_date_is_a_typing_slip(archive_root):
    from bulletin.archive import load_archive
    from bulletin.errors import BulletinError

    write(archive_root, EVENT_FILE, EVENT.replace("2026-03-05 07:50", "2027-03-05 07:50"))
    import datetime as dt

    try:
        load_archive(archive_root, today=dt.date(2026, 12, 31))
    except BulletinError as error:
        find_problem(error.problems, EVENT_FILE, 8, "office_learned", "晚于今天（2026-12-31）")
    else:
        raise AssertionError("an event learned of next year was accepted")
