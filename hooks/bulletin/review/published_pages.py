"""Changes that alter a published page, judged by what a reader would see.

The report rules (:mod:`bulletin.review.permanence`) judge what a report file does to its
own record: its issue, file, units, order, marking, text (with a correction), 批示,
adoptions and corrections. Everything else a published page is made of is judged here by
its effect: the publication settings in mkdocs.yml (the office, a series' 报/送/发 and
责任编辑/审核/签发), the unit registry (a unit's name) and a report's other fields
(category, keywords, authors).

The pages of the issues and reports published at REF are rendered with the same render
code as the build, once as REF has them and once with the branch's other changes applied;
every page that comes out different is named with the change that alters it. Each change
is one field of one thing (``extra.bulletin.series.jrxx.signer``, ``yunling.name``,
``tags`` of one report), found by comparing every field of the dataclasses, not from a
list. A change counts only when it is the branch's own: its value differs from REF and
from the branch point (what REF changed after it, the merge brings). Only the pages whose
inputs a change touches are rendered: a report's fields touch its page and its issue's
page, a unit touches the pages of the reports it (or a member unit) signs, a series
setting touches that series' pages, any other setting every published page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from yaml.nodes import Node

from bulletin.addresses import issue_src, page_url, report_src
from bulletin.archive import CONFIG_FILE, UNITS_FILE
from bulletin.errors import Problem, Problems
from bulletin.i18n import _
from bulletin.model import Archive, Issue, IssueDetails, Report, Series, Settings, Unit
from bulletin.pages.issues import render_issue_page
from bulletin.pages.reports import render_report_page
from bulletin.read.issuedetails import ISSUES_DIR
from bulletin.read.settings import SETTINGS_KEY, find_node
from bulletin.read.yamlreader import Place, compose_yaml

# Fields of a published report that the report rules judge (permanence.py): not judged here.
JUDGED_BY_REPORT_RULES = frozenset(
    {
        "id",
        "year",
        "path",
        "series",
        "placement",
        "title",
        "body",
        "body_line",
        "units",
        "classification",
        "instructions",
        "adoptions",
        "corrections",
        "lines",
    }
)
# Fields of a series that check_issue_numbers judges (its name and 总第N期).
JUDGED_SERIES_FIELDS = frozenset({"key", "name", "total_offset"})
SHOWN_PAGES = 3  # addresses named in a message; the rest are counted
# Report fields whose changes are found here (bulletin diff lists the pages they alter) but
# refused by the report rules, with the key and the value published: a 紧急信息 report's event,
# stage and time (permanence.check_emergency).
REFUSED_BY_REPORT_RULES = frozenset({"emergency"})


@dataclass(frozen=True)
class PageInputs:
    """What the published pages are made of, besides the render code."""

    settings: Settings
    units: Mapping[str, Unit]
    reports: Mapping[str, Report]  # published report id -> report
    details: Mapping[str, IssueDetails | None] = field(default_factory=dict)  # issue src -> its details


@dataclass(frozen=True)
class Change:
    """One field of one thing changed by the branch, and the pages it may alter."""

    path: str  # the file it is in
    field: str  # e.g. extra.bulletin.office, yunling.name, tags
    line: int
    apply: Callable[[PageInputs], PageInputs]
    reports: frozenset[str] | None  # ids of the reports whose pages it may alter; None: every page
    corrected: bool = False  # a report field changed together with a new `corrections` entry


@dataclass(frozen=True)
class AlteredPages:
    """A change and the published pages (their addresses) it alters."""

    change: Change
    pages: tuple[str, ...]

    def describe(self) -> str:
        """'3 个页面（/a/、/b/、/c/）', with at most SHOWN_PAGES addresses."""
        shown = _("、").join(self.pages[:SHOWN_PAGES])
        if len(self.pages) > SHOWN_PAGES:
            return _("{count} 个页面（{pages} 等）").format(count=len(self.pages), pages=shown)
        return _("{count} 个页面（{pages}）").format(count=len(self.pages), pages=shown)


def differing_fields(old: Any, new: Any, skip: frozenset[str] = frozenset()) -> list[str]:
    """The names of the dataclass fields in which ``old`` and ``new`` differ."""
    return [f.name for f in fields(old) if f.name not in skip and getattr(old, f.name) != getattr(new, f.name)]


def by_branch(old: object, new: object, forked: object | None, name: str) -> bool:
    """Whether field ``name`` changed on the branch: new differs from REF and from the branch point."""
    value = getattr(new, name)
    return value != getattr(old, name) and (forked is None or value != getattr(forked, name))


# --- the changes of the branch --------------------------------------------------------------


def _set_setting(name: str, value: Any) -> Callable[[PageInputs], PageInputs]:
    return lambda inputs: replace(inputs, settings=replace(inputs.settings, **{name: value}))


def _set_series(key: str, name: str, value: Any) -> Callable[[PageInputs], PageInputs]:
    def apply(inputs: PageInputs) -> PageInputs:
        series = tuple(replace(s, **{name: value}) if s.key == key else s for s in inputs.settings.series)
        return replace(inputs, settings=replace(inputs.settings, series=series))

    return apply


def _set_unit(key: str, name: str, value: Any) -> Callable[[PageInputs], PageInputs]:
    return lambda inputs: replace(inputs, units={**inputs.units, key: replace(inputs.units[key], **{name: value})})


def _set_report(report_id: str, name: str, value: Any) -> Callable[[PageInputs], PageInputs]:
    return lambda inputs: replace(
        inputs, reports={**inputs.reports, report_id: replace(inputs.reports[report_id], **{name: value})}
    )


def find_settings_changes(base: Archive, head: Archive, fork: Archive | None, lines: LineFinder) -> list[Change]:
    changes = []
    old, new, forked = base.settings, head.settings, fork.settings if fork else None
    for name in differing_fields(old, new, frozenset({"series"})):
        if by_branch(old, new, forked, name):
            field = f"{SETTINGS_KEY}.{name}"
            changes.append(
                Change(CONFIG_FILE, field, lines(CONFIG_FILE, field), _set_setting(name, getattr(new, name)), None)
            )
    for series in old.series:
        now = new.find_series(series.key)
        then = forked.find_series(series.key) if forked else None
        if now is None:
            continue  # a removed series: its published reports are refused by the report rules
        touched = frozenset(r.id for i in base.issues_of(series.key) for r in i.reports)
        for name in differing_fields(series, now, JUDGED_SERIES_FIELDS):
            if by_branch(series, now, then, name):
                field = f"{SETTINGS_KEY}.series.{series.key}.{name}"
                apply = _set_series(series.key, name, getattr(now, name))
                changes.append(Change(CONFIG_FILE, field, lines(CONFIG_FILE, field), apply, touched))
    return changes


def find_unit_changes(base: Archive, head: Archive, fork: Archive | None, lines: LineFinder) -> list[Change]:
    changes = []
    for key, unit in base.units.items():
        now = head.units.get(key)
        if now is None:
            continue  # a unit no published report names any more (or the loader refused the archive)
        members = {key} | {k for k, u in base.units.items() if u.parent == key}
        touched = frozenset(r.id for r, _ in base.published() if members & set(r.units))
        for name in differing_fields(unit, now):
            if by_branch(unit, now, fork.units.get(key) if fork else None, name):
                field = f"{key}.{name}"
                apply = _set_unit(key, name, getattr(now, name))
                changes.append(Change(UNITS_FILE, field, lines(UNITS_FILE, field), apply, touched))
    return changes


def _set_details(src: str, details: IssueDetails | None) -> Callable[[PageInputs], PageInputs]:
    return lambda inputs: replace(inputs, details={**inputs.details, src: details})


def describe_details(details: IssueDetails | None) -> tuple[Any, ...] | None:
    """What a details file says (not where it is): two files that say the same are the same."""
    if details is None:
        return None
    return tuple(getattr(details, f.name) for f in fields(details) if f.name not in ("path", "lines"))


def find_details_changes(base: Archive, head: Archive, fork: Archive | None) -> list[Change]:
    """A published issue's details file (编者按, copies, lines) added, changed or removed."""
    changes = []
    head_issues = {issue_src(i): i for i in head.issues}
    fork_issues = {issue_src(i): i for i in fork.issues} if fork else {}
    for issue in base.issues:
        src = issue_src(issue)
        now = head_issues.get(src)
        if now is None:
            continue  # renumbered or removed: the report rules judge that
        new, old = describe_details(now.details), describe_details(issue.details)
        forked = fork_issues.get(src)
        if new != old and (forked is None or new != describe_details(forked.details)):
            path = (now.details or issue.details).path  # type: ignore[union-attr]
            reports = frozenset(r.id for r in issue.reports)
            changes.append(Change(path, "file", 1, _set_details(src, now.details), reports))
    return changes


