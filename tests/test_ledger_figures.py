"""Figures from the submissions ledger, against tables computed by hand: 报送, 被采用, 采用率 and
零报送 per unit and month and over the year, quotas by kind met or missed with the items of that
kind submitted and adopted, correspondents ranked, old counts still read beside items; then
the same figures on the built pages, in the CSV and on a correspondent's page.

tests/fixtures/stats, with ledgers written here:
- January keeps its old count file (yunling 4, hefeng 2, qingshi-town 3, yingji 1, jingkai 0)
  and adds items of the correspondents (not in the count file): skl 2 (1 上级采用), corr2 1 (采用 no).
- February has items only:
    yunling  4: R5 采用, 调研报告 未采用, 调研报告 上级采用, 工作动态 待处理  -> 4, 2, 50.0%
    hefeng   1: 调研报告 未采用                                              -> 1, 0, 0.0%
    yingji   2: R4 (调研报告) 采用, 社情民意 未采用                           -> 2, 1, 50.0%
    skl      3: 社情民意 上级采用 x2, 未采用                                  -> 3, 2, 66.7%
    corr2    2: 社情民意 上级采用 x2                                          -> 2, 2, 100.0%
    jingkai, qingshi-town: nothing                                          -> 零报送
"""

from __future__ import annotations

import csv
import io
import shutil
from fractions import Fraction

import pytest
from helpers import (
    MARCH_31,
    REPO,
    STATS_FIXTURE,
    copy_fixture,
    find_problem,
    page_tables,
    problems_of,
    run_build,
    text_of,
    write,
)

from bulletin.archive import load_archive
from bulletin.figures.scoring import build_annual_view, build_monthly_notice
from bulletin.labels import format_rate

STATS = REPO / "tests" / "fixtures" / "stats"


def write_ledgers(root):
    units = (root / "reports/units.yml").read_text(encoding="utf-8")
    units = units.replace(
        "yunling:\n  name: 云岭县委办公室\n  kind: county\n  quota: {monthly: 2}\n",
        "yunling:\n  name: 云岭县委办公室\n  kind: county\n  quota: {monthly: 2}\n"
        "  quotas:\n    - {monthly: 1, kind: 调研报告, of: 报送}\n    - {monthly: 1, kind: 调研报告, of: 采用}\n",
    )
    units = units.replace(
        "hefeng:\n  name: 禾丰县委办公室\n  kind: county\n",
        "hefeng:\n  name: 禾丰县委办公室\n  kind: county\n  quotas: [{monthly: 2, kind: 调研报告, of: submitted}]\n",
    )
    units = units.replace(
        "yingji:\n  name: 市应急管理局\n  kind: department\n  quota: {monthly: 1}\n",
        "yingji:\n  name: 市应急管理局\n  kind: department\n  quota: {monthly: 1, kind: 调研报告}\n",
    )
    assert units.count("quota") == 4
    units += "corr2:\n  name: 云岭县特约信息员\n  kind: correspondent\n  parent: yunling\n"
    write(root, "reports/units.yml", units)
    write(
        root,
        "reports/submissions/2026/01/skl.yml",
        """\
        - {received: 2026-01-08, title: 群众对春运返乡的关切, kind: 社情民意, result: 上级采用, by: 省委办公厅《社情民意》}
        - {received: 2026-01-20, title: 农贸市场环境, kind: 社情民意, result: 未采用}
        """,
    )
    write(
        root,
        "reports/submissions/2026/01/corr2.yml",
        "- {received: 2026-01-09, title: 山区学生上学路, kind: 社情民意, result: 未采用}\n",
    )
    write(
        root,
        "reports/submissions/2026/02/yunling.yml",
        """\
        # 云岭县委办公室 2026年2月收稿登记
        - received: 2026-02-16
          title: 云岭县第五篇
          kind: 工作动态
          result: 采用
          reports: [2026/0220-yunling-r5]
        - received: 2026-02-03
          title: 云岭县茶产业调研
          kind: 调研报告
          result: 未采用
        - received: 2026-02-10
          title: 云岭县山区交通调研
          kind: 调研报告
          result: 上级采用
          by: 省委办公厅《每日要情》
        - received: 2026-02-26
          title: 云岭县春耕准备
          kind: 工作动态
          result: 待处理
        """,
    )
    write(
        root,
        "reports/submissions/2026/02/hefeng.yml",
        "- {received: 2026-02-11, title: 禾丰县土地流转调研, kind: 调研报告, result: 未采用}\n",
    )
    write(
        root,
        "reports/submissions/2026/02/yingji.yml",
        """\
        - {received: 2026-02-05, title: 应急调研, kind: 调研报告, result: 采用, reports: [2026/0210-yingji-r4]}
        - {received: 2026-02-12, title: 群众反映, kind: 社情民意, result: 未采用}
        """,
    )
    write(
        root,
        "reports/submissions/2026/02/skl.yml",
        """\
        - {received: 2026-02-02, title: 甲, kind: 社情民意, result: 上级采用, by: 省委办公厅《社情民意》}
        - {received: 2026-02-09, title: 乙, kind: 社情民意, result: 上级采用, by: 市委办公室《社情民意》}
        - {received: 2026-02-23, title: 丙, kind: 社情民意, result: 未采用}
        """,
    )
    write(
        root,
        "reports/submissions/2026/02/corr2.yml",
        """\
        - {received: 2026-02-04, title: 甲, kind: 社情民意, result: 上级采用, by: 省委办公厅《社情民意》}
        - {received: 2026-02-18, title: 乙, kind: 社情民意, result: 上级采用, by: 省委办公厅《社情民意》}
        """,
    )
    return root


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("ledger") / "archive"
    shutil.copytree(STATS, root)
    return load_archive(write_ledgers(root))


