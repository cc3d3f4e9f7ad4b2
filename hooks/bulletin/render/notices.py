"""The ranking notices (通报): each month's notice with its CSV table, each year's view, and their index.

Pure: figures in, pages and CSV bytes out. These pages carry no report text, only names
and figures, which the templates escape.
"""

from __future__ import annotations

from bulletin.render.addresses import stats_src
from bulletin.render.charts import BarChart, lay_out_bar_chart
from bulletin.render.headings import HeadingIds
from bulletin.render.labels import annual_title, format_month, format_points, notice_title
from bulletin.render.page import WIDE, Page, make_page
from bulletin.render.ranking import read_ranking_rows, render_csv, select_columns
from bulletin.stats.figures import AnnualView, Group, MonthlyNotice

RANKING, ZERO_ADOPTIONS, BELOW_QUOTA, OVERDUE_COMMISSIONS, ZERO_SUBMISSIONS = (
    "ranking",
    "zero_adoptions",
    "below_quota",
    "overdue_commissions",
    "zero_submissions",
)


def lay_out_points_chart(groups: tuple[Group, ...], title: str, key: str) -> BarChart:
    """Every unit's points, highest first, across the groups."""
    rows = sorted((row.figures for group in groups for row in group.rows), key=lambda f: (-f.points, f.unit.key))
    return lay_out_bar_chart(title, [(f.unit.name, float(f.points), format_points(f.points)) for f in rows], key)


def render_monthly_page(notice: MonthlyNotice, *, quotas: bool, commissions: bool) -> Page:
    """A month's notice: the ranking, then the units named for zero adoptions, unmet quotas,
    overdue 约稿 and zero submissions (the last three where the office keeps them)."""
    month = format_month(notice.year, notice.month)
    title = notice_title(notice.year, notice.month)
    sections = [RANKING, ZERO_ADOPTIONS]
    sections += [BELOW_QUOTA] if quotas else []
    sections += [OVERDUE_COMMISSIONS] if commissions else []
    sections += [ZERO_SUBMISSIONS] if notice.has_ledger else []
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
        sections=sections,
        columns=select_columns(True, page=True, ledger=notice.has_ledger),
        chart=lay_out_points_chart(notice.groups, f"{month}各单位得分", f"{notice.year}{notice.month:02d}"),
    )


def render_ranking_csv(notice: MonthlyNotice) -> bytes:
    """UTF-8 with BOM, so that a spreadsheet opens the Chinese names correctly."""
    columns = select_columns(True, page=False, ledger=notice.has_ledger)
    return ("\ufeff" + render_csv(columns, read_ranking_rows(notice.groups, columns))).encode("utf-8")


def render_annual_page(view: AnnualView, months: list[int]) -> Page:
    """A year: its ranking, month by month, by kind of unit, and each quarter's ranking."""
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
        columns=select_columns(False, page=True),
        units_chart=lay_out_points_chart(view.groups, f"{view.year}年各单位得分", f"{view.year}-units"),
        months_chart=lay_out_bar_chart(
            f"{view.year}年各月刊发信息数",
            [(f"{m}月", n, str(n)) for m, n, _, _, _ in view.months],
            f"{view.year}-months",
        ),
    )


def render_stats_index(by_year: dict[int, list[int]]) -> Page:
    """Every year's view and month's notice, newest year first."""
    title = "统计通报"
    return make_page(
        stats_src(),
        "stats-index.html",
        title,
        sanitize=False,
        heading_anchor=HeadingIds(title).first,
        years=sorted(by_year.items(), reverse=True),
    )
