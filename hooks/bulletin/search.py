"""Full-text Chinese search: a chunked static index (Pagefind) and the search page.

Only report pages are indexed (their search element carries ``data-pagefind-body``), so
each report is one result; the text is indexed as described in :mod:`bulletin.indextext`.

The index is built in parts of consecutive folder years (``pagefind/2021-2024/``), merged
in the browser. A part holds at most ``INDEX_PAGES`` reports: Pagefind's memory stays
bounded whatever the archive's size, a part whose pages did not change reuses its index
from the cache, and a query asks few parts (each part costs a query one index chunk per
word, about 30 KB). Nothing is fetched from outside: the bundle is part of the site.
"""

from __future__ import annotations

import hashlib
import json
import queue
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from .dictionary import build_dictionary
from .errors import BulletinError, Problem
from .model import Archive
from .pages import Page, escape_html, front_matter
from .stats import order_units

BUNDLE_DIR = "pagefind"
SEARCH_SRC = "search/index.md"
INDEX_PAGES = 10_000  # reports in one part of the index at most (unless one year has more)


@dataclass(frozen=True)
class IndexPart:
    years: tuple[int, ...]  # consecutive folder years, oldest first

    @property
    def name(self) -> str:
        first, last = self.years[0], self.years[-1]
        return str(first) if first == last else f"{first}-{last}"


def count_pages_per_year(archive: Archive) -> dict[int, int]:
    """Published reports per folder year (one report page each)."""
    counts: dict[int, int] = {}
    for report in archive.reports:
        if not report.is_pending:
            counts[report.year] = counts.get(report.year, 0) + 1
    return counts


def plan_index_parts(pages_per_year: dict[int, int], budget: int = INDEX_PAGES) -> list[IndexPart]:
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


def render_search_page(archive: Archive) -> Page:
    """The /search/ page: form, filters (from the archive) and the script that asks the index."""
    options = {
        "bundle": f"../{BUNDLE_DIR}/",
        "indexes": [{"name": part.name, "years": list(part.years)}
                    for part in plan_index_parts(count_pages_per_year(archive))],
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
            '<option value="">相关度</option><option value="desc">日期（新→旧）</option>'
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
        '<script type="module" src="../assets/search.js"></script>\n'
        '<noscript>搜索需要浏览器启用 JavaScript。</noscript>\n'
    )
    return Page(SEARCH_SRC, front_matter("搜索", ("navigation", "toc")) + "# 搜索\n\n" + html, sanitize=False)


def find_pagefind() -> str:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # pragma: no cover - installed by requirements.txt
        raise BulletinError([Problem("requirements.txt", 1, "pagefind", "pagefind-bin-extended is not installed")])
    return str(get_executable())


def hash_part_pages(site_dir: Path, part: IndexPart) -> str:
    digest = hashlib.sha256()
    for year in part.years:
        for path in sorted((site_dir / "reports" / str(year)).rglob("*.html")):
            digest.update(path.relative_to(site_dir).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def index_one_part(executable: str, site_dir: Path, part: IndexPart, cache_dir: Path | None) -> bool:
    """Index one part's report pages into <site>/pagefind/<part>/; True if reused from the cache."""
    target = site_dir / BUNDLE_DIR / part.name
    cached = cache_dir / f"{part.name}-{hash_part_pages(site_dir, part)}" if cache_dir else None
    if cached is not None and cached.is_dir():
        shutil.copytree(cached, target)
        return True
    years = ",".join(str(y) for y in part.years)
    result = subprocess.run(
        [executable, "--site", str(site_dir), "--glob", f"reports/{{{years}}}/**/*.html",
         "--output-subdir", f"{BUNDLE_DIR}/{part.name}", "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BulletinError([Problem(f"reports/{part.name}", 0, "search", f"Pagefind failed: {result.stderr.strip()}")])
    if cached is not None:
        for stale in cache_dir.glob(f"{part.name}-*"):
            shutil.rmtree(stale)
        shutil.copytree(target, cached)
    return False


class PartIndexer:
    """Indexes each part as soon as its report pages are written, one part at a time in a
    background thread, while MkDocs writes the rest of the site.

    Pagefind is a process of its own: on two processors the index costs little extra time.
    """

    def __init__(self, site_dir: Path, pages_per_year: dict[int, int], cache_dir: Path | None = None):
        self.site_dir = site_dir
        self.cache_dir = cache_dir
        self.parts = plan_index_parts(pages_per_year)
        self.part_of = {year: part for part in self.parts for year in part.years}
        self.remaining = {part: sum(pages_per_year[y] for y in part.years) for part in self.parts}
        self.queued: set[IndexPart] = set()
        self.reused: dict[str, bool] = {}
        self.error: BaseException | None = None
        self.executable = find_pagefind()
        self.jobs: queue.Queue[IndexPart | None] = queue.Queue()
        self.thread = threading.Thread(target=self._work, name="search-index", daemon=True)
        self.thread.start()
        for part, count in self.remaining.items():
            if count <= 0:
                self._queue(part)

    def _queue(self, part: IndexPart) -> None:
        if part not in self.queued:
            self.queued.add(part)
            self.jobs.put(part)

    def _work(self) -> None:
        while (part := self.jobs.get()) is not None:
            try:
                if self.error is None:
                    self.reused[part.name] = index_one_part(self.executable, self.site_dir, part, self.cache_dir)
            except BaseException as error:  # handed to finish()
                self.error = error

    def page_written(self, year: int | None) -> None:
        """A report page of folder ``year`` is on disk; its part is indexed when all are."""
        part = self.part_of.get(year)
        if part is not None:
            self.remaining[part] -= 1
            if self.remaining[part] <= 0:
                self._queue(part)

    def finish(self) -> dict[str, bool]:
        """Index what is left, wait for all of it; part -> reused from the cache."""
        for part in self.parts:
            self._queue(part)
        self.jobs.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return dict(self.reused)
