"""Pages of figures: monthly ranking notices (通报) with CSV, annual views, unit pages, 约稿.

Pure: archive in, Markdown (with inline SVG charts) and CSV bytes out. Every name is
escaped; these pages carry no report text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

from bulletin.model import Archive, Unit
from bulletin.render.addresses import report_src, unit_src
from bulletin.render.charts import render_bar_chart
from bulletin.render.labels import UNIT_KIND_NAMES, format_date, format_points, format_rate
from bulletin.render.pages import Page, escape_md, front_matter, link_to
from bulletin.stats.figures import (
    STATUS_NAMES,
    AnnualView,
    Figures,
    Group,
    MonthlyNotice,
    active_months,
    build_annual_view,
    build_monthly_notice,
    collect_commission_statuses,
    collect_credits,
    collect_unit_months,
)

CSV_COLUMNS = (
    "unit",
    "name",
    "kind",
    "adopted_month",
    "adopted_ytd",
    "points_month",
    "points_ytd",
    "instructions_month",
    "linked_points_month",
    "rank",
)
CHINESE_NUMBERS = "一二三四五六七八九十"


def stats_src(year: int | None = None, month: int | None = None) -> str:
    if year is None:
        return "stats/index.md"
    return f"stats/{year}/index.md" if month is None else f"stats/{year}/{month:02d}/index.md"


def csv_src(year: int, month: int) -> str:
    return f"stats/{year}/{month:02d}/ranking.csv"


COMMISSIONS_SRC = "commissions/index.md"


def unit_link(src: str, unit: Unit) -> str:
    return f"[{escape_md(unit.name)}]({link_to(src, unit_src(unit.key))})"


def unit_list(src: str, units) -> str:
    return "、".join(unit_link(src, u) for u in units) if units else "无"


WIDE = ("navigation", "toc")  # figure pages need the width of the page


def _table(header: list[str], rows: list[list[str]], align: str = "") -> str:
    """A Markdown table; ``align`` has one letter per column, l or r (default: first l, rest r)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = "|" + "|".join(":---" if a == "l" else "---:" for a in align) + "|"
    lines = ["| " + " | ".join(header) + " |", rule] + ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n"


def render_ranking_tables(src: str, groups: tuple[Group, ...], monthly: bool, ledger: bool) -> str:
    parts = []
    for group in groups:
        header = ["名次", "单位"]
        header += ["本月采用", "本年累计采用", "本月得分", "本年累计得分"] if monthly else ["采用", "得分"]
        header += ["领导批示", "上级采用", "关联得分"]
        if ledger:
            header += ["报送", "采用率"]
        rows = []
        for row in group.rows:
            f = row.figures
            cells = [str(row.rank), unit_link(src, f.unit)]
            cells += (
                [str(f.adopted), str(row.to_date.adopted), format_points(f.points), format_points(row.to_date.points)]
                if monthly
                else [str(f.adopted), format_points(f.points)]
            )
            cells += [
                str(f.instructions),
                str(f.higher),
                format_points(f.linked) if f.unit.kind in ("county", "district") else "—",
            ]
            if ledger:
                cells += [str(f.submitted or 0), format_rate(f.rate)]
            rows.append(cells)
        parts.append(
            f"### {group.name}\n\n"
            + '<div class="bl-ranking" markdown>\n\n'
            + _table(header, rows, "rl" + "r" * (len(header) - 2))
            + "</div>\n\n"
        )
    return "".join(parts)


def render_points_chart(groups: tuple[Group, ...], title: str, key: str) -> str:
    rows = sorted((row.figures for group in groups for row in group.rows), key=lambda f: (-f.points, f.unit.key))
    return render_bar_chart(title, [(f.unit.name, float(f.points), format_points(f.points)) for f in rows], key)


def render_monthly_page(archive: Archive, notice: MonthlyNotice) -> Page:
    year, month = notice.year, notice.month
    src = stats_src(year, month)
    label = f"{year}年{month}月"
    sections = [
        (
            "采用和计分情况",
            f"[下载本表（CSV）](ranking.csv) · [{year}年全年情况]({link_to(src, stats_src(year))})\n\n"
            + render_ranking_tables(src, notice.groups, monthly=True, ledger=notice.has_ledger)
            + render_points_chart(notice.groups, f"{label}各单位得分", f"{year}{month:02d}"),
        ),
        (
            "零采用单位",
            f"本月零采用：{unit_list(src, notice.zero_month)}\n\n"
            f"本年累计零采用：{unit_list(src, notice.zero_to_date)}\n",
        ),
    ]
    if any(u.quota for u in archive.units.values()):
        quota = "；".join(f"{unit_link(src, u)}（采用{a}篇，任务{q}篇）" for u, a, q in notice.below_quota) or "无"
        sections.append(("未完成月度采用任务的单位", quota + "\n"))
    if archive.commissions:
        overdue = [
            f"- 「{escape_md(s.commission.topic)}」（截止{format_date(s.commission.deadline)}）："
            f"{unit_list(src, s.overdue)}"
            for s in notice.overdue
        ]
        sections.append(
            ("逾期未报的约稿", ("\n".join(overdue) or "无") + f"\n\n[全部约稿情况]({link_to(src, COMMISSIONS_SRC)})\n")
        )
    if notice.has_ledger:
        sections.append(("零报送单位", unit_list(src, notice.zero_submitted) + "\n"))
    body = "".join(f"## {CHINESE_NUMBERS[i]}、{title}\n\n{text}\n" for i, (title, text) in enumerate(sections))
    lead = (
        f"现将{label}各单位信息报送采用情况通报如下。得分按刊物采用、上级采用和领导批示计算，"
        "各项得分计入事项发生的月份；合报信息得分由各单位平分。\n\n"
    )
    return Page(
        src, front_matter(f"{label}信息工作通报", WIDE) + f"# {label}信息工作通报\n\n" + lead + body, sanitize=False
    )


