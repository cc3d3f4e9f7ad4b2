"""Search records: what the index holds of each published report.

Each published report has one search record, a small HTML document at the path of its
page (so Pagefind gives the page's URL, ``.html`` for its final slash): each report is one
result, and nothing else is indexed. The text is indexed as described in
:mod:`bulletin.pages.search.indextext`.

A 紧急信息 report (of an emergency series) is found like the rest, by its series and year,
and also by the category 紧急信息 whatever category it was filed under, and by the name and
place of its event and its stage (初报, 续报二, 终报).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Template

from bulletin.addresses import search_record_path
from bulletin.labels import issue_citation, unit_names
from bulletin.markup.reportbody import plain_text, render_body_html
from bulletin.model import Archive, Issue, Report
from bulletin.pages.emergency import describe_report_emergency
from bulletin.pages.search.indextext import make_index_text
from bulletin.pages.templating import environment

# The records hold index words, not Chinese: "zxx" (no linguistic content) spares Pagefind the
# segmenting and stemming of a language (a fifth of its time). The search page, whose own
# language is zh, falls back to this index as the only one.
INDEX_LANGUAGE = "zxx"
PIECE_BREAK = "·"  # between the pieces of a record's text (no pair of characters spans two)
TEXT_MARK = "⁂"  # the report's own text starts after it (search-worker.js makes the excerpt of it)
EMERGENCY_CATEGORY = "紧急信息"  # the category filter of every report of an emergency series


def render_search_record(archive: Archive, report: Report, issue: Issue) -> str:
    """What the search index holds of a report, as a small HTML document for Pagefind: its
    filters, sort key and facts (one empty element each); then as index words (see
    :mod:`bulletin.pages.search.indextext`) its title (weighted), units' names, keywords and, for a
    紧急信息 report, its event's name and place and its stage; after TEXT_MARK its text, 批示 (who gave each,
    and its text) and correction notes."""
    filters = [("series", issue.series.name), ("year", str(issue.date.year)), ("category", report.category)]
    if report.emergency is not None and report.category != EMERGENCY_CATEGORY:
        filters.append(("category", EMERGENCY_CATEGORY))  # a filter of several values: either finds it
    filters += [("unit", archive.units[k].name) for k in report.units]
    text = [
        plain_text(render_body_html(report)),
        *(f"{i.by}批示：{i.text}" for i in report.instructions),  # who gave it is found too (市委书记)
        *(c.note for c in report.corrections),
    ]
    emergency = describe_report_emergency(archive, report)
    event_words = [emergency.event.name, emergency.event.place] if emergency and emergency.event else []
    event_words += [emergency.stage] if emergency else []  # 续报二: the stage is found too
    return _record_template().render(
        language=INDEX_LANGUAGE,
        title=report.title,
        date=issue.date.isoformat(),
        filters=filters,
        meta=[
            ("title", report.title),
            ("unit", unit_names(archive, report)),
            ("issue", issue_citation(issue)),
            ("date", issue.date.isoformat()),
        ],
        title_words=join_index_text([report.title]),
        head_words=join_index_text([*(archive.units[k].name for k in report.units), *report.tags, *event_words]),
        text_words=join_index_text(text),
        piece_break=PIECE_BREAK,
        text_mark=TEXT_MARK,
    )


@functools.cache
def _record_template() -> Template:
    """The record's template, fetched once per process: a record is rendered for every report."""
    return environment().get_template("search-record.html")


def join_index_text(pieces: list[str]) -> str:
    """The index words of each non-blank piece, PIECE_BREAK between them (plain text)."""
    return f" {PIECE_BREAK} ".join(make_index_text(piece) for piece in pieces if piece.strip())


def make_part_records(archive: Archive, published: list[tuple[Report, Issue]]) -> PartRecords:
    """The search records of these published reports (by the path of each), and their digest:
    a part whose digest the cache holds is not written at all."""
    digest = hashlib.sha256()
    records: list[tuple[str, str]] = []
    for report, issue in sorted(published, key=lambda pair: search_record_path(pair[0])):
        path, record = search_record_path(report), render_search_record(archive, report, issue)
        digest.update(f"{path}\n{record}".encode())
        records.append((path, record))
    return PartRecords(tuple(records), digest.hexdigest()[:20])


@dataclass(frozen=True)
class PartRecords:
    records: tuple[tuple[str, str], ...]  # (path inside the part's folder, the record)
    digest: str

    def write(self, folder: Path) -> None:
        """Write the records into ``folder`` (for Pagefind)."""
        made: set[Path] = set()
        for path, record in self.records:
            target = folder / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(record, encoding="utf-8")
