"""Adoption statistics and points: the figures behind the ranking notices (通报).

Pure functions of the archive. A point is credited in the month of its own event:
publication at the issue date, a higher office's adoption at its date, a 批示 at its
date, a 紧急信息 event's points (``scoring.emergency``, by the rules of
:mod:`bulletin.figures.timeliness`) in the month the event occurred, to the unit responsible
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

from bulletin.figures.timeliness import EventRecord, UnitTimeliness, assess_events, tally_units
from bulletin.model import (
    COUNTY_KINDS,
    LOCAL_POINT_KINDS,
    QUOTA_COUNT_NAMES,
    Archive,
    Commission,
    Quota,
    Report,
    Submission,
    Unit,
)
from bulletin.times import build_moment

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
class LedgerTally:
    """One unit's items of one month (收稿登记): received (报送) and adopted (采用 or 上级采用),
    in all and by kind. From the old monthly counts: received only (``counted``)."""

    submitted: int = 0
    accepted: int = 0
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (submitted, accepted)
    counted: bool = False  # from an old count file (no items): accepted is not known

    def of_kind(self, kind: str) -> tuple[int, int]:
        """(submitted, accepted) of ``kind``, or of every kind when ``kind`` is empty."""
        return self.by_kind.get(kind, (0, 0)) if kind else (self.submitted, self.accepted)


def tally_ledger(archive: Archive) -> dict[Month, dict[str, LedgerTally]]:
    """Every month's ledger per unit: from its items, or from the old count where a unit has no items."""
    items: dict[Month, dict[str, list[Submission]]] = defaultdict(lambda: defaultdict(list))
    for item in archive.items:
        items[item.month][item.unit].append(item)
    tallies: dict[Month, dict[str, LedgerTally]] = defaultdict(dict)
    for month, by_unit in items.items():
        for key, found in by_unit.items():
            by_kind: dict[str, tuple[int, int]] = {}
            for item in found:
                submitted, accepted = by_kind.get(item.kind, (0, 0))
                by_kind[item.kind] = (submitted + 1, accepted + item.adopted)
            tallies[month][key] = LedgerTally(len(found), sum(i.adopted for i in found), by_kind)
    for month, counts in archive.submissions.items():
        tallies[month]  # a month with a count file has a ledger, even if every count is 0
        for key, count in counts.items():
            tallies[month].setdefault(key, LedgerTally(count, counted=True))
    return dict(tallies)


@dataclass(frozen=True)
class Credits:
    """Every credited event, by month: a period's figures read only the months they cover."""

    by_month: dict[Month, tuple[Credit, ...]]
    # 紧急信息: each event as of the build moment, and each month's figures per unit (tally_units)
    events: tuple[EventRecord, ...] = ()
    timeliness: dict[Month, dict[str, UnitTimeliness]] = field(default_factory=dict)
    ledger: dict[Month, dict[str, LedgerTally]] = field(default_factory=dict)  # months with a ledger

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
    submitted: int | None = None  # 报送: items received (or the old count), where there is a ledger
    # 采用 of the items received: adopted into a report or by a higher office; for a month with only
    # an old count, the reports published that month (as the count files were always read)
    accepted: int | None = None
    emergency: UnitTimeliness | None = None  # 紧急信息 (its points are in ``points``); None: no event

    @property
    def rate(self) -> Fraction | None:
        """采用率: the items adopted over the items received."""
        if not self.submitted:
            return None
        return Fraction(self.adopted if self.accepted is None else self.accepted, self.submitted)


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
class QuotaStatus:
    """One quota of one unit in one month: what it counts, and whether that was met. ``submitted``
    and ``accepted``: the items of the quota's kind received and adopted that month (for a
    research report quota, "number without quality": many sent, few adopted)."""

    unit: Unit
    quota: Quota
    count: int  # what the quota counts: reports published (of: adopted) or items received (of: submitted)
    submitted: int
    accepted: int

    @property
    def met(self) -> bool:
        return self.count >= self.quota.monthly

    @property
    def what(self) -> str:
        """采用 / 报送调研报告: what is counted, as the notice says it."""
        return QUOTA_COUNT_NAMES[self.quota.of] + self.quota.kind


