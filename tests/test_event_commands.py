"""The duty room's commands for 紧急信息: `bulletin event open/report/grade/close`, `bulletin new
--series jjxx`, the event file schema, and what `check --base` and `diff` say of events.

The real `bulletin` command (helpers.run_bulletin) on a copy of the fixture archive (its series
jjxx is an emergency series), real Git repositories for the review; every refusal leaves the
tree as it was."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import BUILD_EPOCH, REPO, commit_all, edit, git, problems_of, run_bulletin, tree_digest, write

from bulletin.archive import load_archive
from bulletin.commands.moments import MomentError, read_moment
from bulletin.placeholders import BODY_PLACEHOLDER, EVENT_PLACEHOLDER

EVENT_ID = "0714-qingshi-shanhong"
EVENT_FILE = f"reports/events/2026/{EVENT_ID}.yml"
FIRST = f"reports/2026/{EVENT_ID}-chubao.md"
SECOND = f"reports/2026/{EVENT_ID}-xubao1.md"
FINAL = f"reports/2026/{EVENT_ID}-zhongbao.md"
OPEN = (
    "event",
    "open",
    "--name",
    "云岭县青石镇山洪灾害",
    "--type",
    "自然灾害",
    "--grade",
    "较大",
    "--place",
    "云岭县青石镇",
    "--unit",
    "青石镇",  # a part of the unit's name, as an editor types it
    "--occurred",
    "2026-07-14 5:40",
    "--office-learned",
    "7月14日6时30分",
    "--phoned",
    "2026-07-14 06:05",
    "--id",
    EVENT_ID,
)
TEXT = "7月14日5时40分，云岭县青石镇遭遇强降雨引发山洪，镇村干部已组织转移群众。"


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks this module makes in its own process speak for the commands' moment (BUILD_EPOCH):
    what a command stamped as "now" is never later than the day the check speaks for."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def bulletin(root: Path, *args: str, epoch: str = BUILD_EPOCH):
    """The command as an editor runs it (Chinese), its clock (the build's date and "now",
    bulletin.clock) at ``epoch``: a time typed without its year is of that year, whatever the day
    the test runs."""
    return run_bulletin("--root", str(root), *args, SOURCE_DATE_EPOCH=epoch)


def fill_in(root: Path, path: str, text: str = TEXT) -> None:
    file = root / path
    file.write_text(file.read_text(encoding="utf-8").replace(BODY_PLACEHOLDER, text), encoding="utf-8")


def open_event(root: Path) -> None:
    result = bulletin(root, *OPEN)
    assert result.returncode == 0, result.output


# --- the whole chain ------------------------------------------------------------------------


def test_open_report_grade_close_write_a_chain_that_passes_check(archive_root):
    root = archive_root
    opened = bulletin(root, *OPEN)
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert opened.stdout.splitlines()[0] == f"已登记事件 {EVENT_ID}：{EVENT_FILE}"  # then its state (test_event_state)
    event_text = (root / EVENT_FILE).read_text(encoding="utf-8")
    # The times as the files write them, whatever form was typed; the unit as its key.
    assert "occurred: 2026-07-14 05:40\n" in event_text
    assert "office_learned: 2026-07-14 06:30\n" in event_text
    assert "unit: qingshi-town\n" in event_text
    assert bulletin(root, "check", EVENT_FILE).returncode == 0

    first = bulletin(root, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:10")
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.strip().startswith(f"已写入事件 {EVENT_ID} 的初报：{FIRST}")
    # Unfinished until the text is in: check names the body line.
    unfinished = bulletin(root, "check", FIRST)
    assert unfinished.returncode == 1 and f"{FIRST}:" in unfinished.stdout and "模板提示文字" in unfinished.stdout
    fill_in(root, FIRST)
    checked = bulletin(root, "check", FIRST)
    assert checked.returncode == 0, checked.stdout

    second = bulletin(root, "event", "report", EVENT_ID, "--reported", "7月14日10:20")
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"的续报一：{SECOND}" in second.stdout
    fill_in(root, SECOND, "截至10时，已转移群众1200人，无人员伤亡。")

    graded = bulletin(
        root, "event", "grade", EVENT_ID, "--grade", "Ⅱ级", "--time", "2026-07-14 12:00", "--note", "因灾死亡人数上升"
    )
    assert graded.returncode == 0, graded.stdout + graded.stderr
    assert "升级：2026-07-14 12:00 起为重大" in graded.stdout

    closed = bulletin(root, "event", "close", EVENT_ID, "--ended", "2026-07-16 18:00", "--reported", "2026-07-17 09:00")
    assert closed.returncode == 0, closed.stdout + closed.stderr
    assert f"的终报：{FINAL}" in closed.stdout
    fill_in(root, FINAL, "山洪灾害处置工作已结束，受灾群众全部妥善安置。")

    whole = bulletin(root, "check")
    assert whole.returncode == 0, whole.stdout + whole.stderr
    archive = load_archive(root, today=dt.date(2026, 12, 31))
    (event,) = archive.events
    assert (event.grade, [(c.time, c.grade, c.note) for c in event.changes]) == (
        "较大",
        [(dt.datetime(2026, 7, 14, 12, 0), "重大", "因灾死亡人数上升")],
    )
    assert event.ended == dt.datetime(2026, 7, 16, 18, 0)
    chain = sorted((r.emergency.reported, r.emergency.label, r.series, r.units) for r in archive.reports if r.emergency)
    assert chain == [
        (dt.datetime(2026, 7, 14, 7, 10), "初报", "jjxx", ("qingshi-town",)),
        (dt.datetime(2026, 7, 14, 10, 20), "续报一", "jjxx", ("qingshi-town",)),
        (dt.datetime(2026, 7, 17, 9, 0), "终报", "jjxx", ("qingshi-town",)),
    ]
    # Nothing after the 终报.
    before = tree_digest(root / "reports")
    after_final = bulletin(root, "event", "report", EVENT_ID, "--reported", "2026-07-18 08:00")
    assert after_final.returncode == 1
    assert "已经终报" in after_final.stdout and "没有写入任何文件" in after_final.stderr
    assert tree_digest(root / "reports") == before


def test_grade_and_close_keep_the_editors_comments_and_layout(archive_root):
    write(
        archive_root,
        EVENT_FILE,
        """
        # 值班室登记，张明核对
        name: 云岭县青石镇山洪灾害
        type: 自然灾害
        grade: 较大   # 初判
        place: 云岭县青石镇
        unit: qingshi-town
        occurred: 2026-07-14 05:40
        office_learned: 2026-07-14 06:30
        changes:
          - time: 2026-07-14 09:00
            grade: 一般
            note: 经核实无人员伤亡
        # 以下由命令写入
        """,
    )
    write(
        archive_root,
        FIRST,
        f"""
        ---
        title: 云岭县青石镇山洪灾害（初报）
        unit: qingshi-town
        series: jjxx
        category: 工作动态
        emergency: {{event: {EVENT_ID}, stage: 初报, reported: 2026-07-14 07:10}}
        ---
        {TEXT}
        """,
    )
    graded = bulletin(archive_root, "event", "grade", EVENT_ID, "--grade", "较大", "--time", "2026-07-14 13:00")
    assert graded.returncode == 0, graded.output
    assert "降级" not in graded.output and "升级" in graded.output
    closed = bulletin(
        archive_root, "event", "close", EVENT_ID, "--ended", "7月16日18时", "--reported", "2026-07-17 9:00"
    )
    assert closed.returncode == 0, closed.output
    text = (archive_root / EVENT_FILE).read_text(encoding="utf-8")
    assert text.startswith("# 值班室登记，张明核对\n")
    assert "grade: 较大   # 初判\n" in text
    assert "    note: 经核实无人员伤亡\n  - {time: 2026-07-14 13:00, grade: 较大}\n" in text
    assert text.endswith("# 以下由命令写入\nended: 2026-07-16 18:00\n")
    fill_in(archive_root, FINAL)
    assert problems_of(archive_root) == ()


# --- refused, with nothing written ------------------------------------------------------------


def refused(root: Path, *args: str, code: int = 1) -> str:
    """The output of a refused command; the archive is as it was."""
    before = tree_digest(root / "reports")
    result = bulletin(root, *args)
    assert result.returncode == code, result.output
    assert tree_digest(root / "reports") == before
    return result.output


def with_option(option: str, value: str) -> tuple[str, ...]:
    args = list(OPEN)
    args[args.index(option) + 1] = value
    return tuple(args)


@pytest.mark.parametrize(
    "args, code, fragment",
    [
        (with_option("--unit", "青山镇"), 1, "没有“青山镇”这个单位"),
        (with_option("--occurred", "2026-07-14 0540"), 2, "“2026-07-14 0540”不是时间：请写成 年-月-日 时:分"),
        (with_option("--occurred", "2026-02-30 10:00"), 2, "“2026-02-30 10:00”不是真实的日期和时间"),
        (with_option("--occurred", "x" * 10_000), 2, "不是时间"),
        (with_option("--occurred", "2099-07-14 05:40"), 1, "2099-07-14 05:40 还没有到"),
        (with_option("--office-learned", "2026-07-14 05:00"), 1, "市委办获知时间 2026-07-14 05:00 早于事件发生时间"),
        (with_option("--type", "洪水"), 2, "没有“洪水”这类事件"),
        (with_option("--type", "自然"), 2, "是不是“自然灾害”"),
        (with_option("--grade", "五级"), 2, "没有“五级”这个等级"),
        (with_option("--name", "山洪\n灾害"), 1, "不能有尖括号 < >、换行或控制字符"),
        (with_option("--name", "洪" * 201), 1, "超过 200 个字符的上限"),
        (with_option("--name", "山洪\u202e灾害"), 1, "不可见的控制字符"),
        (with_option("--id", "0714_Qingshi"), 1, "--id 只能用小写英文字母"),
    ],
)
def test_open_refuses_bad_input_in_chinese_and_writes_nothing(archive_root, args, code, fragment):
    assert fragment in refused(archive_root, *args, code=code)
    assert not (archive_root / "reports/events").exists()


def test_opening_the_same_event_twice_is_refused(archive_root):
    open_event(archive_root)
    output = refused(archive_root, *with_option("--id", "0714-qingshi-shanhong-2"))
    assert f"这个事件已经登记过：{EVENT_FILE}" in output


@pytest.fixture
def opened(archive_root):
    open_event(archive_root)
    return archive_root


def test_unknown_event_is_refused_with_the_closest_id(opened):
    output = refused(opened, "event", "report", "0714-qingshi-shanhon", "--reported", "2026-07-14 07:10")
    assert f"没有登记事件“0714-qingshi-shanhon”，是不是 {EVENT_ID}（云岭县青石镇山洪灾害）？" in output
    assert "没有登记事件“xyz”" in refused(opened, "event", "close", "xyz", "--ended", "2026-07-16 18:00")


def test_close_before_the_event_occurred_is_refused(opened):
    assert bulletin(opened, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:10").returncode == 0
    output = refused(
        opened, "event", "close", EVENT_ID, "--ended", "2026-07-13 18:00", "--reported", "2026-07-17 09:00"
    )
    assert f"{EVENT_FILE}:" in output and "处置结束时间 2026-07-13 18:00 早于事件发生时间 2026-07-14 05:40" in output
    assert "ended:" not in (opened / EVENT_FILE).read_text(encoding="utf-8")


def test_close_without_a_first_report_is_refused(opened):
    output = refused(opened, "event", "close", EVENT_ID, "--ended", "2026-07-16 18:00", "--reported", "2026-07-17 9:00")
    assert "还没有初报：先用 bulletin event report" in output


def test_a_report_earlier_than_the_one_before_is_refused(opened):
    assert bulletin(opened, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:10").returncode == 0
    output = refused(opened, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:00")
    assert "续报一的报告时间 2026-07-14 07:00 早于初报" in output


def test_a_second_first_report_is_refused(opened):
    assert bulletin(opened, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:10").returncode == 0
    output = refused(opened, "event", "report", EVENT_ID, "--stage", "初报", "--reported", "2026-07-14 08:00")
    assert "已有初报" in output
    assert "不是报告阶段" in refused(opened, "event", "report", EVENT_ID, "--stage", "快报")
    assert "bulletin event close" in refused(opened, "event", "report", EVENT_ID, "--stage", "终报")


def test_a_follow_up_after_the_event_ended_points_to_close(opened):
    assert bulletin(opened, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:10").returncode == 0
    edit(opened, EVENT_FILE, "phoned: 2026-07-14 06:05\n", "phoned: 2026-07-14 06:05\nended: 2026-07-16 18:00\n")
    output = refused(opened, "event", "report", EVENT_ID, "--reported", "2026-07-17 08:00")
    assert f"已于 2026-07-16 18:00 处置结束：请用 bulletin event close {EVENT_ID} 写终报" in output
    # close then takes the end from the file.
    result = bulletin(opened, "event", "close", EVENT_ID, "--reported", "2026-07-17 09:00")
    assert result.returncode == 0, result.output
    assert "stage: 终报" in (opened / FINAL).read_text(encoding="utf-8")


def test_an_upgrade_to_the_same_grade_or_before_the_event_is_refused(opened):
    output = refused(opened, "event", "grade", EVENT_ID, "--grade", "较大", "--time", "2026-07-14 12:00")
    assert "调整后的等级“较大”与调整前相同" in output
    output = refused(opened, "event", "grade", EVENT_ID, "--grade", "重大", "--time", "2026-07-14 05:00")
    assert "等级调整的时间 2026-07-14 05:00 要晚于事件发生时间" in output


def test_a_broken_event_file_is_named_instead_of_guessed(opened):
    edit(opened, EVENT_FILE, "grade: 较大", "grade: 大")
    output = refused(opened, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:10")
    assert f"{EVENT_FILE}:" in output and "grade" in output


def test_time_forms_the_duty_room_writes():
    now = dt.datetime(2026, 1, 1, 0, 30)
    assert read_moment("2026-07-14 05:40", now) == dt.datetime(2026, 7, 14, 5, 40)
    assert read_moment("2026/7/14 5:40", now) == dt.datetime(2026, 7, 14, 5, 40)
    assert read_moment("2026年7月14日5时40分", now) == dt.datetime(2026, 7, 14, 5, 40)
    assert read_moment("7月14日5时", dt.datetime(2026, 8, 1)) == dt.datetime(2026, 7, 14, 5, 0)
    assert read_moment("12月31日23:50", now) == dt.datetime(2025, 12, 31, 23, 50)  # typed on 1 January
    assert read_moment("00:10", now) == dt.datetime(2026, 1, 1, 0, 10)
    assert read_moment("昨天23:10", now) == dt.datetime(2025, 12, 31, 23, 10)
    assert read_moment("现在", now) == now
    for wrong in ("2026-07-14", "25:00", "7月14日", "2026-07-14 05:40:00", "明天8:00", ""):
        with pytest.raises(MomentError):
            read_moment(wrong, now)


def test_a_time_typed_for_today_is_written_with_todays_date(archive_root):
    epoch = str(int(time.time()))  # the build date is today, as for an editor
    today = dt.datetime.fromtimestamp(int(epoch), dt.timezone(dt.timedelta(hours=8))).date()
    args = with_option("--occurred", "00:00")
    args = tuple(a if a != "7月14日6时30分" else "00:01" for a in args)
    args = tuple(a for a in args if a not in ("--phoned", "2026-07-14 06:05"))
    result = bulletin(archive_root, *args, epoch=epoch)
    assert result.returncode == 0, result.stdout + result.stderr
    event_file = archive_root / f"reports/events/{today.year}/{EVENT_ID}.yml"
    assert f"occurred: {today} 00:00\n" in event_file.read_text(encoding="utf-8")


# --- bulletin new --series jjxx --------------------------------------------------------------------


def test_new_in_the_emergency_series_passes_check_once_filled_in(opened):
    result = bulletin(opened, "new", "--unit", "qingshi-town", "--title", "青石镇山洪最新情况", "--series", "jjxx")
    assert result.returncode == 0, result.stderr
    path = result.stdout.strip()
    text = (opened / path).read_text(encoding="utf-8")
    assert f"  event: {EVENT_PLACEHOLDER}" in text and "  stage: 初报" in text
    check = bulletin(opened, "check", path)
    assert check.returncode == 1
    assert "emergency.event: 还没有填写事件编号" in check.stdout and "body: 这一行还是 bulletin new" in check.stdout
    edit(opened, path, EVENT_PLACEHOLDER, EVENT_ID)
    edit(opened, path, text.split("reported: ")[1][:16], "2026-07-14 07:10")
    fill_in(opened, path)
    check = bulletin(opened, "check", path)
    assert check.returncode == 0, check.stdout


def test_new_with_an_event_writes_the_next_stage(opened):
    assert bulletin(opened, "event", "report", EVENT_ID, "--reported", "2026-07-14 07:10").returncode == 0
    fill_in(opened, FIRST)
    result = bulletin(opened, "new", "--unit", "qingshi-town", "--title", "青石镇山洪续报", "--event", EVENT_ID)
    assert result.returncode == 0, result.output
    path = result.output.strip()
    text = (opened / path).read_text(encoding="utf-8")
    assert "series: jjxx\n" in text and f"  event: {EVENT_ID}\n  stage: 续报一\n" in text
    fill_in(opened, path)
    assert problems_of(opened) == ()
    assert "只用于紧急信息类刊物" in refused(
        opened, "new", "--unit", "yunling", "--title", "标题", "--series", "zk", "--event", EVENT_ID
    )


# --- the JSON schema of event files -----------------------------------------------------------------


def test_shipped_event_schema_is_up_to_date_and_matches_written_files(opened):
    result = run_bulletin("--root", str(REPO), "schema", "--of", "event")
    assert result.returncode == 0, result.output
    shipped = json.loads((REPO / "schema/event.schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(result.stdout), (
        "regenerate: .venv/bin/bulletin schema --of event > schema/event.schema.json"
    )
    schema = json.loads(bulletin(opened, "schema", "--of", "event").stdout)
    written = yaml.load((opened / EVENT_FILE).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    jsonschema.validate(written, schema)
    for wrong in ({"type": "洪水"}, {"occurred": "2026-07-14 5:40"}, {"unit": "nowhere"}, {"grade": "Ⅱ级"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(written | wrong, schema)


def test_report_schema_stage_pattern_holds_for_the_whole_value():
    schema = json.loads((REPO / "schema/report.schema.json").read_text(encoding="utf-8"))
    stage = schema["properties"]["emergency"]["properties"]["stage"]
    jsonschema.validate("续报二", stage)
    for wrong in ("初报告", "x终报", "续报"):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, stage)


# --- review: check --base and diff --------------------------------------------------------------------


PUBLISHED_FIRST = f"""
---
title: 云岭县青石镇山洪灾害（初报）
unit: qingshi-town
series: jjxx
issue: 1
date: 2026-07-14
category: 工作动态
emergency:
  event: {EVENT_ID}
  stage: 初报
  reported: 2026-07-14 07:10
