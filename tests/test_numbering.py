"""Issue numbering: 1..N per series and year, shared dates, dates never going backwards."""

from __future__ import annotations

from helpers import find_problem, problems_of, write

from bulletin.archive import load_archive


def scheduled(title: str, issue: int, date: str, extra: str = "", unit: str = "hefeng") -> str:
    return (
        f"---\ntitle: {title}\nunit: {unit}\nissue: {issue}\ndate: {date}\ncategory: 工作动态\n{extra}---\n"
        "禾丰县推进冬季农田水利建设。\n"
    )


def test_fixture_assembles_issues_in_order_with_totals(archive_root):
    archive = load_archive(archive_root)
    jrxx = archive.issues_of("jrxx")
    assert [(i.year, i.number, i.total, str(i.date)) for i in jrxx] == [
        (2026, 1, 101, "2026-01-05"),
        (2026, 2, 102, "2026-01-20"),
    ]
    assert [r.id for r in jrxx[0].reports] == ["0105-yunling-chalv", "0105-yingji-paicha"]
    (zk,) = archive.issues_of("zk")
    assert (zk.number, zk.total) == (1, 1)
    assert [r.id for r in archive.pending] == ["1120-yingji-pending"]


def test_totals_run_on_across_years(archive_root):
    write(archive_root, "reports/2025/1220-hefeng-a.md", scheduled("禾丰县甲", 1, "2025-12-01"))
    write(archive_root, "reports/2025/1221-hefeng-b.md", scheduled("禾丰县乙", 2, "2025-12-20"))
    archive = load_archive(archive_root)
    assert [(i.year, i.number, i.total) for i in archive.issues_of("jrxx")] == [
        (2025, 1, 101),
        (2025, 2, 102),
        (2026, 1, 103),
        (2026, 2, 104),
    ]


def test_order_puts_reports_and_file_name_breaks_ties(archive_root):
    write(archive_root, "reports/2026/0105-aaa-first.md", scheduled("排在最后", 1, "2026-01-05"))
    write(
        archive_root,
        "reports/2026/0105-zzz-first.md",
        scheduled("排在最前", 1, "2026-01-05", "order: 1\n").replace("order: 1", "order: 1"),
    )
    (archive_root / "reports/2026/0105-yunling-chalv.md").write_text(
        (archive_root / "reports/2026/0105-yunling-chalv.md")
        .read_text(encoding="utf-8")
        .replace("order: 1", "order: 3"),
        encoding="utf-8",
    )
    issue = load_archive(archive_root).issues_of("jrxx")[0]
    assert [r.id for r in issue.reports] == [
        "0105-zzz-first",
        "0105-yingji-paicha",
        "0105-yunling-chalv",
        "0105-aaa-first",
    ]


def test_same_number_with_different_dates_is_refused(archive_root):
    path = "reports/2026/0106-hefeng-x.md"
    write(archive_root, path, scheduled("禾丰县", 1, "2026-01-06"))
    find_problem(
        problems_of(archive_root),
        path,
        5,
        "date",
        "今日信息 2026年第1期 的日期是 2026-01-05（见 reports/2026/0105-yingji-paicha.md）",
    )


def test_duplicate_order_in_an_issue_is_refused(archive_root):
    path = "reports/2026/0105-hefeng-x.md"
    write(archive_root, path, scheduled("禾丰县", 1, "2026-01-05", "order: 2\n"))
    problems = problems_of(archive_root)
    find_problem(problems, path, 7, "order", "order 2 也给了 reports/2026/0105-yingji-paicha.md")
    find_problem(problems, "reports/2026/0105-yingji-paicha.md", 6, "order", f"order 2 也给了 {path}")


def test_gap_in_numbering_is_refused(archive_root):
    path = "reports/2026/0210-hefeng-x.md"
    write(archive_root, path, scheduled("禾丰县", 4, "2026-02-10"))
    find_problem(problems_of(archive_root), path, 4, "issue", "今日信息 2026年第3期缺失，却有第4期")


def test_numbering_must_start_at_one(archive_root):
    path = "reports/2025/0210-hefeng-x.md"
    write(archive_root, path, scheduled("禾丰县", 3, "2025-02-10"))
    find_problem(problems_of(archive_root), path, 4, "issue", "2025年第1–2期缺失，却有第3期")


def test_dates_going_backwards_are_refused(archive_root):
    path = "reports/2026/0110-hefeng-x.md"
    write(archive_root, path, scheduled("禾丰县", 3, "2026-01-10"))
    find_problem(problems_of(archive_root), path, 5, "date", "第3期 的日期 2026-01-10 早于第2期（2026-01-20）")


def test_series_number_independently(archive_root):
    write(archive_root, "reports/2026/0401-hefeng-zk.md", scheduled("禾丰县", 2, "2026-04-01", "series: zk\n"))
    archive = load_archive(archive_root)
    assert [i.number for i in archive.issues_of("zk")] == [1, 2]
    assert [i.number for i in archive.issues_of("jrxx")] == [1, 2]


def test_pending_report_is_not_an_error_and_not_in_an_issue(archive_root):
    archive = load_archive(archive_root)
    pending = archive.pending[0]
    assert pending.issue is None
    assert all(pending not in issue.reports for issue in archive.issues)
