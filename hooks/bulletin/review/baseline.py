"""The archive as it is at a Git ref: the target branch of a pull request, and its branch point.

``bulletin check --base REF`` and ``bulletin diff --base REF`` compare the working tree
with the archive at REF and at the merge base of REF and HEAD (changes REF made after the
branch point are not the branch's). Each is exported with ``git archive`` into a temporary
folder and loaded with every check, like the working tree.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bulletin.archive import CONFIG_FILE, CONTENT_DIR, REPORTS_DIR, SITE_DIRS, load_archive
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _
from bulletin.model import Archive


@dataclass(frozen=True)
class Baseline:
    """The archive at REF and at the merge base of REF and HEAD (the branch point)."""

    ref: str
    at_ref: Archive
    at_fork: Archive
    changed_files: tuple[str, ...] = ()  # every file the branch changed since the branch point (POSIX paths)


def run_git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = message[-1] if message else _("git 没有说明原因")
        raise BulletinError(
            [Problem(f"git {' '.join(args[:2])}", 0, "base", _("git 命令失败：{reason}").format(reason=reason))]
        )
    return result.stdout


def resolve_commit(root: Path, ref: str) -> str:
    try:
        return run_git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except BulletinError:
        message = _("本仓库里没有这个提交或分支：请先用 git fetch 取回它，或检查名称是否写对（例如 origin/main）")
        raise BulletinError([Problem(ref, 0, "base", message)]) from None


# Git's modes of entries that are not a file or a folder of the repository itself.
def explain_not_file(mode: str) -> str | None:
    """Why an entry of this Git mode is refused, or None for a file or a folder."""
    if mode == "120000":
        return _("这是一个符号链接，不是文件本身：发布系统不跟随链接，请删除链接，把文件本身提交进来")
    if mode == "160000":
        return _(
            "这是一个子模块（submodule），不是本仓库的文件：发布系统只读本仓库里的普通文件，请删除子模块，把文件本身提交进来"
        )
    return None


def refuse_links(root: Path, commit: str | None) -> None:
    """Symbolic links and submodules among the files the site is made of (mkdocs.yml, reports/,
    content/, overrides/) in ``commit``, or in Git's index (the branch's side) when ``commit``
    is None, are refused (BulletinError) before anything is exported: never followed, never
    a crash."""
    problems = find_links(root, commit)
    if problems:
        raise BulletinError(problems)


def find_links(root: Path, commit: str | None) -> list[Problem]:
    """The problems of refuse_links."""
    paths = ("--", CONFIG_FILE, REPORTS_DIR, *SITE_DIRS)
    listing = (
        run_git(root, "ls-tree", "-r", "-z", commit, *paths)
        if commit
        else run_git(root, "ls-files", "-s", "-z", *paths)
    )
    side = _("在 {commit} 中，").format(commit=commit[:10]) if commit else _("在这个分支（git 索引）中，")
    problems = []
    for entry in listing.decode("utf-8", "replace").split("\0"):
        mode, _tab, path = entry.partition("\t")
        message = explain_not_file(mode.split(" ")[0])
        if message:
            problems.append(Problem(path, 1, "file", side + message))
    return problems


def read_archive_at(root: Path, commit: str) -> Archive:
    """Load the archive as it is in ``commit`` (exported to a temporary folder)."""
    refuse_links(root, commit)
    names = run_git(root, "ls-tree", "--name-only", commit).decode().split("\n")
    paths = [p for p in (CONFIG_FILE, REPORTS_DIR, CONTENT_DIR) if p in names]
    with tempfile.TemporaryDirectory(prefix="bulletin-base-") as folder:
        if paths:
            data = run_git(root, "archive", "--format=tar", commit, "--", *paths)
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                tar.extractall(folder, filter="data")
        try:
            return load_archive(folder)
        except BulletinError as error:
            raise BulletinError(
                [
                    Problem(
                        p.path,
                        p.line,
                        p.field,
                        _("在 {commit} 中：{message}").format(commit=commit[:10], message=p.message),
                    )
                    for p in error.problems
                ]
            ) from None


def is_shallow(root: Path) -> bool:
    """Whether this clone has only part of the history (``git clone --depth``)."""
    return run_git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"


def find_fork(root: Path, ref: str, commit: str) -> str:
    """The merge base of ``commit`` and HEAD; never guessed: without it, REF's own changes
    after the branch point would be blamed on the branch."""
    try:
        return run_git(root, "merge-base", commit, "HEAD").decode().strip()
    except BulletinError:
        pass
    if is_shallow(root):
        message = _(
            "这是一个浅克隆（只取了最近几次提交），找不到当前分支与 {ref} 的分叉点，无法判断哪些改动是本分支的。"
            "请先取回完整历史：git fetch --unshallow（或 git fetch --deepen=200 直到找到为止）；"
            "在 CI 中设置 fetch-depth: 0（GitHub/Gitea Actions）或 GIT_DEPTH: 0（GitLab CI）"
        ).format(ref=ref)
    else:
        message = _(
            "当前分支与 {ref} 没有共同的提交历史，找不到分叉点，无法与它比较。"
            "请确认 {ref} 是本仓库的目标分支（例如 origin/main），并用 git fetch origin 取回它"
        ).format(ref=ref)
    raise BulletinError([Problem(ref, 0, "base", message)])


def read_baseline(root: Path, ref: str) -> Baseline:
    commit = resolve_commit(root, ref)
    refuse_links(root, None)
    fork = find_fork(root, ref, commit)
    at_ref = read_archive_at(root, commit)
    at_fork = at_ref if fork == commit else read_archive_at(root, fork)
    return Baseline(ref, at_ref, at_fork, list_changed_files(root, fork))


def list_changed_files(root: Path, fork: str) -> tuple[str, ...]:
    """The files of the working tree that differ from the branch point: changed, added (also
    not yet committed) or removed."""
    tracked = run_git(root, "diff", "--name-only", "--no-renames", "-z", fork, "--")
    untracked = run_git(root, "ls-files", "--others", "--exclude-standard", "-z")
    names = (tracked + untracked).decode("utf-8", "replace").split("\0")
    return tuple(sorted({name for name in names if name}))
