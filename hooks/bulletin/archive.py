"""Load and check the whole repository once: settings, units, every report, every issue.

The archive is assembled here: the files read (bulletin.read), each checked (bulletin.check),
and the scheduled reports grouped into numbered issues (:func:`assemble_issues`, whose
numbering rules are bulletin.check.numbering's).

Everything is read and validated before anything is written: :func:`load_archive`
returns a complete :class:`~bulletin.model.Archive` or raises :class:`BulletinError`
with every problem of every file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
from collections import defaultdict
from pathlib import Path

from bulletin import limits
from bulletin.check.body import check_page
from bulletin.check.events import check_chains, check_event
from bulletin.check.numbering import check_one_issue, check_sequence, dating_report, placement_of, sort_issue_reports
from bulletin.check.references import check_commission, check_references
from bulletin.check.submissions import check_links, check_quota_kinds
from bulletin.check.unfinished import check_event_dates
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.i18n import _
from bulletin.labels import number_label
from bulletin.model import Archive, Commission, ContentPage, Issue, IssueDetails, Report, Settings, Unit
from bulletin.read.events import read_events
from bulletin.read.issuedetails import read_issue_details
from bulletin.read.registers import COMMISSIONS_FILE, read_commissions
from bulletin.read.reportfile import ReportDraft
from bulletin.read.settings import SETTINGS_KEY, read_settings, read_units
from bulletin.read.submissions import read_ledger
from bulletin.read.textfiles import list_files, read_text
from bulletin.readcache import read_and_check
from bulletin.times import build_date

REPORTS_DIR = "reports"
UNITS_FILE = "reports/units.yml"
CONFIG_FILE = "mkdocs.yml"
# Files in reports/ that are not reports (some are read by later parts of the publisher).
DATA_FILES = {"units.yml", "commissions.yml"}  # see registers.py
DATA_DIRS = {"submissions", "events", "issues"}  # events, issues: bulletin.read.events, .issuedetails
_READ_ELSEWHERE = {f"{REPORTS_DIR}/{name}" for name in DATA_FILES | DATA_DIRS}
CONTENT_DIR = "content"  # the hand-written pages (docs_dir in mkdocs.yml)
THEME_DIR = "overrides"  # the theme's templates (theme.custom_dir in mkdocs.yml)
SITE_DIRS = (CONTENT_DIR, THEME_DIR)  # folders MkDocs reads beside the archive


_ARCHIVE_FILE = re.compile(
    r"reports/[0-9]{4}/[^/]+\.md|reports/[^/]+\.yml|reports/submissions/[^/]+\.yml|reports/submissions/[0-9]{4}/[0-9]{2}/[^/]+\.yml|reports/events/[0-9]{4}/[^/]+\.yml|reports/issues/[^/]+/[0-9]{4}/[^/]+\.yml|content/(?:[^/.][^/]*/)*[^/.][^/]*\.md"
)


def is_archive_file(path: str) -> bool:
    """Whether ``path`` (relative, POSIX) is one of the files the archive is read from."""
    return path == CONFIG_FILE or bool(_ARCHIVE_FILE.fullmatch(path))


def load_registers(root: Path, config_file: str = CONFIG_FILE) -> tuple[Settings, dict[str, Unit]]:
    """Only the settings and the unit registry (for `bulletin new`); BulletinError on a problem."""
    problems = Problems()
    settings_text = read_text(root, config_file, problems)
    settings = read_settings(config_file, settings_text, problems) if settings_text is not None else None
    units_text = read_text(root, UNITS_FILE, problems)
    units = read_units(UNITS_FILE, units_text, problems) if units_text is not None else {}
    problems.raise_if_any()
    if settings is None:
        raise BulletinError([Problem(config_file, 1, SETTINGS_KEY, _("读不到发布设置"))])
    return settings, units


def list_report_files(root: Path, problems: Problems) -> list[str]:
    """Every report file under reports/, as sorted POSIX paths; stray files, links and special
    files are problems (never followed)."""
    found: list[str] = []
    for relative in list_files(root, REPORTS_DIR, problems, skip=_READ_ELSEWHERE, depth=2):
        parts = relative.split("/")[1:]
        if len(parts) == 1:
            problems.add(
                relative,
                1,
                "file",
                _("报告要放在 reports/<年份>/<编号>.md，如 reports/2026/0105-yunling-chalv.md：请移到对应年份的文件夹"),
            )
        elif not relative.endswith(".md") or len(parts) != 2:
            problems.add(relative, 1, "file", _("reports/<年份>/ 里只能放报告（<编号>.md）：请把这个文件移走或删去"))
        else:
            found.append(relative)
    return found


def check_site_files(root: Path, folders: tuple[str, ...], problems: Problems) -> None:
    """The hand-written pages, assets and theme templates MkDocs reads (content/, overrides/):
    only regular files, never links, which MkDocs would follow, publishing what they point to.
    Hidden names too: what MkDocs leaves out is a setting of mkdocs.yml (exclude_docs)."""
    for folder in folders:
        list_files(root, folder, problems, hidden=True)


# Parsed reports of earlier loads in this process, by file: `mkdocs serve` rebuilds re-read
# only the files that changed. Keyed by absolute path; the entry holds the file's mtime and
# size, the default series, and what reading it gave (the draft and its problems).
_READ_CACHE: dict[str, tuple[int, int, str, ReportDraft | None, list]] = {}


def read_report_file(
    root: Path, relative: str, default_series: str, problems: Problems, use_cache: bool
) -> ReportDraft | None:
    path = root / relative
    stat = None
    if use_cache:
        # The link itself, if it is one (read_text refuses it); gone since it was listed: no cache.
        with contextlib.suppress(OSError):
            stat = os.lstat(path)
    if stat is not None:
        cached = _READ_CACHE.get(str(path))
        if cached and cached[:3] == (stat.st_mtime_ns, stat.st_size, default_series):
            problems.items.extend(cached[4])
            return cached[3]
    found = Problems()
    text = read_text(root, relative, found, limit=limits.MAX_REPORT_BYTES)
    draft = read_and_check(relative, text, default_series, found) if text is not None else None
    if stat is not None:
        _READ_CACHE[str(path)] = (stat.st_mtime_ns, stat.st_size, default_series, draft, list(found.items))
    problems.items.extend(found.items)
    return draft


def load_reports(root: Path, default_series: str, problems: Problems, use_cache: bool = False) -> tuple[Report, ...]:
    """The reports that can be published (every problem of every report file in ``problems``)."""
    return load_report_drafts(root, default_series, problems, use_cache)[0]


def load_report_drafts(
    root: Path, default_series: str, problems: Problems, use_cache: bool = False
) -> tuple[tuple[Report, ...], tuple[ReportDraft, ...]]:
    """The reports that can be published, and the drafts of every report file that could be
    read at all (to be checked as far as they can: one run reports every problem)."""
    reports: list[Report] = []
    drafts: list[ReportDraft] = []
    first_by_id: dict[str, str] = {}
    for relative in list_report_files(root, problems):
        draft = read_report_file(root, relative, default_series, problems, use_cache)
        if draft is None:
            continue
        drafts.append(draft)
        report = draft.report
        if report is None or not draft.complete:
            continue
        if report.id in first_by_id:
            problems.add(
                relative,
                1,
                "file",
                _(
                    "报告编号 {id} 重复了：{other} 的文件名与它相同；"
                    "文件名是报告的永久网址，各年份之间也不能重复，请给其中一篇改名"
                ).format(id=report.id, other=first_by_id[report.id]),
            )
            continue
        first_by_id[report.id] = relative
        reports.append(report)
    return tuple(reports), tuple(drafts)


def load_pages(root: Path, folder: str, problems: Problems) -> tuple[ContentPage, ...]:
    """The Markdown pages of ``folder`` (content/; hidden files left out), each checked as a
    report's body. What is not a regular file there is check_site_files' problem."""
    pages = []
    for relative in list_files(root, folder, Problems()):
        if not relative.endswith(".md"):
            continue
        text = read_text(root, relative, problems)
        if text is not None:
            page = ContentPage(relative, text)
            check_page(page, problems)
            pages.append(page)
    return tuple(pages)


def load_archive(
    root: Path | str,
    config_file: str = CONFIG_FILE,
    use_cache: bool = False,
    site_dirs: tuple[str, ...] = SITE_DIRS,
    today: dt.date | None = None,
) -> Archive:
    """Read and check everything under ``root``; raise BulletinError listing every problem.

    ``use_cache`` re-reads only the report files changed since an earlier load in this
    process (for the editors' preview); every check still runs over the whole archive.
    ``site_dirs`` are the other folders MkDocs reads (relative to ``root``: docs_dir and the
    theme's custom_dir), whose files must be regular files too. ``today`` is the build date
    (default: :func:`bulletin.times.build_date`): no 批示, adoption or correction may come after it.
    """
    root = Path(root)
    today = build_date() if today is None else today
    problems = Problems()
    settings_text = read_text(root, config_file, problems)
    settings = read_settings(config_file, settings_text, problems) if settings_text is not None else None
    units_text = read_text(root, UNITS_FILE, problems)
    units = read_units(UNITS_FILE, units_text, problems) if units_text is not None else {}
    commissions: tuple[Commission, ...] = ()
    if os.path.lexists(root / COMMISSIONS_FILE):  # optional; a link or a folder there is a problem
        commissions_text = read_text(root, COMMISSIONS_FILE, problems)
        if commissions_text is not None:
            commissions = read_commissions(commissions_text, units, problems)
    if settings is not None and units_text is not None:
        check_quota_kinds(units, settings.categories, units_text, problems)
    ledger = read_ledger(root, units, problems, settings.categories if settings else None, today)
    events = read_events(root, problems)
    details = read_issue_details(root, problems)
    for event in events:
        check_event(event, units, today, problems)
    check_site_files(root, site_dirs, problems)
    default_series = settings.series[0].key if settings else ""
    reports, drafts = load_report_drafts(root, default_series, problems, use_cache)
    for draft in drafts:  # each body and placeholder is checked as its file is read (bulletin.readcache)
        if draft.report is None:
            continue
        check_event_dates(draft.report, today, problems)
        check_commission(draft.report, commissions, problems, draft.unsure)
        if settings is not None:
            check_references(draft.report, settings, units, problems, draft.unsure)
    pages = load_pages(root, site_dirs[0] if site_dirs else CONTENT_DIR, problems)
    if settings is None:
        if not problems:  # never a silent pass: no settings is always a problem
            problems.add(config_file, 1, SETTINGS_KEY, _("读不到发布设置"))
        raise BulletinError(problems.items)
    check_chains(events, reports, today, problems)
    check_links(ledger.items, reports, problems)
    issues = attach_details(assemble_issues(reports, settings, problems), details, problems)
    problems.raise_if_any()
    pending = tuple(r for r in reports if r.is_pending)
    return Archive(
        settings, units, reports, issues, pending, commissions, ledger.counts, pages, events, items=ledger.items
    )


def attach_details(
    issues: tuple[Issue, ...], details: tuple[IssueDetails, ...], problems: Problems
) -> tuple[Issue, ...]:
    """Each issue with its details file; a details file of no issue is a problem (a slip in its name)."""
    by_issue = {(d.series, d.year, d.number): d for d in details}
    known = {(i.series.key, i.year, i.number) for i in issues}
    for key, found in by_issue.items():
        if key not in known:
            problems.add(
                found.path,
                1,
                "file",
                _(
                    "没有这一期：《{series}》{year}年没有第{number}期（还没有排进报告的期次不能先写本期信息）；请核对文件名"
                ).format(series=key[0], year=key[1], number=key[2]),
            )
    return tuple(
        dataclasses.replace(issue, details=by_issue[(issue.series.key, issue.year, issue.number)])
        if (issue.series.key, issue.year, issue.number) in by_issue
        else issue
        for issue in issues
    )


def limit_to_recent(archive: Archive, months: int) -> Archive:
    """The archive as the preview shows it: the issues of the last ``months`` months (by the
    latest issue's date), the pending reports and the 紧急信息 events of those months (an older
    event without its reports would look unreported). Checks have run on the whole archive."""
    if not archive.issues:
        return archive
    latest = max(issue.date for issue in archive.issues)
    since = latest - dt.timedelta(days=31 * months)
    issues = tuple(i for i in archive.issues if i.date >= since)
    kept = {r.id for i in issues for r in i.reports}
    reports = tuple(r for r in archive.reports if r.id in kept or r.is_pending)
    events = tuple(e for e in archive.events if e.occurred.date() >= since)
    return dataclasses.replace(archive, reports=reports, issues=issues, events=events)


def assemble_issues(reports: tuple[Report, ...], settings: Settings, problems: Problems) -> tuple[Issue, ...]:
    """Build every issue from the scheduled reports; numbering problems go to ``problems``."""
    groups: dict[tuple[str, int, int], list[Report]] = defaultdict(list)
    for report in reports:
        placed = report.placement
        if placed is not None and settings.find_series(report.series):
            groups[(report.series, placed.year, placed.number)].append(report)

    issues: list[Issue] = []
    for series in settings.series:
        years = sorted({year for (key, year, _) in groups if key == series.key})
        total_before = series.total_offset
        for year in years:
            numbers = sorted(n for (key, y, n) in groups if key == series.key and y == year)
            members = {n: sort_issue_reports(groups[(series.key, year, n)]) for n in numbers}
            for n in numbers:
                check_one_issue(f"{series.name} {number_label(year, n)}", members[n], problems)
            check_sequence(series.name, year, numbers, members, problems)
            for n in numbers:
                issues.append(
                    Issue(series, year, n, total_before + n, placement_of(dating_report(members[n])).date, members[n])
                )
            total_before += numbers[-1]
    return tuple(issues)
