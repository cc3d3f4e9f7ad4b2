"""Every issue's PDF and Word file, made beside the MkDocs build and kept in a cache.

A full build (not the editors' preview) starts a process of its own as soon as the archive is
loaded (like the search indexer): it keys each document by its inputs (``bulletin.documents.keys``:
what the Word writer's ``describe_inputs`` lists, the code and templates that write it, the
fonts' identity, the libraries' versions), cheaply, without making it, and takes the
unchanged ones from the cache; the rest are made by a pool of processes, one per processor
(a few in the process itself), and stored in the cache. MkDocs meanwhile renders the pages. At the end
(``finish``) each file is hard-linked (or copied) into the site beside its issue's page, and
the sizes are written into the issue pages' links. A document that cannot be made fails the
build with a problem naming its issue (the path of its first report), never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin.addresses import document_src, issue_src, page_url
from bulletin.documents.cache import DOCUMENT_FORMATS, DocumentCache
from bulletin.documents.fonts import FontSet
from bulletin.documents.keys import find_document_key
from bulletin.documents.printhtml import find_document_moment, render_print_html
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _
from bulletin.labels import issue_title
from bulletin.model import Archive, Issue
from bulletin.pages.issues import DOCUMENT_LABELS, size_placeholder
from bulletin.processes import BackgroundJob, die_with_parent

WORK_PREFIX = "bulletin-documents-"  # + the building process's id + "-" + a random part


def format_size(size: int) -> str:
    """A file's size as the issue page shows it: 236 KB, 1.2 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def write_document(archive: Archive, issue: Issue, fmt: str, fonts: FontSet, key: str) -> bytes:
    """The issue's file in ``fmt`` (pdf: from its print page; docx: by the Word writer)."""
    if fmt == "pdf":
        from bulletin.documents.issuepdf import write_issue_pdf

        return write_issue_pdf(render_print_html(archive, issue, fonts), fonts, identifier=key)
    if fmt != "docx":
        raise ValueError(_("不认识的文件格式 {format}").format(format=fmt))
    from bulletin.documents.issueword import write_issue_docx

    return write_issue_docx(archive, issue, moment=find_document_moment(issue).replace(tzinfo=None))


def explain_failure(issue: Issue, fmt: str, error: BaseException) -> Problem:
    """A document that could not be made: the problem names the issue by its first report."""
    path = issue.reports[0].path if issue.reports else issue_src(issue)
    return Problem(
        path,
        0,
        fmt,
        _("{issue} 的 {label} 文件没有生成（{reason}）：请检查本期稿件；如一再出现，请联系系统维护人员").format(
            issue=issue_title(issue), label=DOCUMENT_LABELS.get(fmt, fmt), reason=f"{type(error).__name__}: {error}"
        ),
    )


@dataclass(frozen=True)
class BuiltDocument:
    src: str  # where it goes in the site: jrxx/2026/022/jrxx-2026-022.pdf
    page: str  # the issue page's source path: jrxx/2026/022.md
    fmt: str
    path: str  # where the file is now: its cache entry, or the work folder
    size: int
    reused: bool  # taken from the cache


@dataclass(frozen=True)
class DocumentOutcome:
    documents: tuple[BuiltDocument, ...]
    notes: tuple[str, ...] = ()

    @property
    def reused(self) -> int:
        return sum(d.reused for d in self.documents)

    @property
    def made(self) -> int:
        return sum(not d.reused for d in self.documents)


# What the pool's processes share with the process that forked them (set before the fork).
_SHARED: dict[str, object] = {}


def _make_one(index: int, fmt: str, key: str) -> tuple[str, int, str | None] | list[list[object]]:
    """In a pool process: make one file and store it; (path, size, note) or the problem."""
    archive = _SHARED["archive"]
    fonts = _SHARED["fonts"]
    cache = _SHARED["cache"]
    work = _SHARED["work"]
    assert isinstance(archive, Archive) and isinstance(fonts, FontSet)
    assert isinstance(cache, DocumentCache) and isinstance(work, Path)
    issue = archive.issues[index]
    try:
        data = write_document(archive, issue, fmt, fonts, key)
    except BulletinError as error:
        return [[p.path, p.line, p.field, p.message] for p in error.problems]
    except Exception as error:  # noqa: BLE001 - named with its issue, not a traceback
        p = explain_failure(issue, fmt, error)
        return [[p.path, p.line, p.field, p.message]]
    note = None
    try:
        path = cache.store(key, fmt, data)
    except OSError as error:
        path = work / "files" / f"{key}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        note = _("文件未能存入缓存 {folder}（{reason}）；这不影响本次生成，下次生成会慢一些").format(
            folder=cache.folder, reason=error.strerror or error
        )
    return str(path), len(data), note


