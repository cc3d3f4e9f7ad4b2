"""`bulletin stats`: the ranking notice (通报) of a month, or a year's ranking, in the terminal.

It says what the site says: the same figures (bulletin.figures.scoring), the same columns in
the same order with the same headings (bulletin.pages.ranking), group after group under
the group's heading, in the page's order, and as of the same build date (bulletin.times):
an issue dated after it is scheduled and counts nowhere yet (``Archive.as_of``). Without an
argument it prints the latest month that has a notice; a month or year without one is an
error that lists those there are. 紧急信息 are assessed as of the build moment, as on the site:
a period in which events occurred has their columns, and its events are listed below the table.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from bulletin.commands.problems import dump_json
from bulletin.errors import BulletinError, Problem, make_visible
from bulletin.figures.scoring import (
    Credits,
    Group,
    Month,
    active_months,
    build_annual_view,
    build_monthly_notice,
    collect_credits,
)
from bulletin.i18n import _
from bulletin.labels import (
    NONE,
    annual_title,
    describe_emergency_scoring,
    format_month,
    grade_label,
    join_names,
    notice_heading,
    progress_note,
    unit_list,
)
from bulletin.model import Archive, Unit
from bulletin.pages.notices import EventLine, list_event_lines
from bulletin.pages.ranking import Column, read_ranking_rows, render_csv, select_columns
from bulletin.times import build_date, build_moment

FIELD = "stats"


def measure_width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render_text_table(columns: tuple[Column, ...], groups: tuple[Group, ...]) -> str:
    """Each group's heading, then its rows under the columns' headings, as on the page (a cell
    the page leaves empty shows —); the columns line up across the groups; numbers right-aligned."""
    header = tuple(column.heading for column in columns)
    shown = [
        (group.name, [tuple(make_visible(column.show(row)) for column in columns) for row in group.rows])
        for group in groups
    ]  # a name cannot move the cursor
    every = [header, *(row for _, rows in shown for row in rows)]
    widths = [max(measure_width(r[i]) for r in every) for i in range(len(columns))]

    def line(cells: tuple[str, ...]) -> str:
        padded = []
        for cell, width, column in zip(cells, widths, columns, strict=True):
            room = " " * (width - measure_width(cell))
            padded.append(room + cell if column.numeric else cell + room)
        return "  ".join(padded).rstrip()

    blocks = ["\n".join([f"【{name}】", line(header), *(line(row) for row in rows)]) for name, rows in shown]
    return "\n\n".join(blocks) + "\n"


def list_keys(units: tuple[Unit, ...]) -> list[str]:
    return [u.key for u in units]


def render_json(document: dict[str, object]) -> str:
    return dump_json(document) + "\n"


def list_groups(columns: tuple[Column, ...], groups: tuple[Group, ...]) -> list[dict[str, object]]:
    """The ranking for JSON: each group with its name and rows, numbers as numbers."""
    return [
        {"group": group.name, "ranking": [{c.key: c.value(row) for c in columns} for row in group.rows]}
        for group in groups
    ]


def refuse_month(asked: Month | None, months: list[Month]) -> BulletinError:
    """A month without a notice (None: the latest, and there is none): the months that have
    one, and how to ask for one."""
    names = [f"{y}-{m:02d}" for y, m in months]
    if not names:
        message = _("还没有任何一个月的通报：档案里还没有已发布的信息")
    else:
        message = _("{month}没有通报。有通报的月份：{months}；请用 --month 选其中一个，例如 --month {example}").format(
            month=format_month(*asked) if asked else "", months="、".join(names), example=names[-1]
        )
    return BulletinError([Problem("reports", 0, FIELD, message)])


def choose_month(month: Month | None, months: list[Month]) -> Month:
    """The month asked for, or the latest with a notice; a month without one is refused."""
    if month is None:
        if not months:
            raise refuse_month(None, months)
        return months[-1]
    if month not in months:
        raise refuse_month(month, months)
    return month


def list_events_json(lines: tuple[EventLine, ...]) -> list[dict[str, object]]:
    """The period's 紧急信息 events for JSON: the figures each adds to its unit's row."""
    return [
        {
            "event": line.record.event.id,
            "name": line.record.event.name,
            "unit": line.unit.key,
            "grade": line.record.event.final_grade,
            "on_time": line.on_time,
            "late": line.late,
            "missing": line.missing,
            "office_first": line.record.office_first,
            "points": line.points,
        }
        for line in lines
    ]


def describe_events(archive: Archive, lines: tuple[EventLine, ...]) -> list[str]:
    """The period's 紧急信息 events as lines below the table, with the scoring rule."""
    if not lines:
        return []
    out = [f"紧急信息计分：{describe_emergency_scoring(archive.settings.scoring.emergency)}"]
    out += [
        f"紧急事件：{line.record.event.name}（{grade_label(line.record.event.final_grade)}，{line.unit.name}）"
        f"按时{line.on_time}、迟报{line.late}、缺报{line.missing}、"
        f"先于报告获知{'是' if line.record.office_first else '否'}，得分{line.points}"
        for line in lines
    ]
    return out


