"""The 约稿 page: every commissioned topic with each unit's status and answer, as of the build date.

Pure: archive in, page out. The template escapes every topic, name and title.
"""

from __future__ import annotations

import datetime as dt

from bulletin.addresses import COMMISSIONS_SRC
from bulletin.figures.scoring import STATUS_NAMES, collect_commission_statuses
from bulletin.model import Archive
from bulletin.pages.headings import HeadingIds
from bulletin.pages.page import Page, make_page

TITLE = "约稿"


def render_commissions_page(archive: Archive, as_of: dt.date) -> Page:
    """Newest 约稿 first; an answer received by ``as_of`` counts, published or not yet."""
    ids = HeadingIds(TITLE)
    return make_page(
        COMMISSIONS_SRC,
        "commissions.html",
        TITLE,
        sanitize=False,
        heading_anchor=ids.first,
        heading_ids=ids,
        as_of=as_of,
        statuses=collect_commission_statuses(archive, as_of),
        status_names=STATUS_NAMES,
    )
