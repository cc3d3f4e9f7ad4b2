"""`bulletin stats`: the figures of the ranking notices in the terminal (same code as the pages)."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

from bulletin.errors import BulletinError, Problem
from bulletin.model import Archive, Unit
from bulletin.render.statspages import ANNUAL_COLUMNS, CSV_COLUMNS, collect_ranking_rows, render_csv
from bulletin.stats.figures import active_months, build_annual_view, build_monthly_notice, collect_credits

HEADINGS = {
    "unit": "单位代码",
    "name": "单位",
    "kind": "类别",
    "adopted_month": "本月采用",
    "adopted_ytd": "累计采用",
    "points_month": "本月得分",
    "points_ytd": "累计得分",
    "instructions_month": "批示",
    "linked_points_month": "关联得分",
    "rank": "名次",
    "adopted": "采用",
    "points": "得分",
    "instructions": "批示",
    "higher_adoptions": "上级采用",
    "linked_points": "关联得分",
}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_text_table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    header = tuple(HEADINGS[c] for c in columns)
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(columns))]

    def line(cells):
        return "  ".join(c + " " * (w - display_width(c)) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)]) + "\n"


def _names(units: tuple[Unit, ...]) -> list[str]:
    return [u.key for u in units]


def render_stats_output(archive: Archive, month: tuple[int, int] | None, year: int | None, style: str) -> str:
    credits = collect_credits(archive)
    months = active_months(archive, credits)
    if year is not None:
        view = build_annual_view(archive, year, credits)
        rows = collect_ranking_rows(view.groups, monthly=False)
        if style == "csv":
            return render_csv(ANNUAL_COLUMNS, rows)
        if style == "json":
            return (
                json.dumps(
                    {"year": year, "ranking": [dict(zip(ANNUAL_COLUMNS, r)) for r in rows]},
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        return f"{year}年信息工作情况\n\n" + render_text_table(ANNUAL_COLUMNS, rows)
    if month is None:
        if not months:
            raise BulletinError([Problem("reports", 0, "stats", "no month has any activity yet")])
        month = months[-1]
    notice = build_monthly_notice(archive, month[0], month[1], credits, today=dt.date.today())
    rows = collect_ranking_rows(notice.groups, monthly=True)
    if style == "csv":
        return render_csv(CSV_COLUMNS, rows)
    if style == "json":
        return (
            json.dumps(
                {
                    "year": notice.year,
                    "month": notice.month,
                    "ranking": [dict(zip(CSV_COLUMNS, r)) for r in rows],
                    "zero_adoptions_month": _names(notice.zero_month),
                    "zero_adoptions_ytd": _names(notice.zero_to_date),
                    "below_quota": [{"unit": u.key, "adopted": a, "quota": q} for u, a, q in notice.below_quota],
                    "overdue_commissions": [
                        {"id": s.commission.id, "units": _names(s.overdue)} for s in notice.overdue
                    ],
                    "zero_submissions": _names(notice.zero_submitted) if notice.has_ledger else None,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    extra = [
        f"本月零采用：{'、'.join(u.name for u in notice.zero_month) or '无'}",
        f"本年累计零采用：{'、'.join(u.name for u in notice.zero_to_date) or '无'}",
        f"未完成月度任务：{'、'.join(f'{u.name}（{a}/{q}）' for u, a, q in notice.below_quota) or '无'}",
        f"逾期未报的约稿：{'；'.join(s.commission.topic + '：' + '、'.join(u.name for u in s.overdue) for s in notice.overdue) or '无'}",
    ]
    if notice.has_ledger:
        extra.append(f"零报送：{'、'.join(u.name for u in notice.zero_submitted) or '无'}")
    return (
        f"{notice.year}年{notice.month}月信息工作通报\n\n"
        + render_text_table(CSV_COLUMNS, rows)
        + "\n"
        + "\n".join(extra)
        + "\n"
    )