def render_annual_output(
    archive: Archive, year: int, months: list[Month], style: str, credits: Credits, as_of: dt.date | None = None
) -> str:
    years = sorted({y for y, _ in months})
    if year not in years:
        if years:
            message = _("{year}年没有统计。有统计的年份：{years}").format(
                year=year, years="、".join(str(y) for y in years)
            )
        else:
            message = _("{year}年没有统计：档案里还没有已发布的信息").format(year=year)
        raise BulletinError([Problem("reports", 0, FIELD, message)])
    view = build_annual_view(archive, year, credits, as_of)
    emergency = bool(view.events)
    lines = list_event_lines(archive, view.events)
    if style == "csv":
        columns = select_columns(False, page=False, ledger=view.has_ledger, emergency=emergency)
        return render_csv(columns, read_ranking_rows(view.groups, columns))
    if style == "json":
        groups = list_groups(
            select_columns(False, page=False, ledger=view.has_ledger, emergency=emergency), view.groups
        )
        return render_json(
            {
                "year": year,
                "as_of": view.as_of.isoformat() if view.as_of else None,  # the year is not over: figures so far
                "groups": groups,
                "zero_submissions": list_keys(view.zero_submitted) if view.has_ledger else None,
                "correspondents": [
                    {c.key: c.value(row) for c in select_columns(False, page=False, ledger=True)}
                    for row in view.correspondents
                ],
                "emergency_events": list_events_json(lines),
            }
        )
    table = render_text_table(
        select_columns(False, page=True, ledger=view.has_ledger, emergency=emergency), view.groups
    )
    described = describe_events(archive, lines)
    if view.has_ledger:
        zero = "全年零报送" if view.as_of is None else "本年至今暂未报送"
        described = [f"{zero}：{unit_list(view.zero_submitted)}", *described]
    extra = "".join(make_visible(line) + "\n" for line in described)
    title = annual_title(year) + (f"（{progress_note(view.as_of, year=True)}）" if view.as_of else "")
    return f"{title}\n\n" + table + ("\n" + extra if extra else "")


def render_stats_output(
    archive: Archive,
    month: Month | None,
    year: int | None,
    style: str,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
) -> str:
    """The notice of ``month`` (default: the latest) or the ranking of ``year``, as a table, CSV
    (the site's ranking.csv) or JSON, as the site built on ``as_of`` (default: the build date) shows it;
    紧急信息 as of ``now`` (default: the build moment, or the last minute of ``as_of`` when it is given)."""
    if as_of is None:
        as_of, now = build_date(), build_moment() if now is None else now
    elif now is None:
        now = dt.datetime.combine(as_of, dt.time(23, 59))
    archive = archive.as_of(as_of)
    credits = collect_credits(archive, now)
    months = active_months(archive, credits)
    if year is not None:
        return render_annual_output(archive, year, months, style, credits, as_of)
    year, number = choose_month(month, months)
    notice = build_monthly_notice(archive, year, number, credits, today=as_of)
    emergency = bool(notice.events)
    lines = list_event_lines(archive, notice.events)
    if style == "csv":
        columns = select_columns(True, page=False, ledger=notice.has_ledger, emergency=emergency)
        return render_csv(columns, read_ranking_rows(notice.groups, columns))
    if style == "json":
        return render_json(
            {
                "year": notice.year,
                "month": notice.month,
                "as_of": notice.as_of.isoformat() if notice.as_of else None,  # the month is not over: figures so far
                "groups": list_groups(
                    select_columns(True, page=False, ledger=notice.has_ledger, emergency=emergency), notice.groups
                ),
                "zero_adoptions_month": list_keys(notice.zero_month),
                "zero_adoptions_ytd": list_keys(notice.zero_to_date),
                "below_quota": [{"unit": u.key, "adopted": a, "quota": q} for u, a, q in notice.below_quota],
                "quotas": [
                    {
                        "unit": s.unit.key,
                        "monthly": s.quota.monthly,
                        "kind": s.quota.kind or None,
                        "of": s.quota.of,
                        "count": s.count,
                        "met": s.met,
                        "submitted": s.submitted,
                        "adopted": s.accepted,
                    }
                    for s in notice.quotas
                ],
                "overdue_commissions": [{"id": s.commission.id, "units": list_keys(s.overdue)} for s in notice.overdue],
                "zero_submissions": list_keys(notice.zero_submitted) if notice.has_ledger else None,
                "emergency_events": list_events_json(lines),
            }
        )
    below_quota = (
        join_names(f"{s.unit.name}（{s.what}{s.count}/{s.quota.monthly}）" for s in notice.quotas if not s.met) or NONE
    )
    overdue = "；".join(f"{s.commission.topic}：{unit_list(s.overdue)}" for s in notice.overdue) or NONE
    final = not notice.in_progress
    extra = [
        f"{'本月零采用' if final else '本月暂未采用'}：{unit_list(notice.zero_month)}",
        f"{'本年累计零采用' if final else '本年至今暂未采用'}：{unit_list(notice.zero_to_date)}",
        f"{'未完成月度任务' if final else '暂未完成月度任务'}：{below_quota}",
        f"逾期未报的约稿：{overdue}",
    ]
    if notice.has_ledger:
        extra.append(f"{'零报送' if final else '暂未报送'}：{unit_list(notice.zero_submitted)}")
    extra += describe_events(archive, lines)
    columns = select_columns(True, page=True, ledger=notice.has_ledger, emergency=emergency)
    return (
        f"{notice_heading(notice.year, notice.month, notice.as_of)}\n\n"
        + render_text_table(columns, notice.groups)
        + "\n"
        + "\n".join(make_visible(line) for line in extra)
        + "\n"
    )
