"""Adoption statistics and points: the figures behind the ranking notices (通报).

Pure functions of the archive. A point is credited in the month of its own event:
publication at the issue date, a higher office's adoption at its date, a 批示 at its
date, a 紧急信息 event's points (``scoring.emergency``, by the rules of
:mod:`bulletin.stats.timeliness`) in the month the event occurred, to the unit responsible
for reporting it. A joint report splits every point equally between its units (each unit counts
the adoption). A town's or correspondent's points stay its own; its county's row shows
``parent_share`` of them as *linked* points, never mixed into the county's own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from bulletin.clock import build_moment
from bulletin.model import COUNTY_KINDS, LOCAL_POINT_KINDS, Archive, Commission, Report, Unit
from bulletin.stats.timeliness import EventRecord, UnitTimeliness, assess_events, tally_units

Month = tuple[int, int]

PUBLISHED, ADOPTION, INSTRUCTION, EMERGENCY = "published", "adoption", "instruction", "emergency"
# Counties and districts are ranked together, as offices do (县（区）).
GROUPS = (
    ("县（区）", COUNTY_KINDS),
    ("开发区", ("zone",)),
    ("市直部门", ("department",)),
    ("镇街信息直报点", ("town",)),
    ("村居、社区、企业信息直报点", LOCAL_POINT_KINDS),
    ("特约信息员", ("correspondent",)),
)
ON_TIME, LATE, MISSING, OPEN = "on_time", "late", "missing", "open"
STATUS_NAMES = {ON_TIME: "按时报送", LATE: "逾期报送", MISSING: "未报送", OPEN: "未到期"}


@dataclass(frozen=True)
class Credit:
    unit: str
    month: Month
    kind: str  # published | adoption | instruction | emergency
    points: Fraction
    report: Report | None = None  # None for EMERGENCY: a month's events of one unit (see Credits.timeliness)


@dataclass(frozen=True)
class Credits:
    """Every credited event, by month: a period's figures read only the months they cover."""

    by_month: dict[Month, tuple[Credit, ...]]
    # 紧急信息: each event as of the build moment, and each month's figures per unit (tally_units)
    events: tuple[EventRecord, ...] = ()
    timeliness: dict[Month, dict[str, UnitTimeliness]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Credit]:
        return (credit for month in sorted(self.by_month) for credit in self.by_month[month])

    def of(self, months: Iterable[Month]) -> list[Credit]:
        return [credit for month in sorted(months) for credit in self.by_month.get(month, ())]

    def events_of(self, months: Iterable[Month]) -> tuple[EventRecord, ...]:
        """The 紧急信息 events that occurred in ``months``, in the order they occurred."""
        wanted = set(months)
        return tuple(r for r in self.events if month_of(r.event.occurred.date()) in wanted)


@dataclass(frozen=True)
class Figures:
    """One unit's figures over a period."""

    unit: Unit
    adopted: int = 0  # reports published in the office's series (采用)
    points: Fraction = Fraction(0)
    instructions: int = 0  # 批示 received
    higher: int = 0  # re-adoptions by higher offices (上级采用)
    linked: Fraction = Fraction(0)  # parent_share x members' points (counties only)
    submitted: int | None = None  # from the submissions ledger, where there is one
    emergency: UnitTimeliness | None = None  # 紧急信息 (its points are in ``points``); None: no event

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.adopted, self.submitted) if self.submitted else None


@dataclass(frozen=True)
class Row:
    figures: Figures  # the period (month, quarter or year)
    to_date: Figures | None  # the year to date, on monthly notices
    rank: int  # within its group


@dataclass(frozen=True)
class Group:
    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class CommissionStatus:
    commission: Commission
    statuses: tuple[tuple[Unit, str, Report | None], ...]  # unit, status, its answer

    @property
    def overdue(self) -> tuple[Unit, ...]:
        return tuple(unit for unit, status, _ in self.statuses if status == MISSING)


@dataclass(frozen=True)
class MonthlyNotice:
    year: int
    month: int
    groups: tuple[Group, ...]
    zero_month: tuple[Unit, ...]
    zero_to_date: tuple[Unit, ...]
    below_quota: tuple[tuple[Unit, int, int], ...]  # unit, adopted, monthly quota
    overdue: tuple[CommissionStatus, ...]
    has_ledger: bool
    zero_submitted: tuple[Unit, ...]
    events: tuple[EventRecord, ...] = ()  # 紧急信息 events that occurred in the month


