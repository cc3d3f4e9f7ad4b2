"""The search index's newest month is a part of its own once the newest part is large
(bulletin.pages.search.parts): publishing a new issue indexes a month again, not a year. Every
published report is in exactly one part, and the parts come newest first."""

from __future__ import annotations

import pytest
from helpers import copy_fixture

from bulletin.archive import load_archive
from bulletin.pages.search import parts


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return load_archive(copy_fixture(tmp_path_factory.mktemp("parts") / "archive"))


def test_a_small_archive_keeps_one_part_per_years(archive):
    assert [p.name for p in parts.plan_search_parts(archive)] == ["2026"]


def test_a_large_newest_part_gives_its_newest_month_a_part_of_its_own(archive, monkeypatch):
    monkeypatch.setattr(parts, "MONTH_PART_FROM", 2)
    planned = parts.plan_search_parts(archive)
    published = archive.published()
    latest = max((i.date.year, i.date.month) for _r, i in published)
    assert [p.name for p in planned] == [f"{latest[0]}-{latest[1]:02d}", "2026"]
    month, year = planned
    assert month.order > year.order  # the search page asks the month first for the newest results
    for report, issue in published:
        holders = [p.name for p in planned if p.holds(report, issue)]
        assert len(holders) == 1, (report.path, holders)
        assert (holders[0] == month.name) == ((issue.date.year, issue.date.month) == latest)


def test_one_month_alone_is_not_split(archive, monkeypatch):
    monkeypatch.setattr(parts, "MONTH_PART_FROM", 0)
    newest = [(r, i) for r, i in archive.published() if i.date == max(i.date for _r, i in archive.published())]
    assert parts.split_newest_month([parts.IndexPart((2026,))], newest) == [parts.IndexPart((2026,))]
