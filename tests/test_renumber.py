"""Two branches that took the same issue number (issue 14): `check --base` names the command that
resolves it, `bulletin compose --renumber` moves the branch's report to the next free number
(after a rebase only the branch's own file is blamed), and rewrites only its three lines.
Real Git repositories in tmp_path, the real command line."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from helpers import (
    Ran,
    commit_all,
    git,
    run_bulletin,
    write,
)

from bulletin.archive import load_archive

PENDING_A = "reports/2026/1121-hefeng-a.md"


def bulletin(root: Path, *args: str) -> Ran:
    return run_bulletin("--root", str(root), *args)


PENDING_B = "reports/2026/1121-yunling-b.md"


def collide(repo: Path, rebase: bool) -> None:
    """Two pending reports on main; branch-b composes B as issue 3, then main publishes A
    as issue 3 (another branch merged first). Leaves branch-b checked out, rebased or not."""
    write(repo, PENDING_A, "---\ntitle: 禾丰县甲稿\nunit: hefeng\ncategory: 工作动态\n---\n甲。\n")
    write(repo, PENDING_B, "---\ntitle: 云岭县乙稿\nunit: yunling\ncategory: 工作动态\n---\n乙。\n")
    commit_all(repo, "two pending reports")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "change")
    git(repo, "checkout", "-q", "-b", "branch-b")
    assert bulletin(repo, "compose", PENDING_B, "--date", "2026-02-03").returncode == 0
    commit_all(repo, "compose b")
    git(repo, "checkout", "-q", "main")
    assert bulletin(repo, "compose", PENDING_A, "--date", "2026-02-02").returncode == 0
    commit_all(repo, "compose a")
    git(repo, "checkout", "-q", "branch-b")
    if rebase:
        git(repo, "rebase", "-q", "main")


def test_collision_refusal_names_the_command_that_resolves_it(repo):
    collide(repo, rebase=True)
    result = bulletin(repo, "check", "--base", "main")
    assert result.returncode == 1
    assert f"运行 bulletin compose --renumber {PENDING_B} --base main" in result.stdout
    assert "请先把 main 合并" not in result.stdout  # already rebased: the command alone


def test_after_a_rebase_only_the_branchs_file_is_blamed_with_both_dates(repo):
    collide(repo, rebase=True)
    lines = bulletin(repo, "check", "--base", "main").stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [PENDING_B]  # never main's file
    assert "本分支把这篇报告排在《今日信息》2026年第3期（2026-02-03）" in lines[0]
    assert f"main 上已经发布了《今日信息》2026年第3期（2026-02-02，收有 {PENDING_A}）" in lines[0]


def test_renumber_moves_the_branchs_report_to_the_next_free_number(repo):
    collide(repo, rebase=True)
    original = (repo / PENDING_B).read_text(encoding="utf-8")
    result = bulletin(repo, "compose", "--renumber", PENDING_B, "--base", "main")
    assert result.returncode == 0, result.output
    assert f"{PENDING_B}：《今日信息》2026年第3期 → 2026年第4期（2026-02-03），第1篇" in result.stdout
    assert (repo / PENDING_B).read_text(encoding="utf-8") == original.replace("issue: 3\n", "issue: 4\n")
    assert bulletin(repo, "check", "--base", "main").returncode == 0
    commit_all(repo, "renumber b")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge b", "branch-b")
    assert [i.number for i in load_archive(repo).issues_of("jrxx")] == [1, 2, 3, 4]


def test_renumber_before_the_rebase_asks_for_it_and_writes_nothing(repo):
    collide(repo, rebase=False)
    assert "请先把 main 合并进本分支" in bulletin(repo, "check", "--base", "main").stdout
    before = (repo / PENDING_B).read_bytes()
    result = bulletin(repo, "compose", "--renumber", PENDING_B, "--base", "main")
    assert result.returncode == 1
    assert "本分支还没有 main 上已发布的《今日信息》2026年第3期：请先把 main 合并进本分支" in result.stdout
    assert (repo / PENDING_B).read_bytes() == before


def test_renumber_refuses_a_report_published_on_the_base_and_writes_no_file(repo):
    collide(repo, rebase=True)
    before = {path: (repo / path).read_bytes() for path in (PENDING_A, PENDING_B)}
    result = bulletin(repo, "compose", "--renumber", PENDING_B, PENDING_A, "--base", "main")
    assert result.returncode == 1
    assert f"{PENDING_A}:5: issue: 已经在 main 上发布于今日信息 2026年第3期" in result.stdout
    assert "已发布的期号不能改动" in result.stdout
    assert {path: (repo / path).read_bytes() for path in before} == before  # all or none


def test_renumber_uses_origin_main_by_default(repo, tmp_path):
    collide(repo, rebase=True)
    clone = tmp_path / "clone"  # as an editor has it: main only as origin/main
    git(tmp_path, "clone", "-q", "--branch", "branch-b", str(repo), str(clone))
    assert "main" not in git(clone, "branch", "--list", "main")
    result = bulletin(clone, "compose", "--renumber", PENDING_B, "--dry-run")
    assert result.returncode == 0, result.output
    assert "将改排（未写入）" in result.stdout and "2026年第4期" in result.stdout
    assert "issue: 3\n" in (clone / PENDING_B).read_text(encoding="utf-8")


def test_renumber_rewrites_only_the_three_lines_keeping_comments_and_line_ends():
    from bulletin.commands.renumber import rewrite_schedule_lines

    text = "---\r\ntitle: 乙稿\r\nissue: 3  # 待定\r\ndate: 2026-02-03\r\n---\r\nissue: 3\r\n"
    assert rewrite_schedule_lines(text, {"issue": "4", "date": "2026-02-04", "order": "1"}) == (
        "---\r\ntitle: 乙稿\r\nissue: 4  # 待定\r\ndate: 2026-02-04\r\norder: 1\r\n---\r\nissue: 3\r\n"
    )


def write_pending(root: Path, path: str, title: str, unit: str) -> None:
    write(root, path, f"---\ntitle: {title}\nunit: {unit}\ncategory: 工作动态\n---\n{title}的正文。\n")


def test_the_renumber_command_of_a_collision_works_as_given(repo):
    """Two reports of the branch share an issue number main published meanwhile: the command
    the refusal gives, typed as shown, moves them (moving one alone is refused for the other)."""
    a, b, c = "reports/2026/1121-hefeng-a.md", "reports/2026/1121-yunling-b.md", "reports/2026/1121-yingji-c.md"
    write_pending(repo, a, "禾丰县甲稿", "hefeng")
    write_pending(repo, b, "云岭县乙稿", "yunling")
    write_pending(repo, c, "市应急管理局丙稿", "yingji")
    commit_all(repo, "three pending reports")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "change")
    git(repo, "checkout", "-q", "-b", "branch")
    assert bulletin(repo, "compose", a, b, "--date", "2026-02-03").returncode == 0
    commit_all(repo, "compose a and b")
    git(repo, "checkout", "-q", "main")
    assert bulletin(repo, "compose", c, "--date", "2026-02-02").returncode == 0
    commit_all(repo, "compose c")
    git(repo, "checkout", "-q", "branch")
    git(repo, "rebase", "-q", "main")

    refused = bulletin(repo, "check", "--base", "main")
    assert refused.returncode == 1
    commands = set(re.findall(r"请运行 (bulletin compose --renumber [^，]*)，", refused.stdout))
    assert len(commands) == 1, refused.stdout
    args = shlex.split(commands.pop())[1:]
    moved = bulletin(repo, *args)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert bulletin(repo, "check", "--base", "main").returncode == 0
