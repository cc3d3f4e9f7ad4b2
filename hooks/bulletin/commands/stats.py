"""`bulletin stats`: the figures of the ranking notices in the terminal (same code as the pages).

The columns are the notices' own (bulletin.render.ranking), and the day the figures are
judged by is the build's (bulletin.clock): the terminal and the site say the same.
"""

from __future__ import annotations

import unicodedata

from bulletin.clock import build_date
from bulletin.commands.problems import dump_json
from bulletin.errors import BulletinError, Problem, make_visible
from bulletin.model import Archive, Unit
from bulletin.render.labels import NONE, annual_title, join_names, notice_title, unit_list
from bulletin.render.ranking import Column, read_ranking_rows, render_csv, select_columns
from bulletin.stats.figures import active_months, build_annual_view, build_monthly_notice, collect_credits


def measure_width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_text_table(columns: tuple[Column, ...], rows: list[tuple[str, ...]]) -> str:
    """The rows under the columns' headings, lined up; numbers right-aligned."""
    header = tuple(column.heading for column in columns)
    rows = [tuple(make_visible(cell) for cell in row) for row in rows]  # a name cannot move the cursor
    widths = [max(measure_width(r[i]) for r in [header, *rows]) for i in range(len(columns))]

    def line(cells: tuple[str, ...]) -> str:
        padded = []
        for cell, width, column in zip(cells, widths, columns, strict=True):
            room = " " * (width - measure_width(cell))
            padded.append(room + cell if column.numeric else cell + room)
        return "  ".join(padded).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)]) + "\n"


def list_keys(units: tuple[Unit, ...]) -> list[str]:
    return [u.key for u in units]


def render_json(document: dict[str, object]) -> str:
    return dump_json(document) + "\n"


def render_stats_output(archive: Archive, month: tuple[int, int] | None, year: int | None, style: str) -> str:
    credits = collect_credits(archive)
    months = active_months(archive, credits)
    if year is not None:
        columns = select_columns(False, page=False)
        rows = read_ranking_rows(build_annual_view(archive, year, credits).groups, columns)
        if style == "csv":
            return render_csv(columns, rows)
        if style == "json":
            return render_json(
                {"year": year, "ranking": [dict(zip([c.key for c in columns], r, strict=True)) for r in rows]}
            )
        return f"{annual_title(year)}\n\n" + render_text_table(columns, rows)
    if month is None:
        if not months:
            raise BulletinError([Problem("reports", 0, "stats", "no month has any activity yet")])
        month = months[-1]
    notice = build_monthly_notice(archive, month[0], month[1], credits, today=build_date())
    columns = select_columns(True, page=False)
    rows = read_ranking_rows(notice.groups, columns)
    if style == "csv":
        return render_csv(columns, rows)
    if style == "json":
        return render_json(
            {
                "year": notice.year,
                "month": notice.month,
                "ranking": [dict(zip([c.key for c in columns], r, strict=True)) for r in rows],
                "zero_adoptions_month": list_keys(notice.zero_month),
                "zero_adoptions_ytd": list_keys(notice.zero_to_date),
                "below_quota": [{"unit": u.key, "adopted": a, "quota": q} for u, a, q in notice.below_quota],
                "overdue_commissions": [{"id": s.commission.id, "units": list_keys(s.overdue)} for s in notice.overdue],
                "zero_submissions": list_keys(notice.zero_submitted) if notice.has_ledger else None,
            }
        )
    below_quota = join_names(f"{u.name}（{a}/{q}）" for u, a, q in notice.below_quota) or NONE
    overdue = "；".join(f"{s.commission.topic}：{unit_list(s.overdue)}" for s in notice.overdue) or NONE
    extra = [
        f"本月零采用：{unit_list(notice.zero_month)}",
        f"本年累计零采用：{unit_list(notice.zero_to_date)}",
        f"未完成月度任务：{below_quota}",
        f"逾期未报的约稿：{overdue}",
    ]
    if notice.has_ledger:
        extra.append(f"零报送：{unit_list(notice.zero_submitted)}")
    return (
        f"{notice_title(notice.year, notice.month)}\n\n"
        + render_text_table(columns, rows)
        + "\n"
        + "\n".join(make_visible(line) for line in extra)
        + "\n"
    )
