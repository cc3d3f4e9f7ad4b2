"""An issue's page, laid out like the printed bulletin (and printed on A4 like it).

The page carries every report's full text: it is sanitised after rendering like every
page with report text (see :mod:`bulletin.markup.sanitize`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from bulletin.addresses import document_src, issue_src, link_url, report_anchor
from bulletin.labels import issue_title, name_report_units
from bulletin.markup.reportbody import demote_html_headings, render_body_html
from bulletin.model import Archive, Issue
from bulletin.pages.emergency import describe_report_emergency, find_urgency_mark
from bulletin.pages.page import Page, make_keyed_page

DOCUMENT_LABELS = {"pdf": "PDF", "docx": "Word"}


def size_placeholder(fmt: str) -> str:
    """What stands for the size of the issue's ``fmt`` file on its page until the file is made
    (bulletin.documents.builder writes the size in after the build)."""
    return f"[[bulletin-document-size:{fmt}]]"


def render_issue_page(
    archive: Archive,
    issue: Issue,
    previous: Issue | None,
    following: Issue | None,
    *,
    scheduled: bool = False,
    documents: bool = False,
    previous_keys: Mapping[str, str] | None = None,
) -> Page:
    """The issue as printed: masthead, contents, full texts, distribution and staff; then a
    pager to the issues before and after it. Its table of contents lists the reports. A
    ``scheduled`` issue (dated after the build date) says that it is a preview. An issue of an
    emergency series carries its urgency mark (特急/加急) and each report's event, stage and time.
    With ``documents`` (a full build, not the editors' preview) it links the issue's PDF and Word
    files (下载PDF · 下载Word, with their sizes), which are not printed.

    Keyed by its inputs (bulletin.pages.page.make_keyed_page): the issue with its reports, their
    units' names, the office, the issues before and after it (without their reports), the
    urgency mark, the emergency details and the documents' links; when ``previous_keys`` (the
    previous build's) has its key, it is not rendered."""
    src = issue_src(issue)
    return make_keyed_page(
        src,
        "issue.html",
        issue_title(issue),
        previous_keys,
        toc=tuple((report_anchor(report), report.title) for report in issue.reports),
        # Inside the issue a report's title is an h2: its own headings go one level lower.
        derived={
            "texts": lambda: [(report, demote_html_headings(render_body_html(report), 1)) for report in issue.reports]
        },
        issue=issue,
        names=name_report_units(archive, issue.reports),
        office=archive.settings.office,
        previous=None if previous is None else dataclasses.replace(previous, reports=()),
        following=None if following is None else dataclasses.replace(following, reports=()),
        scheduled=scheduled,
        urgency=find_urgency_mark(archive, issue),
        emergencies={report.id: describe_report_emergency(archive, report) for report in issue.reports},
        documents=tuple(
            (label, link_url(src, document_src(issue, fmt)), size_placeholder(fmt))
            for fmt, label in DOCUMENT_LABELS.items()
        )
        if documents
        else (),
    )
