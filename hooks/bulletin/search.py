"""Full-text Chinese search: a chunked static index (Pagefind) and the search page.

Only report pages are indexed (their pages carry ``data-pagefind-body``), so each report is
one result. The index is built per year (``pagefind/<year>/``) and merged in the browser:
memory stays bounded at archive scale, and a year whose pages did not change reuses its
index from the cache. Nothing is fetched from outside: the bundle is part of the site.
"""

from __future__ import annotations

import hashlib
import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path

from .dictionary import build_dictionary
from .errors import BulletinError, Problem
from .model import Archive
from .pages import Page, escape_html, front_matter
from .stats import order_units

BUNDLE_DIR = "pagefind"
SEARCH_SRC = "search/index.md"
def collect_search_years(archive: Archive) -> list[int]:
    """The years of report folders with published reports, newest first (one index each)."""
    return sorted({r.year for r in archive.reports if not r.is_pending}, reverse=True)


def render_search_page(archive: Archive) -> Page:
    """The /search/ page: form, filters (from the archive) and the script that asks the index."""
    options = {
        "bundle": f"../{BUNDLE_DIR}/",
        "indexes": [str(y) for y in collect_search_years(archive)],
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


def hash_year_pages(site_dir: Path, year: int) -> str:
    digest = hashlib.sha256()
    for path in sorted((site_dir / "reports" / str(year)).rglob("*.html")):
        digest.update(path.relative_to(site_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def index_one_year(executable: str, site_dir: Path, year: int, cache_dir: Path | None) -> bool:
    """Index one year's report pages into <site>/pagefind/<year>/; True if reused from the cache."""
    target = site_dir / BUNDLE_DIR / str(year)
    cached = cache_dir / f"{year}-{hash_year_pages(site_dir, year)}" if cache_dir else None
    if cached is not None and cached.is_dir():
        shutil.copytree(cached, target)
        return True
    result = subprocess.run(
        [executable, "--site", str(site_dir), "--glob", f"reports/{year}/**/*.html",
         "--output-subdir", f"{BUNDLE_DIR}/{year}", "--silent"],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BulletinError([Problem(f"reports/{year}", 0, "search", f"Pagefind failed: {result.stderr.strip()}")])
    if cached is not None:
        for stale in cache_dir.glob(f"{year}-*"):
            shutil.rmtree(stale)
        shutil.copytree(target, cached)
    return False


class YearlyIndexer:
    """Indexes each year as soon as its report pages are written, one year at a time in a
    background thread, while MkDocs writes the rest of the site.

    Pagefind is a process of its own: on two processors the index costs little extra time.
    One index per year keeps its memory bounded whatever the archive's size.
    """

    def __init__(self, site_dir: Path, pages_per_year: dict[int, int], cache_dir: Path | None = None):
        self.site_dir = site_dir
        self.cache_dir = cache_dir
        self.remaining = dict(pages_per_year)
        self.queued: set[int] = set()
        self.reused: dict[int, bool] = {}
        self.error: BaseException | None = None
        self.executable = find_pagefind()
        self.jobs: queue.Queue[int | None] = queue.Queue()
        self.thread = threading.Thread(target=self._work, name="search-index", daemon=True)
        self.thread.start()
        for year, count in pages_per_year.items():
            if count <= 0:
                self._queue(year)

    def _queue(self, year: int) -> None:
        if year not in self.queued:
            self.queued.add(year)
            self.jobs.put(year)

    def _work(self) -> None:
        while (year := self.jobs.get()) is not None:
            try:
                if self.error is None:
                    self.reused[year] = index_one_year(self.executable, self.site_dir, year, self.cache_dir)
            except BaseException as error:  # handed to finish()
                self.error = error

    def page_written(self, year: int | None) -> None:
        """A report page of ``year`` is on disk; the year is indexed when all of them are."""
        if year in self.remaining:
            self.remaining[year] -= 1
            if self.remaining[year] <= 0:
                self._queue(year)

    def finish(self) -> dict[int, bool]:
        """Index what is left, wait for all of it; year -> reused from the cache."""
        for year in self.remaining:
            self._queue(year)
        self.jobs.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return dict(self.reused)