def find_report_changes(base: Archive, head: Archive, fork: Archive | None) -> list[Change]:
    changes = []
    head_by_id = {r.id: r for r in head.reports}
    fork_by_id = {r.id: r for r in fork.reports} if fork else {}
    for old, _issue in base.published():
        new = head_by_id.get(old.id)
        if new is None:
            continue  # removed: refused by the report rules
        corrected = len(new.corrections) > len(old.corrections)
        for name in differing_fields(old, new, JUDGED_BY_REPORT_RULES):
            if by_branch(old, new, fork_by_id.get(old.id), name):
                apply = _set_report(old.id, name, getattr(new, name))
                changes.append(
                    Change(new.path, name, new.line_of(name), apply, frozenset({old.id}), corrected=corrected)
                )
    return changes


# --- rendering the published pages -----------------------------------------------------------


def render_published_pages(base: Archive, inputs: PageInputs, wanted: set[str] | None) -> dict[str, str]:
    """The HTML of the published issue and report pages of ``base`` (those in ``wanted``, by
    source path, or all) made from ``inputs``; each issue keeps REF's neighbours in its pager."""
    settings = inputs.settings
    # REF's events: a 紧急信息 report's page shows its event and whether it was on time.
    archive = Archive(settings, dict(inputs.units), tuple(inputs.reports.values()), (), (), events=base.events)

    def rebuild(issue: Issue) -> Issue:
        series: Series = settings.find_series(issue.series.key) or issue.series
        reports = tuple(inputs.reports[r.id] for r in issue.reports)
        details = inputs.details.get(issue_src(issue), issue.details)
        return Issue(series, issue.year, issue.number, issue.total, issue.date, reports, details)

    pages: dict[str, str] = {}
    for series in base.settings.series:
        issues = [rebuild(issue) for issue in base.issues_of(series.key)]
        for index, issue in enumerate(issues):
            src = issue_src(issue)
            if wanted is None or src in wanted:
                previous = issues[index - 1] if index > 0 else None
                following = issues[index + 1] if index + 1 < len(issues) else None
                pages[src] = render_issue_page(archive, issue, previous, following).html
            for report in issue.reports:
                if wanted is None or report_src(report) in wanted:
                    pages[report_src(report)] = render_report_page(archive, report, issue).html
    return pages


