"""What `bulletin event` says an event owes: the state every command that writes ends with, and
`bulletin event list` (`status`): the step just written (按时 or 迟报 by how much), the next step
with its deadline and the limit of the grade in force, how long is left or how long it is overdue,
as of the command's clock; the same figures, in the same words, as the 紧急信息 board.

The real command (helpers.run_bulletin) on copies of the fixture archives, its clock set with
SOURCE_DATE_EPOCH; the board built for real (helpers.run_build). Worked by hand below with the
default limits (model.DEFAULT_TIME_LIMITS): 一般 phone 2小时, written 4小时, follow-up 1天,
final 7天; 重大 phone 30分, written 1小时, follow-up 8小时, final 5天.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from helpers import BUILD_EPOCH, REPO, copy_fixture, run_build, run_bulletin, tree_digest, write

from bulletin.commands.eventstate import LISTED_NAME_CHARS, describe_span
from bulletin.labels import format_minutes
from bulletin.times import OFFICE_TIMEZONE

EMERGENCY_FIXTURE = REPO / "tests" / "fixtures" / "emergency"
EVENT_ID = "1206-qingshi-shanhong"
EVENT_FILE = f"reports/events/2026/{EVENT_ID}.yml"
OPEN = (
    "event",
    "open",
    "--name",
    "云岭县青石镇山洪灾害",
    "--type",
    "自然灾害",
    "--grade",
    "一般",
    "--place",
    "云岭县青石镇",
    "--unit",
    "qingshi-town",
    "--occurred",
    "2026-12-06 07:30",
    "--office-learned",
    "2026-12-06 08:12",
    "--phoned",
    "2026-12-06 08:10",
    "--id",
    EVENT_ID,
)


def at(moment: str) -> str:
    """SOURCE_DATE_EPOCH of a Beijing time: the command's clock."""
    local = dt.datetime.strptime(moment, "%Y-%m-%d %H:%M").replace(tzinfo=OFFICE_TIMEZONE)
    return str(int(local.timestamp()))


def bulletin(root: Path, *args: str, clock: str):
    return run_bulletin("--root", str(root), *args, SOURCE_DATE_EPOCH=at(clock))


def ran(root: Path, *args: str, clock: str) -> list[str]:
    result = bulletin(root, *args, clock=clock)
    assert result.returncode == 0, result.output
    return result.stdout.splitlines()


# --- every command ends with the event's state ------------------------------------------------------


