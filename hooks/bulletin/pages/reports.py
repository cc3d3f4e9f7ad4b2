"""A report's own page: its permanent address, with everything known about it.

A ten-year archive has some 25,000 of them, and a merge changes a handful: each page is keyed
by its inputs (bulletin.pages.reuse), so the next build renders only those whose inputs
changed. The template is given a closed set of values, not the archive (the report, its issue
without the other reports, its units' names on its date, its keywords' pages, its emergency
details), and the key is the digest of exactly those: whatever the page shows comes from
them, so a page whose key is the previous build's is that page.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from typing import Any

from bulletin.addresses import report_src
from bulletin.labels import unit_name
from bulletin.markup.reportbody import render_body_html
from bulletin.model import Archive, Issue, Report
from bulletin.pages.emergency import describe_report_emergency
from bulletin.pages.page import Page, make_page

KEY_PREFIX = "inputs:"  # an inputs key is never a digest of a page's HTML


def gather_report_inputs(
    archive: Archive, report: Report, issue: Issue | None, keywords: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Everything the report's page is made of, and nothing else (the template sees no archive).
    The issue comes without its reports: the page shows none of the others."""
    day = report.placement.date if report.placement else None
    return {
        "report": report,
        "issue": None if issue is None else dataclasses.replace(issue, reports=()),
        "unit_names": tuple((key, unit_name(archive, key, day)) for key in report.units),
        "pending_series": None if issue is not None else archive.settings.find_series(report.series),
        "keywords": {tag: keywords[tag] for tag in report.tags if keywords and tag in keywords},
        "emergency": describe_report_emergency(archive, report),
    }


def key_report_inputs(src: str, inputs: Mapping[str, Any]) -> str:
    """The key of a report's page: a digest of its address and its inputs, written out (every
    one is made of frozen dataclasses, tuples, strings, numbers and dates: ``repr`` writes them
    out in full and the same in every process)."""
    digest = hashlib.sha256(src.encode("utf-8", "surrogatepass"))
    for name in sorted(inputs):
        digest.update(f"\0{name}\0{inputs[name]!r}".encode("utf-8", "surrogatepass"))
    return KEY_PREFIX + digest.hexdigest()


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
    rendered: it is marked taken."""
    src = report_src(report)
    inputs = gather_report_inputs(archive, report, issue, keywords)
    key = key_report_inputs(src, inputs)
    if previous is not None and previous.get(src) == key:
        return Page(src, report.title, "", key=key, taken=True)
    page = make_page(src, "report.html", report.title, body=render_body_html(report), **inputs)
    return dataclasses.replace(page, key=key)
