"""The `bulletin` command in the editors' language (issue 14): help, compose, renumber, units, new,
unit names and the published-issue checks are Chinese, English when asked for (--lang en).

Before: "Create reports/<year>/<id>.md …" in the help, "would schedule: …", "ok: 3 issues …",
"removed, but it is published in …" — English to an editor who reads Chinese; and the Chinese
messages (a collision, the units table, a wrong series) stayed Chinese for an English reader.
Each test runs the command without a locale (a CI runner: C.UTF-8) and with --lang en.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import (
    commit_all,
    copy_fixture,
    git,
    make_repo,
    run_bulletin,
    write,
)

PENDING = "reports/2026/1120-yingji-pending.md"
ISSUE1 = "reports/2026/0105-yingji-paicha.md"


def bulletin(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a process without any language asked for."""
    return run_bulletin("--root", str(root), *args)


def both(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """The command as an editor runs it, and with --lang en."""
    return bulletin(root, *args), bulletin(root, "--lang", "en", *args)


HELP = {
    "new": ("新建一篇报告", "报告的标题。", "Create reports/<year>/<id>.md", "The headline."),
    "build": ("生成整个网站", "网站的位置", "Build the whole site", "Where the site is"),
    "check": ("检查整个档案", "问题的格式", "Check the archive", "How problems are written"),
    "compose": ("把待排期的报告排入下一期", "只显示会写入什么", "Schedule pending reports", "write nothing"),
    "diff": ("用 Markdown 概述", "与哪个 Git 分支比较", "Summarise, as Markdown", "The Git ref to compare with"),
    "pending": ("列出已审定、还没有排入任何一期的报告", "显示本帮助后退出。", "List the approved reports", "Usage:"),
    "stats": ("显示月度通报", "月份，写成 年-月", "Print the figures of a monthly", "The month, YYYY-MM"),
    "units": (
        "列出 reports/units.yml 里的全部报送单位",
        "给人看的表格",
        "List the reporting units",
        "a table for people",
    ),
    "schema": ("显示报告文件头", "报告的文件头", "Print the JSON Schema", "the front matter of a report"),
}


@pytest.mark.parametrize("command", sorted(HELP))
def test_the_help_of_every_command_is_chinese_and_english_on_request(archive_root, command):
    chinese, english = both(archive_root, command, "--help")
    assert chinese.returncode == english.returncode == 0, chinese.stderr + english.stderr
    *chinese_words, first_english, second_english = HELP[command]
    for words in chinese_words:
        assert words in chinese.stdout, chinese.stdout
    assert first_english not in chinese.stdout and "Show this message" not in chinese.stdout
    assert first_english in english.stdout and second_english in english.stdout, english.stdout
    assert chinese_words[0] not in english.stdout


def test_composing_into_another_series_says_which_line_to_change(archive_root):
    path = "reports/2026/1121-yunling-jrxx.md"
    write(
        archive_root,
        path,
        "---\ntitle: 云岭县推进茶园提质\nunit: yunling\ncategory: 工作动态\nseries: jrxx\n---\n云岭县推进茶园提质。\n",
    )
    before = (archive_root / path).read_bytes()
    chinese, english = both(archive_root, "compose", path, "--series", "zk", "--date", "2026-04-01")
    assert chinese.returncode == english.returncode == 1
    assert (
        f"{path}:5: series: 这篇报告写的是 series: jrxx（今日信息）；要排入《今日信息（增刊）》，"
        "请把 series 改为 zk，或去掉 --series"
    ) in chinese.stdout.splitlines()
    assert "共 1 个问题" in chinese.stderr
    assert (
        f"{path}:5: series: this report says series: jrxx (今日信息); to schedule it into 今日信息（增刊）, "
        "change series to zk, or leave out --series"
    ) in english.stdout.splitlines()
    assert (archive_root / path).read_bytes() == before


def test_composing_says_what_it_scheduled_in_the_editors_language(archive_root):
    chinese, english = both(archive_root, "compose", PENDING, "--date", "2026-02-02", "--dry-run")
    assert chinese.returncode == english.returncode == 0
    assert chinese.stdout.startswith("将排入（未写入）：《今日信息》2026年第3期（2026-02-02）\n")
    assert english.stdout.startswith("would schedule (nothing written): 《今日信息》2026年第3期 (2026-02-02)\n")
    assert "issue:" not in (archive_root / PENDING).read_text(encoding="utf-8")


def test_the_units_table_has_chinese_headings_and_english_ones_on_request(archive_root):
    chinese, english = both(archive_root, "units")
    assert chinese.returncode == english.returncode == 0
    headings = [line.split() for line in chinese.stdout.splitlines() if line.startswith("  代码")]
    assert headings and all(h == ["代码", "名称", "类别", "所属"] for h in headings)
    assert "个报送单位。报告的 unit: 写单位代码" in chinese.stdout and "Key" not in chinese.stdout
    assert next(line.split() for line in english.stdout.splitlines() if line.startswith("  Key")) == [
        "Key",
        "Name",
        "Kind",
        "Belongs",
        "to",
    ]
    assert "reporting units. A report's unit: is written as the key" in english.stdout
    assert "代码" not in english.stdout


def test_an_unknown_unit_and_a_bad_date_are_explained_in_the_editors_language(archive_root):
    chinese, english = both(archive_root, "new", "--unit", "nowhere", "--title", "云岭县新稿", "--date", "2026-03-01")
    assert chinese.returncode == english.returncode == 1
    assert "没有“nowhere”这个单位" in chinese.stdout and "bulletin units" in chinese.stdout
    assert 'no unit "nowhere"' in english.stdout and "lists the keys and names of all units" in english.stdout
    chinese, english = both(archive_root, "new", "--unit", "yunling", "--title", "云岭县新稿", "--date", "2026-13-01")
    assert chinese.returncode == english.returncode == 2
    assert "“2026-13-01”不是日期：请按 年-月-日 写" in chinese.stderr
    assert '"2026-13-01" is not a date: write it YYYY-MM-DD' in english.stderr
    assert not list((archive_root / "reports/2026").glob("*xingao*")) and "2026-13" not in str(
        sorted((archive_root / "reports").rglob("*.md"))
    )


def test_a_passing_check_says_so_in_the_editors_language(archive_root):
    chinese, english = both(archive_root, "check")
    assert chinese.returncode == english.returncode == 0
    assert chinese.stderr.strip() == "检查通过：共 3 期，已发布报告 4 篇，待排期 1 篇"
    assert english.stderr.strip() == "ok: 3 issues, 4 reports published, 1 pending"


def test_a_removed_published_report_is_refused_in_the_editors_language(tmp_path):
    repo = make_repo(tmp_path / "repo")
    (repo / ISSUE1).unlink()
    chinese, english = both(repo, "check", "--base", "main")
    assert chinese.returncode == english.returncode == 1
    assert chinese.stdout.startswith(
        f"{ISSUE1}:1: file: 这篇报告已在 main 上发布于今日信息 2026年第1期 (2026-01-05)，却被删除了："
        "已发布的报告不能删除；请恢复这个文件"
    )
    assert english.stdout.startswith(
        f"{ISSUE1}:1: file: removed, but it is published in 今日信息 2026年第1期 (2026-01-05) at main; "
        "a published report stays: restore the file"
    )


def test_two_branches_taking_one_number_are_told_the_command_in_the_editors_language(tmp_path):
    repo = make_repo(tmp_path / "repo", branch=None)
    taken = "reports/2026/1121-hefeng-a.md"
    write(repo, taken, "---\ntitle: 禾丰县甲稿\nunit: hefeng\ncategory: 工作动态\n---\n甲。\n")
    mine = "reports/2026/1121-yunling-b.md"
    write(repo, mine, "---\ntitle: 云岭县乙稿\nunit: yunling\ncategory: 工作动态\n---\n乙。\n")
    commit_all(repo, "two pending reports")
    git(repo, "checkout", "-q", "-b", "branch-b")
    assert bulletin(repo, "compose", mine, "--date", "2026-02-03").returncode == 0
    commit_all(repo, "compose b")
    git(repo, "checkout", "-q", "main")
    assert bulletin(repo, "compose", taken, "--date", "2026-02-02").returncode == 0
    commit_all(repo, "compose a")
    git(repo, "checkout", "-q", "branch-b")
    git(repo, "rebase", "-q", "main")
    chinese, english = both(repo, "check", "--base", "main")
    assert chinese.returncode == english.returncode == 1
    assert chinese.stdout.splitlines() == [
        (
            f"{mine}:5: issue: 本分支把这篇报告排在《今日信息》2026年第3期（2026-02-03），"
            f"但 main 上已经发布了《今日信息》2026年第3期（2026-02-02，收有 {taken}）："
            f"两个分支用了同一个期号。请运行 bulletin compose --renumber {mine} --base main，把它改排到下一个空期号"
        )
    ]
    assert english.stdout.splitlines() == [
        (
            f"{mine}:5: issue: this branch scheduled this report in 《今日信息》2026年第3期 (2026-02-03), "
            f"but main has published 《今日信息》2026年第3期 (2026-02-02, with {taken}): two branches took the same "
            f"number. Run bulletin compose --renumber {mine} --base main to move it to the next free number"
        )
    ]
    before = (repo / mine).read_bytes()
    chinese, english = both(repo, "compose", "--renumber", mine, "--base", "main", "--dry-run")
    assert chinese.returncode == english.returncode == 0, chinese.stdout + chinese.stderr
    assert chinese.stdout.splitlines() == [
        "将改排（未写入）：",
        f"  {mine}：《今日信息》2026年第3期 → 2026年第4期（2026-02-03），第1篇",
    ]
    assert english.stdout.splitlines() == [
        "would renumber (nothing written):",
        f"  {mine}: 今日信息 2026年第3期 → 2026年第4期 (2026-02-03), report 1",
    ]
    assert (repo / mine).read_bytes() == before


def test_renumbering_a_pending_report_says_to_compose_it(tmp_path):
    repo = make_repo(tmp_path / "repo")
    chinese, english = both(repo, "compose", "--renumber", PENDING)
    assert chinese.returncode == english.returncode == 1
    assert (
        f"{PENDING}:1: issue: 这篇报告还没有排期，不用改期号；要把它排入下一期，请运行 bulletin compose {PENDING}"
        in chinese.stdout.splitlines()
    )
    assert (
        f"{PENDING}:1: issue: this report is not scheduled yet, so there is no number to change; "
        f"to schedule it into the next issue, run bulletin compose {PENDING}"
    ) in english.stdout.splitlines()
    assert "issue:" not in (repo / PENDING).read_text(encoding="utf-8")


def test_misused_options_are_refused_in_the_editors_language(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    chinese, english = both(root, "compose", PENDING, "--base", "main")
    assert chinese.returncode == english.returncode == 2
    assert "错误：--base 只与 --renumber 同用" in chinese.stderr
    assert "Error: --base goes only with --renumber" in english.stderr
    chinese, english = both(root, "stats", "--month", "2026-13")  # (2026-1 is January, accepted)
    assert chinese.returncode == english.returncode == 2
    assert "“2026-13”不是月份：请按 年-月 写，如 2026-03" in chinese.stderr
    assert '"2026-13" is not a month: write it YYYY-MM' in english.stderr


def test_new_refuses_an_unknown_category_in_the_editors_language(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    arguments = ("--root", str(root))
    command = ("new", "--unit", "yunling", "--title", "云岭县示范创建", "--category", "工作简报")
    chinese = run_bulletin(*arguments, *command)
    assert chinese.returncode != 0
    assert "没有“工作简报”这个栏目：--category 可以写 工作动态、经验做法" in chinese.stdout + chinese.stderr
    english = run_bulletin(*arguments, "--lang", "en", *command)
    assert english.returncode != 0
    assert 'there is no category "工作简报": --category can be 工作动态, 经验做法' in english.stdout + english.stderr
    assert not list((root / "reports").glob("*/*-shifan*.md"))  # nothing written when refused


def test_new_names_the_command_line_option_in_the_editors_language(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    command = ("--root", str(root))
    chinese = run_bulletin(*command, "new", "--unit", "yunling", "--title", " ")
    assert "命令行参数 --title: title: 标题是空的" in chinese.stdout + chinese.stderr
    english = run_bulletin(*command, "--lang", "en", "new", "--unit", "yunling", "--title", " ")
    assert "command-line option --title: title: the title is empty" in english.stdout + english.stderr
