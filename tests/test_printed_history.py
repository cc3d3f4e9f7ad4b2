"""What was printed stays printed (issue 13, item 5): a unit renamed in a reorganisation keeps
its earlier names with dates, a series' staff or distribution changes with the lines it
printed before, and an issue's own details file (编者按, copies, urgency, lines) is kept as
printed. Each published issue shows what it showed on its date; `check --base` lets such a
change through, and still refuses a change that rewrites a published issue."""

from __future__ import annotations

from pathlib import Path

from helpers import commit_all, edit, find_problem, problems_of, run_bulletin, write

from bulletin.archive import load_archive
from bulletin.pages.issues import render_issue_page
from bulletin.pages.reports import render_report_page

LATER_ISSUE = """---
title: 云岭县推进茶园机械化管护
unit: yunling
issue: 3
date: 2026-04-02
category: 工作动态
---
云岭县今年新增茶园管护机械120台（套），机械化管护面积达到3.2万亩。
"""
RENAMED = "name: 云岭县委员会办公室\n  kind: county\n  former:\n    - {name: 云岭县委办公室, until: 2026-03-31}"


def check_base(root: Path) -> tuple[int, list[str]]:
    result = run_bulletin("--root", str(root), "check", "--base", "main")
    return result.returncode, result.stdout.splitlines()


def issue_html(root: Path, series: str, number: int) -> str:
    archive = load_archive(root)
    issue = next(i for i in archive.issues_of(series) if i.number == number)
    return render_issue_page(archive, issue, None, None).html


def test_a_renamed_unit_keeps_its_old_name_on_old_issues(repo):
    write(repo, "reports/2026/0402-yunling-jixie.md", LATER_ISSUE)
    edit(repo, "reports/units.yml", "name: 云岭县委办公室\n  kind: county", RENAMED)
    assert check_base(repo) == (0, [])  # nothing published changes
    old, new = issue_html(repo, "jrxx", 1), issue_html(repo, "jrxx", 3)
    assert "云岭县委办公室" in old and "云岭县委员会办公室" not in old
    assert "云岭县委员会办公室" in new
    archive = load_archive(repo)
    report = next(r for r in archive.reports if r.id == "0105-yunling-chalv")
    issue = next(i for i in archive.issues_of("jrxx") if i.number == 1)
    page = render_report_page(archive, report, issue).html
    assert "云岭县委办公室" in page and "云岭县委员会办公室" not in page


def test_a_rename_without_its_former_name_is_refused_with_what_to_write(repo):
    edit(repo, "reports/units.yml", "name: 云岭县委办公室", "name: 云岭县委员会办公室")
    code, lines = check_base(repo)
    assert code == 1
    assert "former: [{name: 原名称, until: 改名前一天}]" in lines[0], lines


def test_a_former_name_dated_too_late_is_refused(repo):
    # The old name until 2026-01-10: jrxx 1 (2026-01-05) keeps it, but zk 1 (2026-03-12) does not.
    edit(repo, "reports/units.yml", "name: 云岭县委办公室\n  kind: county", RENAMED.replace("2026-03-31", "2026-01-10"))
    code, lines = check_base(repo)
    assert code == 1, lines
    assert lines[0].startswith("reports/units.yml:2: yunling.") and "/zk/2026/001/" in lines[0], lines


def test_former_names_out_of_order_are_a_problem(archive_root):
    write(
        archive_root,
        "reports/units.yml",
        (archive_root / "reports/units.yml")
        .read_text(encoding="utf-8")
        .replace(
            "name: 云岭县委办公室\n  kind: county",
            "name: 云岭县委员会办公室\n  kind: county\n  former:\n"
            "    - {name: 云岭县委, until: 2025-06-30}\n    - {name: 云岭县委办公室, until: 2024-12-31}",
        ),
    )
    find_problem(problems_of(archive_root), "reports/units.yml", 4, "yunling.former[1].until", "要按时间先后写")


