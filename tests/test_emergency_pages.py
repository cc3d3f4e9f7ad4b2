"""The 紧急信息 pages as a reader and the duty room see them: the board, the year pages, the event
pages with their timelines, each year's timeliness.csv, the urgency mark and the emergency details
of the issue and report pages.

The fixture (tests/fixtures/emergency) holds four events, built as of helpers.BUILD_EPOCH
(2026-12-31 12:00, Beijing time), with the default time limits (model.DEFAULT_TIME_LIMITS) and
the scoring on_time 2, late -2, missing -5, office_first -5. Worked by hand:

- 0714-qingshi-shanhong (云岭县, 较大, 升级 to 重大 at 07-14 12:00, ended 07-15 12:00): phone 06:05
  (due 06:40, on time), 初报 07:30 (due 07:40, on time), 续报一 21:15 (its clock restarts at the
  upgrade: 12:00 + 480 = 20:00, late by 75 minutes), 续报二 07-15 05:00 (21:15 + 480 = 05:15, on
  time), 终报 07-18 10:00 (ended + 5 days = 07-20 12:00, on time). 4 on time, 1 late: 6 points.
- 1102-raocheng-xiangzhuang (市应急管理局, 重大, from 23:10 across midnight, ended 11-03 06:00):
  phone 23:30 (due 23:40, on time), 初报 00:25 (due 00:10, late by 15 minutes), no 终报 (due
  11-08 06:00: missing, overdue by 53 days 6 hours). 1, 1, 1: -5 points.
- 1230-hefeng-xielou (禾丰县, 一般, open): no phone; the office learned at 08:50, before the 初报
  09:20 (先于报告获知); 初报 on time (due 12:10); the next 续报 was due 12-31 09:20 (09:20 + 1440):
  overdue by 2 hours 40 minutes at the build moment. 1 on time, 1 missing, office first: -8.
- 0520-qingshi-shiwu (2025, 青石镇, 一般): phone, 初报 and 终报 on time: 6 points.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import re
from pathlib import Path

import pytest
from helpers import BUILD_EPOCH, REPO, calls_made, copy_fixture, run_build, serve_folder, write
from playwright.sync_api import expect

from bulletin.archive import load_archive
from bulletin.pages.build import render_site
from bulletin.pages.emergency import render_emergency_site
from bulletin.times import build_date, build_moment

EMERGENCY_FIXTURE = REPO / "tests" / "fixtures" / "emergency"
SHANHONG = "emergency/2026/0714-qingshi-shanhong"
RAOCHENG = "emergency/2026/1102-raocheng-xiangzhuang"
XIELOU = "emergency/2026/1230-hefeng-xielou"
HEADER = [
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
]
# (event id, report id, unit, grade, stage, due, reported, limit, taken, late, status), by hand (see above)
ROWS_2026 = [
    ("0714-qingshi-shanhong", "", "云岭县委办公室", "较大", "电话报告", "2026-07-14 06:40", "2026-07-14 06:05", "60", "25", "否", "按时"),
    ("0714-qingshi-shanhong", "0714-yunling-shanhong-chubao", "云岭县委办公室", "较大", "初报", "2026-07-14 07:40", "2026-07-14 07:30", "120", "110", "否", "按时"),
    ("0714-qingshi-shanhong", "0714-yunling-shanhong-xubao1", "云岭县委办公室", "重大", "续报一", "2026-07-14 20:00", "2026-07-14 21:15", "480", "555", "是", "迟报"),
    ("0714-qingshi-shanhong", "0715-yunling-shanhong-xubao2", "云岭县委办公室", "重大", "续报二", "2026-07-15 05:15", "2026-07-15 05:00", "480", "465", "否", "按时"),
    ("0714-qingshi-shanhong", "0718-yunling-shanhong-zhongbao", "云岭县委办公室", "重大", "终报", "2026-07-20 12:00", "2026-07-18 10:00", "7200", "4200", "否", "按时"),
    ("1102-raocheng-xiangzhuang", "", "市应急管理局", "重大", "电话报告", "2026-11-02 23:40", "2026-11-02 23:30", "30", "20", "否", "按时"),
    ("1102-raocheng-xiangzhuang", "1103-yingji-xiangzhuang-chubao", "市应急管理局", "重大", "初报", "2026-11-03 00:10", "2026-11-03 00:25", "60", "75", "是", "迟报"),
    ("1102-raocheng-xiangzhuang", "", "市应急管理局", "重大", "终报", "2026-11-08 06:00", "", "7200", "", "", "缺报"),
    ("1230-hefeng-xielou", "1230-hefeng-xielou-chubao", "禾丰县委办公室", "一般", "初报", "2026-12-30 12:10", "2026-12-30 09:20", "240", "70", "否", "按时"),
    ("1230-hefeng-xielou", "", "禾丰县委办公室", "一般", "续报", "2026-12-31 09:20", "", "1440", "", "", "缺报"),
]  # fmt: skip
# The units' table of 2026: events, on time, late, missing, office first, points.
UNITS_2026 = [
    ["禾丰县委办公室", "1", "1", "0", "1", "1", "-8"],
    ["云岭县委办公室", "1", "4", "1", "0", "0", "6"],
    ["市应急管理局", "1", "1", "1", "1", "0", "-5"],
    ["合计", "3", "6", "2", "2", "1", "-7"],
]


# --- reading the built pages ------------------------------------------------------------------


def visible(fragment: str) -> str:
    """The text of an HTML fragment, tags removed and blanks collapsed."""
    fragment = fragment.replace("<wbr>", "")  # a place to break a line, not a blank
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def read_page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def read_tables(source: str) -> list[list[list[str]]]:
    """Every table of a page as rows of cell texts."""
    return [
        [[visible(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)] for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.DOTALL)]
        for table in re.findall(r"<table[^>]*>(.*?)</table>", source, re.DOTALL)
    ]  # fmt: skip


def read_items(source: str, css_class: str) -> list[str]:
    """The visible text of each <li class="… css_class …"> of a page."""
    return [
        visible(item)
        for item in re.findall(rf'<li class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</li>', source, re.DOTALL)
    ]


def read_section(source: str, heading: str) -> str:
    """The HTML from the h2 ``heading`` to the next h2."""
    start = source.index(f">{heading}</h2>")
    end = source.find("<h2", start)
    return source[start : end if end != -1 else len(source)]


def read_csv(site: Path, year: int) -> list[list[str]]:
    data = (site / "emergency" / str(year) / "timeliness.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: a spreadsheet opens the Chinese right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def format_minutes(minutes: int) -> str:
    """As the pages write a span: 1小时15分, 53天6小时 (independent of bulletin.labels)."""
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    return (f"{days}天" if days else "") + (f"{hours}小时" if hours else "") + (f"{mins}分" if mins else "")


def format_moment(text: str) -> str:
    """2026-07-14 21:15 -> 2026年7月14日 21:15"""
    moment = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


# --- the built fixture ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("emergency") / "archive", EMERGENCY_FIXTURE)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.build
def test_csv_rows_are_the_hand_computed_steps(site):
    rows = read_csv(site, 2026)
    assert rows[0] == HEADER
    names = {"0714-qingshi-shanhong": "云岭县青石镇山洪灾害", "1102-raocheng-xiangzhuang": "示例市绕城高速多车相撞事故"}
    names["1230-hefeng-xielou"] = "禾丰县化工园区氯气泄漏"
    occurred = {"0714-qingshi-shanhong": "2026-07-14 05:40", "1102-raocheng-xiangzhuang": "2026-11-02 23:10"}
    occurred["1230-hefeng-xielou"] = "2026-12-30 08:10"
    expected = [
        [names[event], event, report, unit, grade, stage, occurred[event], due, done, limit, taken, late, status]
        for event, report, unit, grade, stage, due, done, limit, taken, late, status in ROWS_2026
    ]
    assert rows[1:] == expected
    rows_2025 = read_csv(site, 2025)
    assert [(r[5], r[11], r[12]) for r in rows_2025[1:]] == [
        ("电话报告", "否", "按时"),
        ("初报", "否", "按时"),
        ("终报", "否", "按时"),
    ]


@pytest.mark.build
def test_csv_agrees_with_the_event_pages(site):
    """Every row of the CSV is on its event's page: the step at its time, its limit and its status;
    a missing step at its due moment, marked 缺报."""
    rows = read_csv(site, 2026)[1:]
    for row in rows:
        event, report, stage, due, done, limit, taken, status = (
            row[1],
            row[2],
            row[5],
            row[7],
            row[8],
            row[9],
            row[10],
            row[12],
        )
        entries = read_items(read_page(site, f"emergency/2026/{event}"), "bl-timeline-entry")
        moment = format_moment(done or due)
        (entry,) = [e for e in entries if e.startswith(f"{moment} {stage} ")]
        assert f"应于{format_moment(due)}前" in entry
        assert f"时限{format_minutes(int(limit))}" in entry
        if status == "迟报":
            assert f"迟报{format_minutes(int(taken) - int(limit))}" in entry
            assert f"用时{format_minutes(int(taken))}" in entry
        else:
            assert status in entry
        if report:  # a published report is linked from the timeline
            source = read_page(site, f"emergency/2026/{event}")
            assert f'href="../../../reports/2026/{report}/"' in source
            assert (site / "reports" / "2026" / report / "index.html").exists()


@pytest.mark.build
def test_csv_agrees_with_the_board_and_the_year_page(site):
    """The units' table of the board and of the year page counts the CSV's rows, unit by unit."""
    rows = read_csv(site, 2026)[1:]
    for path in ("emergency", "emergency/2026"):
        (table,) = [table for table in read_tables(read_page(site, path)) if table[0][0] == "单位"]
        assert table[0] == ["单位", "事件", "按时", "迟报", "缺报", "先于报告获知", "得分"]
        assert table[1:] == UNITS_2026
        for unit, events, on_time, late, missing, *_ in table[1:-1]:
            mine = [r for r in rows if r[3] == unit]
            assert len({r[1] for r in mine}) == int(events)
            assert [sum(r[12] == s for r in mine) for s in ("按时", "迟报", "缺报")] == [
                int(on_time),
                int(late),
                int(missing),
            ]
    (table_2025,) = read_tables(read_page(site, "emergency/2025"))
    assert table_2025[1:] == [["云岭县青石镇", "1", "3", "0", "0", "0", "6"], ["合计", "1", "3", "0", "0", "0", "6"]]


@pytest.mark.build
def test_board_shows_what_is_overdue_as_of_the_build_moment(site):
    board = read_page(site, "emergency")
    assert "截至2026年12月31日 12:00" in visible(board)
    (open_event,) = read_items(read_section(board, "处置中的事件"), "bl-event-item")
    assert open_event.startswith("禾丰县化工园区氯气泄漏 逾期2小时40分")
    assert "应报 续报 ，应于 2026年12月31日 09:20 前" in open_event
    (unfinished,) = read_items(read_section(board, "待终报的事件"), "bl-event-item")
    assert unfinished.startswith("示例市绕城高速多车相撞事故 逾期53天6小时")
    assert "应报 终报 ，应于 2026年11月8日 06:00 前" in unfinished
    assert "云岭县青石镇山洪灾害" not in visible(
        read_section(board, "处置中的事件") + read_section(board, "待终报的事件")
    )
    # the limits it applies (the defaults: the fixture sets none)
    (limits,) = [table for table in read_tables(board) if table[0][0] == "等级"]
    assert limits[1:] == [
        ["特别重大（Ⅰ级）", "30分", "1小时", "4小时", "5天", "特急"],
        ["重大（Ⅱ级）", "30分", "1小时", "8小时", "5天", "特急"],
        ["较大（Ⅲ级）", "1小时", "2小时", "1天", "7天", "加急"],
        ["一般（Ⅳ级）", "2小时", "4小时", "1天", "7天", "加急"],
    ]
    assert "电话报告和书面初报自事件发生起计算" in visible(board)
    # every year's page and CSV, and the series, are linked
    for target in (
        'href="2026/"',
        'href="2026/timeliness.csv"',
        'href="2025/"',
        'href="2025/timeliness.csv"',
        'href="../jjxx/"',
    ):
        assert target in board
    # the board is in the navigation, under its own tab
    issue = read_page(site, "jrxx/2026/001")
    link = issue.index('<a href="../../../emergency/" class="md-nav__link">')
    assert visible(issue[link : issue.index("</a>", link)]) == "紧急信息"


@pytest.mark.build
def test_year_page_lists_every_event_with_its_status(site):
    items = read_items(read_page(site, "emergency/2026"), "bl-event-item")
    assert [item.split(" ")[0] for item in items] == [
        "禾丰县化工园区氯气泄漏",
        "示例市绕城高速多车相撞事故",
        "云岭县青石镇山洪灾害",
    ]
    assert items[0].startswith("禾丰县化工园区氯气泄漏 处置中 逾期")
    assert "事故灾难 · 一般（Ⅳ级） · 禾丰县委办公室" in items[0]
    assert items[1].startswith("示例市绕城高速多车相撞事故 已结束 逾期")
    assert items[2].startswith("云岭县青石镇山洪灾害 已终报")
    assert "较大（Ⅲ级） → 重大（Ⅱ级）" in items[2]


@pytest.mark.build
def test_event_page_timeline_in_time_order(site):
    source = read_page(site, SHANHONG)
    start = source.index('<div class="bl-facts">')
    facts = visible(source[start : source.index("</div>", start)])
    for fact in (
        "类型：自然灾害",
        "等级：较大（Ⅲ级） → 重大（Ⅱ级）",
        "地点：云岭县青石镇",
        "责任单位： 云岭县委办公室",
        "状态： 已终报",
    ):
        assert fact in facts
    entries = read_items(source, "bl-timeline-entry")
    labels = [entry.split(" ")[2] for entry in entries]
    assert labels == [
        "事件发生",
        "单位获知",
        "电话报告",
        "市委办获知",
        "初报",
        "升级",
        "续报一",
        "续报二",
        "处置结束",
        "终报",
    ]
    times = [dt.datetime.strptime(" ".join(e.split(" ")[:2]), "%Y年%m月%d日 %H:%M") for e in entries]
    assert times == sorted(times)
    assert "较大（Ⅲ级）→重大（Ⅱ级）：因灾死亡人数上升" in entries[5]
    assert "迟报1小时15分" in entries[6] and "按重大（Ⅱ级），自2026年7月14日 12:00起时限8小时" in entries[6]
    # the office learned of the open event before any report: flagged
    xielou = read_items(read_page(site, XIELOU), "bl-timeline-entry")
    assert next(e for e in xielou if " 市委办获知 " in e).endswith("先于报告获知")
    assert xielou[-1].startswith("2026年12月31日 09:20 续报 缺报")
    assert "先于报告获知" not in visible(read_page(site, RAOCHENG))  # its unit phoned first


@pytest.mark.build
def test_emergency_issues_carry_their_urgency_mark_and_details(site):
    def mark(path: str) -> list[str]:
        return re.findall(r'<p class="bl-urgency">(.*?)</p>', read_page(site, path))

    assert mark("jjxx/2026/001") == ["加急"]  # 初报 at 07:30: still 较大
    assert mark("jjxx/2026/002") == ["特急"]  # 续报一 at 21:15: 重大 since 12:00
    assert mark("jjxx/2026/004") == ["特急"]  # 重大
    assert mark("jjxx/2026/005") == ["加急"]  # 一般
    assert mark("jrxx/2026/001") == []
    issue = read_page(site, "jjxx/2026/002")
    assert '<h1 class="bl-name">紧急信息</h1>' in issue
    details = [visible(d) for d in re.findall(r'<p class="bl-emergency">(.*?)</p>', issue, re.DOTALL)]
    assert details[0].startswith(
        "事件： 云岭县青石镇山洪灾害 等级：重大（Ⅱ级） 阶段：续报一 报告时间：2026年7月14日 21:15 迟报1小时15分"
    )
    assert "阶段：续报二 报告时间：2026年7月15日 05:00 按时" in details[1]
    report = read_page(site, "reports/2026/0714-yunling-shanhong-xubao1")
    assert 'href="../../../emergency/2026/0714-qingshi-shanhong/"' in report
    assert "阶段：续报一 报告时间：2026年7月14日 21:15 迟报1小时15分" in visible(report)


# --- a pending report, hostile names, many events: rendered in this process ------------------------


@pytest.fixture
def emergency_root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    return copy_fixture(tmp_path / "archive", EMERGENCY_FIXTURE)


def render(root: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    output = render_site(load_archive(root), build_date(), build_moment())
    return {page.src: page.html for page in output.pages}, output.files


def test_an_approved_report_counts_before_its_issue_is_out(emergency_root):
    """A 续报 approved but in no issue yet counts for timeliness (late by 40 minutes here) and is
    not linked; the open event then owes its next 续报, not overdue any more."""
    write(
        emergency_root,
        "reports/2026/1231-hefeng-xielou-xubao1.md",
        """
        ---
        title: 禾丰县化工园区氯气泄漏续报一
        unit: hefeng
        series: jjxx
        category: 紧急信息
        emergency:
          event: 1230-hefeng-xielou
          stage: 续报一
          reported: 2026-12-31 10:00
        ---
        泄漏已得到控制。
        """,
    )
    pages, files = render(emergency_root)
    entries = read_items(pages[f"{XIELOU}/index.md"], "bl-timeline-entry")
    (entry,) = [e for e in entries if " 续报一 " in e]
    assert "禾丰县化工园区氯气泄漏续报一（待刊）" in entry and "迟报40分" in entry
    assert "1231-hefeng-xielou-xubao1/" not in pages[f"{XIELOU}/index.md"]
    (item,) = read_items(read_section(pages["emergency/index.md"], "处置中的事件"), "bl-event-item")
    assert item.startswith("禾丰县化工园区氯气泄漏 还剩22小时") and "应于 2027年1月1日 10:00 前" in item
    assert "1231-hefeng-xielou-xubao1,禾丰县委办公室,一般,续报一" in files["emergency/2026/timeliness.csv"].decode()


def test_hostile_names_are_escaped_on_pages_and_kept_text_in_the_csv(emergency_root):
    path = emergency_root / "reports/events/2026/1230-hefeng-xielou.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("name: 禾丰县化工园区氯气泄漏", "name: '=HYPERLINK(\"x\")<script>alert(1)</script>'"),
        encoding="utf-8",
    )
    pages, files = render(emergency_root)
    for src in ("emergency/index.md", "emergency/2026/index.md", f"{XIELOU}/index.md", "jjxx/2026/005.md"):
        assert "<script>" not in pages[src]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[src]
    cells = [row[0] for row in csv.reader(io.StringIO(files["emergency/2026/timeliness.csv"].decode("utf-8-sig")))]
    assert '\'=HYPERLINK("x")<script>alert(1)</script>' in cells  # a spreadsheet shows it, never runs it


def test_many_events_render_in_time_linear_in_their_number(emergency_root):
    """Ten years of a busy office (2,000 events with their reports) render, in work linear in their number."""
    archive = load_archive(emergency_root)
    (template,) = [e for e in archive.events if e.id == "0714-qingshi-shanhong"]
    reports = [r for r in archive.reports if r.emergency and r.emergency.event == template.id]

    def copies(count: int):
        events, chain = [], []
        for n in range(count):
            shift = dt.timedelta(days=n % 3000 // 2, minutes=n)
            event = dataclasses.replace(
                template,
                id=f"e{n}",
                occurred=template.occurred - shift,
                unit_learned=template.unit_learned - shift,
                office_learned=template.office_learned - shift,
                phoned=template.phoned - shift,
                ended=template.ended - shift,
                changes=tuple(dataclasses.replace(c, time=c.time - shift) for c in template.changes),
            )
            event = dataclasses.replace(event, year=event.occurred.year)
            events.append(event)
            for r in reports:
                moved = dataclasses.replace(r.emergency, event=event.id, reported=r.emergency.reported - shift)
                chain.append(dataclasses.replace(r, id=f"{r.id}-{n}", emergency=moved))
        return dataclasses.replace(archive, events=tuple(events), reports=tuple(chain))

    def render_copies(count: int) -> None:
        pages, files = render_emergency_site(copies(count), build_moment())
        assert sum(1 for page in pages if page.title == template.name) == count
        assert sum(len(data.splitlines()) - 1 for data in files.values()) == 5 * count  # five steps each

    render_copies(2000)
    # The work counted in function calls (not timed: a busy machine's figures are not the code's).
    small, large = calls_made(lambda: render_copies(40)), calls_made(lambda: render_copies(400))
    assert large < 12 * small, (small, large)  # ten times the events: not a hundred times the work


def test_an_event_page_is_its_own_folder_whatever_its_id(emergency_root):
    """An event may be called `index` or `timeliness`: its page never takes the year's page or CSV."""
    events = emergency_root / "reports/events/2026"
    (events / "1230-hefeng-xielou.yml").rename(events / "index.yml")
    for report in (emergency_root / "reports/2026").glob("1230-hefeng-xielou-*.md"):
        report.write_text(
            report.read_text(encoding="utf-8").replace("event: 1230-hefeng-xielou", "event: index"), encoding="utf-8"
        )
    pages, files = render(emergency_root)
    assert "emergency/2026/index/index.md" in pages
    assert "2026年紧急信息" in pages["emergency/2026/index.md"]
    assert files["emergency/2026/timeliness.csv"].decode("utf-8-sig").startswith("事件,")


