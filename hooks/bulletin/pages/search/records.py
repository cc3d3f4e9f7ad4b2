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

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Template

from bulletin.addresses import search_record_path
from bulletin.labels import issue_citation, unit_names
from bulletin.markup.reportbody import plain_text, render_body_html
from bulletin.model import Archive, Issue, Report
from bulletin.pages.emergency import ReportEmergency, describe_report_emergency
from bulletin.pages.search.indextext import make_index_text
from bulletin.pages.templating import TEMPLATES, environment
from bulletin.sourcecode import digest_modules

# The records hold index words, not Chinese: "zxx" (no linguistic content) spares Pagefind the
# segmenting and stemming of a language (a fifth of its time). The search page, whose own
# language is zh, falls back to this index as the only one.
INDEX_LANGUAGE = "zxx"
PIECE_BREAK = "·"  # between the pieces of a record's text (no pair of characters spans two)
TEXT_MARK = "⁂"  # the report's own text starts after it (search-worker.js makes the excerpt of it)
EMERGENCY_CATEGORY = "紧急信息"  # the category filter of every report of an emergency series


@dataclass(frozen=True)
class RecordInputs:
    """All a report's search record is made of (and no archive): its key is these written out."""

    report: Report
    issue: Issue  # without its reports: the record shows none of the others
    units_now: tuple[str, ...]  # its units' names today (the filter and the index words)
    units_then: str  # its units' names as its issue printed them (the result's facts)
    emergency: ReportEmergency | None


def gather_record_inputs(archive: Archive, report: Report, issue: Issue) -> RecordInputs:
    return RecordInputs(
        report,
        dataclasses.replace(issue, reports=()),
        tuple(archive.units[k].name for k in report.units),
        unit_names(archive, report),
        describe_report_emergency(archive, report),
    )


def render_search_record(archive: Archive, report: Report, issue: Issue) -> str:
    """What the search index holds of a report (see render_record)."""
    return render_record(gather_record_inputs(archive, report, issue))


def render_record(inputs: RecordInputs) -> str:
    """What the search index holds of a report, as a small HTML document for Pagefind: its
    filters, sort key and facts (one empty element each); then as index words (see
    :mod:`bulletin.pages.search.indextext`) its title (weighted), units' names, keywords and, for a
    紧急信息 report, its event's name and place and its stage; after TEXT_MARK its text, 批示 (who gave each,
    and its text) and correction notes."""
    report, issue, emergency = inputs.report, inputs.issue, inputs.emergency
    filters = [("series", issue.series.name), ("year", str(issue.date.year)), ("category", report.category)]
    if report.emergency is not None and report.category != EMERGENCY_CATEGORY:
        filters.append(("category", EMERGENCY_CATEGORY))  # a filter of several values: either finds it
    filters += [("unit", name) for name in inputs.units_now]
    text = [
        plain_text(render_body_html(report)),
        *(f"{i.by}批示：{i.text}" for i in report.instructions),  # who gave it is found too (市委书记)
        *(c.note for c in report.corrections),
    ]
    event_words = [emergency.event.name, emergency.event.place] if emergency and emergency.event else []
    event_words += [emergency.stage] if emergency else []  # 续报二: the stage is found too
    return _record_template().render(
        language=INDEX_LANGUAGE,
        title=report.title,
        date=issue.date.isoformat(),
        filters=filters,
        meta=[
            ("title", report.title),
            ("unit", inputs.units_then),
            ("issue", issue_citation(issue)),
            ("date", issue.date.isoformat()),
        ],
        title_words=join_index_text([report.title]),
        head_words=join_index_text([*inputs.units_now, *report.tags, *event_words]),
        text_words=join_index_text(text),
        piece_break=PIECE_BREAK,
        text_mark=TEXT_MARK,
    )


@functools.cache
def _record_template() -> Template:
    """The record's template, fetched once per process: a record is rendered for every report."""
    return environment().get_template("search-record.html")


@functools.cache
def describe_record_code() -> str:
    """What makes a record of its inputs: the code (this module and what it imports) and the
    record's template."""
    template = TEMPLATES / "search-record.html"
    return digest_modules([__name__]) + hashlib.sha256(template.read_bytes()).hexdigest()


def join_index_text(pieces: list[str]) -> str:
    """The index words of each non-blank piece, PIECE_BREAK between them (plain text)."""
    return f" {PIECE_BREAK} ".join(make_index_text(piece) for piece in pieces if piece.strip())


def make_part_records(archive: Archive, published: list[tuple[Report, Issue]]) -> PartRecords:
    """The search records of these published reports (by the path of each), and their digest:
    the digest of their inputs and of the code that makes them, so that a part whose digest the
    cache holds is neither rendered nor written (a merge changes one part of a ten-year archive)."""
    digest = hashlib.sha256(describe_record_code().encode())
    entries: list[tuple[str, RecordInputs]] = []
    for report, issue in sorted(published, key=lambda pair: search_record_path(pair[0])):
        path, inputs = search_record_path(report), gather_record_inputs(archive, report, issue)
        digest.update(f"\0{path}\0{inputs!r}".encode("utf-8", "surrogatepass"))
        entries.append((path, inputs))
    return PartRecords(tuple(entries), digest.hexdigest()[:20])


@dataclass(frozen=True)
class PartRecords:
    entries: tuple[tuple[str, RecordInputs], ...]  # (path inside the part's folder, what its record is made of)
    digest: str

    @property
    def records(self) -> tuple[tuple[str, str], ...]:
        """(path, record) of each report."""
        return tuple((path, render_record(inputs)) for path, inputs in self.entries)

    def write(self, folder: Path) -> None:
        """Write the records into ``folder`` (for Pagefind)."""
        made: set[Path] = set()
        for path, inputs in self.entries:
            target = folder / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_text(render_record(inputs), encoding="utf-8")
