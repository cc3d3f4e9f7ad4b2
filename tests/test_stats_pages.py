"""The ranking notices as built pages: tables, lists, charts and the CSV beside them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from helpers import MARCH_31, page_tables, run_bulletin

from bulletin.archive import load_archive
from bulletin.commands.stats import render_stats_output

pytestmark = pytest.mark.build


def test_monthly_notice_tables(stats_site):
    page = page_tables(stats_site / "stats/2026/01/index.html")
    header, *rows = page.tables[0]
    assert header == [
        "名次",
        "单位",
        "本月采用",
        "本年累计采用",
        "本月得分",
        "本年累计得分",
        "领导批示",
        "上级采用",
        "关联得分",
        "报送",
        "被采用",
        "采用率",
    ]
    # An old count file: 被采用 is the month's published reports, as its 采用率 always was.
    assert rows == [
        ["1", "云岭县委办公室", "1", "1", "40", "40", "1", "0", "7.5", "4", "1", "25.0%"],
        ["2", "禾丰县委办公室", "1", "1", "5", "5", "1", "0", "0", "2", "1", "50.0%"],
    ]
    assert [t[1][1] for t in page.tables] == [
        "云岭县委办公室",
        "示例经济技术开发区党工委办公室",
        "市应急管理局",
        "云岭县青石镇",
        "禾丰县特约信息员",
    ]
    assert page.tables[3][1] == ["1", "云岭县青石镇", "2", "2", "15", "15", "1", "0", "—", "3", "2", "66.7%"]


def test_monthly_notice_lists(stats_site):
    text = (stats_site / "stats/2026/01/index.html").read_text(encoding="utf-8")
    text = text[text.index("<article") :]
    assert "本月零采用：" in text
    body = text[text.index("二、零采用单位") :]
    assert body.index("示例经济技术开发区党工委办公室") < body.index("禾丰县特约信息员") < body.index("三、")
    assert "云岭县委办公室</a>（采用1篇，任务2篇）" in text
    assert "「春耕备耕进展和存在的困难」（截止2026年1月4日）" in text
    five = text[text.index("五、零报送单位") :]
    assert "示例经济技术开发区党工委办公室" in five and "禾丰县特约信息员" in five
    feb = (stats_site / "stats/2026/02/index.html").read_text(encoding="utf-8")
    assert "零报送单位" not in feb and "报送</th>" not in feb


def test_chart_has_a_text_alternative(stats_site):
    page = page_tables(stats_site / "stats/2026/01/index.html")
    assert page.descriptions == [
        (
            "云岭县委办公室：40；云岭县青石镇：15；禾丰县委办公室：5；示例经济技术开发区党工委办公室：0；"
            "禾丰县特约信息员：0；市应急管理局：0"
        )
    ]
    source = (stats_site / "stats/2026/01/index.html").read_text(encoding="utf-8")
    assert 'role="img"' in source and "<script" not in source[source.index("bl-chart") : source.index("</svg>")]


def test_csv_matches_the_page(stats_site):
    data = (stats_site / "stats/2026/01/ranking.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "unit",
        "name",
        "kind",
        "adopted_month",
        "adopted_ytd",
        "points_month",
        "points_ytd",
        "instructions_month",
        "higher_adoptions_month",
        "linked_points_month",
        "submitted",
        "submissions_adopted",
        "rate",
        "rank",
    ]  # every column of the page (上级采用; 报送, 被采用 and 采用率 in a month with a submissions ledger)
    page_rows = [row for table in page_tables(stats_site / "stats/2026/01/index.html").tables for row in table[1:]]
    assert len(rows) == len(page_rows) == 6
    for record, cells in zip(rows, page_rows, strict=False):
        assert [
            record["rank"],
            record["name"],
            record["adopted_month"],
            record["adopted_ytd"],
            record["points_month"],
            record["points_ytd"],
            record["instructions_month"],
            record["higher_adoptions_month"],
        ] == cells[:8]
        assert [record["submitted"], record["submissions_adopted"], record["rate"]] == cells[9:12]
        if record["kind"] in ("county", "district"):
            assert record["linked_points_month"] == cells[8]


def test_annual_and_index_pages(stats_site):
    annual = page_tables(stats_site / "stats/2026/index.html")
    assert annual.tables[0][1] == ["1", "云岭县委办公室", "2", "70", "1", "1", "7.5", "4", "1", "25.0%"]
    trend = next(t for t in annual.tables if t[0][0] == "月份")
    assert trend[1:4] == [["1月", "4", "60", "2", "0"], ["2月", "2", "100", "1", "1"], ["3月", "0", "50", "0", "1"]]
    kinds = next(t for t in annual.tables if t[0][0] == "类别")
    assert kinds[1] == ["县（区）", "3", "75"]
    index = (stats_site / "stats/index.html").read_text(encoding="utf-8")
    assert 'href="2026/"' in index and 'href="2026/03/"' in index and 'href="2026/04/"' not in index
    # built on 3月31日, March and the year are not over: their figures so far, said so
    assert ">3月</a>（截至3月31日（本月尚未结束））" in index and ">2月</a>（" not in index
    assert ">2026年</a>（截至3月31日（本年尚未结束））" in index


def test_unit_and_commission_pages(stats_site):
    unit = page_tables(stats_site / "units/yunling/index.html")
    # 报送, 被采用, 采用率 beside them: January has an old count file (4 submitted, 1 published).
    assert unit.tables[0][1:] == [
        ["1月", "1", "40", "1", "0", "4", "1", "25.0%"],
        ["2月", "1", "30", "0", "1", "—", "—", "—"],
        ["合计（截至3月31日）", "2", "70", "1", "1", "4", "1", "25.0%"],  # built on 3月31日: the year is not over
    ]
    commissions = page_tables(stats_site / "commissions/index.html")
    chungeng = next(t for t in commissions.tables if t[1][0] == "云岭县委办公室")
    assert [row[:2] for row in chungeng[1:]] == [
        ["云岭县委办公室", "按时报送"],
        ["禾丰县委办公室", "逾期报送"],
        ["市应急管理局", "未报送"],
    ]
    assert "截至2026年3月31日" in (stats_site / "commissions/index.html").read_text(encoding="utf-8")


def test_stats_command_prints_the_same_figures(stats_site):
    root = stats_site.parent
    result = run_bulletin("--root", str(root), "stats", "--month", "2026-01", "--format", "csv")
    assert result.returncode == 0
    assert result.stdout.replace("\r\n", "\n") == (stats_site / "stats/2026/01/ranking.csv").read_bytes().decode(
        "utf-8-sig"
    ).replace("\r\n", "\n")
    table = run_bulletin("--root", str(root), "stats", "--month", "2026-01").stdout
    # As on the page: the group's heading, the page's columns (rank first, 上级采用, 报送, 采用率).
    assert table.splitlines()[2] == "【县（区）】"
    assert table.splitlines()[4].split() == [
        "1",
        "云岭县委办公室",
        "1",
        "1",
        "40",
        "40",
        "1",
        "0",
        "7.5",
        "4",
        "1",
        "25.0%",
    ]
    assert "本月零采用：示例经济技术开发区党工委办公室、禾丰县特约信息员" in table
    latest = run_bulletin("--root", str(root), "stats", "--format", "json").stdout
    assert '"month": 3' in latest
    year = run_bulletin("--root", str(root), "stats", "--year", "2026", "--format", "json")
    assert '"points": 120' in year.stdout  # numbers as numbers


def test_stats_command_judges_by_the_build_date(stats_site):
    """`bulletin stats` speaks for SOURCE_DATE_EPOCH's day, as the stats_site does: a 约稿 due on
    2026-01-04 is not overdue yet on 2026-01-03, and is by 2026-03-31. (On 2026-01-03 this
    archive's later 批示 and adoptions have not happened yet: the command refuses them, so the
    January 3 figures are taken from the core, as a build of that day would show them.)"""
    root = stats_site.parent
    command = ["--root", str(root), "stats", "--month", "2026-01"]
    january_3 = run_bulletin(*command, SOURCE_DATE_EPOCH="1767412800")  # 2026-01-03 12:00 CST
    march_31 = run_bulletin(*command, SOURCE_DATE_EPOCH=MARCH_31)
    assert march_31.returncode == 0
    assert january_3.returncode == 1
    assert "批示（市委书记）的日期 2026-01-20 晚于今天（2026-01-03）" in january_3.stdout
    assert "逾期未报的约稿：春耕备耕进展和存在的困难：市应急管理局" in march_31.stdout
    page = (stats_site / "stats/2026/01/index.html").read_text(encoding="utf-8")
    assert "「春耕备耕进展和存在的困难」" in page  # the stats_site, built on March 31, says the same
    archive = load_archive(root, today=dt.date(2026, 3, 31))
    on_january_3 = render_stats_output(archive, (2026, 1), None, "table", as_of=dt.date(2026, 1, 3))
    assert "逾期未报的约稿：无" in on_january_3
    as_json = render_stats_output(archive, (2026, 1), None, "json", as_of=dt.date(2026, 1, 3))
    assert '"overdue_commissions": []' in as_json
