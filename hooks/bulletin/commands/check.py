"""`bulletin check`: validate the archive without building, optionally against a Git ref.

Every check of the build runs (the archive is loaded as the build loads it); with
``--base REF`` the change is also compared with what REF has published
(:mod:`bulletin.review.permanence` for the reports, :mod:`bulletin.review.published_pages`
for every other change that alters a published page). Given files, only their problems are shown; the others
are counted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bulletin.archive import is_archive_file, load_archive, load_registers, load_reports
from bulletin.commands.build import BUILDS_DIR
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.i18n import _
from bulletin.model import Archive
from bulletin.review.baseline import read_baseline
from bulletin.review.permanence import blame_branch, compare_with_baseline
from bulletin.review.published_pages import check_published_pages

# What a build writes into the checkout (ignored by .gitignore, never committed): the builds
# and the live link of `bulletin build`, the search index cache. The next build trusts them:
# a cached index is published as it is (its scripts included), and what is in .site-builds/
# is removed, through a link too. So a change that adds one is refused.
BUILD_OUTPUTS = (BUILDS_DIR, ".cache", "site")


def find_build_outputs(root: Path, changed_files: tuple[str, ...]) -> list[Problem]:
    """One problem for each build output the change adds (or alters), at its first file."""
    first: dict[str, str] = {}
    for path in changed_files:
        top = path.split("/")[0]
        if top in BUILD_OUTPUTS and os.path.lexists(root / path):
            first.setdefault(top, path)
    return [
        Problem(
            path,
            1,
            "file",
            _(
                "{top} 是生成网站时自动产生的（生成结果或缓存），不能提交到仓库：下一次生成会直接使用或删除其中的内容。"
                "请撤销这些文件（git rm -r --cached {top}），不要提交它们"
            ).format(top=top),
        )
        for top, path in sorted(first.items())
    ]


@dataclass(frozen=True)
class CheckResult:
    archive: Archive | None  # None when it could not be loaded
    problems: tuple[Problem, ...]  # the problems to show (of the given files, or all)
    elsewhere: int  # problems in files that were not asked about


def blame_branch_or_keep(root: Path, ref: str, problems: list[Problem]) -> list[Problem]:
    """The problems of an archive that does not load, with those a collision with REF explains
    replaced by the collision (:func:`bulletin.review.permanence.blame_branch`); as they are
    when REF or the reports cannot be read."""
    try:
        settings, _ = load_registers(root)
        reports = load_reports(root, settings.series[0].key, Problems())
        return blame_branch(problems, reports, read_baseline(root, ref))
    except BulletinError:
        return problems


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
            problems += find_build_outputs(root, baseline.changed_files)
        except BulletinError as error:
            problems = list(error.problems)
    elif ref:
        problems = blame_branch_or_keep(root, ref, problems)
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
