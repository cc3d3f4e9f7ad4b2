"""The generated part of the home page: what 紧急信息 events owe (a banner, live by the reader's
clock), the latest issue of each series and the latest 批示.

The home page itself is hand-written (``content/index.md``); these blocks go where it has
the marker, after MkDocs made its HTML, and their sections join its table of contents.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from markdown.extensions.toc import unique

from bulletin.addresses import HOME_SRC
from bulletin.labels import name_report_units
from bulletin.model import Archive
from bulletin.pages.emergency import ENDED, OPEN, list_due, view_events
from bulletin.pages.page import find_sections
from bulletin.pages.templating import render_template

RECENT_INSTRUCTIONS = 8


@dataclass(frozen=True)
class HomeBlocks:
    html: str
    toc: tuple[tuple[str, str], ...]  # (id, plain text) of its sections, in order


def render_home_blocks(
    archive: Archive,
    src: str = HOME_SRC,
    taken_ids: Iterable[str] = (),
    *,
    preview: bool = False,
    moment: dt.datetime | None = None,
) -> HomeBlocks:
    """The latest issues and recent 批示 as HTML for the page ``src``. Their headings get ids
    that none of ``taken_ids`` (the ids already on the page) has, as Markdown gives them.
    As of the build ``moment``, a banner lists the 紧急信息 events that owe a report (none: no
    banner), as the board does. The editors' ``preview`` (make serve) also says how many reports
    are pending, with their list."""
    views = view_events(archive, moment) if moment is not None else ()
    due = list_due(views, OPEN) + list_due(views, ENDED)
    latest = [(series, issues[-1]) for series in archive.settings.series if (issues := archive.issues_of(series.key))]
    recent = sorted(
        ((item, report) for report in archive.reports for item in report.instructions if not report.is_pending),
        key=lambda pair: (pair[0].date, pair[1].path),
        reverse=True,
    )[:RECENT_INSTRUCTIONS]
    html = render_template(
        "home.html",
        src,
        archive=archive,
        latest=latest,
        names=name_report_units(archive, (report for _series, issue in latest for report in issue.reports)),
        instructions=recent,
        pending=archive.pending if preview else (),
        moment=moment,
        due=due,
        open_count=sum(1 for item in due if item.view.status == OPEN),
        unique=functools.partial(unique, ids=set(taken_ids)),
    )
    return HomeBlocks(html, find_sections(html))