---
{TEXT}
"""


@pytest.fixture
def published(repo):
    """main has the event and its 初报 published in 《紧急信息》2026年第1期; branch `change` is checked out."""
    git(repo, "checkout", "-q", "main")
    open_event(repo)
    write(repo, FIRST, PUBLISHED_FIRST)
    commit_all(repo, "紧急信息第1期")
    git(repo, "checkout", "-q", "-B", "change")
    return repo


def check_base(root: Path) -> tuple[int, str]:
    result = bulletin(root, "check", "--base", "main")
    return result.returncode, result.output


def test_check_base_refuses_a_changed_time_on_a_published_emergency_report(published):
    edit(published, FIRST, "reported: 2026-07-14 07:10", "reported: 2026-07-14 06:50")
    code, output = check_base(published)
    assert code == 1
    assert f"{FIRST}:8: emergency.reported: 在 main 上发布时 emergency.reported 是 2026-07-14 07:10" in output
    # With a correction that says why, the change is allowed.
    edit(
        published, FIRST, "emergency:", "corrections:\n  - {date: 2026-07-20, note: 报告时间应为6时50分。}\nemergency:"
    )
    code, output = check_base(published)
    assert code == 0, output


def test_check_base_refuses_a_changed_stage_on_a_published_emergency_report(published):
    git(published, "checkout", "-q", "main")
    write(
        published,
        SECOND,
        PUBLISHED_FIRST.replace("（初报）", "（续报一）")
        .replace("stage: 初报", "stage: 续报一")
        .replace("07:10", "10:20")
        .replace("issue: 1", "issue: 2"),
    )
    commit_all(published, "紧急信息第2期")
    git(published, "checkout", "-q", "-B", "change")
    # The 续报一 turned into a 终报 (with the end recorded, a chain that reads well): refused.
    edit(published, SECOND, "stage: 续报一", "stage: 终报")
    edit(published, EVENT_FILE, "phoned:", "ended: 2026-07-14 10:00\nphoned:")
    code, output = check_base(published)
    assert code == 1
    assert f"{SECOND}:8: emergency.stage: 在 main 上发布时 emergency.stage 是 续报一" in output


def test_check_base_keeps_the_facts_of_an_event_with_published_reports(published):
    edit(published, EVENT_FILE, "occurred: 2026-07-14 05:40", "occurred: 2026-07-14 06:00")
    code, output = check_base(published)
    assert code == 1
    assert f"{EVENT_FILE}:8: occurred: 事件已有在 main 上发布的报告，当时 occurred 是 2026-07-14 05:40" in output
    edit(published, EVENT_FILE, "phoned:", "corrections:\n  - {date: 2026-07-20, note: 发生时间经核实为6时。}\nphoned:")
    code, output = check_base(published)
    assert code == 0, output


def test_check_base_lets_the_chain_go_on_and_refuses_removing_the_event(published):
    # Adding a grade change, the end and the 终报 is the normal course of an event.
    assert (
        bulletin(published, "event", "grade", EVENT_ID, "--grade", "重大", "--time", "2026-07-14 12:00").returncode == 0
    )
    closed = bulletin(
        published, "event", "close", EVENT_ID, "--ended", "2026-07-16 18:00", "--reported", "2026-07-17 9:00"
    )
    assert closed.returncode == 0, closed.output
    fill_in(published, FINAL)
    code, output = check_base(published)
    assert code == 0, output
    diff = bulletin(published, "diff", "--base", "main").output
    assert "### 紧急事件" in diff
    assert (
        f"- 云岭县青石镇山洪灾害 `{EVENT_FILE}`：处置结束于 2026-07-16 18:00；升级：2026-07-14 12:00 起为重大" in diff
    )
    # Removing a recorded grade change, or the event file, is refused.
    commit_all(published, "终报")
    edit(published, EVENT_FILE, "  - {time: 2026-07-14 12:00, grade: 重大}\n", "")
    edit(published, EVENT_FILE, "changes:\n", "")
    git(published, "checkout", "-q", "-b", "later")
    commit_all(published, "删去等级调整")
    result = bulletin(published, "check", "--base", "change")
    code, output = result.returncode, result.output
    assert code == 1 and "changes: change 上已记录的等级调整被删除或改动了" in output
    (published / FINAL).unlink()
    (published / FIRST).unlink()
    (published / EVENT_FILE).unlink()
    output = bulletin(published, "check", "--base", "change").output
    assert f"{EVENT_FILE}:1: file: 事件 {EVENT_ID} 在 change 上已有发布的报告" in output


def test_diff_lists_a_new_event(repo):
    open_event(repo)
    output = bulletin(repo, "diff", "--base", "main").output
    assert "### 紧急事件" in output
    assert (
        f"- 登记：云岭县青石镇山洪灾害（自然灾害，较大（Ⅲ级），云岭县青石镇，发生于 2026-07-14 05:40）`{EVENT_FILE}`"
        in output
    )


def test_the_event_commands_speak_chinese_and_english_on_request(archive_root):
    for command in ("open", "report", "close", "grade"):
        chinese = run_bulletin("event", command, "--help")
        english = run_bulletin("--lang", "en", "event", command, "--help")
        assert chinese.returncode == english.returncode == 0, chinese.stderr + english.stderr
        chinese_text, english_text = (" ".join(r.stdout.split()) for r in (chinese, english))  # unwrapped
        assert "用法" in chinese_text and "年-月-日 时:分（北京时间）" in chinese_text
        assert "Usage" in english_text and "year-month-day hour:minute (Beijing time)" in english_text
        assert "年-月-日 时:分（北京时间）" not in english_text
    refused_in_english = run_bulletin(
        "--lang", "en", "--root", str(archive_root), "event", "report", "nothing", "--reported", "2026-07-14 07:10"
    )
    assert refused_in_english.returncode == 1
    assert 'no event "nothing" is declared' in refused_in_english.stdout
    assert "no file was written" in refused_in_english.stderr


def test_an_event_file_written_otherwise_is_rewritten_plainly_and_says_so(opened):
    edit(opened, EVENT_FILE, "phoned:", "changes: [{time: 2026-07-14 09:00, grade: 一般}]  # 流式写法\nphoned:")
    result = bulletin(opened, "event", "grade", EVENT_ID, "--grade", "重大", "--time", "2026-07-14 12:00")
    assert result.returncode == 0, result.output
    assert f"{EVENT_FILE} 的写法与命令写的不同，已按标准格式重写（其中的注释没有保留）" in result.output
    text = (opened / EVENT_FILE).read_text(encoding="utf-8")
    assert "changes:\n  - {time: 2026-07-14 09:00, grade: 一般}\n  - {time: 2026-07-14 12:00, grade: 重大}\n" in text
    event = next(e for e in load_archive(opened).events if e.id == EVENT_ID)
    assert [c.grade for c in event.changes] == ["一般", "重大"] and event.phoned == dt.datetime(2026, 7, 14, 6, 5)


def test_every_event_file_of_the_sample_and_the_fixtures_matches_the_shipped_schema():
    """What editors' editors check as they type agrees with what the validator accepts."""
    schema = json.loads((REPO / "schema/event.schema.json").read_text(encoding="utf-8"))
    files = sorted((REPO / "reports/events").glob("*/*.yml")) + sorted(
        (REPO / "tests/fixtures").glob("*/reports/events/*/*.yml")
    )
    assert len(files) >= 4
    validator = jsonschema.Draft202012Validator(schema)
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        # The sample's units are in the shipped schema; a fixture's own units are not.
        errors = [e.message for e in validator.iter_errors(data) if list(e.path) != ["unit"]]
        assert errors == [], path
