"""Every page of figures, for one build date: the ranking notices with their CSV files, the
annual views, the units and the 约稿.

The credits are collected once and every page reads them: a ten-year archive has some
120 notices and hundreds of units.
"""

from __future__ import annotations

import datetime as dt

from bulletin.addresses import csv_src
from bulletin.figures.scoring import (
    active_months,
    build_annual_view,
    build_monthly_notice,
    collect_credits,
    collect_unit_months,
)
from bulletin.model import Archive
from bulletin.pages.commissions import render_commissions_page
from bulletin.pages.notices import render_annual_page, render_monthly_page, render_ranking_csv, render_stats_index
from bulletin.pages.page import Page
from bulletin.pages.units import (
    collect_published_by_unit,
    collect_unit_items,
    collect_unit_timeliness,
    render_unit_page,
    render_units_index,
)


def render_stats_site(
    archive: Archive, as_of: dt.date, now: dt.datetime | None = None
) -> tuple[tuple[Page, ...], dict[str, bytes]]:
    """Every page of figures, and the CSV files beside the monthly notices; 紧急信息 events are
    assessed as of ``now`` (default: the build moment, bulletin.times)."""
    credits = collect_credits(archive, now)
    by_year: dict[int, list[int]] = {}
    for year, month in active_months(archive, credits):
        by_year.setdefault(year, []).append(month)
    quotas = any(unit.all_quotas for unit in archive.units.values())
    pages, files = [render_stats_index(by_year, as_of)], {}
    for year, months in by_year.items():
        pages.append(render_annual_page(archive, build_annual_view(archive, year, credits, as_of), months))
        for month in months:
            notice = build_monthly_notice(archive, year, month, credits, as_of)
            pages.append(render_monthly_page(archive, notice, quotas=quotas, commissions=bool(archive.commissions)))
            files[csv_src(year, month)] = render_ranking_csv(notice)
    pages.append(render_units_index(archive))
    unit_months = collect_unit_months(archive, credits)
    published = collect_published_by_unit(archive)
    timeliness = collect_unit_timeliness(archive, credits)
    items = collect_unit_items(archive)
    pages += [
        render_unit_page(
            archive,
            unit,
            unit_months[unit.key],
            published.get(unit.key, []),
            timeliness.get(unit.key, {}),
            items.get(unit.key),
            as_of,
        )
        for unit in archive.units.values()
    ]
    pages.append(render_commissions_page(archive, as_of))
    return tuple(pages), files