def test_each_command_says_what_was_written_how_timely_and_what_is_due_next(archive_root):
    root = archive_root
    # Opened at 08:15 with its telephone report (08:10, within 2小时 of 07:30): the 初报 is due by
    # 07:30 + 4小时 = 11:30, 3小时15分 from now.
    lines = ran(root, *OPEN, clock="2026-12-06 08:15")
    assert lines == [
        f"已登记事件 {EVENT_ID}：{EVENT_FILE}",
        f"截至 2026年12月6日 08:15，事件 {EVENT_ID}（云岭县青石镇山洪灾害）：一般（Ⅳ级），处置中",
        "  电话报告：2026年12月6日 08:10 收到，按时（应于 2026年12月6日 09:30 前；按一般（Ⅳ级），自 2026年12月6日 07:30 起时限2小时）",
        "  下一步：初报，应于 2026年12月6日 11:30 前（按一般（Ⅳ级），自 2026年12月6日 07:30 起时限4小时），还剩3小时15分",
    ]  # fmt: skip

    # The case: the 初报 received at 12:05 is 35 minutes late; 续报一 is due a day after it.
    lines = ran(root, "event", "report", EVENT_ID, "--reported", "2026-12-06 12:05", clock="2026-12-06 12:10")
    assert lines[1:] == [
        f"截至 2026年12月6日 12:10，事件 {EVENT_ID}（云岭县青石镇山洪灾害）：一般（Ⅳ级），处置中",
        "  初报：2026年12月6日 12:05 收到，迟报35分（应于 2026年12月6日 11:30 前；按一般（Ⅳ级），自 2026年12月6日 07:30 起时限4小时）",
        "  下一步：续报一，应于 2026年12月7日 12:05 前（按一般（Ⅳ级），自 2026年12月6日 12:05 起时限1天），还剩23小时55分",
    ]  # fmt: skip

    # Upgraded to 重大 now (no --time): the 续报 owed is under 重大's limit from the upgrade,
    # 14:00 + 8小时 = 22:00 (sooner than 一般's 12-07 12:05), never "按一般".
    lines = ran(root, "event", "grade", EVENT_ID, "--grade", "重大", clock="2026-12-06 14:00")
    assert lines[1:] == [
        f"截至 2026年12月6日 14:00，事件 {EVENT_ID}（云岭县青石镇山洪灾害）：一般（Ⅳ级） → 重大（Ⅱ级），处置中",
        "  下一步：续报一，应于 2026年12月6日 22:00 前（按重大（Ⅱ级），自 2026年12月6日 14:00 起时限8小时），还剩8小时",
    ]  # fmt: skip

    # 续报一 at 23:00 (the command's "now"): an hour late; 续报二 is due 8小时 after it, 12-07 07:00.
    lines = ran(root, "event", "report", EVENT_ID, clock="2026-12-06 23:00")
    assert lines[1:] == [
        f"截至 2026年12月6日 23:00，事件 {EVENT_ID}（云岭县青石镇山洪灾害）：一般（Ⅳ级） → 重大（Ⅱ级），处置中",
        "  续报一：2026年12月6日 23:00 收到，迟报1小时（应于 2026年12月6日 22:00 前；按重大（Ⅱ级），自 2026年12月6日 14:00 起时限8小时）",
        "  下一步：续报二，应于 2026年12月7日 07:00 前（按重大（Ⅱ级），自 2026年12月6日 23:00 起时限8小时），还剩8小时",
    ]  # fmt: skip

    # The list at 09:00: 续报二 is 2 hours overdue.
    lines = ran(root, "event", "list", clock="2026-12-07 09:00")
    assert lines == [
        "截至 2026年12月7日 09:00，未结束的紧急信息事件 1 起，其中逾期 1 起：",
        "",
        f"【逾期】{EVENT_ID} 云岭县青石镇山洪灾害",
        "  云岭县青石镇 · 一般（Ⅳ级） → 重大（Ⅱ级） · 处置中",
        "  已报：电话报告 按时、初报 迟报35分、续报一 迟报1小时",
        "  应报续报二，应于 2026年12月7日 07:00 前（按重大（Ⅱ级），自 2026年12月6日 23:00 起时限8小时），逾期2小时",
    ]  # fmt: skip

    # Ended at 09:00 without 续报二: that 续报 is missing; the 终报 at 09:30 is on time (5天).
    lines = ran(root, "event", "close", EVENT_ID, "--ended", "2026-12-07 09:00", clock="2026-12-07 09:30")
    assert lines[2:] == [
        f"截至 2026年12月7日 09:30，事件 {EVENT_ID}（云岭县青石镇山洪灾害）：一般（Ⅳ级） → 重大（Ⅱ级），已终报",
        "  终报：2026年12月7日 09:30 收到，按时（应于 2026年12月12日 09:00 前；按重大（Ⅱ级），自 2026年12月7日 09:00 起时限5天）",
        "  缺报：续报（应于 2026年12月7日 07:00 前）",
        "  事件已终报，不再需要报告",
    ]  # fmt: skip

    # Closed: not listed, unless asked for the recently closed ones too.
    assert ran(root, "event", "list", clock="2026-12-07 10:00") == [
        "截至 2026年12月7日 10:00，当前没有未结束的紧急信息事件"
    ]
    lines = ran(root, "event", "status", "--all", clock="2026-12-07 10:00")
    assert lines[2:] == [
        f"{EVENT_ID} 云岭县青石镇山洪灾害",
        "  云岭县青石镇 · 一般（Ⅳ级） → 重大（Ⅱ级） · 已终报",
        "  已报：电话报告 按时、初报 迟报35分、续报一 迟报1小时、终报 按时；缺报：续报",
    ]
    # A month on, it is no longer recent.
    assert "近 30 天没有终报的事件" in ran(root, "event", "list", "--all", clock="2027-01-08 10:00")


def test_an_upgrade_that_would_give_more_time_says_why_the_old_limit_stands(archive_root):
    root = archive_root
    ran(root, *OPEN, clock="2026-12-06 08:15")
    ran(root, "event", "report", EVENT_ID, "--reported", "2026-12-06 09:00", clock="2026-12-06 09:00")
    # 续报一 is due 12-07 09:00 under 一般; an upgrade at 12-07 06:00 would give until 14:00: 09:00 stands.
    lines = ran(root, "event", "grade", EVENT_ID, "--grade", "重大", "--time", "12-07 06:00", clock="2026-12-07 08:00")
    assert lines[2:] == [
        "  下一步：续报一，应于 2026年12月7日 09:00 前（按一般（Ⅳ级），自 2026年12月6日 09:00 起时限1天），还剩1小时",
        "  事件现为重大（Ⅱ级）：按重大（Ⅱ级）的时限要晚于原时限届满，这一步仍按原时限（升级不会多给时间）",
    ]  # fmt: skip