def pages_of(base: Archive, report_ids: Iterable[str] | None) -> set[str] | None:
    """The source paths of the pages of these reports and of their issues (None: every page)."""
    if report_ids is None:
        return None
    ids = set(report_ids)
    wanted: set[str] = set()
    for issue in base.issues:
        for report in issue.reports:
            if report.id in ids:
                wanted |= {report_src(report), issue_src(issue)}
    return wanted


def find_altered_pages(
    base: Archive, head: Archive, fork: Archive | None = None, root: Path | None = None
) -> list[AlteredPages]:
    """Every change of the branch (``head`` against ``base``, not made by ``base`` after ``fork``)
    that alters a page published in ``base``, with the pages it alters."""
    lines = LineFinder(root)
    changes = (
        find_settings_changes(base, head, fork, lines)
        + find_unit_changes(base, head, fork, lines)
        + find_report_changes(base, head, fork)
        + find_details_changes(base, head, fork)
    )
    if not changes:
        return []
    every = None if any(c.reports is None for c in changes) else set().union(*(c.reports or () for c in changes))
    wanted = pages_of(base, every)
    before_inputs = PageInputs(
        base.settings,
        base.units,
        {r.id: r for r, _ in base.published()},
        {issue_src(i): i.details for i in base.issues},
    )
    after_inputs = before_inputs
    for change in changes:
        after_inputs = change.apply(after_inputs)
    before = render_published_pages(base, before_inputs, wanted)
    after = render_published_pages(base, after_inputs, wanted)
    altered = {src for src, html in before.items() if after[src] != html}
    found = []
    explained: set[str] = set()
    for change in changes:
        scope = pages_of(base, change.reports)
        candidates = altered if scope is None else altered & scope
        if not candidates:
            continue
        alone = render_published_pages(base, change.apply(before_inputs), candidates)
        pages = sorted(src for src in candidates if alone[src] != before[src])
        explained.update(pages)
        if pages:
            found.append(AlteredPages(change, tuple(page_url(src) for src in pages)))
    rest = altered - explained  # altered only by changes together: name each change that could
    for change in changes:
        scope = pages_of(base, change.reports)
        pages = sorted(rest if scope is None else rest & scope)
        if pages:
            found.append(AlteredPages(change, tuple(page_url(src) for src in pages)))
    return found


