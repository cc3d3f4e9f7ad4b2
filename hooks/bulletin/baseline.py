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

from bulletin.archive import CONFIG_FILE, REPORTS_DIR, load_archive
from bulletin.errors import BulletinError, Problem
from bulletin.model import Archive


@dataclass(frozen=True)
class Baseline:
    """The archive at REF and at the merge base of REF and HEAD (the branch point)."""

    ref: str
    at_ref: Archive
    at_fork: Archive


def run_git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BulletinError([Problem(f"git {' '.join(args[:2])}", 0, "base", message[-1] if message else "git failed")])
    return result.stdout


def resolve_commit(root: Path, ref: str) -> str:
    try:
        return run_git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except BulletinError:
        raise BulletinError([Problem(ref, 0, "base", "not a commit in this repository (fetch it first?)")]) from None


def read_archive_at(root: Path, commit: str) -> Archive:
    """Load the archive as it is in ``commit`` (exported to a temporary folder)."""
    names = run_git(root, "ls-tree", "--name-only", commit).decode().split("\n")
    paths = [p for p in (CONFIG_FILE, REPORTS_DIR) if p in names]
    with tempfile.TemporaryDirectory(prefix="bulletin-base-") as folder:
        if paths:
            data = run_git(root, "archive", "--format=tar", commit, "--", *paths)
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                tar.extractall(folder, filter="data")
        try:
            return load_archive(folder)
        except BulletinError as error:
            raise BulletinError(
                [Problem(p.path, p.line, p.field, f"at {commit[:10]}: {p.message}") for p in error.problems]
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
        message = (
            f"这是一个浅克隆（只取了最近几次提交），找不到当前分支与 {ref} 的分叉点，无法判断哪些改动是本分支的。"
            "请先取回完整历史：git fetch --unshallow（或 git fetch --deepen=200 直到找到为止）；"
            "在 CI 中设置 fetch-depth: 0（GitHub/Gitea Actions）或 GIT_DEPTH: 0（GitLab CI）"
        )
    else:
        message = (
            f"当前分支与 {ref} 没有共同的提交历史，找不到分叉点，无法与它比较。"
            f"请确认 {ref} 是本仓库的目标分支（例如 origin/main），并用 git fetch origin 取回它"
        )
    raise BulletinError([Problem(ref, 0, "base", message)])


def read_baseline(root: Path, ref: str) -> Baseline:
    commit = resolve_commit(root, ref)
    fork = find_fork(root, ref, commit)
    at_ref = read_archive_at(root, commit)
    at_fork = at_ref if fork == commit else read_archive_at(root, fork)
    return Baseline(ref, at_ref, at_fork)
