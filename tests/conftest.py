"""Shared fixtures: a small fixture archive copied into tmp_path; the sites built once for the
whole test run, for the tests that only read them (the fixture archive, the repository's sample,
the stats fixture); Chromium.

A test that changes an archive builds its own copy (helpers.copy_fixture, helpers.run_build).
Plain helpers are in helpers.py."""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import (
    CHROMIUM_ARGS,
    MARCH_31,
    REPO,
    SAMPLE_EPOCH,
    STATS_FIXTURE,
    copy_fixture,
    make_repo,
    run_build,
    serve_folder,
    use_build_caches,
)
from hypothesis import HealthCheck, settings
from playwright.sync_api import sync_playwright

# Property-based tests (test_properties.py, test_limits.py, fuzz_reportfile.py): in CI a
# fixed seed and a budget that fits (the whole of them in well under a minute); locally a new
# seed every run, failures remembered in .hypothesis/. HYPOTHESIS_PROFILE picks another.
# Time bounds are asserted by the tests themselves (Hypothesis's deadline would be flaky
# on a busy machine and would report a slow example as an error of its own).
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "ci", derandomize=True, database=None, max_examples=40, deadline=None, suppress_health_check=_SLOW_IS_FINE
)
settings.register_profile("dev", max_examples=40, deadline=None, suppress_health_check=_SLOW_IS_FINE)
settings.register_profile("long", max_examples=2_000, deadline=None, suppress_health_check=_SLOW_IS_FINE)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def archive_root(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "archive")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A Git repository of the fixture archive: committed on main, branch `change` checked out."""
    return make_repo(tmp_path / "repo")


# --- built once for the whole run: read them, never change them ------------------------------


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: pytest's own, or with pytest-xdist the one its
    workers' folders are in (each worker is a session of its own)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """``build(folder)`` once for the whole run, by whichever session (xdist worker) needs the
    folder first, under a lock the others wait on; then every session reads the same folder."""
    folder = run_folder(tmp_path_factory) / name
    with open(run_folder(tmp_path_factory) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            build(folder)
            (folder / ".complete").touch()
    return folder


@pytest.fixture(scope="session", autouse=True)
def _temporary_files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every temporary file of the run in pytest's folder, this process's and its children's
    (MkDocs, the indexer, WeasyPrint, Chromium): TMPDIR and tempfile point there."""
    folder = tmp_path_factory.mktemp("tmp")
    saved = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = str(folder)
    yield
    if saved[0] is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = saved[0]
    tempfile.tempdir = saved[1]


@pytest.fixture(scope="session", autouse=True)
def _build_caches(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The search index and documents caches of the test builds in the run's temporary folder:
    nothing is written outside it (helpers.build_cache_dir)."""
    use_build_caches(run_folder(tmp_path_factory) / "build-caches")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The fixture archive (tests/fixtures/archive), built in ``built/site``: one for each session
    (test_build.py adds files to it for a while, and builds it again)."""
    root = copy_fixture(tmp_path_factory.mktemp("built") / "archive")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


def _build_sample(folder: Path) -> None:
    result = run_build(REPO, "--site-dir", str(folder / "site"), epoch=SAMPLE_EPOCH)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own sample archive, built once for the run into a temporary folder, as of
    its build date (SAMPLE_EPOCH), without PDF and Word files: the folder of the site."""
    return built_once(tmp_path_factory, "sample", _build_sample) / "site"


@pytest.fixture(scope="session")
def sample_server(sample_site: Path) -> Iterator[str]:
    """The built sample served on localhost: its address."""
    with serve_folder(sample_site) as address:
        yield address


def _build_stats(folder: Path) -> None:
    root = copy_fixture(folder / "archive", STATS_FIXTURE)
    result = run_build(root, epoch=MARCH_31)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def stats_site(tmp_path_factory) -> Path:
    """The stats fixture (tests/fixtures/stats) built once for the run, as of 2026-03-31: the
    folder of the site."""
    return built_once(tmp_path_factory, "stats", _build_stats) / "archive" / "site"


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium. CI installs it (.ci/run); elsewhere the browser tests skip without it."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium_path):
    """Headless Chromium, started once for a test module (skipped where it is not installed)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
