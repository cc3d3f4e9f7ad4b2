"""Load and check the whole repository once: settings, units, every report, every issue.

Everything is read and validated before anything is written: :func:`load_archive`
returns a complete :class:`~bulletin.model.Archive` or raises :class:`BulletinError`
with every problem of every file.
"""

from __future__ import annotations

from pathlib import Path

from .errors import BulletinError, Problems
from .frontmatter import read_report
from .issues import assemble_issues
from .model import Archive, Commission, Report
from .registers import COMMISSIONS_FILE, read_commissions, read_ledgers
from .settings import read_settings, read_units
from .validate import check_body, check_references

REPORTS_DIR = "reports"
UNITS_FILE = "reports/units.yml"
CONFIG_FILE = "mkdocs.yml"
# Files in reports/ that are not reports (some are read by later parts of the publisher).
DATA_FILES = {"units.yml", "commissions.yml"}  # see registers.py
DATA_DIRS = {"submissions"}


def read_text(root: Path, relative: str, problems: Problems) -> str | None:
    try:
        return (root / relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(relative, 1, "file", "not found")
    except UnicodeDecodeError as error:
        problems.add(relative, 1, "file", f"not valid UTF-8 (byte {error.start}); save the file as UTF-8")
    return None


def list_report_files(root: Path, problems: Problems) -> list[str]:
    """Every report file under reports/, as sorted POSIX paths; stray files are problems."""
    base = root / REPORTS_DIR
    found: list[str] = []
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(root).as_posix()
        parts = path.relative_to(base).parts
        if path.is_dir() or parts[0] in DATA_DIRS or any(part.startswith(".") for part in parts):
            continue  # editors' and systems' hidden files (.DS_Store, .x.md.swp)
        if len(parts) == 1:
            if parts[0] not in DATA_FILES:
                problems.add(relative, 1, "file", "reports go in reports/<year>/<id>.md")
            continue
        if path.suffix != ".md" or len(parts) != 2:
            problems.add(relative, 1, "file", "only reports (<year>/<id>.md) belong in reports/<year>/")
            continue
        found.append(relative)
    return found


def load_reports(root: Path, default_series: str, problems: Problems) -> tuple[Report, ...]:
    reports: list[Report] = []
    first_by_id: dict[str, str] = {}
    for relative in list_report_files(root, problems):
        text = read_text(root, relative, problems)
        if text is None:
            continue
        report = read_report(relative, text, default_series, problems)
        if report is None:
            continue
        if report.id in first_by_id:
            problems.add(relative, 1, "file", f"duplicate report id {report.id!r}: {first_by_id[report.id]} "
                         "has the same file name; ids are permanent URLs and unique across all years")
            continue
        first_by_id[report.id] = relative
        reports.append(report)
    return tuple(reports)


def load_archive(root: Path | str, config_file: str = CONFIG_FILE) -> Archive:
    """Read and check everything under ``root``; raise BulletinError listing every problem."""
    root = Path(root)
    problems = Problems()
    settings_text = read_text(root, config_file, problems)
    settings = read_settings(config_file, settings_text, problems) if settings_text is not None else None
    units_text = read_text(root, UNITS_FILE, problems)
    units = read_units(UNITS_FILE, units_text, problems) if units_text is not None else {}
    commissions: tuple[Commission, ...] = ()
    if (root / COMMISSIONS_FILE).exists():
        commissions_text = read_text(root, COMMISSIONS_FILE, problems)
        if commissions_text is not None:
            commissions = read_commissions(commissions_text, units, problems)
    submissions = read_ledgers(root, units, problems)
    default_series = settings.series[0].key if settings else ""
    reports = load_reports(root, default_series, problems)
    for report in reports:
        check_body(report, problems)
        check_commission(report, commissions, problems)
        if settings is not None:
            check_references(report, settings, units, problems)
    if settings is None:
        raise BulletinError(problems.items)
    issues = assemble_issues(reports, settings, problems)
    problems.raise_if_any()
    pending = tuple(r for r in reports if r.is_pending)
    return Archive(settings, units, reports, issues, pending, commissions, submissions)


def check_commission(report: Report, commissions: tuple[Commission, ...], problems: Problems) -> None:
    """A report answers a known 约稿 for a unit that was asked; it is received before it is published."""
    if report.received is not None and report.date is not None and report.received > report.date:
        problems.add(report.path, report.line_of("received"), "received",
                     f"{report.received} is after the issue date {report.date}")
    if report.commission is None:
        return
    if report.date is None and report.received is None:
        problems.add(report.path, report.line_of("commission"), "commission",
                     "a pending report that answers a 约稿 needs `received` (the date the office received it)")
    commission = next((c for c in commissions if c.id == report.commission), None)
    if commission is None:
        problems.add(report.path, report.line_of("commission"), "commission",
                     f"unknown 约稿 {report.commission!r}: not in {COMMISSIONS_FILE}")
    elif not set(report.units) & set(commission.units):
        problems.add(report.path, report.line_of("commission"), "commission",
                     f"约稿 {commission.id!r} was not asked of {', '.join(report.units)}")
