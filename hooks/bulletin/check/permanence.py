"""Comparison with a Git ref: a published issue is permanent.

:func:`compare_with_baseline` takes the archive at REF (the target branch) and at the
merge base of REF and HEAD (:mod:`bulletin.baseline`), and refuses what a change must not do to what REF has
published: renumbering or removing a published issue, moving a report between issues,
changing a published issue's date, editing a published title or text without a new
``corrections`` entry, and putting new reports into an issue number REF already has.
Changes that REF made after the branch point (the merge brings them) are not blamed on
the change. A report put into a number REF has published meanwhile is refused with the
command that moves it (``bulletin compose --renumber``, :mod:`bulletin.commands.renumber`);
after a rebase, the numbering problems such a collision causes on REF's files are replaced
by that refusal on the branch's file (:func:`blame_branch`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bulletin.archive import CONFIG_FILE
from bulletin.baseline import Baseline
from bulletin.errors import Problem, Problems
from bulletin.model import Archive, Issue, Report
from bulletin.render.addresses import page_url, report_src
from bulletin.render.labels import issue_label, number_label, total_label


def placement(report: Report | None) -> tuple[object, ...]:
    """(series, year, number, date) of a published report; () for a pending or missing one."""
    if report is None or report.placement is None:
        return ()
    placed = report.placement
    return (report.series, placed.year, placed.number, placed.date)


def describe(archive: Archive, report: Report) -> str:
    placed = report.placement
    if placed is None:
        return "pending (in no issue)"
    series = archive.settings.find_series(report.series)
    return f"{series.name if series else report.series} {number_label(placed.year, placed.number)} ({placed.date})"


def _same_text(a: Report, b: Report) -> bool:
    return a.title == b.title and a.body.strip() == b.body.strip()


def _shown(value: object) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def check_issue_numbers(head: Archive, base: Archive, fork: Archive, ref: str, problems: Problems) -> None:
    """A published issue keeps its 总第N期 and its series name (settings in mkdocs.yml)."""

    def key(issue: Issue) -> tuple[str, int, int]:
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
                    f"{old.series.name} {issue_label(old)} is published at {ref} as "
                    f"{old.series.name}（{total_label(old)}）, now {new.series.name}（{total_label(new)}）: "
                    "published issues keep their names and numbers",
                )
                break


# What a published report is printed with, besides its text: changed only by a correction note.
PRINTED_AS: tuple[tuple[str, Callable[[Report], object]], ...] = (
    ("unit", lambda r: r.units),
    ("order", lambda r: r.placement.order if r.placement else None),
    ("classification", lambda r: r.classification),
)


def changed_by_branch(value: Callable[[Report], object], new: Report, old: Report, forked: Report | None) -> bool:
    """The change is this branch's: head differs from REF and from the branch point."""
    return value(new) != value(old) and (forked is None or value(new) != value(forked))


def entries_kept(old: Report, key: str) -> Callable[[Report], bool]:
    """Whether a report still has every entry (批示, adoption, correction) ``old`` had."""
    return lambda report: set(getattr(old, key)) <= set(getattr(report, key))


def compare_with_baseline(head: Archive, baseline: Baseline) -> list[Problem]:
    """Every refusal of what ``head`` does to what ``baseline.ref`` has published."""
    ref, base, fork = baseline.ref, baseline.at_ref, baseline.at_fork
    problems = Problems()
    head_by_id = {r.id: r for r in head.reports}
    fork_by_id = {r.id: r for r in fork.reports}
    published_at_base: dict[tuple, set[str]] = {}
    for old in base.reports:
        if old.placement is None:
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

        if changed_by_branch(lambda r: r.path, new, old, forked):
            problems.add(
                new.path,
                1,
                "file",
                f"published at {ref} as {old.path}: moving the file changes "
                f"the report's permanent address {page_url(report_src(old))}",
            )
        for what, printed in PRINTED_AS:
            if changed_by_branch(printed, new, old, forked):
                problems.add(
                    new.path,
                    new.line_of(what),
                    what,
                    f"published at {ref} with {what} {_shown(printed(old))}: a published issue "
                    "is printed as it was; add a `corrections` note instead",
                )
        for key, name in (("instructions", "批示"), ("adoptions", "adoption"), ("corrections", "correction")):
            if changed_by_branch(entries_kept(old, key), new, old, forked):
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
    problems.items.extend(find_collisions(head.reports, baseline))
    return problems.items


