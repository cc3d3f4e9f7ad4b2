"""The search index in parts of consecutive folder years (``pagefind/2021-2024/``).

The browser merges the parts. A part holds at most ``search_part_reports`` reports:
Pagefind's memory stays bounded whatever the archive's size, and a part whose records did
not change reuses its index from the cache.

The newest month has a part of its own (``pagefind/2026-12/``) once the newest part holds
more than MONTH_PART_FROM reports: a merge adds reports to the newest month, so publishing it
indexes that month again, not a year (2,500 reports, most of an incremental build's time).
When a new month begins, the year's part takes the month before it, once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bulletin.model import Archive, Issue, Report

MONTH_PART_FROM = 500  # reports in the newest part from which its newest month is a part of its own


@dataclass(frozen=True)
class IndexPart:
    years: tuple[int, ...]  # consecutive folder years, oldest first
    month: tuple[int, int] | None = None  # the newest month's own part: (year, month) of its issues
    before: tuple[int, int] | None = None  # the years' part without that month: issues before it

    @property
    def name(self) -> str:
        if self.month is not None:
            return f"{self.month[0]}-{self.month[1]:02d}"
        first, last = self.years[0], self.years[-1]
        return str(first) if first == last else f"{first}-{last}"

    @property
    def order(self) -> int:
        """Oldest first: a year's part by its first year, the newest month's after it."""
        return self.month[0] * 100 + self.month[1] if self.month else self.years[0] * 100

    def holds(self, report: Report, issue: Issue) -> bool:
        """Whether the part indexes this published report."""
        if report.year not in self.years:
            return False
        month = (issue.date.year, issue.date.month)
        return (self.month is None or month == self.month) and (self.before is None or month < self.before)


def count_pages_per_year(archive: Archive) -> dict[int, int]:
    """Published reports per folder year (one report page each)."""
    return dict(Counter(report.year for report, _ in archive.published()))


def plan_index_parts(pages_per_year: dict[int, int], budget: int) -> list[IndexPart]:
    """Consecutive years, filled from the oldest, each part up to ``budget`` pages; newest part
    first. New reports change only the newest part, so older parts keep their cached index."""
    parts: list[list[int]] = []
    size = 0
    for year in sorted(pages_per_year):
        if not parts or size + pages_per_year[year] > budget:
            parts.append([])
            size = 0
        parts[-1].append(year)
        size += pages_per_year[year]
    return [IndexPart(tuple(years)) for years in reversed(parts)]


def split_newest_month(parts: list[IndexPart], published: list[tuple[Report, Issue]]) -> list[IndexPart]:
    """The newest part with its newest month as a part of its own, when it holds more than
    MONTH_PART_FROM reports (and more than that month)."""
    if not parts:
        return parts
    newest = parts[0]
    months = [(i.date.year, i.date.month) for r, i in published if newest.holds(r, i)]
    if len(months) <= MONTH_PART_FROM or len(set(months)) < 2:
        return parts
    latest = max(months)
    return [
        IndexPart(newest.years, month=latest),
        IndexPart(newest.years, before=latest),
        *parts[1:],
    ]


def plan_search_parts(archive: Archive) -> list[IndexPart]:
    """The archive's index parts. ``search_part_reports`` (default 3,500) bounds a part: Pagefind
    needs about 0.85 MB of memory per report indexed at once (2.1 GB for 2,500), so a part
    stays near 3 GB. Fewer, larger parts would save a query bytes (a part costs it its
    metadata and one index chunk per word) but need more memory."""
    parts = plan_index_parts(count_pages_per_year(archive), archive.settings.search_part_reports)
    return split_newest_month(parts, archive.published())
