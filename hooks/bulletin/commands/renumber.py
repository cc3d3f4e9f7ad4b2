"""`bulletin compose --renumber`: move reports to the next free number when two branches took the same.

Two editors compose the next issue on two branches; the first to merge publishes it, and
the second branch's issue now has a number the base (``--base``, the target branch) has
already published. This moves the second branch's reports, scheduled on the branch but
not published on the base, to the next free number of their series and year: their
``issue``, ``date`` and ``order`` lines are rewritten in place (every other byte stays),
all files of the command or none (:mod:`bulletin.commands.writing`). A report the base has
published is never moved: a published issue is permanent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bulletin.archive import load_archive, load_registers, load_reports
from bulletin.check.numbering import sort_issue_reports
from bulletin.commands.compose import add_schedule_lines
from bulletin.commands.writing import replace_files
from bulletin.errors import BulletinError, Problems
from bulletin.i18n import _
from bulletin.labels import number_label
from bulletin.model import Report
from bulletin.read.reportfile import read_report
from bulletin.review.baseline import Baseline, read_baseline, resolve_commit
from bulletin.review.permanence import compare_with_baseline, describe, is_behind, placement

DEFAULT_BASES = ("origin/main", "main")


@dataclass(frozen=True)
class Move:
    report: Report
    number: int
    date: dt.date
    order: int
    text: str  # the new file text


@dataclass(frozen=True)
class Renumbering:
    ref: str
    moves: tuple[Move, ...]


def find_default_base(root: Path) -> str:
    """origin/main when the repository has it, otherwise main."""
    for ref in DEFAULT_BASES:
        try:
            resolve_commit(root, ref)
        except BulletinError:
            continue
        return ref
    return DEFAULT_BASES[-1]


def rewrite_schedule_lines(text: str, values: dict[str, str]) -> str:
    """The front matter with the value of each key of ``values`` replaced on its own line
    (a comment after it kept); a key that is not there is added before the closing fence."""
    lines = text.split("\n")  # each line keeps its own "\r", if the file has them
    missing = dict(values)
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r").rstrip() in ("---", "..."):
            break
        match = re.fullmatch(r"([a-z]+)([ \t]*:[ \t]*)[^#\r]*?(\s+#[^\r]*)?(\r?)", line)
        if match and match[1] in missing:
            value = missing.pop(match[1])
            lines[index] = f"{match[1]}: {value}{match[3] or ''}{match[4]}"
    new_text = "\n".join(lines)
    return add_schedule_lines(new_text, [f"{k}: {v}" for k, v in missing.items()]) if missing else new_text


def plan_renumbering(root: Path, paths: list[str], ref: str, day: dt.date | None) -> tuple[Renumbering, Baseline]:
    """Work out the new numbers and file texts; nothing is written. BulletinError with every
    reason a file cannot be moved."""
    settings = load_registers(root)[0]
    read_problems = Problems()
    reports = load_reports(root, settings.series[0].key, read_problems)
    baseline = read_baseline(root, ref)
    base = baseline.at_ref
    base_by_id = {r.id: r for r in base.reports}
    by_path = {r.path: r for r in reports}
    problems = Problems()
    moving: list[Report] = []
    for path in paths:
        report = by_path.get(path)
        if report is None:
            own = [p for p in read_problems.items if p.path == path]
            problems.items.extend(own)
            if not own:
                problems.add(path, 1, "file", _("不是本档案的报告（报告放在 reports/<年份>/<编号>.md）"))
        elif report.placement is None:
            problems.add(
                path,
                1,
                "issue",
                _("这篇报告还没有排期，不用改期号；要把它排入下一期，请运行 bulletin compose {path}").format(path=path),
            )
        elif (before := base_by_id.get(report.id)) is not None and before.placement is not None:
            problems.add(
                path,
                report.line_of("issue"),
                "issue",
                _(
                    "已经在 {ref} 上发布于{where}：已发布的期号不能改动；--renumber 只改本分支排了期、{ref} 上还没有发布的报告"
                ).format(ref=ref, where=describe(base, before)),
            )
        elif report in moving:
            problems.add(path, 1, "file", _("这个文件给了两次"))
        else:
            moving.append(report)
    problems.raise_if_any()

    staying = [r for r in reports if r not in moving and r.placement is not None]
    head_by_id = {r.id: r for r in reports}
    fork_by_id = {r.id: r for r in baseline.at_fork.reports}
    groups: dict[tuple[str, int, int], list[Report]] = defaultdict(list)
    for report in moving:
        assert report.placement is not None
        groups[(report.series, report.placement.year, report.placement.number)].append(report)
    next_free: dict[tuple[str, int], int] = {}
    moves: list[Move] = []
    for key in sorted(groups):
        members = sort_issue_reports(groups[key])
        first = members[0]
        assert first.placement is not None
        date = day or first.placement.date
        series_key, year = first.series, date.year
        series = settings.find_series(series_key)
        name = series.name if series else series_key
        others = [r for r in base.reports if r.placement is not None and placement(r)[:2] == (series_key, year)]
        behind = sorted(
            {
                r.placement.number
                for r in others
                if r.placement is not None and is_behind(r, head_by_id.get(r.id), fork_by_id.get(r.id))
            }
        )
        if behind:
            shown = "、".join(_("第{number}期").format(number=n) for n in behind)
            problems.add(
                first.path,
                first.line_of("issue"),
                "issue",
                _(
                    "本分支还没有 {ref} 上已发布的《{name}》{year}年{numbers}：请先把 {ref} 合并进本分支"
                    "（git rebase {ref} 或 git merge {ref}），再运行 bulletin compose --renumber"
                ).format(ref=ref, name=name, year=year, numbers=shown),
            )
            continue
        around = [
            r.placement
            for r in [*others, *staying]
            if r.placement is not None and placement(r)[:2] == (series_key, year)
        ]
        number = next_free.get((series_key, year)) or max((p.number for p in around), default=0) + 1
        next_free[(series_key, year)] = number + 1
        latest = max((p.date for p in around), default=None)
        if latest is not None and date < latest:
            problems.add(
                first.path,
                first.line_of("date"),
                "date",
                _(
                    "改排到《{name}》{issue}后，日期 {date} 早于这一年已有的最近一期（{latest}）："
                    "期号往后排，日期不能往前；请用 --date 给一个不早于 {latest} 的日期"
                ).format(name=name, issue=number_label(year, number), date=date, latest=latest),
            )
            continue
        for order, report in enumerate(members, start=1):
            values = {"issue": str(number), "date": date.isoformat(), "order": str(order)}
            text = (root / report.path).read_bytes().decode("utf-8")
            new_text = rewrite_schedule_lines(text, values)
            check = Problems()
            read = read_report(report.path, new_text, settings.series[0].key, check)
            if read is None or read.placement is None or read.placement.number != number:
                problems.add(
                    report.path,
                    report.line_of("issue"),
                    "front matter",
                    _("只能改写一行一个键的写法（issue: 3）；请把 issue、date、order 各写一行后重试"),
                )
                continue
            moves.append(Move(report, number, date, order, new_text))
    problems.raise_if_any()
    return Renumbering(ref, tuple(moves)), baseline


def apply_renumbering(root: Path, plan: Renumbering, baseline: Baseline) -> None:
    """Write every file (all or none), then check the archive and compare it with the base
    again; on any problem put every file back and raise it."""
    originals = {m.report.path: (root / m.report.path).read_bytes() for m in plan.moves}
    replace_files(root, {m.report.path: m.text.encode("utf-8") for m in plan.moves})
    try:
        archive = load_archive(root)
        moved = {m.report.path for m in plan.moves}
        left = [p for p in compare_with_baseline(archive, baseline) if p.path in moved]
        if left:
            raise BulletinError(left)
    except BulletinError:
        replace_files(root, originals)
        raise


def describe_move(move: Move, settings_name: str) -> str:
    placed = move.report.placement
    before = number_label(placed.year, placed.number) if placed else ""
    return _("{path}：《{name}》{before} → {after}（{date}），第{order}篇").format(
        path=move.report.path,
        name=settings_name,
        before=before,
        after=number_label(move.date.year, move.number),
        date=move.date,
        order=move.order,
    )