def test_check_base_sees_the_emergency_details_of_published_pages(emergency_root):
    """`check --base` renders the published pages as the build does, emergency details included:
    a published report's time changed without a correction alters its page and its issue's."""
    from bulletin.review.published_pages import PageInputs, find_altered_pages, render_published_pages

    base = load_archive(emergency_root)
    inputs = PageInputs(base.settings, base.units, {r.id: r for r, _ in base.published()})
    checked = render_published_pages(base, inputs, None)
    built, _files = render(emergency_root)
    for src in ("reports/2026/0714-yunling-shanhong-xubao1.md", "jjxx/2026/002.md"):
        assert checked[src] == built[src]
        assert "迟报1小时15分" in checked[src]
    path = emergency_root / "reports/2026/0714-yunling-shanhong-xubao1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-07-14 21:15", "2026-07-14 21:05"), encoding="utf-8")
    (altered,) = find_altered_pages(base, load_archive(emergency_root))
    assert (altered.change.field, altered.pages) == (
        "emergency",
        ("/jjxx/2026/002/", "/reports/2026/0714-yunling-shanhong-xubao1/"),
    )


# --- what a reader sees, in Chromium -----------------------------------------------------------------


@pytest.fixture(scope="module")
def server(site):
    with serve_folder(site) as address:
        yield address


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_board_and_event_page_read_on_desktop_and_phone(browser, server, width, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.clock.install(time=int(BUILD_EPOCH))  # the reader's clock at the build moment: the build's figures
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    try:
        for path in ("/emergency/", f"/{SHANHONG}/", "/emergency/2026/", "/jjxx/2026/002/"):
            page.goto(server + path)
            # nothing wider than the screen: no sideways scrolling of the page on a phone
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            page.screenshot(path=str(tmp_path / f"{path.strip('/').replace('/', '_')}-{width}.png"), full_page=True)
        page.goto(server + "/emergency/")
        overdue = page.locator(".bl-event-item--bad .bl-status--bad").first
        expect(overdue).to_have_text("逾期2小时40分")
        expect(overdue).to_be_in_viewport() if width == 1280 else expect(overdue).to_be_visible()
        assert overdue.evaluate("e => getComputedStyle(e).color") == "rgb(200, 22, 29)"  # red
        tables = page.locator(".bl-timeliness table")
        expect(tables).to_have_count(2)  # the units' figures and the time limits
        for table in tables.all():
            expect(table).to_be_visible()
            assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")  # every column on screen
        page.get_by_role("link", name="示例市绕城高速多车相撞事故").click()
        expect(page.locator("h1")).to_have_text("示例市绕城高速多车相撞事故")
        late = page.locator(".bl-timeline-entry--bad").first
        expect(late).to_contain_text("迟报15分")
        page.get_by_role("link", name="绕城高速云岭段发生多车相撞事故").click()
        expect(page.locator(".bl-emergency")).to_contain_text("迟报15分")
        assert outside == []
    finally:
        context.close()


def search(page, base: str, query_string: str):
    page.goto(f"{base}/search/?{query_string}")
    page.wait_for_function(
        "() => { const t = document.getElementById('bl-search-status').textContent;"
        " return t && !t.startsWith('正在'); }",
        timeout=20000,
    )
    return page.locator(".bl-search-result")


@pytest.mark.build
@pytest.mark.browser
def test_emergency_reports_are_found_by_their_event_and_filtered_by_series(browser, server):
    page = browser.new_page()
    try:
        # the event's name is in no report's title or text: found by it
        results = search(page, server, "q=示例市绕城高速")
        expect(results).to_have_count(1)
        expect(results.first.locator(".bl-search-title")).to_have_text("绕城高速云岭段发生多车相撞事故")
        expect(results.first.locator(".bl-search-meta")).to_contain_text("《紧急信息》2026年第4期")
        everything = search(page, server, "q=云岭").count()
        narrowed = search(page, server, "q=云岭&series=紧急信息")
        assert 0 < narrowed.count() < everything
        for meta in narrowed.locator(".bl-search-meta").all_text_contents():
            assert "《紧急信息》" in meta
    finally:
        page.close()