@dataclass(frozen=True)
class MonthlyNotice:
    year: int
    month: int
    groups: tuple[Group, ...]
    zero_month: tuple[Unit, ...]
    zero_to_date: tuple[Unit, ...]
    below_quota: tuple[tuple[Unit, int, int], ...]  # unit, count, monthly quota: every quota not met
    overdue: tuple[CommissionStatus, ...]
    has_ledger: bool
    zero_submitted: tuple[Unit, ...]
    events: tuple[EventRecord, ...] = ()  # 紧急信息 events that occurred in the month
    quotas: tuple[QuotaStatus, ...] = ()  # every quota of every unit, met or not
    as_of: dt.date | None = None  # the month is not over (Archive.has_ended): its figures so far, as of this day

    @property
    def in_progress(self) -> bool:
        return self.as_of is not None


@dataclass(frozen=True)
class AnnualView:
    year: int
    groups: tuple[Group, ...]
    months: tuple[tuple[int, int, Fraction, int, int], ...]  # month, adopted reports, points, 批示, 上级采用
    by_kind: tuple[tuple[str, int, Fraction], ...]  # group name, adopted, points
    quarters: tuple[tuple[int, tuple[Group, ...]], ...]
    events: tuple[EventRecord, ...] = ()  # 紧急信息 events that occurred in the year
    has_ledger: bool = False  # a month of the year has a submissions ledger
    zero_submitted: tuple[Unit, ...] = ()  # 零报送: units with nothing received in the year
    correspondents: tuple[Row, ...] = ()  # 特约信息员 by items adopted, then 采用率 (for 优秀信息员)
    as_of: dt.date | None = None  # the year is not over (Archive.has_ended): its figures so far, as of this day

    @property
    def in_progress(self) -> bool:
        return self.as_of is not None

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
    ``now`` (default: the build moment, :func:`bulletin.times.build_moment`): each month's
    figures of each unit from :func:`bulletin.figures.timeliness.tally_units`, its points one credit."""
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
    return Credits(
        {month: tuple(credits) for month, credits in by_month.items()}, records, timeliness, tally_ledger(archive)
    )


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
    accepted: dict[str, int] = defaultdict(int)
    if with_ledger:
        for month in months:
            published = Counter(c.unit for c in credits.by_month.get(month, ()) if c.kind == PUBLISHED)
            for key, tally in credits.ledger.get(month, {}).items():
                submitted[key] += tally.submitted
                accepted[key] += published[key] if tally.counted else tally.accepted
    return {
        key: Figures(
            unit=archive.units[key],
            adopted=counts[key][PUBLISHED],
            points=points[key],
            instructions=counts[key][INSTRUCTION],
            higher=counts[key][ADOPTION],
            linked=linked[key],
            submitted=submitted[key] if with_ledger else None,
            accepted=accepted[key] if with_ledger else None,
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
    return sorted(set(credits.by_month) | set(credits.ledger))


def is_ledger_kept(archive: Archive, month: Month) -> bool:
    """Whether the ledger records every unit in ``month`` (extra.bulletin.ledger_since): only then
    are 报送 and 零报送 shown for all units (before it, a correspondent's items may be on record alone)."""
    since = archive.settings.ledger_since
    return not since or f"{month[0]:04d}-{month[1]:02d}" >= since


def check_quotas(unit: Unit, month: Month, credits: Credits, kept: bool) -> tuple[QuotaStatus, ...]:
    """Each of ``unit``'s quotas in ``month``: reports of the kind published (of: adopted), or
    items of the kind received (of: submitted; judged only in a month whose ledger is ``kept`` for
    every unit); and the items of the kind received and adopted."""
    tally = credits.ledger.get(month, {}).get(unit.key, LedgerTally())
    statuses = []
    for quota in unit.all_quotas:
        if quota.of == "submitted" and not kept:
            continue  # no ledger of every unit that month: nothing to judge it by
        submitted, accepted = tally.of_kind(quota.kind)
        if quota.of == "submitted":
            count = submitted
        else:
            count = sum(
                1
                for c in credits.by_month.get(month, ())
                if c.kind == PUBLISHED
                and c.unit == unit.key
                and c.report is not None
                and (not quota.kind or c.report.category == quota.kind)
            )
        statuses.append(QuotaStatus(unit, quota, count, submitted, accepted))
    return tuple(statuses)


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


def was_set_up_by(unit: Unit, day: dt.date) -> bool:
    """Whether ``unit`` was a reporting unit on ``day``: one set up later (``since``, 设点日期)
    owes nothing before it, neither items (零报送) nor tasks."""
    return unit.since is None or unit.since <= day


def build_monthly_notice(
    archive: Archive, year: int, month: int, credits: Credits | None = None, today: dt.date | None = None
) -> MonthlyNotice:
    """The figures of one month. 约稿 are judged as of the month's end, or ``today`` when the
    month is not over yet (a deadline still to come is not overdue); such a notice is marked
    in progress (``as_of``), its figures are so far."""
    credits = collect_credits(archive) if credits is None else credits
    has_ledger = (year, month) in credits.ledger and is_ledger_kept(archive, (year, month))
    this_month = sum_figures(archive, credits, {(year, month)}, with_ledger=has_ledger)
    to_date = sum_figures(archive, credits, {(year, m) for m in range(1, month + 1)})
    units = order_units(archive.units.values())
    expected = [u for u in units if was_set_up_by(u, last_day(year, month))]
    quotas = tuple(status for u in expected for status in check_quotas(u, (year, month), credits, has_ledger))
    below = tuple((s.unit, s.count, s.quota.monthly) for s in quotas if not s.met)
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
        zero_submitted=tuple(u for u in expected if has_ledger and not this_month[u.key].submitted),
        events=credits.events_of({(year, month)}),
        quotas=quotas,
        as_of=today if today is not None and not Archive.has_ended(year, month, today) else None,
    )