ANNUAL_COLUMNS = (
    "unit",
    "name",
    "kind",
    "adopted",
    "points",
    "instructions",
    "higher_adoptions",
    "linked_points",
    "rank",
)


def collect_ranking_rows(groups: tuple[Group, ...], monthly: bool) -> list[tuple[str, ...]]:
    """The ranking as rows of text, in CSV_COLUMNS (monthly) or ANNUAL_COLUMNS order."""
    rows = []
    for group in groups:
        for row in group.rows:
            f, ytd = row.figures, row.to_date
            if monthly:
                rows.append(
                    (
                        f.unit.key,
                        f.unit.name,
                        f.unit.kind,
                        str(f.adopted),
                        str(ytd.adopted),
                        format_points(f.points),
                        format_points(ytd.points),
                        str(f.instructions),
                        format_points(f.linked),
                        str(row.rank),
                    )
                )
            else:
                rows.append(
                    (
                        f.unit.key,
                        f.unit.name,
                        f.unit.kind,
                        str(f.adopted),
                        format_points(f.points),
                        str(f.instructions),
                        str(f.higher),
                        format_points(f.linked),
                        str(row.rank),
                    )
                )
    return rows


def render_csv(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def render_ranking_csv(notice: MonthlyNotice) -> bytes:
    """UTF-8 with BOM, so that a spreadsheet opens the Chinese names correctly."""
    return ("\ufeff" + render_csv(CSV_COLUMNS, collect_ranking_rows(notice.groups, monthly=True))).encode("utf-8")


def render_annual_page(archive: Archive, view: AnnualView, months: list[int]) -> Page:
    src = stats_src(view.year)
    links = " · ".join(f"[{m}月]({link_to(src, stats_src(view.year, m))})" for m in months)
    trend_rows = [[f"{m}月", str(n), format_points(p), str(i), str(h)] for m, n, p, i, h in view.months]
    trend = _table(["月份", "刊发信息", "得分合计", "领导批示", "上级采用"], trend_rows)
    chart = render_bar_chart(
        f"{view.year}年各月刊发信息数", [(f"{m}月", n, str(n)) for m, n, _, _, _ in view.months], f"{view.year}-months"
    )
    kinds = _table(["类别", "采用", "得分"], [[name, str(n), format_points(p)] for name, n, p in view.by_kind])
    quarters = "".join(
        f"### 第{CHINESE_NUMBERS[q - 1]}季度\n\n"
        + render_ranking_tables(src, groups, False, False).replace("### ", "#### ")
        for q, groups in view.quarters
    )
    text = (
        front_matter(f"{view.year}年信息工作情况", WIDE)
        + f"# {view.year}年信息工作情况\n\n"
        + f"各月通报：{links or '无'}\n\n"
        + "## 全年排名\n\n"
        + render_ranking_tables(src, view.groups, False, False)
        + render_points_chart(view.groups, f"{view.year}年各单位得分", f"{view.year}-units")
        + "\n\n"
        + "## 逐月情况\n\n"
        + trend
        + chart
        + "\n\n"
        + "## 分类得分\n\n"
        + kinds
        + "## 季度排名\n\n"
        + (quarters or "无\n")
    )
    return Page(src, text, sanitize=False)


def render_stats_index(by_year: dict[int, list[int]]) -> Page:
    src = stats_src()
    lines = [
        f"- [{year}年]({link_to(src, stats_src(year))})："
        + " · ".join(f"[{m}月]({link_to(src, stats_src(year, m))})" for m in months)
        for year, months in sorted(by_year.items(), reverse=True)
    ]
    return Page(
        src, front_matter("统计通报") + "# 统计通报\n\n" + ("\n".join(lines) or "尚无统计。") + "\n", sanitize=False
    )


def render_unit_page(archive: Archive, unit: Unit, unit_months: dict[int, list[Figures]]) -> Page:
    src = unit_src(unit.key)
    facts = [f"类别：{UNIT_KIND_NAMES[unit.kind]}"]
    if unit.parent:
        facts.append(f"所属：{unit_link(src, archive.units[unit.parent])}")
    members = [u for u in archive.units.values() if u.parent == unit.key]
    if members:
        facts.append(f"所属直报点和信息员：{unit_list(src, members)}")
    if unit.quota:
        facts.append(f"月度采用任务：{unit.quota.monthly}篇")
    parts = [front_matter(unit.name), f"# {escape_md(unit.name)}\n\n", "\n".join(f"- {f}" for f in facts) + "\n\n"]
    for year, months in sorted(unit_months.items(), reverse=True):
        rows = [
            [f"{m}月", str(f.adopted), format_points(f.points), str(f.instructions), str(f.higher)]
            for m, f in enumerate(months, start=1)
            if f.adopted or f.points or f.instructions or f.higher
        ]
        total = [
            "**合计**",
            str(sum(f.adopted for f in months)),
            format_points(sum((f.points for f in months), Fraction(0))),
            str(sum(f.instructions for f in months)),
            str(sum(f.higher for f in months)),
        ]
        parts.append(f"## {year}年\n\n" + _table(["月份", "采用", "得分", "领导批示", "上级采用"], rows + [total]))
    published = sorted(
        ((r, i) for r, i in archive.published() if unit.key in r.units),
        key=lambda pair: (pair[1].date, pair[0].id),
        reverse=True,
    )
    if published:
        years = sorted({i.date.year for _, i in published}, reverse=True)
        parts.append(
            "## 刊发的信息\n\n"
            + " · ".join(
                f"[{y}年（{sum(1 for _, i in published if i.date.year == y)}篇）]({link_to(src, f'units/{unit.key}/{y}.md')})"
                for y in years
            )
            + "\n\n"
        )
        for report, issue in [p for p in published if p[1].date.year == years[0]]:
            marks = "".join(("（有批示）" if report.instructions else "", "（上级采用）" if report.adoptions else ""))
            parts.append(
                f"- {format_date(issue.date)} [{escape_md(report.title)}]({link_to(src, report_src(report))}){marks}\n"
            )
    else:
        parts.append("尚无刊发的信息。\n")
    return Page(src, "".join(parts), sanitize=False)


def render_units_index(archive: Archive) -> Page:
    src = unit_src()
    parts = [front_matter("报送单位"), "# 报送单位\n\n"]
    for kind in UNIT_KIND_NAMES:
        units = sorted((u for u in archive.units.values() if u.kind == kind), key=lambda u: u.key)
        if units:
            parts.append(
                f"## {UNIT_KIND_NAMES[kind]}\n\n" + "\n".join(f"- {unit_link(src, u)}" for u in units) + "\n\n"
            )
    return Page(src, "".join(parts), sanitize=False)


def render_commissions_page(archive: Archive, as_of: dt.date) -> Page:
    src = COMMISSIONS_SRC
    parts = [front_matter("约稿"), "# 约稿\n\n", f"截至{format_date(as_of)}。\n\n"]
    for status in collect_commission_statuses(archive, as_of):
        c = status.commission
        parts.append(f"## {escape_md(c.topic)}\n\n印发{format_date(c.issued)}，截止{format_date(c.deadline)}。\n\n")
        rows = []
        for unit, state, answer in status.statuses:
            link = (
                f"[{escape_md(answer.title)}]({link_to(src, report_src(answer))})"
                if answer and not answer.is_pending
                else (escape_md(answer.title) + "（待刊）" if answer else "—")
            )
            rows.append([unit_link(src, unit), STATUS_NAMES[state], link])
        parts.append(_table(["单位", "情况", "报送的信息"], rows, "lll"))
    if len(parts) == 3:
        parts.append("尚无约稿。\n")
    return Page(src, "".join(parts), sanitize=False)


def render_stats_site(archive: Archive, as_of: dt.date) -> tuple[tuple[Page, ...], dict[str, bytes]]:
    """Every page of figures, and the CSV files beside the monthly notices."""
    credits = collect_credits(archive)
    months = active_months(archive, credits)
    by_year: dict[int, list[int]] = {}
    for year, month in months:
        by_year.setdefault(year, []).append(month)
    pages, files = [render_stats_index(by_year)], {}
    for year, of_year in by_year.items():
        pages.append(render_annual_page(archive, build_annual_view(archive, year, credits), of_year))
        for month in of_year:
            notice = build_monthly_notice(archive, year, month, credits, as_of)
            pages.append(render_monthly_page(archive, notice))
            files[csv_src(year, month)] = render_ranking_csv(notice)
    pages.append(render_units_index(archive))
    unit_months = collect_unit_months(archive, credits)
    pages += [render_unit_page(archive, unit, unit_months[unit.key]) for unit in archive.units.values()]
    pages.append(render_commissions_page(archive, as_of))
    return tuple(pages), files