# --- the list and the board say the same ---------------------------------------------------------------


def visible(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


@pytest.mark.build
def test_list_gives_the_boards_figures_for_the_same_moment(tmp_path):
    """The board of the emergency fixture built at BUILD_EPOCH (2026-12-31 12:00) and `bulletin event
    list` at the same moment: the same events, overdue by the same spans, due at the same moments."""
    root = copy_fixture(tmp_path / "archive", EMERGENCY_FIXTURE)
    built = run_build(root)
    assert built.returncode == 0, built.stderr
    board = (root / "site" / "emergency" / "index.html").read_text(encoding="utf-8")
    items = [visible(item) for item in re.findall(r'<li class="bl-event-item[^"]*"[^>]*>(.*?)</li>', board, re.DOTALL)]
    on_board = {}
    for item in items:
        name, overdue, due = re.fullmatch(r"(\S+) 逾期(\S+) 应报 \S+ ，应于 (.+?) 前 · .*", item).groups()
        on_board[name] = (overdue, due)
    assert on_board == {
        "禾丰县化工园区氯气泄漏": ("2小时40分", "2026年12月31日 09:20"),
        "示例市绕城高速多车相撞事故": ("53天6小时", "2026年11月8日 06:00"),
    }
    listed = run_bulletin("--root", str(root), "event", "list", SOURCE_DATE_EPOCH=BUILD_EPOCH)
    assert listed.returncode == 0, listed.output
    assert "截至2026年12月31日 12:00" in visible(board)
    assert listed.stdout.startswith("截至 2026年12月31日 12:00，未结束的紧急信息事件 2 起，其中逾期 2 起：")
    blocks = listed.stdout.split("\n\n")[1:]
    in_list = {}
    for block in blocks:
        name = re.match(r"【逾期】\S+ (\S+)", block).group(1)
        due, overdue = re.search(r"应于 (.+?) 前（.*），逾期(\S+)", block).groups()
        in_list[name] = (overdue, due)
    assert in_list == on_board
    # The longest overdue first, as on the board.
    assert [re.match(r"【逾期】\S+ (\S+)", b).group(1) for b in blocks] == [
        "示例市绕城高速多车相撞事故",
        "禾丰县化工园区氯气泄漏",
    ]
    assert "已报：电话报告 按时、初报 迟报15分" in blocks[0] and "处置已结束，待终报" in blocks[0]
    assert "已报：初报 按时；市委办先于报告获知" in blocks[1]


def test_spans_are_written_as_the_board_writes_them():
    for minutes in (0, 1, 35, 60, 75, 1440, 1441, 24 * 60 * 53 + 6 * 60, 10**6):
        assert describe_span(minutes) == format_minutes(minutes)


# --- bad input and bad luck -----------------------------------------------------------------------------


def test_list_with_a_malformed_event_file_names_the_problem_and_fails(archive_root):
    root = archive_root
    ran(root, *OPEN, clock="2026-12-06 08:15")
    text = (root / EVENT_FILE).read_text(encoding="utf-8")
    (root / EVENT_FILE).write_text(text.replace("grade: 一般", "grade: 大"), encoding="utf-8")
    before = tree_digest(root / "reports")
    result = bulletin(root, "event", "list", clock="2026-12-06 09:00")
    assert result.returncode == 1
    assert re.search(rf"^{EVENT_FILE}:\d+: grade: ", result.stdout, re.MULTILINE), result.output
    assert "共 1 个问题" in result.stderr and "截至" not in result.stdout
    # A report of that event is refused the same way, and nothing is written.
    refused = bulletin(root, "event", "report", EVENT_ID, "--reported", "2026-12-06 09:00", clock="2026-12-06 09:00")
    assert refused.returncode == 1 and f"{EVENT_FILE}:" in refused.stdout
    assert "没有写入任何文件" in refused.stderr
    assert tree_digest(root / "reports") == before


def test_list_with_an_unreadable_emergency_report_fails_rather_than_count_it_missing(archive_root):
    root = archive_root
    ran(root, *OPEN, clock="2026-12-06 08:15")
    ran(root, "event", "report", EVENT_ID, "--reported", "2026-12-06 09:00", clock="2026-12-06 09:00")
    report = root / "reports" / "2026" / f"{EVENT_ID}-chubao.md"
    report.write_text(report.read_text(encoding="utf-8").replace("stage: 初报", "stage: [初报"), encoding="utf-8")
    result = bulletin(root, "event", "list", clock="2026-12-06 10:00")
    assert result.returncode == 1
    assert f"reports/2026/{EVENT_ID}-chubao.md:" in result.stdout and "截至" not in result.stdout


def test_a_clock_behind_the_event_is_said_not_counted_backwards(archive_root):
    """An event file (written by hand) says the event occurred at 15:00, and a report came at 16:00;
    the machine's clock says 12:00 the same day: no span is computed from the future."""
    root = archive_root
    write(
        root,
        "reports/events/2026/1231-hefeng-xielou.yml",
        """
        name: 禾丰县化工园区氯气泄漏
        type: 事故灾难
        grade: 一般
        place: 禾丰县化工园区
        unit: hefeng
        occurred: 2026-12-31 15:00
        office_learned: 2026-12-31 15:30
        """,
    )
    lines = ran(root, "event", "list", clock="2026-12-31 12:00")
    assert lines == [
        "截至 2026年12月31日 12:00，当前没有未结束的紧急信息事件",
        (
            "事件 1231-hefeng-xielou 发生于 2026年12月31日 15:00，晚于现在（2026年12月31日 12:00）："
            "请核对本机时钟（或 SOURCE_DATE_EPOCH）和事件文件的时间；时限没有计算"
        ),
    ]
    assert not any(re.search(r"-\d|逾期|还剩", line) for line in lines)


def test_a_report_received_after_the_clock_is_named_not_counted(archive_root):
    """The 初报 file says 16:00 and the clock says 12:00: the 初报 is owed (overdue since 11:30) and
    the report from the future is named."""
    root = archive_root
    ran(root, *OPEN, clock="2026-12-06 08:15")
    ran(root, "event", "report", EVENT_ID, "--reported", "2026-12-06 16:00", clock="2026-12-06 16:00")
    lines = ran(root, "event", "list", clock="2026-12-06 12:00")
    assert (
        "  另有 1 篇报告的收到时间晚于现在（最早 2026年12月6日 16:00），没有计入：请核对本机时钟或报告的 reported"
        in lines
    )
    assert (
        "  应报初报，应于 2026年12月6日 11:30 前（按一般（Ⅳ级），自 2026年12月6日 07:30 起时限4小时），逾期30分"
        in lines
    )


def test_hostile_event_names_are_printed_as_plain_text(archive_root):
    root = archive_root
    long_name = "云岭县" + "长" * 190 + "事件"
    for event_id, name in (("1206-script", "<script>alert(1)</script>&amp;"), ("1206-long", long_name)):
        write(
            root,
            f"reports/events/2026/{event_id}.yml",
            f"""
            name: "{name}"
            type: 事故灾难
            grade: 一般
            place: 禾丰县
            unit: hefeng
            occurred: 2026-12-06 07:00
            office_learned: 2026-12-06 07:30
            """,
        )
    lines = ran(root, "event", "list", clock="2026-12-06 09:00")
    assert "1206-script <script>alert(1)</script>&amp;" in lines  # a terminal shows text: as written
    (long_line,) = [line for line in lines if line.startswith("1206-long ")]
    assert long_line == "1206-long " + long_name[: LISTED_NAME_CHARS - 1] + "…"
    # A name that would reorder the text (U+202E) never gets in: the file's problem is shown, escaped.
    write(
        root,
        "reports/events/2026/1206-bidi.yml",
        """
        name: "禾丰县\u202e泄漏"
        type: 事故灾难
        grade: 一般
        place: 禾丰县
        unit: hefeng
        occurred: 2026-12-06 07:00
        office_learned: 2026-12-06 07:30
        """,
    )
    result = bulletin(root, "event", "list", clock="2026-12-06 09:00")
    assert result.returncode == 1 and "U+202E" in result.stdout and "\u202e" not in result.output


def test_list_speaks_english_on_request(archive_root):
    ran(archive_root, *OPEN, clock="2026-12-06 08:15")
    result = run_bulletin(
        "--lang", "en", "--root", str(archive_root), "event", "list", SOURCE_DATE_EPOCH=at("2026-12-06 12:00")
    )
    assert result.returncode == 0, result.output
    assert result.stdout.splitlines()[0] == "As of 2026-12-6 12:00, 1 emergency event(s) still open, 1 of them overdue:"
    assert (
        "Owed: 初报, due by 2026-12-6 11:30 (under 一般（Ⅳ级）, 4 h from 2026-12-6 07:30), overdue by 30 min"
        in result.stdout
    )
    assert not re.search("截至|逾期|还剩|应报|已报|按时", result.stdout), result.stdout
