"""A report's own page: its permanent address, with everything known about it."""

from __future__ import annotations

from collections.abc import Mapping

from bulletin.addresses import report_src
from bulletin.markup.reportbody import render_body_html
from bulletin.model import Archive, Issue, Report
from bulletin.pages.emergency import describe_report_emergency
from bulletin.pages.page import Page, make_page


def render_report_page(
    archive: Archive, report: Report, issue: Issue | None, keywords: Mapping[str, str] | None = None
) -> Page:
    """The report's facts (units, issue, category, keywords, authors, 公开属性), corrections,
    text, 批示 and adoptions by higher offices; the last two make its table of contents. A
    紧急信息 report also gives its event, stage, time reported and whether it was on time.
    ``keywords`` gives the slug of each keyword that has a page (see
    :func:`bulletin.pages.browse.assign_keyword_slugs`): those keywords link to their page.
    ``issue`` None: a pending report, whose page only the editors' preview has (marked 待刊)."""
    return make_page(
        report_src(report),
        "report.html",
        report.title,
        archive=archive,
        report=report,
        issue=issue,
        body=render_body_html(report),
        keywords=keywords or {},
        emergency=describe_report_emergency(archive, report),
    )