def figures_of(groups):
    return {row.figures.unit.key: row.figures for group in groups for row in group.rows}


def ledger_of(figures):
    return {key: (f.submitted, f.accepted, format_rate(f.rate)) for key, f in figures.items()}


def test_february_figures_come_from_the_items(archive):
    notice = build_monthly_notice(archive, 2026, 2)
    assert notice.has_ledger
    assert ledger_of(figures_of(notice.groups)) == {
        "yunling": (4, 2, "50.0%"),  # R5 采用 and one 上级采用 of four
        "hefeng": (1, 0, "0.0%"),
        "yingji": (2, 1, "50.0%"),
        "skl": (3, 2, "66.7%"),
        "corr2": (2, 2, "100.0%"),
        "jingkai": (0, 0, "—"),
        "qingshi-town": (0, 0, "—"),
    }
    assert [u.key for u in notice.zero_submitted] == ["jingkai", "qingshi-town"]


def test_january_mixes_old_counts_and_items(archive):
    notice = build_monthly_notice(archive, 2026, 1)
    # Counted units: 被采用 is the month's published reports, as the count files always gave it.
    assert ledger_of(figures_of(notice.groups)) == {
        "yunling": (4, 1, "25.0%"),
        "hefeng": (2, 1, "50.0%"),
        "qingshi-town": (3, 2, "66.7%"),
        "yingji": (1, 1, "100.0%"),
        "jingkai": (0, 0, "—"),
        "skl": (2, 1, "50.0%"),
        "corr2": (1, 0, "0.0%"),
    }
    assert [u.key for u in notice.zero_submitted] == ["jingkai"]


def test_quotas_by_kind_are_met_or_missed_with_what_was_submitted_and_adopted(archive):
    notice = build_monthly_notice(archive, 2026, 2)
    statuses = [(s.unit.key, s.what, s.quota.monthly, s.count, s.met, s.submitted, s.accepted) for s in notice.quotas]
    assert statuses == [
        ("hefeng", "报送调研报告", 2, 1, False, 1, 0),  # one research report sent, none adopted
        ("yunling", "采用", 2, 1, False, 4, 2),  # `quota: {monthly: 2}`: reports published, as before
        ("yunling", "报送调研报告", 1, 2, True, 2, 1),  # met in number; one of two adopted
        ("yunling", "采用调研报告", 1, 0, False, 2, 1),  # R5 is 工作动态: no research report published
        ("yingji", "采用调研报告", 1, 1, True, 1, 1),  # R4 (zk) is a 调研报告
    ]
    assert [(u.key, count, monthly) for u, count, monthly in notice.below_quota] == [
        ("hefeng", 1, 2),
        ("yunling", 1, 2),
        ("yunling", 0, 1),
    ]


def test_the_year_names_zero_submitters_and_ranks_correspondents(archive):
    view = build_annual_view(archive, 2026)
    assert view.has_ledger
    whole = figures_of(view.groups)
    assert ledger_of(whole)["yunling"] == (8, 3, "37.5%")  # January 4 (1 published) + February 4 (2)
    assert [u.key for u in view.zero_submitted] == ["jingkai"]
    ranked = [
        (row.rank, row.figures.unit.key, row.figures.accepted, format_rate(row.figures.rate))
        for row in view.correspondents
    ]
    assert ranked == [(1, "skl", 3, "60.0%"), (2, "corr2", 2, "66.7%")]


