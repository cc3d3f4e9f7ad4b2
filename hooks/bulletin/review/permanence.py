"""Comparison with a Git ref: a published issue is permanent.

:func:`compare_with_baseline` takes the archive at REF (the target branch) and at the
merge base of REF and HEAD (:mod:`bulletin.review.baseline`), and refuses what a change must not do to what REF has
published: renumbering or removing a published issue, moving a report between issues,
changing a published issue's date, editing a published title or text without a new
``corrections`` entry, and putting new reports into an issue number REF already has; deleting
or rewriting an item of the submissions ledger of a month that is over (its result may change).
Changes that REF made after the branch point (the merge brings them) are not blamed on
the change. A report put into a number REF has published meanwhile is refused with the
command that moves it (``bulletin compose --renumber``, :mod:`bulletin.commands.renumber`);
after a rebase, the numbering problems such a collision causes on REF's files are replaced
by that refusal on the branch's file (:func:`blame_branch`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from bulletin.addresses import page_url, report_src
from bulletin.archive import CONFIG_FILE
from bulletin.errors import Problem, Problems
from bulletin.i18n import _
from bulletin.labels import issue_label, number_label, total_label
from bulletin.model import Archive, Event, Issue, Report, Submission
from bulletin.review.baseline import Baseline
from bulletin.times import build_date, write_moment


def placement(report: Report | None) -> tuple[object, ...]:
    """(series, year, number, date) of a published report; () for a pending or missing one."""
    if report is None or report.placement is None:
        return ()
    placed = report.placement
    return (report.series, placed.year, placed.number, placed.date)


def describe(archive: Archive, report: Report) -> str:
    placed = report.placement
    if placed is None:
        return _("待排期（不在任何一期）")
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
                    _(
                        "{issue} 已在 {ref} 上以{old}发布，现在成了{new}：已发布的期保留原来的刊名和期号；"
                        "请把 mkdocs.yml 里的这一项改回去"
                    ).format(
                        issue=f"{old.series.name} {issue_label(old)}",
                        ref=ref,
                        old=f"{old.series.name}（{total_label(old)}）",
                        new=f"{new.series.name}（{total_label(new)}）",
                    ),
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
                    old.path,
                    1,
                    "file",
                    _("这篇报告已在 {ref} 上发布于{where}，却被删除了：已发布的报告不能删除；请恢复这个文件").format(
                        ref=ref, where=where
                    ),
                )
            continue
        if placement(new) != placement(old) and placement(new) != placement(forked):
            key = "date" if placement(new)[:3] == placement(old)[:3] else "issue"
            message = (
                _("已在 {ref} 上发布于{where}，现在是{now}：已发布的期不能改日期；请把 date 改回原来的日期")
                if key == "date"
                else _(
                    "已在 {ref} 上发布于{where}，现在是{now}：已发布的期不能改期号，也不能增减报告；"
                    "请把 issue、date、order 改回原样"
                )
            )
            problems.add(new.path, new.line_of(key), key, message.format(ref=ref, where=where, now=describe(head, new)))

        if changed_by_branch(lambda r: r.path, new, old, forked):
            problems.add(
                new.path,
                1,
                "file",
                _("已在 {ref} 上以 {old} 发布：移动文件会改变这篇报告的永久网址 {url}；请把文件移回原处").format(
                    ref=ref, old=old.path, url=page_url(report_src(old))
                ),
            )
        for what, printed in PRINTED_AS:
            if changed_by_branch(printed, new, old, forked):
                problems.add(
                    new.path,
                    new.line_of(what),
                    what,
                    _(
                        "在 {ref} 上发布时 {field} 是 {value}：已发布的期按发布时的样子保存；"
                        "请改回原来的值，需要更正时在 corrections 里加一条说明"
                    ).format(ref=ref, field=what, value=_shown(printed(old))),
                )
        for key, removed in (
            ("instructions", _("{ref} 上已记录的批示被删除或改动了：这些记录只能增加，不能删改；请恢复原来的记录")),
            ("adoptions", _("{ref} 上已记录的采用情况被删除或改动了：这些记录只能增加，不能删改；请恢复原来的记录")),
            ("corrections", _("{ref} 上已记录的更正被删除或改动了：这些记录只能增加，不能删改；请恢复原来的记录")),
        ):
            if changed_by_branch(entries_kept(old, key), new, old, forked):
                problems.add(new.path, new.line_of(key), key, removed.format(ref=ref))
        check_emergency(new, old, forked, ref, problems)
        changed = not _same_text(new, old) and not (forked is not None and _same_text(new, forked))
        if changed and len(new.corrections) <= len(old.corrections):
            key, line = ("title", new.line_of("title")) if new.title != old.title else ("body", new.body_line)
            differs = (
                _("已发布的标题与 {ref} 上的不同：请在 corrections 里加一条（date、note），说明更正了什么")
                if key == "title"
                else _("已发布的正文与 {ref} 上的不同：请在 corrections 里加一条（date、note），说明更正了什么")
            )
            problems.add(new.path, line, key, differs.format(ref=ref))
    check_issue_numbers(head, base, fork, ref, problems)
    check_event_facts(head, baseline, problems)
    check_ledger_items(head, baseline, build_date(), problems)
    problems.items.extend(find_collisions(head.reports, baseline))
    return problems.items


def write_value(value: object) -> str:
    """A value of an emergency record or an event as the files write it."""
    if value is None:
        return _("（未写）")
    if hasattr(value, "strftime"):
        return write_moment(value)  # type: ignore[arg-type]
    return str(value)


def check_emergency(new: Report, old: Report, forked: Report | None, ref: str, problems: Problems) -> None:
    """A published 紧急信息 report keeps its event, stage and time reported (the timeliness of the
    office's record is judged by them) unless a new ``corrections`` entry says what was corrected."""
    if len(new.corrections) > len(old.corrections):
        return
    for key in ("event", "stage", "reported"):

        def value(report: Report, key: str = key) -> object:
            if report.emergency is None:
                return None
            return report.emergency.label if key == "stage" else getattr(report.emergency, key)

        if changed_by_branch(value, new, old, forked):
            problems.add(
                new.path,
                new.line_of("emergency"),
                f"emergency.{key}",
                _(
                    "在 {ref} 上发布时 emergency.{key} 是 {value}：已发布的紧急信息的事件、阶段和报告时间是时效考核的依据，"
                    "不能改动；请改回原来的值，确需更正时在 corrections 里加一条说明（date、note）"
                ).format(ref=ref, key=key, value=write_value(value(old))),
            )


# The facts of an event its published reports are judged by (bulletin.figures.timeliness).
EVENT_FACTS = (
    "name",
    "type",
    "grade",
    "place",
    "unit",
    "occurred",
    "unit_learned",
    "office_learned",
    "phoned",
    "ended",
)


def check_event_facts(head: Archive, baseline: Baseline, problems: Problems) -> None:
    """An event with a report published at REF keeps its file and its facts: a fact REF has may
    change only with a new entry in the event's ``corrections``; a fact REF has not recorded yet
    (``ended``, ``phoned`` …) and a new grade change may be added. Recorded grade changes and
    corrections are never removed."""
    ref, base, fork = baseline.ref, baseline.at_ref, baseline.at_fork
    published = {r.emergency.event for r in base.reports if r.placement is not None and r.emergency is not None}
    head_events = {e.id: e for e in head.events}
    fork_events = {e.id: e for e in fork.events}
    for old in base.events:
        if old.id not in published:
            continue
        new, forked = head_events.get(old.id), fork_events.get(old.id)
        if new is None or new.path != old.path:
            if forked is not None and (new is None or new.path != forked.path):
                problems.add(
                    new.path if new is not None else old.path,
                    1,
                    "file",
                    _(
                        "事件 {id} 在 {ref} 上已有发布的报告，它的文件 {path} 不能删除或移动"
                        "（事件页的网址和报告的时效都靠它）：请恢复这个文件"
                    ).format(id=old.id, ref=ref, path=old.path),
                )
            continue
        corrected = len(new.corrections) > len(old.corrections)
        for key in EVENT_FACTS:

            def value(event: Event, key: str = key) -> object:
                return getattr(event, key)

            if value(old) is None or corrected:
                continue  # recorded now for the first time, or corrected with a note
            if value(new) != value(old) and (forked is None or value(new) != value(forked)):
                problems.add(
                    new.path,
                    new.line_of(key) if value(new) is not None else 1,
                    key,
                    _(
                        "事件已有在 {ref} 上发布的报告，当时 {key} 是 {value}：事件的事实是时效考核的依据，不能悄悄改动；"
                        "请改回原来的值，确需更正时在事件文件的 corrections 里加一条（date、note），说明更正了什么"
                    ).format(ref=ref, key=key, value=write_value(value(old))),
                )
        for key, kept in (("changes", corrected), ("corrections", False)):
            before, now = set(getattr(old, key)), set(getattr(new, key))
            then = set(getattr(forked, key)) if forked is not None else None
            if not kept and not before <= now and (then is None or not then <= now):
                message = (
                    _(
                        "{ref} 上已记录的等级调整被删除或改动了：已有发布报告的事件，这些记录只能增加；"
                        "请恢复原来的记录，确需更正时在 corrections 里加一条说明"
                    )
                    if key == "changes"
                    else _("{ref} 上已记录的更正被删除或改动了：这些记录只能增加，不能删改；请恢复原来的记录")
                )
                problems.add(new.path, new.line_of(key), key, message.format(ref=ref))


def check_ledger_items(head: Archive, baseline: Baseline, today: dt.date, problems: Problems) -> None:
    """An item of the submissions ledger received in a month that is over (its notice has gone
    out, counting it) stays: it may not be deleted, nor its unit, date received, title or kind
    changed. What became of it may change (result, reports, by): an item is often adopted, or
    adopted by a higher office, weeks after it arrived."""
    month = (today.year, today.month)

    def identity(item: Submission) -> tuple[object, ...]:
        return (item.unit, item.received, item.title, item.kind)

    head_items = {identity(i) for i in head.items}
    fork_items = {identity(i) for i in baseline.at_fork.items}
    files = {i.path for i in head.items}
    for old in baseline.at_ref.items:
        if old.month >= month or identity(old) in head_items or identity(old) not in fork_items:
            continue
        problems.add(
            old.path,
            1 if old.path in files else 0,
            f"[{old.number}]",
            _(
                "{ref} 上登记的稿件“{title}”（{date}收到）不见了，或它的单位、收到日期、标题、类别被改动了："
                "{year}年{month}月已经过去，这个月的通报已按它统计；请恢复这一条（结果 result 可以改）"
            ).format(
                ref=baseline.ref,
                title=old.title,
                date=old.received.isoformat(),
                year=old.received.year,
                month=old.received.month,
            ),
        )


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
    colliding: dict[tuple[object, ...], list[Report]] = {}
    for report in reports:
        taken = published.get(placement(report)[:3])
        before = base_by_id.get(report.id)
        if not taken or any(r.id == report.id for r in taken) or (before is not None and before.placement):
            continue
        colliding.setdefault(placement(report)[:3], []).append(report)
    problems = []
    for report in (r for group in colliding.values() for r in group):
        taken = published[placement(report)[:3]]
        placed, dated = report.placement, min(taken, key=lambda r: r.path).placement
        assert placed is not None and dated is not None
        series = base.settings.find_series(report.series)
        name = f"《{series.name if series else report.series}》{number_label(placed.year, placed.number)}"
        # Without REF's reports of that issue, the branch is behind REF: merge first, then move.
        behind = any(is_behind(r, head_by_id.get(r.id), fork_by_id.get(r.id)) for r in taken)
        # All of the branch's reports of that issue in one command: moved one by one, the
        # first would be refused for the others still sharing REF's number.
        moved = " ".join(r.path for r in colliding[placement(report)[:3]])
        command = f"{RENUMBER_COMMAND} {moved} --base {ref}"
        message = (
            _(
                "本分支把这篇报告排在{issue}（{date}），但 {ref} 上已经发布了{issue}（{published}，收有 {files}）："
                "两个分支用了同一个期号。请先把 {ref} 合并进本分支（git rebase {ref} 或 git merge {ref}），"
                "再运行 {command}，把它改排到下一个空期号"
            )
            if behind
            else _(
                "本分支把这篇报告排在{issue}（{date}），但 {ref} 上已经发布了{issue}（{published}，收有 {files}）："
                "两个分支用了同一个期号。请运行 {command}，把它改排到下一个空期号"
            )
        )
        problems.append(
            Problem(
                report.path,
                report.line_of("issue"),
                "issue",
                message.format(
                    issue=name,
                    date=placed.date,
                    ref=ref,
                    published=dated.date,
                    files="、".join(r.path for r in taken),
                    command=command,
                ),
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
