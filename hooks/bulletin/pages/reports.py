"""A report's own page: its permanent address, with everything known about it.

A ten-year archive has some 25,000 of them, and a merge changes a handful: each page is keyed
by its inputs (bulletin.pages.page.make_keyed_page), so the next build renders only those whose
inputs changed. The template is given a closed set of values, not the archive (the report, its
issue without the other reports, its units' names on its date, its keywords' pages, its
emergency details), and the key is the digest of exactly those.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from bulletin.addresses import report_src
from bulletin.labels import unit_name
from bulletin.markup.reportbody import render_body_html
from bulletin.model import Archive, Issue, Report
from bulletin.pages.emergency import describe_report_emergency
from bulletin.pages.page import Page, make_keyed_page


def render_report_page(
    archive: Archive,
    report: Report,
    issue: Issue | None,
    keywords: Mapping[str, str] | None = None,
    previous: Mapping[str, str] | None = None,
) -> Page:
    """The report's facts (units, issue, category, keywords, authors, 公开属性), corrections,
    text, 批示 and adoptions by higher offices; the last two make its table of contents. A
    紧急信息 report also gives its event, stage, time reported and whether it was on time.
    ``keywords`` gives the slug of each keyword that has a page (see
    :func:`bulletin.pages.browse.assign_keyword_slugs`): those keywords link to their page.
    ``issue`` None: a pending report, whose page only the editors' preview has (marked 待刊).
    When ``previous`` (the previous build's keys, by page) has this page's key, the page is not
    rendered: it is marked taken. The issue comes without its reports: the page shows none of
    the others."""
    day = report.placement.date if report.placement else None
    return make_keyed_page(
        report_src(report),
        "report.html",
        report.title,
        previous,
        derived={"body": lambda: render_body_html(report)},
        report=report,
        issue=None if issue is None else dataclasses.replace(issue, reports=()),
        unit_names=tuple((key, unit_name(archive, key, day)) for key in report.units),
        pending_series=None if issue is not None else archive.settings.find_series(report.series),
        keywords={tag: keywords[tag] for tag in report.tags if keywords and tag in keywords},
        emergency=describe_report_emergency(archive, report),
    )
