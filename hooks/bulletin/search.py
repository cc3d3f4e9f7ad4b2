"""Full-text Chinese search: a chunked static index (Pagefind) and the search page.

Each published report has one search record, a small HTML document at the path of its
page (so Pagefind gives the page's URL, ``.html`` for its final slash): each report is one
result, and nothing else is indexed. The text is indexed as described in
:mod:`bulletin.indextext`. Records and index are made by a process of their own, forked
as soon as the archive is loaded, while MkDocs writes the site.

The index is built in parts of consecutive folder years (``pagefind/2021-2024/``), merged
in the browser. A part holds at most ``search_part_reports`` reports: Pagefind's memory stays
bounded whatever the archive's size, and a part whose records did not change reuses its
index from the cache. Nothing is fetched from outside: the bundle is part of the site.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .dictionary import build_dictionary
from .errors import BulletinError, Problem
from .indextext import make_index_text
from .model import Archive, Issue, Report
from .pages import (Page, escape_html, front_matter, issue_label, page_url, plain_text, render_body_html, report_src,
                    unit_names)
from .stats import order_units

BUNDLE_DIR = "pagefind"
SEARCH_SRC = "search/index.md"


@dataclass(frozen=True)
class IndexPart:
    years: tuple[int, ...]  # consecutive folder years, oldest first

    @property
    def name(self) -> str:
        first, last = self.years[0], self.years[-1]
        return str(first) if first == last else f"{first}-{last}"


def count_pages_per_year(archive: Archive) -> dict[int, int]:
    """Published reports per folder year (one report page each)."""
    return dict(Counter(report.year for report, _ in archive.published()))


def plan_index_parts(pages_per_year: dict[int, int], budget: int) -> list[IndexPart]:
    """Consecutive years, filled from the oldest, each part up to ``budget`` pages; newest part
    first. New reports change only the newest part, so older parts keep their cached index."""
    parts: list[list[int]] = []
    size = 0
    for year in sorted(pages_per_year):
        if not parts or size + pages_per_year[year] > budget:
            parts.append([])
            size = 0
        parts[-1].append(year)
        size += pages_per_year[year]
    return [IndexPart(tuple(years)) for years in reversed(parts)]


def plan_search_parts(archive: Archive) -> list[IndexPart]:
    """The archive's index parts. ``search_part_reports`` (default 3,500) bounds a part: Pagefind
    needs about 0.85 MB of memory per report indexed at once (2.1 GB for 2,500), so a part
    stays near 3 GB. Fewer, larger parts would save a query bytes (a part costs it its
    metadata and one index chunk per word) but need more memory."""
    return plan_index_parts(count_pages_per_year(archive), archive.settings.search_part_reports)


def render_search_page(archive: Archive) -> Page:
    """The /search/ page: form, filters (from the archive) and the script that starts the search
    worker (content/assets/search-worker.js), which asks the index."""
    options = {
        "bundle": f"../{BUNDLE_DIR}/",
        "worker": "../assets/search-worker.js",
        "indexes": [{"name": part.name, "years": list(part.years)}
                    for part in plan_search_parts(archive)],
        "dictionary": build_dictionary(archive),
    }
    def choice(name: str, label: str, values: list[str]) -> str:
        items = "".join(f'<option value="{escape_html(v)}">{escape_html(v)}</option>' for v in values)
        return (f'<label class="bl-search-filter"><span>{label}</span>'
                f'<select name="{name}"><option value="">全部</option>{items}</select></label>')
    filters = "".join([
        choice("series", "刊物", [s.name for s in archive.settings.series if archive.issues_of(s.key)]),
        choice("year", "年份", sorted({str(i.date.year) for i in archive.issues}, reverse=True)),
        choice("unit", "单位", [u.name for u in order_units(archive.units.values())]),
        choice("category", "类别", list(archive.settings.categories)),
    ])
    sort = ('<label class="bl-search-filter"><span>排序</span><select name="sort">'
            '<option value="">相关度（近年优先）</option><option value="all">相关度（全部年份）</option>'
            '<option value="desc">日期（新→旧）</option>'
            '<option value="asc">日期（旧→新）</option></select></label>')
    data = json.dumps(options, ensure_ascii=False).replace("</", "<\\/")
    html = (
        '<form id="bl-search" class="bl-search" role="search" action="./" method="get">\n'
        '<div class="bl-search-box"><input type="search" name="q" aria-label="搜索词" '
        'placeholder="输入词语，如：防汛物资、信息直报点；多个词用空格分开" autocomplete="off">'
        '<button type="submit" class="md-button md-button--primary">搜索</button></div>\n'
        f'<div class="bl-search-filters">{filters}{sort}</div>\n'
        '</form>\n'
        '<p id="bl-search-status" class="bl-search-status" role="status" aria-live="polite"></p>\n'
        '<ol id="bl-search-results" class="bl-search-results"></ol>\n'
        '<p><button id="bl-search-more" class="md-button" type="button" hidden>更多结果</button></p>\n'
        f'<script type="application/json" id="bl-search-options">{data}</script>\n'
        # A plain script, not deferred: it starts the search worker while the page is being read.
        '<script src="../assets/search.js"></script>\n'
        '<noscript>搜索需要浏览器启用 JavaScript。</noscript>\n'
    )
    return Page(SEARCH_SRC, front_matter("搜索", ("navigation", "toc")) + "# 搜索\n\n" + html, sanitize=False)


def find_pagefind() -> str:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # pragma: no cover - installed by requirements.txt
        raise BulletinError([Problem("requirements.txt", 1, "pagefind", "pagefind-bin-extended is not installed")])
    return str(get_executable())


# The records hold index words, not Chinese: "zxx" (no linguistic content) spares Pagefind the
# segmenting and stemming of a language (a fifth of its time). The search page, whose own
# language is zh, falls back to this index as the only one.
INDEX_LANGUAGE = "zxx"
PIECE_BREAK = "·"  # between the pieces of a record's text (no pair of characters spans two)
TEXT_MARK = "⁂"  # the report's own text starts after it (search-worker.js makes the excerpt of it)


def record_path(report: Report) -> str:
    """Where a report's search record goes: the path of its page as one file (``reports/2026/x.html``;
    a folder per record costs the disk a directory each). Pagefind gives that path as the
    result's URL; search-worker.js turns it into the page's (``/reports/2026/x/``)."""
    return f"{page_url(report_src(report)).strip('/')}.html"


def render_search_record(archive: Archive, report: Report, issue: Issue) -> str:
    """What the search index holds of a report, as a small HTML document for Pagefind: its
    filters, sort key and facts (one empty element each); then as index words (see
    :mod:`bulletin.indextext`) its title (weighted), units' names and keywords, and after
    TEXT_MARK its text, 批示 and correction notes."""
    filters = [("series", issue.series.name), ("year", str(issue.date.year)), ("category", report.category)]
    filters += [("unit", archive.units[k].name) for k in report.units]
    meta = [("title", report.title), ("unit", unit_names(archive, report)),
            ("issue", f"《{issue.series.name}》{issue_label(issue)}"), ("date", issue.date.isoformat())]
    spans = "".join(f'<span data-pagefind-filter="{key}:{escape_html(value)}"></span>' for key, value in filters)
    spans += "".join(f'<span data-pagefind-meta="{key}:{escape_html(value)}"></span>' for key, value in meta)
    text = [plain_text(render_body_html(report)), *(i.text for i in report.instructions),
            *(c.note for c in report.corrections)]
    words = [*(archive.units[k].name for k in report.units), *report.tags]

    def index(pieces: list[str]) -> str:
        return f" {PIECE_BREAK} ".join(escape_html(make_index_text(p)) for p in pieces if p.strip())

    return (f'<!doctype html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8"><title>{escape_html(report.title)}'
            f'</title></head><body><div data-pagefind-body data-pagefind-sort="date:{issue.date.isoformat()}">'
            f'{spans}<span data-pagefind-weight="10">{index([report.title])}</span> {PIECE_BREAK} {index(words)} '
            f'{TEXT_MARK} {index(text)}</div></body></html>\n')


def write_part_records(archive: Archive, published: list[tuple[Report, Issue]], folder: Path) -> str:
    """Write the search records of these published reports into ``folder``; the digest of
    what was written."""
    digest = hashlib.sha256()
    for report, issue in sorted(published, key=lambda pair: record_path(pair[0])):
        path, record = record_path(report), render_search_record(archive, report, issue)
        digest.update(f"{path}\n{record}".encode())
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(record, encoding="utf-8")
    return digest.hexdigest()[:20]


class _Pagefind:
    """One part being indexed by Pagefind, or copied from the cache."""

    def __init__(self, executable: str, records: Path, output: Path, name: str, digest: str, cache_dir: Path | None):
        self.records, self.output, self.name = records, output, name
        self.cached = cache_dir / f"{name}-{digest}" if cache_dir else None
        self.reused = self.cached is not None and self.cached.is_dir()
        self.process = None if self.reused else subprocess.Popen(
            [executable, "--site", str(records), "--output-path", str(output), "--silent"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait(self) -> bool:
        """Done: True if reused from the cache."""
        if self.reused:
            shutil.copytree(self.cached, self.output)
        else:
            _, stderr = self.process.communicate()
            if self.process.returncode != 0:
                raise BulletinError([Problem(f"reports/{self.name}", 0, "search", f"Pagefind failed: {stderr.strip()}")])
            if self.cached is not None:
                for stale in self.cached.parent.glob(f"{self.name}-*"):
                    shutil.rmtree(stale)
                shutil.copytree(self.output, self.cached)
        shutil.rmtree(self.records, ignore_errors=True)
        return self.reused


def build_search_index(archive: Archive, work: Path, cache_dir: Path | None) -> dict[str, bool]:
    """Every part of the index into ``work/index/<part>``: the next part's records are written
    while Pagefind indexes the part before. Part -> reused from the cache."""
    executable = find_pagefind()
    reused: dict[str, bool] = {}
    running: _Pagefind | None = None
    published = archive.published()
    for part in plan_search_parts(archive):
        records = work / "records" / part.name
        digest = write_part_records(archive, [(r, i) for r, i in published if r.year in part.years], records)
        if running is not None:
            reused[running.name] = running.wait()
        running = _Pagefind(executable, records, work / "index" / part.name, part.name, digest, cache_dir)
    if running is not None:
        reused[running.name] = running.wait()
    return reused


def _run_in_child(archive: Archive, work: Path, cache_dir: Path | None) -> None:
    os.setpgrp()  # Pagefind goes with this process if the build is abandoned
    try:
        outcome = {"reused": build_search_index(archive, work, cache_dir)}
    except BulletinError as error:
        outcome = {"problems": [[p.path, p.line, p.field, p.message] for p in error.problems]}
    except BaseException as error:  # noqa: BLE001 - reported by the parent
        outcome = {"problems": [["search", 0, "search", f"{type(error).__name__}: {error}"]]}
    (work / "outcome.json").write_text(json.dumps(outcome), encoding="utf-8")


class SearchIndexer:
    """Builds the search index in a process of its own while MkDocs builds the site.

    The process is forked with the archive already loaded; it writes each part's records
    (small HTML files) and runs Pagefind on them, one part at a time, writing the next
    part's records meanwhile. MkDocs goes on at once: on two processors the index costs the
    build little time. ``finish`` waits and puts the index into the site.
    """

    def __init__(self, archive: Archive, cache_dir: Path | None = None):
        self.work = Path(tempfile.mkdtemp(prefix="bulletin-search-"))
        context = multiprocessing.get_context("fork")
        self.process = context.Process(target=_run_in_child, args=(archive, self.work, cache_dir),
                                       name="search-index", daemon=True)
        self.process.start()

    def finish(self, site_dir: Path) -> dict[str, bool]:
        """Wait for every part, move the index into ``site_dir``; part -> reused from the cache."""
        try:
            self.process.join()
            outcome_file = self.work / "outcome.json"
            if not outcome_file.is_file():
                raise BulletinError([Problem("search", 0, "search", f"the indexer stopped ({self.process.exitcode})")])
            outcome = json.loads(outcome_file.read_text(encoding="utf-8"))
            if "problems" in outcome:
                raise BulletinError([Problem(*p) for p in outcome["problems"]])
            (site_dir / BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
            for part in outcome["reused"]:
                shutil.move(self.work / "index" / part, site_dir / BUNDLE_DIR / part)
            return outcome["reused"]
        finally:
            shutil.rmtree(self.work, ignore_errors=True)

    def abandon(self) -> None:
        """The build failed: stop indexing at once and leave nothing behind."""
        if self.process.is_alive():
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        self.process.join()
        shutil.rmtree(self.work, ignore_errors=True)
