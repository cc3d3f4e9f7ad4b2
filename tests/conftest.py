"""Shared helpers: a small fixture archive copied into tmp_path, and problem matching."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bulletin.archive import load_archive
from bulletin.errors import BulletinError, Problem

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "archive"
STATS_FIXTURE = REPO / "tests" / "fixtures" / "stats"


def copy_fixture(target: Path, source: Path = FIXTURE) -> Path:
    """A fixture archive, made buildable: the real hook module and stylesheet beside it."""
    shutil.copytree(source, target)
    (target / "hooks").mkdir()
    shutil.copy(REPO / "hooks" / "mkdocs_hooks.py", target / "hooks" / "mkdocs_hooks.py")
    (target / "content" / "assets").mkdir(parents=True, exist_ok=True)
    for asset in ("bulletin.css", "search.js", "search-worker.js"):
        shutil.copy(REPO / "content" / "assets" / asset, target / "content" / "assets" / asset)
    shutil.copytree(REPO / "overrides", target / "overrides")
    return target


@pytest.fixture
def archive_root(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "archive")


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(root: Path) -> tuple[Problem, ...]:
    try:
        load_archive(root)
    except BulletinError as error:
        return error.problems
    return ()


def find_problem(problems, path: str, line: int, field: str, fragment: str) -> Problem:
    for problem in problems:
        if (problem.path, problem.line, problem.field) == (path, line, field) and fragment in problem.message:
            return problem
    shown = "\n".join(str(p) for p in problems) or "(no problems)"
    raise AssertionError(f"expected {path}:{line}: {field}: …{fragment}… among:\n{shown}")


def run_build(root: Path, *args: str, epoch: str = "1767225600") -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("built") / "archive")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium. CI installs it (.ci/run); elsewhere the browser tests skip without it."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    return CHROMIUM
