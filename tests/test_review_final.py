"""Regressions found in the final review of issues 14 and 16, each tried for real first."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from helpers import REPO, commit_all, git, run_bulletin, write


def bulletin(root: Path, *args: str):
    return run_bulletin("--root", str(root), *args)


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


def test_check_base_does_not_say_a_corrected_published_text_is_unchanged(repo):
    """A published text corrected with a `corrections` entry passes check --base; the summary
    the reviewer reads must not claim that nothing published was changed."""
    path = "reports/2026/0105-yingji-paicha.md"
    text = (repo / path).read_text(encoding="utf-8")
    text = text.replace("整改隐患3418处", "整改隐患3481处").replace(
        "---\n市应急管理局组织",
        "corrections:\n  - date: 2026-01-09\n    note: 整改隐患数应为3481处。\n---\n市应急管理局组织",
    )
    (repo / path).write_text(text, encoding="utf-8")
    result = bulletin(repo, "check", "--base", "main")
    assert result.returncode == 0, result.stdout
    assert "检查通过" in result.stderr
    assert "没有改动" not in result.stderr
    assert "bulletin diff" in result.stderr
    assert "正文有改动" in bulletin(repo, "diff", "--base", "main").stdout


def test_diff_says_a_new_issue_dated_after_the_build_date_is_scheduled(repo, monkeypatch):
    """The reviewer of a pull request composing an issue for next week is told it is not on
    the home page, in the notices or in the search until its date; an issue of today is not."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 08:00 Beijing time
    pending = "reports/2026/1120-yingji-pending.md"
    assert bulletin(repo, "compose", pending, "--date", "2026-12-08").returncode == 0
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert "2026年12月8日）" in summary
    assert "（定期发布：2026年12月8日起构建时才上首页、通报和检索）" in summary
    git(repo, "checkout", "-q", "--", pending)
    assert bulletin(repo, "compose", pending, "--date", "2026-12-01").returncode == 0
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert "2026年12月1日）" in summary
    assert "定期发布" not in summary


@pytest.mark.parametrize("written", ["2026-03", "2026-3", "2026年3月", "2026/3"])
def test_stats_takes_a_month_as_editors_write_it(written):
    """`--month 2026-3` (or 2026年3月) is the month an editor means, not an error."""
    result = run_bulletin("--root", str(REPO), "stats", "--month", written)
    assert result.returncode == 0, result.output
    assert result.output.startswith("2026年3月信息工作通报")


@pytest.mark.parametrize("written", ["2026-13", "2026-00", "三月", "2026"])
def test_stats_refuses_what_is_not_a_month(written):
    result = run_bulletin("--root", str(REPO), "stats", "--month", written)
    assert result.returncode == 2
    assert f"“{written}”不是月份：请按 年-月 写，如 2026-03" in result.output