def test_a_quota_of_no_category_is_refused(tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(STATS, root)
    units = (root / "reports/units.yml").read_text(encoding="utf-8")
    write(
        root,
        "reports/units.yml",
        units + "extra:\n  name: 示例单位\n  kind: department\n  quotas: [{monthly: 1, kind: 领导讲话, of: 办理}]\n",
    )
    problems = problems_of(root)
    find_problem(problems, "reports/units.yml", 26, "extra.quotas[1].of", "“办理”不是可以选的值")
    write(
        root,
        "reports/units.yml",
        units + "extra:\n  name: 示例单位\n  kind: department\n  quotas: [{monthly: 1, kind: 领导讲话}]\n",
    )
    find_problem(problems_of(root), "reports/units.yml", 23, "extra.quotas", "“领导讲话”不是信息类别")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_fixture(tmp_path_factory.mktemp("ledger-site") / "archive", STATS_FIXTURE)
    write_ledgers(root)
    result = run_build(root, epoch=MARCH_31)
    assert result.returncode == 0, result.stderr
    return root / "site"


def page_text(path):
    return text_of(path)


@pytest.mark.build
def test_the_csv_says_what_the_page_says(site):
    page = page_tables(site / "stats/2026/02/index.html")
    header = page.tables[0][0]
    assert header[-3:] == ["报送", "被采用", "采用率"]
    rows = list(csv.DictReader(io.StringIO((site / "stats/2026/02/ranking.csv").read_bytes().decode("utf-8-sig"))))
    page_rows = [row for table in page.tables for row in table[1:]]
    assert len(rows) == len(page_rows) == 7
    for record, cells in zip(rows, page_rows, strict=True):
        assert [record["name"], record["submitted"], record["submissions_adopted"], record["rate"]] == [
            cells[1],
            *cells[-3:],
        ]
    by_unit = {record["unit"]: record for record in rows}
    assert (by_unit["yunling"]["submitted"], by_unit["yunling"]["submissions_adopted"], by_unit["yunling"]["rate"]) == (
        "4",
        "2",
        "50.0%",
    )


@pytest.mark.build
def test_the_notice_shows_quotas_and_zero_submitters(site):
    text = page_text(site / "stats/2026/02/index.html")
    assert "禾丰县委办公室：每月报送调研报告2篇，本月1篇，未完成；本月报送调研报告1篇，被采用0篇" in text
    assert "云岭县委办公室：每月报送调研报告1篇，本月2篇，完成；本月报送调研报告2篇，被采用1篇" in text
    assert "市应急管理局：每月采用调研报告1篇，本月1篇，完成" in text
    zero = text[text.index("零报送单位") :]
    assert zero.index("示例经济技术开发区党工委办公室") < zero.index("云岭县青石镇")


@pytest.mark.build
def test_the_year_and_a_correspondent_page(site):
    annual = page_text(site / "stats/2026/index.html")
    # built on 3月31日: the year is not over, so no unit is 零报送 for good yet
    assert "截至3月31日（本年尚未结束）" in annual and "全年零报送" not in annual
    assert "本年暂未报送的单位 本年至今收稿登记里没有一篇稿件的单位：示例经济技术开发区党工委办公室" in annual
    tables = page_tables(site / "stats/2026/index.html").tables
    ranking = next(t for t in tables if t[0] == ["名次", "单位", "报送", "被采用", "采用率"])
    assert ranking[1:] == [["1", "禾丰县特约信息员", "5", "3", "60.0%"], ["2", "云岭县特约信息员", "3", "2", "66.7%"]]
    skl = page_text(site / "units/skl/index.html")
    assert "2026年报送5篇，被采用3篇（其中上级采用3篇），采用率60.0%。" in skl
    # newest first; who adopted it beside the result
    assert skl.index("2月23日 丙（社情民意） 未采用") < skl.index(
        "1月8日 群众对春运返乡的关切（社情民意） 上级采用：省委办公厅《社情民意》"
    )
    yunling = (site / "units/yunling/index.html").read_text(encoding="utf-8")
    # an adopted item links to the report made from it
    assert '<a href="../../reports/2026/0220-yunling-r5/">云岭县第五篇</a>（工作动态）</td>' in yunling


def test_rates_are_fractions_not_rounded_early(archive):
    notice = build_monthly_notice(archive, 2026, 2)
    assert figures_of(notice.groups)["skl"].rate == Fraction(2, 3)


def test_a_point_set_up_later_owes_nothing_before_it(archive):
    """A unit that became a point after a month (since, 设点日期) is neither 零报送 nor behind its
    tasks in that month; from its month on it is judged like the others."""
    import dataclasses
    import datetime as dt

    units = dict(archive.units)
    units["qingshi-town"] = dataclasses.replace(units["qingshi-town"], since=dt.date(2026, 3, 1))
    units["hefeng"] = dataclasses.replace(units["hefeng"], since=dt.date(2026, 2, 28))
    later = dataclasses.replace(archive, units=units)
    february = build_monthly_notice(later, 2026, 2)
    assert [u.key for u in february.zero_submitted] == ["jingkai"]  # qingshi-town: set up in March
    assert "hefeng" in [s.unit.key for s in february.quotas]  # set up on the month's last day: judged
    january = build_monthly_notice(later, 2026, 1)
    assert "hefeng" not in [s.unit.key for s in january.quotas]
    assert [u.key for u in build_annual_view(later, 2026).zero_submitted] == ["jingkai"]
