"""An issue's print page: the standalone HTML its PDF is made from (template ``issue-print.html``,
stylesheet ``issue-print.css``), with the same words as the issue's page."""

from __future__ import annotations

import datetime as dt
import functools

from markupsafe import Markup

from bulletin.addresses import issue_src
from bulletin.documents.fonts import FontSet
from bulletin.markup.reportbody import demote_html_headings, render_body_html
from bulletin.markup.sanitize import sanitize_html
from bulletin.model import Archive, Issue
from bulletin.pages.emergency import find_urgency_mark
from bulletin.pages.templating import TEMPLATES, render_template
from bulletin.times import OFFICE_TIMEZONE

STYLESHEET = TEMPLATES / "issue-print.css"


@functools.cache
def read_stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def find_document_moment(issue: Issue) -> dt.datetime:
    """The date a document of the issue carries (PDF and Word metadata): the issue's day, or the
    day of its latest 更正 — not the build's, so that a new commit does not make every file anew."""
    days = [issue.date, *(c.date for r in issue.reports for c in r.corrections)]
    return dt.datetime.combine(max(days), dt.time(), OFFICE_TIMEZONE)


def render_print_html(archive: Archive, issue: Issue, fonts: FontSet) -> str:
    """The issue's print page: masthead, 编者按, contents, every report (title, unit as named on
    the issue's date, 更正, text), and the 版记; the stylesheet and the fonts' rules inside it."""
    # Inside the issue a report's title is an h2: its own headings go one level lower.
    texts = [(report, sanitize_html(demote_html_headings(render_body_html(report), 1))) for report in issue.reports]
    stylesheet = (fonts.css() + "\n" + read_stylesheet()).replace("</", "<\\/")
    return render_template(
        "issue-print.html",
        issue_src(issue),
        archive=archive,
        issue=issue,
        texts=texts,
        urgency=find_urgency_mark(archive, issue),
        stylesheet=Markup(stylesheet),
        moment=find_document_moment(issue).isoformat(),
    )
