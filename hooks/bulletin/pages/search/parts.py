"""The search index in parts of consecutive folder years (``pagefind/2021-2024/``).

The browser merges the parts. A part holds at most ``search_part_reports`` reports:
Pagefind's memory stays bounded whatever the archive's size, and a part whose records did
not change reuses its index from the cache.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bulletin.model import Archive


@dataclass(frozen=True)
class IndexPart:
    years: tuple[int, ...]  # consecutive folder years, oldest first

    @property
    def name(self) -> str:
        first, last = self.years[0], self.years[-1]
        return str(first) if first == last else f"{first}-{last}"


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


def plan_search_parts(archive: Archive) -> list[IndexPart]:
    """The archive's index parts. ``search_part_reports`` (default 3,500) bounds a part: Pagefind
    needs about 0.85 MB of memory per report indexed at once (2.1 GB for 2,500), so a part
    stays near 3 GB. Fewer, larger parts would save a query bytes (a part costs it its
    metadata and one index chunk per word) but need more memory."""
    return plan_index_parts(count_pages_per_year(archive), archive.settings.search_part_reports)
