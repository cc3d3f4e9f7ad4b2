"""The reporting units: their index by kind, and each unit's page (its figures by month, its reports).

Pure: archive and figures in, pages out. The templates escape every name and title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from bulletin.addresses import unit_src
from bulletin.figures.scoring import Credits, Figures
from bulletin.figures.timeliness import UnitTimeliness, tally_units
from bulletin.labels import UNIT_KIND_NAMES
from bulletin.model import Archive, Issue, Report, Submission, Unit
from bulletin.pages.headings import HeadingIds
from bulletin.pages.notices import EventLine, list_event_lines
from bulletin.pages.page import Page, make_page

Published = list[tuple[Report, Issue]]
UNITS_TITLE = "报送单位"


@dataclass(frozen=True)
class UnitTimelinessYear:
    """A unit's 紧急信息 in a year: its figures (tally_units) and the events that make them up."""

    figures: UnitTimeliness
    events: tuple[EventLine, ...]


@dataclass(frozen=True)
class UnitYear:
    year: int
    months: tuple[tuple[int, Figures], ...]  # the months with anything to show
    total: Figures
    emergency: UnitTimelinessYear | None = None  # None: no event occurred that year
    has_ledger: bool = False  # a month of the year has a submissions ledger: 报送, 被采用, 采用率


def collect_unit_timeliness(archive: Archive, credits: Credits) -> dict[str, dict[int, UnitTimelinessYear]]:
    """Unit -> year -> its 紧急信息 of the year, for the units responsible for an event."""
    scoring = archive.settings.scoring
    lines: dict[tuple[str, int], list[EventLine]] = {}
    for line in list_event_lines(archive, credits.events):
        lines.setdefault((line.unit.key, line.record.event.occurred.year), []).append(line)
    out: dict[str, dict[int, UnitTimelinessYear]] = {}
    for year in sorted({record.event.occurred.year for record in credits.events}):
        for key, figures in tally_units(credits.events, scoring, year).items():
            out.setdefault(key, {})[year] = UnitTimelinessYear(figures, tuple(lines.get((key, year), ())))
    return out


def sum_unit_year(
    unit: Unit, year: int, months: list[Figures], emergency: UnitTimelinessYear | None = None
) -> UnitYear:
    """A year of a unit's figures: the months with any activity, and the year's total."""
    active = tuple(
        (month, f)
        for month, f in enumerate(months, start=1)
        if f.adopted or f.points or f.instructions or f.higher or f.submitted
    )
    ledger = [f for f in months if f.submitted is not None]
    total = Figures(
        unit,
        adopted=sum(f.adopted for f in months),
        points=sum((f.points for f in months), Fraction(0)),
        instructions=sum(f.instructions for f in months),
        higher=sum(f.higher for f in months),
        submitted=sum(f.submitted or 0 for f in ledger) if ledger else None,
        accepted=sum(f.adopted if f.accepted is None else f.accepted for f in ledger) if ledger else None,
    )
    return UnitYear(year, active, total, emergency, has_ledger=bool(ledger))


@dataclass(frozen=True)
class ItemLine:
    """An item of a unit's ledger as its page lists it, with the published reports made from it."""

    item: Submission
    reports: tuple[Report, ...]  # the published ones of item.reports (those that have a page)


@dataclass(frozen=True)
class UnitItems:
    """A unit's items of one year (收稿登记), newest first."""

    year: int
    lines: tuple[ItemLine, ...]
    submitted: int
    accepted: int
    higher: int  # of them 上级采用

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.accepted, self.submitted) if self.submitted else None


def collect_unit_items(archive: Archive) -> dict[str, UnitItems]:
    """Every unit's items of its latest year with items (one pass over the ledger for all units)."""
    published = {f"{report.year}/{report.id}": report for report, _ in archive.published()}
    by_unit: dict[str, list[Submission]] = {}
    for item in archive.items:
        by_unit.setdefault(item.unit, []).append(item)
    out = {}
    for key, items in by_unit.items():
        year = max(item.received.year for item in items)
        chosen = sorted(
            (item for item in items if item.received.year == year), key=lambda i: (i.received, i.number), reverse=True
        )
        lines = tuple(
            ItemLine(item, tuple(published[name] for name in item.reports if name in published)) for item in chosen
        )
        out[key] = UnitItems(
            year,
            lines,
            len(chosen),
            sum(item.adopted for item in chosen),
            sum(item.result == "上级采用" for item in chosen),
        )
    return out


def collect_published_by_unit(archive: Archive) -> dict[str, Published]:
    """Every unit's published reports, newest first (one pass over the archive for all units)."""
    by_unit: dict[str, Published] = {}
    for report, issue in archive.published():
        for key in report.units:
            by_unit.setdefault(key, []).append((report, issue))
    for published in by_unit.values():
        published.sort(key=lambda pair: (pair[1].date, pair[0].id), reverse=True)
    return by_unit


def render_unit_page(
    archive: Archive,
    unit: Unit,
    unit_months: dict[int, list[Figures]],
    published: Published,
    timeliness: dict[int, UnitTimelinessYear] | None = None,
    items: UnitItems | None = None,
    as_of: dt.date | None = None,
) -> Page:
    """A unit: what it is, its figures by month for each year (with its 紧急信息 of the year and
    links to those events), its reports of the latest year (with links to every year's list)."""
    timeliness = timeliness or {}
    years = sorted({issue.date.year for _, issue in published}, reverse=True)
    ids = HeadingIds(unit.name)
    return make_page(
        unit_src(unit.key),
        "unit.html",
        unit.name,
        sanitize=False,
        heading_anchor=ids.first,
        heading_ids=ids,
        unit=unit,
        as_of=as_of,
        # a month or year not over on the build date (``as_of``) says so: its figures are so far
        in_progress=lambda year, month=None: as_of is not None and not Archive.has_ended(year, month, as_of),
        kind_name=UNIT_KIND_NAMES[unit.kind],
        parent=archive.units[unit.parent] if unit.parent else None,
        members=[u for u in archive.units.values() if u.parent == unit.key],
        unit_years=[
            sum_unit_year(unit, year, months, timeliness.get(year))
            for year, months in sorted(unit_months.items(), reverse=True)
        ],
        report_years=[(year, sum(1 for _, issue in published if issue.date.year == year)) for year in years],
        latest=[(report, issue) for report, issue in published if issue.date.year == years[0]] if years else [],
        items=items,
    )


def render_units_index(archive: Archive) -> Page:
    """Every unit by kind (县, 区, 开发区, …), each kind by key."""
    kinds = []
    for kind, name in UNIT_KIND_NAMES.items():
        units = sorted((u for u in archive.units.values() if u.kind == kind), key=lambda u: u.key)
        if units:
            kinds.append((name, units))
    ids = HeadingIds(UNITS_TITLE)
    return make_page(
        unit_src(), "units.html", UNITS_TITLE, sanitize=False, heading_anchor=ids.first, heading_ids=ids, kinds=kinds
    )
