"""Red team, issue 16, second round: holes found in the merged fixes, each with the test that keeps it shut.

Real processes and real folders: a committed link where the build keeps its builds or its lock,
a year folder linked out of the repository when `bulletin new` or `compose` writes into it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import (
    BUILD_EPOCH,
    REPO,
    Ran,
    copy_fixture,
    find_problem,
    problems_of,
    run_bulletin,
    run_bulletin_process,
    write,
)

from bulletin.commands.build import BUILDS_DIR, LOCK_FILE


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "示例市")


def bulletin(root: Path, *arguments: str) -> Ran:
    return run_bulletin("--root", str(root), *arguments, SOURCE_DATE_EPOCH=BUILD_EPOCH)


def build(root: Path) -> subprocess.CompletedProcess[str]:
    """`bulletin build` as a real process: it takes the build lock and runs MkDocs in a process of its own."""
    return run_bulletin_process(
        "--root", str(root), "build", SOURCE_DATE_EPOCH=BUILD_EPOCH, BULLETIN_CACHE_DIR=str(root.parent / "cache")
    )


def make_victim(tmp_path: Path) -> Path:
    """A folder outside the repository holding someone's files."""
    victim = tmp_path / "别处的资料"
    (victim / "子目录").mkdir(parents=True)
    (victim / "名单.txt").write_text("示例市 保留", encoding="utf-8")
    (victim / "子目录" / "底稿.txt").write_text("云岭县 保留", encoding="utf-8")
    return victim


def test_a_committed_link_as_the_builds_folder_does_not_empty_the_folder_it_points_to(root, tmp_path):
    """A build removes every old build in .site-builds/: through a link `.site-builds -> elsewhere`
    (a pull request can commit one) it emptied the folder the link points to."""
    victim = make_victim(tmp_path)
    (root / BUILDS_DIR).symlink_to(victim)
    refused = build(root)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"{BUILDS_DIR}: build: {BUILDS_DIR} 是一个符号链接")
    assert "Traceback" not in refused.stderr
    assert sorted(p.relative_to(victim).as_posix() for p in victim.rglob("*")) == [
        "名单.txt",
        "子目录",
        "子目录/底稿.txt",
    ]
    assert not (root / "site").exists()


def test_a_link_as_the_build_lock_does_not_truncate_the_file_it_points_to(root, tmp_path):
    """The lock file is truncated and rewritten by every build: never through a link."""
    victim = make_victim(tmp_path) / "名单.txt"
    (root / BUILDS_DIR).mkdir()
    (root / BUILDS_DIR / LOCK_FILE).symlink_to(victim)
    refused = build(root)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"{BUILDS_DIR}/{LOCK_FILE}: build: 这是一个符号链接")
    assert victim.read_text(encoding="utf-8") == "示例市 保留"


def test_new_does_not_write_through_a_linked_year_folder(root, tmp_path):
    """`bulletin new` wrote the report into the folder a linked reports/<year> points to (outside
    the repository) and then ended in a traceback."""
    outside = tmp_path / "外部文件夹"
    outside.mkdir()
    (root / "reports" / "2027").symlink_to(outside)
    refused = bulletin(root, "new", "--unit", "yunling", "--title", "云岭县茶园冬季管护", "--date", "2027-01-05")
    assert refused.returncode == 1
    assert refused.stdout.startswith("reports/2027: file: 这是一个符号链接")
    assert "Traceback" not in refused.stderr + refused.stdout
    assert list(outside.iterdir()) == []


def test_compose_does_not_write_through_a_linked_reports_folder(root, tmp_path):
    """compose reads through no link; it does not write through one either."""
    from bulletin.commands.writing import replace_files
    from bulletin.errors import BulletinError

    outside = tmp_path / "外部文件夹"
    outside.mkdir()
    (outside / "x.md").write_text("原文", encoding="utf-8")
    (root / "reports" / "linked").symlink_to(outside)
    with pytest.raises(BulletinError) as refused:
        replace_files(root, {"reports/linked/x.md": "改写".encode()})
    assert refused.value.problems[0].path == "reports/linked"
    assert (outside / "x.md").read_text(encoding="utf-8") == "原文"
    assert [p.name for p in outside.iterdir()] == ["x.md"]


def test_a_yaml_tag_in_a_content_page_front_matter_is_refused(root):
    """YAML tags are refused everywhere: the front matter of a content/ page was only searched
    for markup, so `!!python/object/apply:…` passed the check (and reached the site's source)."""
    write(
        root,
        "content/about.md",
        """
        ---
        title: 关于本站
        hide:
          - !!python/object/apply:os.system ["echo 云岭县"]
        ---
        # 关于本站

        示例市委办公室信息科维护。
        """,
    )
    find_problem(problems_of(root), "content/about.md", 4, "hide", "YAML 标签 !!python/object/apply:os.system")


def test_a_content_page_with_a_byte_order_mark_has_its_front_matter_checked(root):
    """MkDocs drops a byte order mark before it reads a page's front matter; the check read
    such a page as all body, so its front matter went unchecked."""
    (root / "content" / "about.md").write_text(
        "\ufeff---\ntitle: 关于 <b>本站</b>\nhide: !!python/name:os.system\n---\n# 关于本站\n", encoding="utf-8"
    )
    problems = problems_of(root)
    find_problem(problems, "content/about.md", 2, "front matter", "不能有 < > & 或")
    find_problem(problems, "content/about.md", 3, "hide", "YAML 标签 !!python/name:os.system")


def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True)


@pytest.fixture
def repo(root: Path) -> Path:
    """The fixture archive in a real Git repository, on a branch `change` from `main`."""
    shutil.copy(REPO / ".gitignore", root / ".gitignore")  # as the office's repository has it
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "editor@example.invalid")
    git(root, "config", "user.name", "信息科编辑")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "archive")
    git(root, "checkout", "-q", "-b", "change")
    return root


@pytest.mark.parametrize("output", [".cache", ".site-builds", "site"])
def test_check_base_refuses_a_change_that_commits_what_a_build_writes(repo, output):
    """A committed search index cache (.cache/pagefind/<part>-<digest>/) is published by the
    next build as it is, scripts included, and a committed .site-builds is emptied by it: a pull
    request that adds either passed `check --base` (diff listed it only among program files)."""
    (repo / output / "pagefind" / "2025-2026-0000").mkdir(parents=True)
    (repo / output / "pagefind" / "2025-2026-0000" / "pagefind.js").write_text("// 示例", encoding="utf-8")
    git(repo, "add", "-f", output)
    git(repo, "commit", "-q", "-m", "缓存")
    refused = bulletin(repo, "check", "--base", "main")
    assert refused.returncode == 1
    assert refused.stdout.startswith(
        f"{output}/pagefind/2025-2026-0000/pagefind.js:1: file: {output} 是生成网站时自动产生的"
    )
    git(repo, "rm", "-r", "-q", "--cached", output)  # the fix the message names
    git(repo, "commit", "-q", "-m", "撤销")
    assert bulletin(repo, "check", "--base", "main").returncode == 0
