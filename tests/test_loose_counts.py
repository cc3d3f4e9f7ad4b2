"""Tests read the sample's figures from the archive, not as numbers written down: an office that
adds reports (a new issue, pending reports) keeps `make test` passing.

The tests that once held the sample's counts ("2026年（70篇）", "2 to 10 pending") run here on
a copy of the sample grown as an office grows it (helpers.grow_sample)."""

from __future__ import annotations

import pytest
from helpers import (
    GROWN_PENDING,
    REPO,
    assert_pending_reports_are_those_in_no_issue,
    assert_year_pages_count_each_years_reports,
    grow_sample,
    run_build,
    text_of,
)

from bulletin.archive import load_archive


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    return grow_sample(tmp_path_factory.mktemp("grown") / "archive")


def test_the_grown_copy_would_have_broken_the_old_literal_counts(grown):
    """The copy really grows what the old tests wrote down: 2026 has one report more than the
    sample, and there are more than ten pending reports."""
    sample, copy = load_archive(REPO), load_archive(grown)
    in_2026 = lambda archive: sum(1 for _r, issue in archive.published() if issue.date.year == 2026)
    assert in_2026(copy) == in_2026(sample) + 1
    assert len(copy.pending) == len(sample.pending) + GROWN_PENDING > 10


@pytest.mark.parametrize("which", ["sample", "grown"])
def test_count_tests_hold_on_the_sample_and_on_a_grown_copy(which, grown):
    archive = load_archive(REPO if which == "sample" else grown)
    assert_year_pages_count_each_years_reports(archive)
    assert_pending_reports_are_those_in_no_issue(archive)


@pytest.mark.build
def test_a_grown_copy_builds_and_its_new_report_is_counted_on_its_pages(grown):
    """Built for real: the new report is on its year's list of its keyword and its unit."""
    result = run_build(grown)
    assert result.returncode == 0, result.stderr
    site = grown / "site"
    assert "云岭县组织茶农冬季培训提升茶园管护水平" in text_of(site / "topics/tags/chanong-peixun/index.html")
    assert "云岭县组织茶农冬季培训提升茶园管护水平" in text_of(site / "units/yunling/2026/index.html")
