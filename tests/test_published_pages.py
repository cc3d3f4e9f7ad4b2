"""The review of published pages cannot be switched off (issue 16): on real Git repositories in
tmp_path.

A branch that rewrites published pages through the registries or settings (a unit renamed,
the office or a series' signer changed) is refused by ``check --base`` and listed by ``diff
--base``; a shallow clone that hides the branch point is reported with the command that
fetches it; what a build writes is never committed; legitimate changes still pass.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import (
    REPO,
    commit_all,
    copy_fixture,
    edit,
    git,
    run_bulletin,
    write,
)

from bulletin.archive import load_archive
from bulletin.review.published_pages import find_altered_pages

ISSUE1 = "reports/2026/0105-yingji-paicha.md"
CHALV = "reports/2026/0105-yunling-chalv.md"
PENDING = "reports/2026/1120-yingji-pending.md"
NEW_INSTRUCTION = "classification: 公开\ninstructions:\n  - by: 市长\n    level: city\n    date: 2026-01-22\n    text: 此做法可在全市推广。\n"


def bulletin(root: Path, *args: str):
    return run_bulletin("--root", str(root), *args)


def check_base(root: Path, ref: str = "main") -> tuple[int, list[str]]:
    result = bulletin(root, "check", "--base", ref)
    return result.returncode, result.stdout.splitlines()


def diff_base(root: Path, ref: str = "main") -> str:
    result = bulletin(root, "diff", "--base", ref)
    assert result.returncode == 0, result.output
    return result.stdout


# --- changes that alter published pages ----------------------------------------------------


def test_renaming_a_unit_is_refused_and_listed(repo):
    edit(repo, "reports/units.yml", "name: 云岭县委办公室", "name: 云岭县委员会办公室")
    code, lines = check_base(repo)
    assert code == 1
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.startswith("reports/units.yml:2: yunling.name: 这项改动会改写在 main 已发布的 4 个页面"), line
    assert "/jrxx/2026/001/" in line and "请恢复原名称" in line
    summary = diff_base(repo)
    assert (
        "### 改动已发布页面\n\n- `reports/units.yml` `yunling.name`：改动已发布的 4 个页面（/jrxx/2026/001/" in summary
    )
    assert "本次变更不改变已发布的网站" not in summary


def test_changing_the_office_is_refused_and_listed(repo):
    edit(repo, "mkdocs.yml", "office: 中共示例市委办公室", "office: 中共示例市委办公厅")
    code, lines = check_base(repo)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(
        "mkdocs.yml:30: extra.bulletin.office: 这项改动会改写在 main 已发布的 3 个页面（/jrxx/2026/001/、"
    ), lines
    assert "`mkdocs.yml` `extra.bulletin.office`：改动已发布的 3 个页面" in diff_base(repo)


@pytest.mark.parametrize(
    "old, new, line, field",
    [
        ("signer: 周启明", "signer: 吴新民", 41, "signer"),
        ("to_higher: 省委办公厅", "to_higher: 省委办公厅、省政府办公厅", 36, "to_higher"),
        ("\n        reviewer: 许清和", "", 34, "reviewer"),
    ],
)
def test_changing_a_series_signer_or_distribution_is_refused(repo, old, new, line, field):
    edit(repo, "mkdocs.yml", old, new)
    code, lines = check_base(repo)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(
        f"mkdocs.yml:{line}: extra.bulletin.series.jrxx.{field}: 这项改动会改写在 main 已发布的 2 个页面"
        "（/jrxx/2026/001/、/jrxx/2026/002/）"
    ), lines
    assert f"`extra.bulletin.series.jrxx.{field}`：改动已发布的 2 个页面" in diff_base(repo)


def test_each_change_is_named_with_the_pages_it_alters(repo):
    edit(repo, "mkdocs.yml", "office: 中共示例市委办公室", "office: 中共示例市委办公厅")
    edit(repo, "mkdocs.yml", "signer: 周启明", "signer: 吴新民")
    edit(repo, "reports/units.yml", "name: 市应急管理局", "name: 市应急管理委员会")
    code, lines = check_base(repo)
    assert code == 1
    assert [line.split("：")[0] for line in lines] == [
        "mkdocs.yml:30: extra.bulletin.office: 这项改动会改写在 main 已发布的 3 个页面（/jrxx/2026/001/、/jrxx/2026/002/、/zk/2026/001/）",
        "mkdocs.yml:41: extra.bulletin.series.jrxx.signer: 这项改动会改写在 main 已发布的 2 个页面（/jrxx/2026/001/、/jrxx/2026/002/）",
        "reports/units.yml:8: yingji.name: 这项改动会改写在 main 已发布的 2 个页面（/jrxx/2026/001/、/reports/2026/0105-yingji-paicha/）",
    ]


def test_changing_the_keywords_of_a_published_report_needs_a_correction(repo):
    edit(repo, CHALV, "tags: [乡村振兴, 茶产业]", "tags: [乡村振兴, 茶产业, 文旅]")
    code, lines = check_base(repo)
    assert code == 1
    assert lines == [
        (
            f"{CHALV}:8: tags: 这项改动会改写在 main 已发布的 1 个页面（/reports/2026/0105-yunling-chalv/）："
            "已发布稿件的页面按发布时保存；如确需更正，请同时在 corrections 中加一条说明（date、note）"
        )
    ]
    edit(
        repo,
        CHALV,
        "category: 经验做法\n",
        "category: 经验做法\ncorrections:\n  - {date: 2026-01-09, note: 补充关键词。}\n",
    )
    assert check_base(repo) == (0, [])
    assert "`tags`：改动已发布的 1 个页面（/reports/2026/0105-yunling-chalv/）（附更正说明）" in diff_base(repo)


def test_a_unit_renamed_on_the_target_after_branching_is_not_blamed(repo):
    git(repo, "checkout", "-q", "main")
    edit(repo, "reports/units.yml", "name: 云岭县委办公室", "name: 云岭县委员会办公室")
    commit_all(repo, "rename on main")
    git(repo, "checkout", "-q", "change")
    write(
        repo,
        "reports/2026/1121-hefeng-new.md",
        "---\ntitle: 禾丰县新稿\nunit: hefeng\ncategory: 工作动态\n---\n正文。\n",
    )
    commit_all(repo, "new report")
    assert check_base(repo) == (0, [])


# --- legitimate changes still pass ----------------------------------------------------------


def test_legitimate_changes_still_pass(repo):
    # a new pending report, a new 批示, a correction, a new issue, a new unit and a quota
    write(
        repo,
        "reports/2026/1121-hefeng-new.md",
        "---\ntitle: 禾丰县新稿\nunit: hefeng\ncategory: 工作动态\n---\n正文。\n",
    )
    edit(repo, "reports/2026/0120-hefeng-qingshi-tuoguan.md", "classification: 公开\n", NEW_INSTRUCTION)
    edit(repo, ISSUE1, "整改隐患3418处", "整改隐患3481处")
    edit(
        repo,
        ISSUE1,
        "category: 工作动态\n",
        "category: 工作动态\ncorrections:\n  - {date: 2026-01-09, note: 数字更正。}\n",
    )
    assert bulletin(repo, "compose", PENDING, "--date", "2026-02-02").returncode == 0
    edit(repo, "reports/units.yml", "  kind: department\n", "  kind: department\n  quota: {monthly: 2}\n")
    with (repo / "reports/units.yml").open("a", encoding="utf-8") as units:
        units.write("baiyun-town:\n  name: 云岭县白云镇\n  kind: town\n  parent: yunling\n")
    assert check_base(repo) == (0, [])
    assert "### 改动已发布页面" not in diff_base(repo)


def test_new_issue_does_not_count_as_altering_the_last_issue_page(repo):
    """The pager of the last published issue gains a 下一期 link: not a change to the record."""
    assert bulletin(repo, "compose", PENDING, "--date", "2026-02-02").returncode == 0
    head = load_archive(repo)
    git(repo, "stash", "-q")
    base = load_archive(repo)
    assert find_altered_pages(base, head) == []


# --- history that hides the branch point ---------------------------------------------------


@pytest.fixture
def shallow(repo: Path, tmp_path: Path) -> Path:
    """A clone of the branch with one commit of history, as CI checks out by default; main
    went on after the branch point (a 批示 the branch does not have)."""
    write(
        repo,
        "reports/2026/1121-hefeng-new.md",
        "---\ntitle: 禾丰县新稿\nunit: hefeng\ncategory: 工作动态\n---\n正文。\n",
    )
    commit_all(repo, "new report")
    git(repo, "checkout", "-q", "main")
    edit(repo, "reports/2026/0120-hefeng-qingshi-tuoguan.md", "classification: 公开\n", NEW_INSTRUCTION)
    commit_all(repo, "批示 on main")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "change", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    git(clone, "fetch", "-q", "--depth", "1", "origin", "+refs/heads/main:refs/remotes/origin/main")
    return clone


def test_shallow_clone_names_the_command_that_fetches_the_history(shallow):
    for command in ("check", "diff"):
        result = bulletin(shallow, command, "--base", "origin/main")
        assert result.returncode == 1, result.output
        assert result.stdout.startswith("origin/main: base: 这是一个浅克隆"), result.stdout
        assert "git fetch --unshallow" in result.stdout and "fetch-depth: 0" in result.stdout
        assert "批示" not in result.stdout  # main's new 批示 is not blamed on the branch
    git(shallow, "fetch", "-q", "--unshallow")
    assert check_base(shallow, "origin/main") == (0, [])


def test_unrelated_history_is_reported_not_guessed(repo, tmp_path):
    other = copy_fixture(tmp_path / "other")
    git(other, "init", "-q", "-b", "main")
    git(other, "config", "user.email", "editor@example.invalid")
    git(other, "config", "user.name", "信息科编辑")
    commit_all(other, "another archive")
    git(repo, "fetch", "-q", str(other), "+refs/heads/main:refs/remotes/other/main")
    code, lines = check_base(repo, "other/main")
    assert code == 1
    assert lines[0].startswith("other/main: base: 当前分支与 other/main 没有共同的提交历史"), lines


def test_ci_templates_fetch_the_whole_history():
    root = Path(__file__).resolve().parents[1] / "ci-templates"
    gitea = (root / "gitea-actions.yml").read_text(encoding="utf-8")  # plain git, no actions/checkout
    assert "--depth" not in gitea and '"+refs/heads/*:refs/remotes/origin/*"' in gitea
    assert 'GIT_DEPTH: "0"' in (root / "gitlab-ci.yml").read_text(encoding="utf-8")


# --- changes that no page comparison can judge ---------------------------------------------

PROGRAM_SECTION = "### 程序与网站配置的改动（须由维护人员审阅）"


def test_diff_lists_changes_to_the_program_and_the_site_configuration(repo):
    """A pull request that changes the hooks, a theme template or mkdocs.yml can change every
    page or run code in CI; the reviewer is told which files, even when no page differs yet."""
    write(repo, "hooks/extra.py", "print('在构建时执行')\n")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    (repo / "mkdocs.yml").write_text(config + "\n# 任意注释\n", encoding="utf-8")
    commit_all(repo, "program")
    write(repo, "overrides/main.html", "{% extends 'base.html' %}\n")  # not committed yet: still the branch's
    out = diff_base(repo)
    section = out.split(PROGRAM_SECTION, 1)[1]
    assert "- hooks/extra\\.py" in section
    assert "- overrides/main\\.html" in section
    assert "- mkdocs\\.yml：网站配置" in section


def test_diff_of_an_editors_change_names_no_program_file(repo):
    edit(repo, "reports/2026/0120-hefeng-qingshi-tuoguan.md", "classification: 公开\n", NEW_INSTRUCTION)
    commit_all(repo, "批示")
    out = diff_base(repo)
    assert "批示" in out
    assert PROGRAM_SECTION not in out


# --- what a build writes is never committed ---------------------------------------------------


@pytest.fixture
def office_repo(tmp_path: Path) -> Path:
    """The fixture archive in a real Git repository with the office's .gitignore, on a branch
    `change` from `main`."""
    root = copy_fixture(tmp_path / "示例市")
    shutil.copy(REPO / ".gitignore", root / ".gitignore")  # as the office's repository has it
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "editor@example.invalid")
    git(root, "config", "user.name", "信息科编辑")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "archive")
    git(root, "checkout", "-q", "-b", "change")
    return root


@pytest.mark.parametrize("output", [".cache", ".site-builds", "site"])
def test_check_base_refuses_a_change_that_commits_what_a_build_writes(office_repo, output):
    """A committed search index cache (.cache/pagefind/<part>-<digest>/) is published by the
    next build as it is, scripts included, and a committed .site-builds is emptied by it: a pull
    request that adds either passed `check --base` (diff listed it only among program files)."""
    (office_repo / output / "pagefind" / "2025-2026-0000").mkdir(parents=True)
    (office_repo / output / "pagefind" / "2025-2026-0000" / "pagefind.js").write_text("// 示例", encoding="utf-8")
    git(office_repo, "add", "-f", output)
    git(office_repo, "commit", "-q", "-m", "缓存")
    refused = bulletin(office_repo, "check", "--base", "main")
    assert refused.returncode == 1
    assert refused.stdout.startswith(
        f"{output}/pagefind/2025-2026-0000/pagefind.js:1: file: {output} 是生成网站时自动产生的"
    )
    git(office_repo, "rm", "-r", "-q", "--cached", output)  # the fix the message names
    git(office_repo, "commit", "-q", "-m", "撤销")
    assert bulletin(office_repo, "check", "--base", "main").returncode == 0
