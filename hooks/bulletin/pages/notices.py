"""The ranking notices (通报): each month's notice with its CSV table, each year's view, and their index.

Pure: figures in, pages and CSV bytes out. These pages carry no report text, only names
and figures, which the templates escape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bulletin.addresses import stats_src
from bulletin.figures.scoring import AnnualView, Group, MonthlyNotice
from bulletin.figures.timeliness import LATE, MISSING, ON_TIME, EventRecord, score_record
from bulletin.labels import (
    annual_title,
    describe_emergency_scoring,
    format_month,
    format_points,
    notice_heading,
)
from bulletin.model import Archive, Unit
from bulletin.pages.charts import BarChart, lay_out_bar_chart
from bulletin.pages.headings import HeadingIds
from bulletin.pages.page import WIDE, Page, make_page
from bulletin.pages.ranking import read_ranking_rows, render_csv, select_columns
from bulletin.times import build_date

RANKING, ZERO_ADOPTIONS, BELOW_QUOTA, OVERDUE_COMMISSIONS, ZERO_SUBMISSIONS, EMERGENCY = (
    "ranking",
    "zero_adoptions",
    "below_quota",
    "overdue_commissions",
    "zero_submissions",
    "emergency",
)


@dataclass(frozen=True)
class EventLine:
    """One 紧急信息 event as a line of a notice or a unit page: the figures its unit's row adds up."""

    record: EventRecord
    unit: Unit
    on_time: int
    late: int
    missing: int
    points: int


def list_event_lines(archive: Archive, records: Iterable[EventRecord]) -> tuple[EventLine, ...]:
    """Each event's figures and points (bulletin.figures.timeliness), in the order they occurred."""
    return tuple(
        EventLine(
            record,
            archive.units[record.event.unit],
            record.count(ON_TIME),
            record.count(LATE),
            record.count(MISSING),
            score_record(record, archive.settings.scoring),
        )
        for record in records
        if record.event.unit in archive.units
    )


def lay_out_points_chart(groups: tuple[Group, ...], title: str, key: str) -> BarChart:
    """Every unit's points, highest first, across the groups."""
    rows = sorted((row.figures for group in groups for row in group.rows), key=lambda f: (-f.points, f.unit.key))
    return lay_out_bar_chart(title, [(f.unit.name, float(f.points), format_points(f.points)) for f in rows], key)


def date_notice(year: int, month: int, today: dt.date) -> dt.date:
    """The date a month's notice bears: the build date while the notice is still being issued
    (up to the end of the following month), then that last day, so that an old notice keeps its date."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = dt.date(following.year + following.month // 12, following.month % 12 + 1, 1) - dt.timedelta(days=1)
    return min(today, last)


def number_notice(pattern: str, year: int, month: int) -> str:
    """The notice's 文号 from the settings' pattern (checked when read): 示委办信通〔2026〕11号."""
    return pattern.replace("{year}", str(year)).replace("{month}", str(month))


def render_monthly_page(archive: Archive, notice: MonthlyNotice, *, quotas: bool, commissions: bool) -> Page:
    """A month's notice: the ranking, then the units named for zero adoptions, unmet quotas,
    overdue 约稿 and zero submissions (the last three where the office keeps them), and the
    紧急信息 events of the month (when there were any)."""
    month = format_month(notice.year, notice.month)
    title = notice_heading(notice.year, notice.month, notice.as_of)
    sections = [RANKING, ZERO_ADOPTIONS]
    sections += [BELOW_QUOTA] if quotas else []
    sections += [OVERDUE_COMMISSIONS] if commissions else []
    sections += [ZERO_SUBMISSIONS] if notice.has_ledger else []
    sections += [EMERGENCY] if notice.events else []
    ids = HeadingIds(title)
    return make_page(
        stats_src(notice.year, notice.month),
        "notice.html",
        title,
        sanitize=False,
        hide=WIDE,
        toc_depth=3,
        heading_anchor=ids.first,
        heading_ids=ids,
        month=month,
        notice=notice,
        office=archive.settings.office,
        notice_number=number_notice(archive.settings.notice_number, notice.year, notice.month)
        if archive.settings.notice_number and not notice.in_progress
        else "",
        notice_date=notice.as_of or date_notice(notice.year, notice.month, build_date()),
        sections=sections,
        columns=select_columns(True, page=True, ledger=notice.has_ledger, emergency=bool(notice.events)),
        chart=lay_out_points_chart(notice.groups, f"{month}各单位得分", f"{notice.year}{notice.month:02d}"),
        emergency_rule=describe_emergency_scoring(archive.settings.scoring.emergency),
        event_lines=list_event_lines(archive, notice.events),
    )


def render_ranking_csv(notice: MonthlyNotice) -> bytes:
    """UTF-8 with BOM, so that a spreadsheet opens the Chinese names correctly."""
    columns = select_columns(True, page=False, ledger=notice.has_ledger, emergency=bool(notice.events))
    return ("\ufeff" + render_csv(columns, read_ranking_rows(notice.groups, columns))).encode("utf-8")


def render_annual_page(archive: Archive, view: AnnualView, months: list[int]) -> Page:
    """A year: its ranking, month by month, by kind of unit, each quarter's ranking, and the
    紧急信息 events of the year (when there were any)."""
    title = annual_title(view.year)
    ids = HeadingIds(title)
    return make_page(
        stats_src(view.year),
        "annual.html",
        title,
        sanitize=False,
        hide=WIDE,
        toc_depth=4,
        heading_anchor=ids.first,
        heading_ids=ids,
        view=view,
        months=months,
        columns=select_columns(False, page=True, ledger=view.has_ledger, emergency=bool(view.events)),
        correspondents=(Group("特约信息员", view.correspondents),) if view.correspondents else (),
        correspondent_columns=tuple(
            c
            for c in select_columns(False, page=True, ledger=True)
            if c.key in ("rank", "name", "submitted", "submissions_adopted", "rate")
        ),
        quarter_columns={
            quarter: select_columns(False, page=True, emergency=view.quarter_has_events(quarter))
            for quarter, _ in view.quarters
        },
        emergency_rule=describe_emergency_scoring(archive.settings.scoring.emergency),
        event_lines=list_event_lines(archive, view.events),
        units_chart=lay_out_points_chart(view.groups, f"{view.year}年各单位得分", f"{view.year}-units"),
        months_chart=lay_out_bar_chart(
            f"{view.year}年各月刊发信息数",
            [(f"{m}月", n, str(n)) for m, n, _, _, _ in view.months],
            f"{view.year}-months",
        ),
    )


def render_stats_index(by_year: dict[int, list[int]], as_of: dt.date) -> Page:
    """Every year's view and month's notice, newest year first; those not over on ``as_of`` say so."""
    title = "统计通报"
    return make_page(
        stats_src(),
        "stats-index.html",
        title,
        sanitize=False,
        heading_anchor=HeadingIds(title).first,
        as_of=as_of,
        years=[
            (
                year,
                not Archive.has_ended(year, None, as_of),
                [(m, not Archive.has_ended(year, m, as_of)) for m in months],
            )
            for year, months in sorted(by_year.items(), reverse=True)
        ],
    )