def _start_pool_process(parent: int) -> None:
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def build_documents(
    archive: Archive,
    fonts: FontSet,
    cache: DocumentCache,
    work: Path,
    formats: tuple[str, ...] = DOCUMENT_FORMATS,
    workers: int | None = None,
    progress: Progress | None = None,
) -> DocumentOutcome:
    """Every issue's files in ``formats``: from the cache when their inputs are unchanged, the
    rest made in a pool of ``workers`` processes (default: one per processor). ``progress`` is
    told how many of the files to make are made, now and then (every PROGRESS_SECONDS) and at
    the end, so a long cold build is never silent."""
    cache.remove_stale_temporaries()
    done: list[BuiltDocument] = []
    jobs: list[tuple[int, str, str]] = []
    for index, issue in enumerate(archive.issues):
        for fmt in formats:
            key = find_document_key(archive, issue, fmt, fonts)
            found = cache.find(key, fmt)
            if found is not None:
                done.append(_built(issue, fmt, str(found), found.stat().st_size, reused=True))
            else:
                jobs.append((index, fmt, key))
    notes = list(fonts.notes)
    problems: list[Problem] = []
    _SHARED.update(archive=archive, fonts=fonts, cache=cache, work=work)
    reused, told = len(done), time.monotonic()
    if progress is not None and jobs:
        progress(0, len(jobs), reused)
    for count, ((index, fmt, _key), result) in enumerate(make_all(jobs, workers), 1):
        if progress is not None and (count == len(jobs) or time.monotonic() - told >= PROGRESS_SECONDS):
            progress(count, len(jobs), reused)
            told = time.monotonic()
        if isinstance(result, list):
            problems.extend(Problem(*p) for p in result)  # type: ignore[arg-type]
            continue
        path, size, note = result
        if note and note not in notes:
            notes.append(note)
        done.append(_built(archive.issues[index], fmt, path, size, reused=False))
    if problems:
        raise BulletinError(problems)
    done.sort(key=lambda d: d.src)
    return DocumentOutcome(tuple(done), tuple(notes))


Progress = Callable[[int, int, int], None]  # (made, to make, taken from the cache)
PROGRESS_SECONDS = 10.0

SMALL_BATCH = 8  # files made in this process: starting a pool (WeasyPrint loaded in each process) costs more


def make_all(
    jobs: list[tuple[int, str, str]], workers: int | None
) -> Iterator[tuple[tuple[int, str, str], tuple[str, int, str | None] | list[list[object]]]]:
    """Each job with its result: in a pool of ``workers`` processes (default: one per processor),
    or here when there are only a few."""
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if count == 1 or len(jobs) <= SMALL_BATCH:
        for job in jobs:
            yield job, _make_one(*job)
        return
    with ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_pool_process,
        initargs=(os.getpid(),),
    ) as pool:
        futures = {pool.submit(_make_one, *job): job for job in jobs}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _built(issue: Issue, fmt: str, path: str, size: int, *, reused: bool) -> BuiltDocument:
    return BuiltDocument(document_src(issue, fmt), issue_src(issue), fmt, path, size, reused)


def place_documents(outcome: DocumentOutcome, site_dir: Path) -> None:
    """Each file into the site beside its issue's page (a hard link to the cache entry, or a copy)."""
    for document in outcome.documents:
        target = site_dir / document.src
        target.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        try:
            os.link(document.path, target)
        except OSError:
            shutil.copyfile(document.path, target)


def fill_sizes(outcome: DocumentOutcome, site_dir: Path) -> None:
    """Write each file's size into its issue page's link (see pages.issues.size_placeholder): in
    place of the placeholder, or of the size a page taken from the previous build shows (an
    incremental build takes an issue page whatever its files became; this makes its sizes true).
    A page whose sizes are already right is left as it is."""
    by_page: dict[str, list[BuiltDocument]] = {}
    for document in outcome.documents:
        by_page.setdefault(document.page, []).append(document)
    for page, documents in by_page.items():
        path = site_dir / page_url(page).strip("/") / "index.html"
        try:
            before = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        text = before
        for document in documents:
            size = format_size(document.size)
            text = text.replace(size_placeholder(document.fmt), size)
            text = _shown_size(document.fmt).sub(rf"\g<1>{size}\g<2>", text, count=1)  # a size has no backslash
        if text == before:
            continue
        temporary = path.with_name(f".{path.name}.sizes")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)  # a new file: a page hard-linked from the previous build stays as it was


@functools.cache
def _shown_size(fmt: str) -> re.Pattern[str]:
    """The size an issue page shows for its ``fmt`` file (issue.html: the link, then the size)."""
    return re.compile(rf'(>下载{re.escape(DOCUMENT_LABELS[fmt])}</a><span class="bl-size">（)[^）<]{{1,20}}(）</span>)')


def _build_in_child(
    archive: Archive,
    fonts: FontSet,
    cache: DocumentCache,
    formats: tuple[str, ...],
    progress: Progress | None,
    work: Path,
) -> dict[str, Any]:
    built = build_documents(archive, fonts, cache, work, formats, progress=progress)
    return {
        "documents": [[d.src, d.page, d.fmt, d.path, d.size, d.reused] for d in built.documents],
        "notes": list(built.notes),
    }


class DocumentBuilder:
    """Makes every issue's PDF and Word file in a process of its own while MkDocs builds the site."""

    def __init__(
        self,
        archive: Archive,
        fonts: FontSet,
        cache_dir: Path | None,
        work_root: Path | None = None,
        formats: tuple[str, ...] = DOCUMENT_FORMATS,
        progress: Progress | None = None,
    ) -> None:
        self.archive = archive
        self.formats = formats
        self.job = BackgroundJob(
            functools.partial(_build_in_child, archive, fonts, DocumentCache(cache_dir), formats, progress),
            name="documents",
            prefix=WORK_PREFIX,
            work_root=work_root,
            failed=_("生成 PDF 和 Word 文件时出错（{error}）"),
            stopped=_(
                "生成 PDF 和 Word 文件的进程意外停止（退出码 {status}）：请重新生成；如一再出现，请联系系统维护人员"
            ),
            daemon=False,  # it starts a pool of its own
        )

    def finish(self, site_dir: Path) -> DocumentOutcome:
        """Wait for every file, put each into ``site_dir`` and its size into its issue's page."""
        try:
            raw = self.job.wait()
            outcome = DocumentOutcome(tuple(BuiltDocument(*item) for item in raw["documents"]), tuple(raw["notes"]))
            place_documents(outcome, site_dir)
            fill_sizes(outcome, site_dir)
            return outcome
        finally:
            self.job.remove_work()

    def abandon(self) -> None:
        """The build failed: stop at once and leave nothing behind."""
        self.job.abandon()
