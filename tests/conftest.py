"""Shared fixtures: a small fixture archive copied into tmp_path, the built fixture site, Chromium.

Plain helpers are in helpers.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import copy_fixture, make_repo, run_build
from hypothesis import HealthCheck, settings

# Property-based tests (test_properties.py, test_redteam_text.py, fuzz_reportfile.py): in CI a
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
