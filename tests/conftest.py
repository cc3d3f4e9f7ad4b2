"""Shared fixtures: a small fixture archive copied into tmp_path, the built fixture site, Chromium.

Plain helpers are in helpers.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import copy_fixture, run_build


@pytest.fixture
def archive_root(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "archive")


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
