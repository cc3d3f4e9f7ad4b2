"""Points and rankings on a small fixture archive, against tables computed by hand.

tests/fixtures/stats: scoring jrxx 10, zk 30 (sqmy earns nothing), province 20 / central 50
adoptions, 批示 city 30 / province 40 / central 50 (county earns nothing), parent share 0.5.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from helpers import REPO, find_problem, problems_of, write

from bulletin.archive import load_archive
from bulletin.figures.scoring import (
    LATE,
    MISSING,
    ON_TIME,
    OPEN,
    active_months,
    build_annual_view,
    build_monthly_notice,
    collect_commission_statuses,
    collect_credits,
)
from bulletin.labels import format_points, format_rate

STATS = REPO / "tests" / "fixtures" / "stats"


@pytest.fixture(scope="module")
def archive():
    return load_archive(STATS)


def table(notice_or_groups):
    groups = getattr(notice_or_groups, "groups", notice_or_groups)
    return [
        (
            group.name,
            row.rank,
            row.figures.unit.key,
            row.figures.adopted,
            format_points(row.figures.points),
            row.figures.instructions,
            row.figures.higher,
            format_points(row.figures.linked),
        )
        for group in groups
        for row in group.rows
    ]


def keys(units):
    return [u.key for u in units]


def test_january_notice(archive):
    notice = build_monthly_notice(archive, 2026, 1)
    assert table(notice) == [
        ("县（区）", 1, "yunling", 1, "40", 1, 0, "7.5"),  # jrxx 10 + city 批示 30; linked 0.5 x 青石镇 15
        ("县（区）", 2, "hefeng", 1, "5", 1, 0, "0"),  # half of a joint jrxx report; county 批示 earns 0
        ("开发区", 1, "jingkai", 0, "0", 0, 0, "0"),
        ("市直部门", 1, "yingji", 1, "0", 0, 0, "0"),  # sqmy has no points
        ("镇街信息直报点", 1, "qingshi-town", 2, "15", 1, 0, "0"),  # 5 (joint) + 10
        ("特约信息员", 1, "skl", 0, "0", 0, 0, "0"),
    ]
    assert keys(notice.zero_month) == ["jingkai", "skl"]
    assert keys(notice.zero_to_date) == ["jingkai", "skl"]
    assert [(u.key, adopted, quota) for u, adopted, quota in notice.below_quota] == [("yunling", 1, 2)]
    assert [s.commission.id for s in notice.overdue] == ["chungeng"]
    assert keys(notice.overdue[0].overdue) == ["yingji"]
    assert notice.has_ledger
    figures = {row.figures.unit.key: row.figures for group in notice.groups for row in group.rows}
    assert {k: (f.submitted, format_rate(f.rate)) for k, f in figures.items()} == {
        "yunling": (4, "25.0%"),
        "hefeng": (2, "50.0%"),
        "qingshi-town": (3, "66.7%"),
        "yingji": (1, "100.0%"),
        "jingkai": (0, "—"),
        "skl": (0, "—"),
    }
    assert keys(notice.zero_submitted) == ["jingkai", "skl"]


def test_february_notice_credits_each_event_in_its_own_month(archive):
    notice = build_monthly_notice(archive, 2026, 2)
    month = {row.figures.unit.key: row for group in notice.groups for row in group.rows}
    # yunling: R1's province adoption (Feb 3) 20 + R5 published Feb 20 10
    assert (month["yunling"].figures.adopted, month["yunling"].figures.points, month["yunling"].figures.higher) == (
        1,
        30,
        1,
    )
    assert (month["yunling"].to_date.adopted, month["yunling"].to_date.points) == (2, 70)
    # yingji: zk 30 + province 批示 40
    assert (month["yingji"].figures.points, month["yingji"].figures.instructions, month["yingji"].rank) == (70, 1, 1)
    assert (month["hefeng"].figures.points, month["hefeng"].to_date.points, month["hefeng"].rank) == (0, 5, 2)
    assert keys(notice.zero_month) == ["hefeng", "jingkai", "qingshi-town", "skl"]
    assert keys(notice.zero_to_date) == ["jingkai", "skl"]
    assert not notice.has_ledger and notice.zero_submitted == ()


def test_march_has_only_a_central_adoption(archive):
    notice = build_monthly_notice(archive, 2026, 3)
    yingji = next(row for group in notice.groups for row in group.rows if row.figures.unit.key == "yingji")
    assert (yingji.figures.adopted, yingji.figures.points, yingji.figures.higher) == (0, 50, 1)
    assert [(u.key, a, q) for u, a, q in notice.below_quota] == [("yunling", 0, 2), ("yingji", 0, 1)]


def test_commission_not_overdue_before_its_deadline_in_the_current_month(archive):
    assert build_monthly_notice(archive, 2026, 1, today=dt.date(2026, 1, 3)).overdue == ()
    assert [s.commission.id for s in build_monthly_notice(archive, 2026, 1, today=dt.date(2026, 1, 5)).overdue] == [
        "chungeng"
    ]


def test_active_months(archive):
    assert active_months(archive, collect_credits(archive)) == [(2026, 1), (2026, 2), (2026, 3)]


def test_annual_view(archive):
    view = build_annual_view(archive, 2026)
    assert table(view)[:2] == [
        ("县（区）", 1, "yunling", 2, "70", 1, 1, "7.5"),
        ("县（区）", 2, "hefeng", 1, "5", 1, 0, "0"),
    ]
    assert ("市直部门", 1, "yingji", 2, "120", 1, 1, "0") in table(view)
    assert [(m, n, format_points(p), i, h) for m, n, p, i, h in view.months[:4]] == [
        (1, 4, "60", 2, 0),
        (2, 2, "100", 1, 1),
        (3, 0, "50", 0, 1),
        (4, 0, "0", 0, 0),
    ]
    assert [(name, n, format_points(p)) for name, n, p in view.by_kind] == [
        ("县（区）", 3, "75"),
        ("开发区", 0, "0"),
        ("市直部门", 2, "120"),
        ("镇街信息直报点", 2, "15"),
        ("特约信息员", 0, "0"),
    ]
    assert [q for q, _ in view.quarters] == [1]


def test_commission_statuses(archive):
    statuses = collect_commission_statuses(archive, dt.date(2026, 3, 31))
    assert [(s.commission.id, [(u.key, st) for u, st, _ in s.statuses]) for s in statuses] == [
        ("xunqi", [("jingkai", OPEN)]),
        ("chungeng", [("yunling", ON_TIME), ("hefeng", LATE), ("yingji", MISSING)]),
    ]
    # before the deadline nothing is missing yet, and a commission not yet issued is not shown
    early = collect_commission_statuses(archive, dt.date(2026, 1, 3))
    assert [(u.key, st) for u, st, _ in early[0].statuses] == [("yunling", ON_TIME), ("hefeng", OPEN), ("yingji", OPEN)]


def test_joint_report_splits_points_in_thirds(tmp_path):
    import shutil

    root = tmp_path / "stats"
    shutil.copytree(STATS, root)
    path = root / "reports/2026/0130-qingshi-town-r3.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("unit: qingshi-town", "unit: [qingshi-town, hefeng, yingji]"),
        encoding="utf-8",
    )
    credits = [c for c in collect_credits(load_archive(root)) if c.report.id == "0130-qingshi-town-r3"]
    assert sorted((c.unit, c.points) for c in credits) == [
        ("hefeng", Fraction(10, 3)),
        ("qingshi-town", Fraction(10, 3)),
        ("yingji", Fraction(10, 3)),
    ]
    assert format_points(Fraction(10, 3)) == "3.33"


@pytest.mark.parametrize(
    "old, new, marker, field, fragment",
    [
        (
            "      series: {jrxx: 10, zk: 30}",
            "      series: {jrxx: 10, zk: 30, jjxx: 5}",
            "jjxx: 5",
            "extra.bulletin.scoring.series.jjxx",
            "没有这个刊物：刊物在 series 下设置",
        ),
        (
            "      parent_share: 0.5",
            "      parent_share: 0.5\n      bonus: 3",
            "bonus: 3",
            "extra.bulletin.scoring.bonus",
            "没有 bonus 这一项：可以写的项有 series、adoptions、instructions、parent_share",
        ),
        (
            "      parent_share: 0.5",
            "      parent_share: 1.5",
            "parent_share: 1.5",
            "extra.bulletin.scoring.parent_share",
            "不能大于 1",
        ),
        (
            "{province: 20, central: 50}",
            "{province: 20, city: 50}",
            "city: 50",
            "extra.bulletin.scoring.adoptions.city",
            "没有 city 这一项：可以写的项有 province、central",
        ),
    ],
)
def test_bad_scoring_settings(tmp_path, old, new, marker, field, fragment):
    import shutil

    root = tmp_path / "stats"
    shutil.copytree(STATS, root)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    line = next(n for n, content in enumerate(text.split("\n"), start=1) if marker in content)
    find_problem(problems_of(root), "mkdocs.yml", line, field, fragment)


def test_bad_registers(tmp_path):
    import shutil

    root = tmp_path / "stats"
    shutil.copytree(STATS, root)
    write(
        root,
        "reports/commissions.yml",
        """
        - id: chungeng
          topic: 春耕
          units: [yunling, nowhere]
          issued: 2026-01-02
          deadline: 2025-12-31
        - id: chungeng
          topic: 重复
          units: [hefeng]
          issued: 2026-01-02
          deadline: 2026-01-10
    """,
    )
    write(root, "reports/submissions/2026-13.yml", "yunling: 1\n")
    write(root, "reports/submissions/2026-02.yml", "yunling: 1\nnowhere: 2\nhefeng: -1\n")
    write(
        root,
        "reports/2026/0301-jingkai-r6.md",
        "---\ntitle: 经开区\nunit: jingkai\ncategory: 工作动态\ncommission: xunqi\n---\n正文。\n",
    )
    problems = problems_of(root)
    find_problem(problems, "reports/commissions.yml", 3, "[1].units", "reports/units.yml 里没有单位 nowhere")
    find_problem(problems, "reports/commissions.yml", 5, "[1].deadline", "截止日期 deadline 早于发出日期 issued")
    find_problem(problems, "reports/commissions.yml", 6, "[2].id", "约稿编号 chungeng 重复了")
    find_problem(problems, "reports/submissions/2026-13.yml", 1, "file", "<年>-<月>.yml")
    find_problem(problems, "reports/submissions/2026-02.yml", 2, "nowhere", "reports/units.yml 里没有这个单位")
    find_problem(problems, "reports/submissions/2026-02.yml", 3, "submitted.hefeng", "不能小于 0")
    find_problem(
        problems, "reports/2026/0301-jingkai-r6.md", 5, "commission", "reports/commissions.yml 里没有约稿 xunqi"
    )


def test_commission_answer_rules(tmp_path):
    import shutil

    root = tmp_path / "stats"
    shutil.copytree(STATS, root)
    write(
        root,
        "reports/2026/0301-jingkai-r6.md",
        "---\ntitle: 经开区\nunit: jingkai\ncategory: 工作动态\ncommission: chungeng\n---\n正文。\n",
    )
    write(
        root,
        "reports/2026/0220-yunling-r5.md",
        "---\ntitle: 云岭县\nunit: yunling\nissue: 3\ndate: 2026-02-20\nreceived: 2026-02-21\n"
        "category: 工作动态\n---\n正文。\n",
    )
    problems = problems_of(root)
    find_problem(problems, "reports/2026/0301-jingkai-r6.md", 5, "commission", "约稿 chungeng 没有约 jingkai 写稿")
    find_problem(
        problems, "reports/2026/0220-yunling-r5.md", 6, "received", "收到日期 2026-02-21 晚于这一期的日期 2026-02-20"
    )
