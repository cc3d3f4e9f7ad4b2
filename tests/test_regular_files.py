"""Only regular files from the repository; empty settings and registers (issue 16).

A pull request is untrusted: a committed link, a device, a FIFO or a folder where a report, a
register or a page is expected is refused with a clear problem (never followed, never a
traceback), at `check`, at build and in `check --base` on either side; a committed link where
the build keeps its builds or its lock, or a linked year folder `new` or `compose` would write
into, is never written through; an empty mkdocs.yml or register is a problem, never an empty
archive that passes. Real files, real Git repositories, the real command (a process of its own
where reading could hang); CI runs as root, so nothing here relies on permissions.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import (
    BUILD_EPOCH,
    Ran,
    commit_all,
    copy_fixture,
    find_problem,
    git,
    make_repo,
    problems_of,
    run_build,
    run_bulletin,
    run_bulletin_process,
    write,
)

from bulletin.commands.build import BUILDS_DIR, LOCK_FILE
from bulletin.errors import BulletinError, Problems
from bulletin.read.textfiles import read_text

REPORT = "reports/2026/0105-yunling-chalv.md"
NEW = "reports/2026/0301-yunling-lianjie.md"
UNITS = "reports/units.yml"
LEDGER = "reports/submissions/2026-01.yml"
SECRET = "示例市机密外泄测试句"  # the text of a file outside the repository


def outside_report(folder: Path) -> Path:
    """A valid report outside the repository, the target of a hostile link."""
    folder.mkdir(parents=True, exist_ok=True)
    return write(
        folder,
        "outside.md",
        f"""
        ---
        title: 云岭县仓库外的文件
        unit: yunling
        category: 工作动态
        ---
        {SECRET}
        """,
    )


def bulletin(root: Path, *args: str) -> Ran:
    """The `bulletin` command (in this process: a crash fails the test with its traceback)."""
    return run_bulletin("--root", str(root), *args, SOURCE_DATE_EPOCH=BUILD_EPOCH)


def bulletin_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The `bulletin` command as a real process, stopped after 30 s: for what could hang or read
    without end (a crash is a traceback on stderr)."""
    return run_bulletin_process("--root", str(root), *args, timeout=30)


