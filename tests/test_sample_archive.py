"""The sample archive shipped in the repository is valid and covers the work of the office; the
tests read its figures from the archive, not as numbers written down, so an office that adds
reports (a new issue, pending reports) keeps `make test` passing: the tests that once held the
sample's counts ("2026年（70篇）", "2 to 10 pending") run on a copy grown as an office grows it
(helpers.grow_sample)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

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
from bulletin.errors import Problems
from bulletin.model import UNIT_KINDS


@pytest.fixture(scope="module")
def sample():
    return load_archive(REPO)


def test_sample_archive_loads_without_problems(sample):
    assert len(sample.reports) >= 120


def test_sample_units_cover_every_kind(sample):
    kinds = Counter(unit.kind for unit in sample.units.values())
    assert len(sample.units) >= 15
    assert set(kinds) == set(UNIT_KINDS)
    towns = [u for u in sample.units.values() if u.kind == "town"]
    assert all(sample.units[t.parent].kind in ("county", "district") for t in towns)


def test_sample_series_and_years(sample):
    issues = Counter((i.series.key, i.year) for i in sample.issues)
    assert issues[("jrxx", 2025)] + issues[("jrxx", 2026)] >= 40
    assert issues[("zk", 2025)] + issues[("zk", 2026)] >= 6
    assert {year for (_, year) in issues} == {2025, 2026}


def test_sample_has_instructions_adoptions_joint_and_pending(sample):
    published = [r for r in sample.reports if not r.is_pending]
    assert sum(1 for r in published if r.instructions) >= 10
    assert {a.level for r in published for a in r.adoptions} == {"province", "central"}
    assert any(len(r.units) > 1 for r in published)
    # Pending reports: the sample shows some; they are exactly the reports in no issue (however
    # many an office adds: this module runs it on a grown copy below).
    assert_pending_reports_are_those_in_no_issue(sample)


def test_every_unit_reports_something(sample):
    """A published report or, for a point of the network, at least an item in the ledger; only a
    point set up in the last months (龙潭镇, since 2026-10-15) has sent nothing yet."""

    used = {key for r in sample.reports for key in r.units} | {item.unit for item in sample.items}
    new = {u.key for u in sample.units.values() if u.since and u.since >= dt.date(2026, 10, 1)}
    assert new == {"longtan-town"}
    assert used | new == set(sample.units)


@pytest.mark.parametrize(
    "page, heading", [("content/guide/writing.md", "## 3. 报告文件的写法"), ("docs/rules.md", "## Report files")]
)
def test_the_docs_report_example_is_valid(sample, page, heading):
    from bulletin.check.body import check_body
    from bulletin.check.references import check_references
    from bulletin.read.reportfile import read_report

    text = (REPO / page).read_text(encoding="utf-8")
    example = text.split(heading, 1)[1].split("```markdown\n", 1)[1].split("```", 1)[0]
    problems = Problems()
    report = read_report("reports/2026/0105-yunling-chalv.md", example, "jrxx", problems)
    assert report is not None, problems.items
    check_body(report, problems)
    check_references(report, sample.settings, sample.units, problems)
    assert problems.items == []
    assert report.instructions[0].by == "市委书记" and report.adoptions[0].level == "province"


# --- the figures hold on a copy of the sample an office grew ----------------------------------


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
