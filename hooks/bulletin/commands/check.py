"""`bulletin check`: validate the archive without building, optionally against a Git ref.

Every check of the build runs (the archive is loaded as the build loads it); with
``--base REF`` the change is also compared with what REF has published
(:mod:`bulletin.check.permanence` for the reports, :mod:`bulletin.check.published_pages`
for every other change that alters a published page). Given files, only their problems are shown; the others
are counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin.archive import is_archive_file, load_archive
from bulletin.baseline import read_baseline
from bulletin.check.permanence import compare_with_baseline
from bulletin.check.published_pages import check_published_pages
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _
from bulletin.model import Archive


@dataclass(frozen=True)
class CheckResult:
    archive: Archive | None  # None when it could not be loaded
    problems: tuple[Problem, ...]  # the problems to show (of the given files, or all)
    elsewhere: int  # problems in files that were not asked about


def check_archive(root: Path, paths: list[str], ref: str | None) -> CheckResult:
    """Load and check the archive under ``root``; ``paths`` (relative, POSIX) narrow what is shown."""
    problems: list[Problem] = []
    archive = None
    try:
        archive = load_archive(root)
    except BulletinError as error:
        problems = list(error.problems)
    if archive is not None and ref:
        try:
            baseline = read_baseline(root, ref)
            fork = None if baseline.at_fork is baseline.at_ref else baseline.at_fork
            problems = compare_with_baseline(archive, baseline)
            problems += check_published_pages(archive, baseline.at_ref, fork, ref, root)
        except BulletinError as error:
            problems = list(error.problems)
    wanted = set(paths)
    for path in sorted(wanted):
        if not (root / path).is_file():
            problems.append(Problem(path, 1, "file", _("找不到这个文件：请检查路径和文件名是否写对")))
        elif not is_archive_file(path):
            message = _(
                "这个文件不属于稿件库，不会被检查：只检查 reports/<年份>/<编号>.md、reports/*.yml、content/*.md 和 mkdocs.yml"
            )
            problems.append(Problem(path, 1, "file", message))
    shown = tuple(p for p in problems if not wanted or p.path in wanted)
    return CheckResult(archive, shown, len(problems) - len(shown))
