"""Comparison with a Git ref: a published issue is permanent.

``check_against(root, ref)`` loads the archive at REF (the target branch) and at the
merge base of REF and HEAD, and refuses what a change must not do to what REF has
published: renumbering or removing a published issue, moving a report between issues,
changing a published issue's date, editing a published title or text without a new
``corrections`` entry, and putting new reports into an issue number REF already has.
Changes that REF made after the branch point (the merge brings them) are not blamed on
the change.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bulletin.archive import CONFIG_FILE, REPORTS_DIR, load_archive
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.model import Archive, Report


@dataclass(frozen=True)
class Baseline:
    """The archive at REF and at the merge base of REF and HEAD (the branch point)."""

    ref: str
    at_ref: Archive
    at_fork: Archive


def run_git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BulletinError([Problem(f"git {' '.join(args[:2])}", 0, "base", message[-1] if message else "git failed")])
    return result.stdout


def resolve_commit(root: Path, ref: str) -> str:
    try:
        return run_git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except BulletinError:
        raise BulletinError([Problem(ref, 0, "base", "not a commit in this repository (fetch it first?)")]) from None


def read_archive_at(root: Path, commit: str) -> Archive:
    """Load the archive as it is in ``commit`` (exported to a temporary folder)."""
    names = run_git(root, "ls-tree", "--name-only", commit).decode().split("\n")
    paths = [p for p in (CONFIG_FILE, REPORTS_DIR) if p in names]
    with tempfile.TemporaryDirectory(prefix="bulletin-base-") as folder:
        if paths:
            data = run_git(root, "archive", "--format=tar", commit, "--", *paths)
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                tar.extractall(folder, filter="data")
        try:
            return load_archive(folder)
        except BulletinError as error:
            raise BulletinError(
                [Problem(p.path, p.line, p.field, f"at {commit[:10]}: {p.message}") for p in error.problems]
            ) from None


def read_baseline(root: Path, ref: str) -> Baseline:
    commit = resolve_commit(root, ref)
    try:
        fork = run_git(root, "merge-base", commit, "HEAD").decode().strip()
    except BulletinError:
        fork = commit
    at_ref = read_archive_at(root, commit)
    at_fork = at_ref if fork == commit else read_archive_at(root, fork)
    return Baseline(ref, at_ref, at_fork)


def placement(report: Report | None) -> tuple:
    if report is None or report.issue is None:
        return ()
    return (report.series, report.date.year, report.issue, report.date)


def describe(archive: Archive, report: Report) -> str:
    if report.issue is None:
        return "pending (in no issue)"
    series = archive.settings.find_series(report.series)
    return f"{series.name if series else report.series} {report.date.year}年第{report.issue}期 ({report.date})"


def _same_text(a: Report, b: Report) -> bool:
    return a.title == b.title and a.body.strip() == b.body.strip()


def _shown(value) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def check_issue_numbers(head: Archive, base: Archive, fork: Archive, ref: str, problems: Problems) -> None:
    """A published issue keeps its 总第N期 and its series name (settings in mkdocs.yml)."""

    def key(issue):
        return (issue.series.key, issue.year, issue.number)

    head_issues = {key(i): i for i in head.issues}
    fork_issues = {key(i): i for i in fork.issues}
    reported: set[str] = set()
    for old in base.issues:
        new, forked = head_issues.get(key(old)), fork_issues.get(key(old))
        if new is None or old.series.key in reported:
            continue
        for what, value in (("total_offset", lambda i: i.total), ("name", lambda i: i.series.name)):
            if value(new) != value(old) and (forked is None or value(new) != value(forked)):
                reported.add(old.series.key)
                problems.add(
                    CONFIG_FILE,
                    1,
                    f"extra.bulletin.series.{old.series.key}.{what}",
                    f"{old.series.name} {old.year}年第{old.number}期 is published at {ref} as "
                    f"{old.series.name}（总第{old.total}期）, now {new.series.name}（总第{new.total}期）: "
                    "published issues keep their names and numbers",
                )
                break


def compare_with_baseline(head: Archive, baseline: Baseline) -> list[Problem]:
    """Every refusal of what ``head`` does to what ``baseline.ref`` has published."""
    ref, base, fork = baseline.ref, baseline.at_ref, baseline.at_fork
    problems = Problems()
    head_by_id = {r.id: r for r in head.reports}
    fork_by_id = {r.id: r for r in fork.reports}
    base_by_id = {r.id: r for r in base.reports}
    published_at_base: dict[tuple, set[str]] = {}
    for old in base.reports:
        if old.issue is None:
            continue
        published_at_base.setdefault(placement(old)[:3], set()).add(old.id)
        new, forked = head_by_id.get(old.id), fork_by_id.get(old.id)
        where = describe(base, old)
        if new is None:
            if forked is not None:
                problems.add(
                    old.path, 1, "file", f"removed, but it is published in {where} at {ref}; a published report stays"
                )
            continue
        if placement(new) != placement(old) and placement(new) != placement(forked):
            key = "date" if placement(new)[:3] == placement(old)[:3] else "issue"
            what = (
                "a published issue keeps its date"
                if key == "date"
                else "a published issue keeps its number and its reports"
            )
            problems.add(
                new.path, new.line_of(key), key, f"published in {where} at {ref}, now {describe(head, new)}: {what}"
            )

        def by_branch(value) -> bool:
            """The change is this branch's: head differs from REF and from the branch point."""
            return value(new) != value(old) and (forked is None or value(new) != value(forked))

        if by_branch(lambda r: r.path):
            problems.add(
                new.path,
                1,
                "file",
                f"published at {ref} as {old.path}: moving the file changes "
                f"the report's permanent address /reports/{old.year}/{old.id}/",
            )
        for key, what in (("units", "unit"), ("order", "order"), ("classification", "classification")):
            if by_branch(lambda r, key=key: getattr(r, key)):
                problems.add(
                    new.path,
                    new.line_of(what),
                    what,
                    f"published at {ref} with {what} {_shown(getattr(old, key))}: a published issue "
                    "is printed as it was; add a `corrections` note instead",
                )
        for key, name in (("instructions", "批示"), ("adoptions", "adoption"), ("corrections", "correction")):
            if by_branch(lambda r, key=key: set(getattr(old, key)) <= set(getattr(r, key))):
                problems.add(
                    new.path,
                    new.line_of(key),
                    key,
                    f"a {name} recorded at {ref} was removed or changed; entries are only ever added",
                )
        changed = not _same_text(new, old) and not (forked is not None and _same_text(new, forked))
        if changed and len(new.corrections) <= len(old.corrections):
            key, line = ("title", new.line_of("title")) if new.title != old.title else ("body", new.body_line)
            problems.add(
                new.path,
                line,
                key,
                f"the published {'title' if key == 'title' else 'text'} differs from {ref}: "
                "add a `corrections` entry (date, note) that says what was corrected",
            )
    check_issue_numbers(head, base, fork, ref, problems)
    for new in head.reports:
        taken = published_at_base.get(placement(new)[:3])
        old = base_by_id.get(new.id)
        if taken is not None and new.id not in taken and (old is None or old.issue is None):
            problems.add(
                new.path,
                new.line_of("issue"),
                "issue",
                f"{describe(head, new)} is already published at {ref} with other reports; "
                "schedule this report into the next free number (bulletin compose)",
            )
    return problems.items