RENUMBER_COMMAND = "bulletin compose --renumber"
NUMBERING_FIELDS = ("issue", "date", "order")


def is_behind(old: Report, new: Report | None, forked: Report | None) -> bool:
    """Whether REF scheduled ``old`` after the branch point and the branch does not have that
    yet (it has the report as it was at the branch point, or not at all)."""
    return placement(new) != placement(old) and placement(new) == placement(forked)


def find_collisions(reports: Iterable[Report], baseline: Baseline) -> list[Problem]:
    """The branch's reports scheduled into an issue number REF has already published with
    other reports (two branches took the same number), each with the command that moves it."""
    ref, base = baseline.ref, baseline.at_ref
    reports = tuple(reports)
    base_by_id = {r.id: r for r in base.reports}
    published: dict[tuple[object, ...], list[Report]] = {}
    for old in base.reports:
        if old.placement is not None:
            published.setdefault(placement(old)[:3], []).append(old)
    head_by_id = {r.id: r for r in reports}
    fork_by_id = {r.id: r for r in baseline.at_fork.reports}
    problems = []
    for report in reports:
        taken = published.get(placement(report)[:3])
        before = base_by_id.get(report.id)
        if not taken or any(r.id == report.id for r in taken) or (before is not None and before.placement):
            continue
        placed, dated = report.placement, min(taken, key=lambda r: r.path).placement
        assert placed is not None and dated is not None
        series = base.settings.find_series(report.series)
        name = f"《{series.name if series else report.series}》{number_label(placed.year, placed.number)}"
        # Without REF's reports of that issue, the branch is behind REF: merge first, then move.
        behind = any(is_behind(r, head_by_id.get(r.id), fork_by_id.get(r.id)) for r in taken)
        first = "" if not behind else f"请先把 {ref} 合并进本分支（git rebase {ref} 或 git merge {ref}），再"
        problems.append(
            Problem(
                report.path,
                report.line_of("issue"),
                "issue",
                f"本分支把这篇报告排在{name}（{placed.date}），但 {ref} 上已经发布了{name}（{dated.date}，"
                f"收有 {'、'.join(r.path for r in taken)}）：两个分支用了同一个期号。"
                f"{first or '请'}运行 {RENUMBER_COMMAND} {report.path} --base {ref}，把它改排到下一个空期号",
            )
        )
    return problems


def blame_branch(problems: Iterable[Problem], reports: Iterable[Report], baseline: Baseline) -> list[Problem]:
    """The problems of a branch whose archive does not load, blamed on the branch's own changes.

    After a rebase onto a REF that published the issue number the branch had taken, the
    issue has reports of both, and the numbering checks (one date, distinct orders, dates
    in order) fall on REF's files as much as on the branch's, with REF's date shown as the
    branch's. Those problems, in the series and year of a collision, are replaced by the
    collision itself, on the branch's file, with the command that resolves it."""
    reports = tuple(reports)
    collisions = find_collisions(reports, baseline)
    if not collisions:
        return list(problems)
    by_path = {r.path: r for r in reports}
    collided = {placement(by_path[p.path])[:2] for p in collisions}

    def explained(problem: Problem) -> bool:
        report = by_path.get(problem.path)
        if problem.field not in NUMBERING_FIELDS or report is None or report.placement is None:
            return False
        return placement(report)[:2] in collided

    return [p for p in problems if not explained(p)] + collisions