@dataclass(frozen=True)
class AnnualView:
    year: int
    groups: tuple[Group, ...]
    months: tuple[tuple[int, int, Fraction, int, int], ...]  # month, adopted reports, points, 批示, 上级采用
    by_kind: tuple[tuple[str, int, Fraction], ...]  # group name, adopted, points
    quarters: tuple[tuple[int, tuple[Group, ...]], ...]
    events: tuple[EventRecord, ...] = ()  # 紧急信息 events that occurred in the year

    def quarter_has_events(self, quarter: int) -> bool:
        return any((r.event.occurred.month - 1) // 3 + 1 == quarter for r in self.events)


def order_units(units: Iterable[Unit]) -> list[Unit]:
    """Units in the order of the notice: by group (县（区）, 开发区, …), then by key."""
    rank = {kind: index for index, (_, kinds) in enumerate(GROUPS) for kind in kinds}
    return sorted(units, key=lambda u: (rank[u.kind], u.key))


def month_of(day: dt.date) -> Month:
    return (day.year, day.month)


def collect_credits(archive: Archive, now: dt.datetime | None = None) -> Credits:
    """Every credited event of every published report, and every 紧急信息 event assessed as of
    ``now`` (default: the build moment, :func:`bulletin.clock.build_moment`): each month's
    figures of each unit from :func:`bulletin.stats.timeliness.tally_units`, its points one credit."""
    scoring = archive.settings.scoring
    by_month: dict[Month, list[Credit]] = defaultdict(list)
    for issue in archive.issues:
        for report in issue.reports:
            share = Fraction(1, len(report.units))
            events = [(PUBLISHED, issue.date, scoring.series.get(report.series, 0))]
            events += [(ADOPTION, a.date, scoring.adoptions.get(a.level, 0)) for a in report.adoptions]
            events += [(INSTRUCTION, i.date, scoring.instructions.get(i.level, 0)) for i in report.instructions]
            for kind, day, points in events:
                by_month[month_of(day)] += [
                    Credit(unit, month_of(day), kind, points * share, report) for unit in report.units
                ]
    records: tuple[EventRecord, ...] = ()
    timeliness: dict[Month, dict[str, UnitTimeliness]] = {}
    if archive.events:
        moment = build_moment() if now is None else now
        records = assess_events(archive.events, archive.reports, archive.settings.emergency, moment)
        for month in sorted({month_of(r.event.occurred.date()) for r in records}):
            timeliness[month] = tally_units(records, scoring, *month)
            by_month[month] += [
                Credit(key, month, EMERGENCY, Fraction(tally.points)) for key, tally in timeliness[month].items()
            ]
    return Credits({month: tuple(credits) for month, credits in by_month.items()}, records, timeliness)


def sum_timeliness(unit: str, tallies: Iterable[UnitTimeliness]) -> UnitTimeliness | None:
    """A unit's 紧急信息 figures over several months (None: no event)."""
    tallies = list(tallies)
    if not tallies:
        return None
    return UnitTimeliness(
        unit,
        events=sum(t.events for t in tallies),
        on_time=sum(t.on_time for t in tallies),
        late=sum(t.late for t in tallies),
        missing=sum(t.missing for t in tallies),
        office_first=sum(t.office_first for t in tallies),
        points=sum(t.points for t in tallies),
    )


def sum_figures(
    archive: Archive, credits: Credits, months: set[Month], with_ledger: bool = False
) -> dict[str, Figures]:
    """Figures of every unit over ``months``; linked points for counties."""
    points: dict[str, Fraction] = {key: Fraction(0) for key in archive.units}
    counts: dict[str, Counter[str]] = {key: Counter() for key in archive.units}
    for credit in credits.of(months):
        if credit.unit in points:
            points[credit.unit] += credit.points
            counts[credit.unit][credit.kind] += 1
    linked: dict[str, Fraction] = defaultdict(Fraction)
    for unit in archive.units.values():
        if unit.parent in points:
            linked[unit.parent] += archive.settings.scoring.parent_share * points[unit.key]
    submitted: dict[str, int] = defaultdict(int)
    if with_ledger:
        for month in months:
            for key, count in archive.submissions.get(month, {}).items():
                submitted[key] += count
    return {
        key: Figures(
            unit=archive.units[key],
            adopted=counts[key][PUBLISHED],
            points=points[key],
            instructions=counts[key][INSTRUCTION],
            higher=counts[key][ADOPTION],
            linked=linked[key],
            submitted=submitted[key] if with_ledger else None,
            emergency=sum_timeliness(
                key, (credits.timeliness[m][key] for m in sorted(months) if key in credits.timeliness.get(m, {}))
            ),
        )
        for key in archive.units
    }


def rank_groups(figures: dict[str, Figures], to_date: dict[str, Figures] | None = None) -> tuple[Group, ...]:
    groups = []
    for name, kinds in GROUPS:
        members = sorted(
            (f for f in figures.values() if f.unit.kind in kinds), key=lambda f: (-f.points, -f.adopted, f.unit.key)
        )
        if not members:
            continue
        rows = tuple(
            Row(f, to_date[f.unit.key] if to_date else None, 1 + sum(1 for g in members if g.points > f.points))
            for f in members
        )
        groups.append(Group(name, rows))
    return tuple(groups)


def active_months(archive: Archive, credits: Credits) -> list[Month]:
    return sorted(set(credits.by_month) | set(archive.submissions))


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def answer_date(report: Report) -> dt.date | None:
    return report.received or (report.placement.date if report.placement else None)


def collect_commission_statuses(archive: Archive, as_of: dt.date) -> tuple[CommissionStatus, ...]:
    """Each 约稿 with every unit's status, counting answers received by ``as_of``."""
    answers: dict[tuple[str, str], list[tuple[dt.date, Report]]] = defaultdict(list)
    for report in archive.reports:
        day = answer_date(report)
        if report.commission and day is not None and day <= as_of:
            for unit in report.units:
                answers[(report.commission, unit)].append((day, report))
    out = []
    for commission in sorted(archive.commissions, key=lambda c: (c.issued, c.id), reverse=True):
        if commission.issued > as_of:
            continue
        statuses = []
        for key in commission.units:
            found = min(answers.get((commission.id, key), []), key=lambda pair: pair[0], default=None)
            if found:
                status = ON_TIME if found[0] <= commission.deadline else LATE
            else:
                status = MISSING if commission.deadline < as_of else OPEN
            statuses.append((archive.units[key], status, found[1] if found else None))
        out.append(CommissionStatus(commission, tuple(statuses)))
    return tuple(out)


def build_monthly_notice(
    archive: Archive, year: int, month: int, credits: Credits | None = None, today: dt.date | None = None
) -> MonthlyNotice:
    """The figures of one month. 约稿 are judged as of the month's end, or ``today`` when the
    month is not over yet (a deadline still to come is not overdue)."""
    credits = collect_credits(archive) if credits is None else credits
    has_ledger = (year, month) in archive.submissions
    this_month = sum_figures(archive, credits, {(year, month)}, with_ledger=has_ledger)
    to_date = sum_figures(archive, credits, {(year, m) for m in range(1, month + 1)})
    units = order_units(archive.units.values())
    below = tuple(
        (u, this_month[u.key].adopted, u.quota.monthly)
        for u in units
        if u.quota is not None and this_month[u.key].adopted < u.quota.monthly
    )
    as_of = min(last_day(year, month), today) if today else last_day(year, month)
    overdue = tuple(s for s in collect_commission_statuses(archive, as_of) if s.overdue)
    return MonthlyNotice(
        year=year,
        month=month,
        groups=rank_groups(this_month, to_date),
        zero_month=tuple(u for u in units if this_month[u.key].adopted == 0),
        zero_to_date=tuple(u for u in units if to_date[u.key].adopted == 0),
        below_quota=below,
        overdue=overdue,
        has_ledger=has_ledger,
        zero_submitted=tuple(u for u in units if has_ledger and not this_month[u.key].submitted),
        events=credits.events_of({(year, month)}),
    )


def build_annual_view(archive: Archive, year: int, credits: Credits | None = None) -> AnnualView:
    credits = collect_credits(archive) if credits is None else credits
    whole = sum_figures(archive, credits, {(year, m) for m in range(1, 13)})
    published = archive.published()
    adopted = Counter(month_of(issue.date) for _, issue in published)
    instructions = Counter(month_of(i.date) for r, _ in published for i in r.instructions)
    adoptions = Counter(month_of(a.date) for r, _ in published for a in r.adoptions)
    months = tuple(
        (
            m,
            adopted[(year, m)],
            sum((c.points for c in credits.of({(year, m)})), Fraction(0)),
            instructions[(year, m)],
            adoptions[(year, m)],
        )
        for m in range(1, 13)
    )
    by_kind = []
    for name, kinds in GROUPS:
        members = [f for f in whole.values() if f.unit.kind in kinds]
        if members:
            by_kind.append((name, sum(f.adopted for f in members), sum((f.points for f in members), Fraction(0))))
    quarters = []
    for q in range(1, 5):
        span = {(year, m) for m in range(3 * q - 2, 3 * q + 1)}
        if any(month in credits.by_month for month in span):
            quarters.append((q, rank_groups(sum_figures(archive, credits, span))))
    events = credits.events_of({(year, m) for m in range(1, 13)})
    return AnnualView(year, rank_groups(whole), months, tuple(by_kind), tuple(quarters), events)


def collect_unit_months(archive: Archive, credits: Credits) -> dict[str, dict[int, list[Figures]]]:
    """Unit -> year -> its 12 months' figures, for the years the unit has credits."""
    unit_years: dict[str, set[int]] = defaultdict(set)
    for credit in credits:
        unit_years[credit.unit].add(credit.month[0])
    years = sorted({month[0] for month in credits.by_month})
    by_month = {(year, m): sum_figures(archive, credits, {(year, m)}) for year in years for m in range(1, 13)}
    return {
        key: {year: [by_month[(year, m)][key] for m in range(1, 13)] for year in sorted(unit_years[key])}
        for key in archive.units
    }