def test_a_new_signer_with_the_earlier_lines_leaves_old_issues_as_printed(repo):
    write(repo, "reports/2026/0402-yunling-jixie.md", LATER_ISSUE)
    edit(
        repo,
        "mkdocs.yml",
        "        signer: 周启明",
        "        signer: 吴新民\n        earlier:\n          - {until: 2026-03-31, signer: 周启明}",
    )
    assert check_base(repo) == (0, [])
    assert "签发：周启明" in issue_html(repo, "jrxx", 1)
    assert "签发：吴新民" in issue_html(repo, "jrxx", 3)


def test_an_issue_details_file_overrides_the_lines_of_that_issue_only(archive_root):
    write(archive_root, "reports/issues/jrxx/2026/002.yml", "signer: 许清和\nto_units: 各县（区）委，市直有关部门\n")
    second, first = issue_html(archive_root, "jrxx", 2), issue_html(archive_root, "jrxx", 1)
    assert "签发：许清和" in second and "各县（区）委，市直有关部门" in second
    assert "签发：周启明" in first


def test_a_details_file_of_no_issue_is_a_problem(archive_root):
    write(archive_root, "reports/issues/jrxx/2026/009.yml", "copies: 80\n")
    write(archive_root, "reports/issues/jrxx/2026/2.yml", "copies: 80\n")
    problems = problems_of(archive_root)
    find_problem(problems, "reports/issues/jrxx/2026/009.yml", 1, "file", "《jrxx》2026年没有第9期")
    find_problem(problems, "reports/issues/jrxx/2026/2.yml", 1, "file", "<三位期号>.yml")


def test_bad_values_in_a_details_file(archive_root):
    write(archive_root, "reports/issues/jrxx/2026/001.yml", "copies: 0\nurgency: 急\nsigner: [甲]\n")
    problems = problems_of(archive_root)
    path = "reports/issues/jrxx/2026/001.yml"
    find_problem(problems, path, 1, "copies", "不能小于 1")
    find_problem(problems, path, 2, "urgency", "可以选：特急、加急")
    find_problem(problems, path, 3, "signer", "")


def test_changing_a_published_issues_details_is_refused(repo):
    write(repo, "reports/issues/jrxx/2026/001.yml", "signer: 许清和\n")
    commit_all(repo, "details of issue 1")
    from helpers import git

    git(repo, "branch", "-f", "main", "HEAD")  # published with its details
    edit(repo, "reports/issues/jrxx/2026/001.yml", "signer: 许清和", "signer: 吴新民")
    code, lines = check_base(repo)
    assert code == 1
    assert lines[0].startswith("reports/issues/jrxx/2026/001.yml:1: file: 这项改动会改写在 main 已发布的"), lines
    assert "按印发时保存" in lines[0]


def test_editors_note_and_copies_are_printed_on_their_issue(archive_root):
    note = "本期刊发应急管理局关于隐患排查的做法。\n各地可结合实际参考借鉴。<b>不是标记</b>\n"
    write(
        archive_root,
        "reports/issues/jrxx/2026/001.yml",
        f"note: |\n  {note.splitlines()[0]}\n  {note.splitlines()[1]}\ncopies: 120\n",
    )
    html = issue_html(archive_root, "jrxx", 1)
    assert "<strong>编者按：</strong>本期刊发应急管理局关于隐患排查的做法。" in html
    assert "各地可结合实际参考借鉴。&lt;b&gt;不是标记&lt;/b&gt;" in html  # text, never markup
    assert "（共印120份）" in html
    assert "编者按" not in issue_html(archive_root, "jrxx", 2)


def test_an_urgency_mark_set_for_one_issue_is_printed_on_it(archive_root):
    write(archive_root, "reports/issues/jrxx/2026/002.yml", "urgency: 特急\n")
    assert '<p class="bl-urgency">特急</p>' in issue_html(archive_root, "jrxx", 2)
    assert "bl-urgency" not in issue_html(archive_root, "jrxx", 1)