# --- the refusal -----------------------------------------------------------------------------


def advise(path: str) -> str:
    """What to do instead of a change of ``path`` that alters published pages."""
    if path == CONFIG_FILE:
        return _(
            "报/送/发、责任编辑/审核/签发和机关名称印在已印发的期次上。请恢复原值；"
            "如人员确已变动，在该刊物下加 earlier: [{until: 最后一期按原值印发的日期, signer: 原值}]，"
            "已印发的期次照旧，今后的期次用新值"
        )
    if path == UNITS_FILE:
        return _(
            "单位名称印在已发布的期次和稿件上。请恢复原名称；如单位确已更名，"
            "在该单位下加 former: [{name: 原名称, until: 改名前一天}]，过去的期次仍印原名"
        )
    if path.startswith(f"{ISSUES_DIR}/"):
        return _("已印发期次的编者按、印数、紧急程度和报送范围按印发时保存：请恢复这个文件原来的内容")
    return _("已发布稿件的页面按发布时保存；如确需更正，请同时在 corrections 中加一条说明（date、note）")


def check_published_pages(head: Archive, base: Archive, fork: Archive | None, ref: str, root: Path) -> list[Problem]:
    """A problem for each change of the branch that alters a page published at ``ref``,
    except a report's own fields changed together with a new correction."""
    problems = Problems()
    for altered in find_altered_pages(base, head, fork, root):
        change = altered.change
        if change.corrected or change.field in REFUSED_BY_REPORT_RULES:
            continue
        problems.add(
            change.path,
            change.line,
            change.field,
            _("这项改动会改写在 {ref} 已发布的 {pages}：{advice}").format(
                ref=ref, pages=altered.describe(), advice=advise(change.path)
            ),
        )
    return problems.items


class LineFinder:
    """The line of a dotted key in mkdocs.yml or reports/units.yml of the working tree (1 if unknown)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.trees: dict[str, Node | None] = {}

    def __call__(self, path: str, dotted: str) -> int:
        if self.root is None:
            return 1
        if path not in self.trees:
            try:
                text = (self.root / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.trees[path] = compose_yaml(text, Place(path, 1, Problems()), tags_allowed=True)  # only lines
        keys = dotted.split(".")
        while keys:  # a removed key: the line of the nearest key around it that is still there
            node = find_node(self.trees[path], ".".join(keys))
            if node is not None:
                return 1 + node.start_mark.line
            keys.pop()
        return 1