def build_annual_view(
    archive: Archive, year: int, credits: Credits | None = None, today: dt.date | None = None
) -> AnnualView:
    """The figures of one year; as of ``today`` a year not over yet is marked in progress (``as_of``)."""
    credits = collect_credits(archive) if credits is None else credits
    has_ledger = any(month[0] == year and is_ledger_kept(archive, month) for month in credits.ledger)
    whole = sum_figures(archive, credits, {(year, m) for m in range(1, 13)}, with_ledger=has_ledger)
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
    units = order_units(archive.units.values())
    return AnnualView(
        year,
        rank_groups(whole),
        months,
        tuple(by_kind),
        tuple(quarters),
        events,
        has_ledger=has_ledger,
        zero_submitted=tuple(
            u for u in units if has_ledger and was_set_up_by(u, last_day(year, 12)) and not whole[u.key].submitted
        ),
        correspondents=rank_correspondents(
            sum_figures(archive, credits, {(year, m) for m in range(1, 13)}, with_ledger=True)
        ),
        as_of=today if today is not None and not Archive.has_ended(year, None, today) else None,
    )


def rank_correspondents(figures: dict[str, Figures]) -> tuple[Row, ...]:
    """特约信息员 who sent anything, by items adopted, then 采用率, then key (优秀信息员)."""
    members = sorted(
        (f for f in figures.values() if f.unit.kind == "correspondent" and f.submitted),
        key=lambda f: (-(f.accepted or 0), -(f.rate or 0), f.unit.key),
    )
    return tuple(
        Row(f, None, 1 + sum(1 for g in members if ((g.accepted or 0), g.rate or 0) > ((f.accepted or 0), f.rate or 0)))
        for f in members
    )


def collect_unit_months(archive: Archive, credits: Credits) -> dict[str, dict[int, list[Figures]]]:
    """Unit -> year -> its 12 months' figures, for the years the unit has credits or items
    (a month with a submissions ledger has 报送 and 被采用)."""
    unit_years: dict[str, set[int]] = defaultdict(set)
    for credit in credits:
        unit_years[credit.unit].add(credit.month[0])
    for month, tallies in credits.ledger.items():
        for key in tallies:
            unit_years[key].add(month[0])
    years = sorted({month[0] for month in credits.by_month} | {month[0] for month in credits.ledger})
    by_month = {
        (year, m): sum_figures(archive, credits, {(year, m)}, with_ledger=(year, m) in credits.ledger)
        for year in years
        for m in range(1, 13)
    }
    return {
        key: {year: [by_month[(year, m)][key] for m in range(1, 13)] for year in sorted(unit_years[key])}
        for key in archive.units
    }