def assert_refused(result: Ran | subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stdout, result.stdout


# --- links, devices and folders in the working tree ---------------------------------------


def test_a_symlink_to_a_report_outside_the_repository_is_refused_not_published(archive_root, tmp_path):
    os.symlink(outside_report(tmp_path / "elsewhere"), archive_root / NEW)
    problem = find_problem(problems_of(archive_root), NEW, 1, "file", "符号链接")
    assert "请删除这个链接" in problem.message
    assert_refused(bulletin(archive_root, "check"), f"{NEW}:1: file: 这是一个符号链接")


def test_checking_a_symlink_by_name_checks_the_link_not_its_target(archive_root):
    os.symlink("0105-yunling-chalv.md", archive_root / NEW)  # a valid report beside it
    assert_refused(bulletin(archive_root, "check", NEW), f"{NEW}:1: file: 这是一个符号链接")


def test_a_symlink_to_dev_zero_is_refused_without_reading(archive_root):
    os.symlink("/dev/zero", archive_root / NEW)
    result = bulletin_process(archive_root, "check")  # it used to read until MemoryError
    assert_refused(result, f"{NEW}:1: file: 这是一个符号链接（指向 /dev/zero）")


def test_a_fifo_where_a_report_should_be_is_refused_without_waiting(archive_root):
    os.mkfifo(archive_root / NEW)
    assert_refused(bulletin_process(archive_root, "check"), f"{NEW}:1: file: 这是一个命名管道")


def test_a_symlink_loop_is_a_problem_not_a_traceback(archive_root):
    os.symlink("0301-yunling-lianjie.md", archive_root / NEW)  # points at itself
    os.symlink("2099", archive_root / "reports/2099")  # a folder link to itself
    result = bulletin(archive_root, "check")
    assert_refused(result, f"{NEW}:1: file: 这是一个符号链接", "reports/2099:1: file: 这是一个符号链接")


def test_a_symlink_to_a_folder_outside_is_not_followed(archive_root, tmp_path):
    outside = tmp_path / "elsewhere"
    outside_report(outside).rename(outside / "0301-yunling-lianjie.md")
    os.symlink(outside, archive_root / "reports/2027")
    problem = find_problem(problems_of(archive_root), "reports/2027", 1, "file", "不是文件夹本身")
    assert str(outside) in problem.message
    assert not any(p.path.startswith("reports/2027/") for p in problems_of(archive_root))


def test_a_symlinked_reports_folder_is_refused(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    (root / "reports").rename(tmp_path / "real-reports")
    os.symlink(tmp_path / "real-reports", root / "reports")
    problems = problems_of(root)
    find_problem(problems, "reports", 1, "file", "符号链接")
    find_problem(problems, UNITS, 1, "file", "路径中的 reports")  # never read through the link


def test_a_folder_where_units_yml_should_be_is_a_problem_not_a_traceback(archive_root):
    (archive_root / UNITS).unlink()
    (archive_root / UNITS).mkdir()
    assert_refused(bulletin(archive_root, "check"), f"{UNITS}:1: file: 这里应当是一个文件，却是一个文件夹")


def test_a_folder_where_a_ledger_should_be_is_a_problem_not_a_traceback(archive_root):
    (archive_root / LEDGER).mkdir(parents=True)
    assert_refused(bulletin(archive_root, "check"), f"{LEDGER}:1: file: 这里应当是一个文件，却是一个文件夹")


def test_a_symlinked_units_yml_and_ledger_are_refused(archive_root, tmp_path):
    (archive_root / UNITS).rename(tmp_path / "units.yml")
    os.symlink(tmp_path / "units.yml", archive_root / UNITS)
    write(tmp_path, "ledger.yml", "yunling: 3\n")
    (archive_root / LEDGER).parent.mkdir(parents=True)
    os.symlink(tmp_path / "ledger.yml", archive_root / LEDGER)
    problems = problems_of(archive_root)
    find_problem(problems, UNITS, 1, "file", "符号链接")
    find_problem(problems, LEDGER, 1, "file", "符号链接")


def test_a_dangling_commissions_link_is_refused_not_taken_for_no_commissions(archive_root):
    os.symlink("/nonexistent/commissions.yml", archive_root / "reports/commissions.yml")
    find_problem(problems_of(archive_root), "reports/commissions.yml", 1, "file", "符号链接")


def test_links_and_devices_in_content_are_refused(archive_root):
    os.symlink("/etc/hostname", archive_root / "content/about.md")
    os.symlink("/etc", archive_root / "content/etc")
    os.symlink("/dev/zero", archive_root / "content/assets/zero.css")
    os.symlink("/etc/hostname", archive_root / "content/.hidden.md")  # published if exclude_docs allows
    problems = problems_of(archive_root)
    find_problem(problems, "content/.hidden.md", 1, "file", "符号链接")
    find_problem(problems, "content/about.md", 1, "file", "符号链接（指向 /etc/hostname）")
    find_problem(problems, "content/etc", 1, "file", "不是文件夹本身")
    find_problem(problems, "content/assets/zero.css", 1, "file", "符号链接")


def test_a_symlinked_theme_template_is_refused(archive_root):
    os.symlink("/etc/hostname", archive_root / "overrides/partials/footer.html")
    find_problem(problems_of(archive_root), "overrides/partials/footer.html", 1, "file", "符号链接")


def test_folders_nested_deeper_than_the_stack_are_listed_without_a_traceback(archive_root):
    deep = archive_root / "content" / "/".join(["层"] * 400)
    deep.mkdir(parents=True)  # deeper than Python's recursion limit would allow a recursive walk
    os.symlink("/etc", deep / "etc")
    find_problem(problems_of(archive_root), f"content/{'/'.join(['层'] * 400)}/etc", 1, "file", "不是文件夹本身")


def test_a_symlinked_mkdocs_yml_is_refused(archive_root, tmp_path):
    (archive_root / "mkdocs.yml").rename(tmp_path / "mkdocs.yml")
    os.symlink(tmp_path / "mkdocs.yml", archive_root / "mkdocs.yml")
    find_problem(problems_of(archive_root), "mkdocs.yml", 1, "file", "符号链接")


def test_a_file_over_the_size_limit_is_refused_after_reading_no_more_than_the_limit(tmp_path):
    write(tmp_path, "big.yml", "# 示例市\n" * 1000)
    problems = Problems()
    assert read_text(tmp_path, "big.yml", problems, limit=1000) is None
    assert "超过了上限（1000 字节）" in problems.items[0].message
    assert read_text(tmp_path, "big.yml", Problems(), limit=100_000) == "# 示例市\n" * 1000


@pytest.mark.build
def test_a_symlinked_report_fails_the_build_and_publishes_nothing(archive_root, tmp_path):
    os.symlink(outside_report(tmp_path / "elsewhere"), archive_root / NEW)
    (archive_root / "site").mkdir()
    (archive_root / "site/index.html").write_text("上一次发布的首页", encoding="utf-8")
    result = run_build(archive_root)
    assert result.returncode != 0
    assert f"{NEW}:1: file: 这是一个符号链接" in result.stderr
    published = [p.read_text(encoding="utf-8", errors="replace") for p in (archive_root / "site").rglob("*.html")]
    assert published == ["上一次发布的首页"]  # the live site is as it was, the secret nowhere


@pytest.mark.build
def test_a_symlinked_page_in_content_fails_the_build_before_the_site_is_touched(archive_root, tmp_path):
    write(tmp_path / "elsewhere", "page.md", f"# 外部页面\n\n{SECRET}\n")
    os.symlink(tmp_path / "elsewhere/page.md", archive_root / "content/about.md")
    (archive_root / "site").mkdir()
    (archive_root / "site/index.html").write_text("上一次发布的首页", encoding="utf-8")
    result = run_build(archive_root)
    assert result.returncode != 0
    assert "content/about.md:1: file: 这是一个符号链接" in result.stderr
    assert (archive_root / "site/index.html").read_text(encoding="utf-8") == "上一次发布的首页"


# --- missing and empty settings and registers --------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# 示例市信息科的设置\n"])
def test_an_empty_mkdocs_yml_is_a_problem(archive_root, text):
    (archive_root / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert_refused(bulletin(archive_root, "check"), "mkdocs.yml:1: extra.bulletin: 文件是空的")


def test_an_empty_units_yml_is_a_problem(archive_root):
    (archive_root / UNITS).write_text("# 单位名录\n", encoding="utf-8")
    find_problem(problems_of(archive_root), UNITS, 1, "units", "文件是空的")


def test_a_missing_units_yml_is_a_problem(archive_root):
    (archive_root / UNITS).unlink()
    find_problem(problems_of(archive_root), UNITS, 1, "file", "找不到这个文件")


def test_empty_commissions_and_ledger_files_are_problems_explicit_empty_lists_are_not(archive_root):
    write(archive_root, "reports/commissions.yml", "")
    write(archive_root, LEDGER, "# 一月\n")
    problems = problems_of(archive_root)
    find_problem(problems, "reports/commissions.yml", 1, "commissions", "或只写一行 []")
    find_problem(problems, LEDGER, 1, "file", "或只写一行 {}")
    write(archive_root, "reports/commissions.yml", "[]\n")
    write(archive_root, LEDGER, "{}\n")
    assert problems_of(archive_root) == ()


# --- check --base: the base side, read from Git -------------------------------------------


def test_a_symlink_on_the_base_branch_is_a_problem_not_a_crash(tmp_path):
    root = make_repo(tmp_path / "repo", branch=None)
    os.symlink("/etc/hostname", root / NEW)
    os.symlink("../../etc", root / "reports/2027")
    commit_all(root, "a link on main (it slipped in before this check existed)")
    git(root, "checkout", "-q", "-b", "change")
    (root / NEW).unlink()
    (root / "reports/2027").unlink()
    commit_all(root, "the branch removes them")
    for command in ("check", "diff"):
        result = bulletin(root, command, "--base", "main")
        assert_refused(result, f"{NEW}:1: file: 在 ", "reports/2027:1: file: 在 ", "这是一个符号链接")


def test_a_submodule_on_the_base_branch_is_a_problem_not_a_crash(tmp_path):
    root = make_repo(tmp_path / "repo", branch=None)
    head = git(root, "rev-parse", "HEAD").strip()
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},content/vendor")
    git(root, "commit", "-q", "-m", "a submodule in content/")
    git(root, "checkout", "-q", "-b", "change")
    result = bulletin(root, "check", "--base", "main")
    assert_refused(result, "content/vendor:1: file: 在这个分支（git 索引）中，这是一个子模块")
    git(root, "rm", "-q", "--cached", "content/vendor")
    git(root, "commit", "-q", "-m", "the branch removes it")
    assert_refused(bulletin(root, "check", "--base", "main"), "content/vendor:1: file: 在 ", "子模块")


def test_a_committed_symlink_on_the_branch_is_refused_by_check_base(tmp_path):
    root = make_repo(tmp_path / "repo", branch=None)
    git(root, "checkout", "-q", "-b", "change")
    os.symlink(outside_report(tmp_path / "elsewhere"), root / NEW)
    commit_all(root, "a hostile link")
    assert_refused(bulletin(root, "check", "--base", "main"), f"{NEW}:1: file: 这是一个符号链接")


def test_an_empty_mkdocs_yml_on_the_branch_cannot_make_check_base_pass(tmp_path):
    root = make_repo(tmp_path / "repo", branch=None)
    git(root, "checkout", "-q", "-b", "change")
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    commit_all(root, "empty settings")
    assert_refused(bulletin(root, "check", "--base", "main"), "mkdocs.yml:1: extra.bulletin: 文件是空的")


def test_an_empty_mkdocs_yml_or_units_yml_at_the_base_is_a_problem(tmp_path):
    root = make_repo(tmp_path / "repo", branch=None)
    (root / "mkdocs.yml").write_text("", encoding="utf-8")
    commit_all(root, "main lost its settings")
    git(root, "checkout", "-q", "-b", "change", "HEAD~1")
    result = bulletin(root, "check", "--base", "main")
    assert_refused(result, "mkdocs.yml:1: extra.bulletin: ", "文件是空的")


def test_a_folder_where_units_yml_should_be_at_the_base_is_a_problem(tmp_path):
    root = make_repo(tmp_path / "repo", branch=None)
    (root / UNITS).unlink()
    write(root, f"{UNITS}/readme.txt", "单位名录搬走了\n")
    commit_all(root, "units.yml became a folder on main")
    git(root, "checkout", "-q", "-b", "change", "HEAD~1")
    assert_refused(bulletin(root, "check", "--base", "main"), f"{UNITS}:1: file: ", "却是一个文件夹")


# --- links where the build keeps its builds and its lock, or where a command writes -----------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "示例市")


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

    outside = tmp_path / "外部文件夹"
    outside.mkdir()
    (outside / "x.md").write_text("原文", encoding="utf-8")
    (root / "reports" / "linked").symlink_to(outside)
    with pytest.raises(BulletinError) as refused:
        replace_files(root, {"reports/linked/x.md": "改写".encode()})
    assert refused.value.problems[0].path == "reports/linked"
    assert (outside / "x.md").read_text(encoding="utf-8") == "原文"
    assert [p.name for p in outside.iterdir()] == ["x.md"]
