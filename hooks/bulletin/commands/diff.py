"""`bulletin diff`: what a change does to the published site, as Markdown for a reviewer.

The summary goes into a pull request comment: every text taken from a report or a page
(titles, unit names, 批示, notes, page paths) goes through one escape
(:func:`bulletin.markup.reportbody.escape_md`), so that it shows there as text, on one line:
no HTML, comment, link, image or mention. Changed pages of content/ are listed too.

The summary's own links to pages of the site are root-relative (``/reports/2026/x/``), or,
given the site's address (``site_url`` of mkdocs.yml on the target branch, or ``--site-url``),
absolute (``http://xxkw.example.intranet/reports/2026/x/``), so that they lead to the published
page from a comment on the forge."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bulletin.addresses import issue_src, page_url, report_src
from bulletin.archive import CONFIG_FILE, is_archive_file
from bulletin.labels import (
    CLASSIFICATION_LABEL,
    format_date,
    issue_citation,
    join_names,
    total_label,
    unit_names,
)
from bulletin.labels import LEVEL_NAMES as LEVEL
from bulletin.markup.reportbody import escape_md as md
from bulletin.model import GRADE_NUMERALS, GRADES, Archive, Correction, Event, GradeChange, Issue, Report
from bulletin.review.permanence import EVENT_FACTS, placement, write_value
from bulletin.review.published_pages import SHOWN_PAGES, AlteredPages, find_altered_pages


def order_of(report: Report) -> int | None:
    return report.placement.order if report.placement else None


def _issue_key(issue: Issue) -> tuple:
    return (issue.series.key, issue.year, issue.number)


def site_address(site_url: str, path: str) -> str:
    """The address of the site path ``path`` (``/jrxx/2026/012/``): absolute under ``site_url``
    (checked by :func:`bulletin.read.settings.explain_site_url`), root-relative without one."""
    return site_url.rstrip("/") + path if site_url else path


def page_reference(site_url: str, path: str) -> str:
    """A page named in the summary: its path as code, or, given the site's address, a link to it."""
    return f"[{path}]({site_address(site_url, path)})" if site_url else f"`{path}`"


def _issue_line(issue: Issue, site_url: str = "") -> str:
    where = page_reference(site_url, page_url(issue_src(issue)))
    return f"{issue_citation(issue)}（{total_label(issue)}，{format_date(issue.date)}）{where}"


def list_page_changes(before: Archive, after: Archive) -> list[str]:
    """The hand-written pages of content/ added, changed or removed (their paths, as text)."""
    old = {page.path: page.text for page in before.pages}
    new = {page.path: page.text for page in after.pages}
    changes = dict.fromkeys(new.keys() - old.keys(), "新增")
    changes |= dict.fromkeys(old.keys() - new.keys(), "删除")
    changes |= {path: "有改动" for path in new.keys() & old.keys() if new[path] != old[path]}
    return [f"- {md(path)}：{what}" for path, what in sorted(changes.items())]


def describe_pages(altered: AlteredPages) -> str:
    """'3 个页面（/a/、/b/、/c/）' in the summary, which is Chinese in any language of the messages."""
    more = " 等" if len(altered.pages) > SHOWN_PAGES else ""
    return f"{len(altered.pages)} 个页面（{'、'.join(altered.pages[:SHOWN_PAGES])}{more}）"


def list_altered_pages(before: Archive, after: Archive) -> list[str]:
    """Changes other than a report's own record (settings, unit names, a report's other
    fields) that alter pages published in ``before``: each with the pages it alters."""
    return [
        f"- `{altered.change.path}` `{altered.change.field}`：改动已发布的 {describe_pages(altered)}"
        + ("（附更正说明）" if altered.change.corrected else "")
        for altered in find_altered_pages(before, after)
    ]


def _unit_name(archive: Archive, key: str) -> str:
    unit = archive.units.get(key)
    return unit.name if unit else key


def find_new_issues(before: Archive, after: Archive) -> list[Issue]:
    """The issues of ``after`` that ``before`` does not have (what a change publishes)."""
    old_issues = {_issue_key(i) for i in before.issues}
    return [i for i in after.issues if _issue_key(i) not in old_issues]


def find_new_corrections(before: Archive, after: Archive) -> list[tuple[Report, Correction]]:
    """The 更正 entries of ``after``'s reports that ``before`` does not have, with their report."""
    known = {r.id: set(r.corrections) for r in before.reports}
    return [(r, c) for r in after.reports for c in r.corrections if c not in known.get(r.id, set())]


def find_new_events(before: Archive, after: Archive) -> list[Event]:
    """The 紧急信息 events declared in ``after`` and not in ``before``."""
    old_ids = {e.id for e in before.events}
    return [e for e in after.events if e.id not in old_ids]


def list_event_changes(before: Archive, after: Archive) -> list[str]:
    """Events declared, changed (facts, 升级/降级, 处置结束, 更正) or removed, one line each, as text."""
    old_events = {e.id: e for e in before.events}
    new_ids = {e.id for e in after.events}
    declared = {e.id for e in find_new_events(before, after)}
    lines = []
    for event in after.events:
        old = old_events.get(event.id)
        if event.id in declared:
            lines.append(
                f"- 登记：{md(event.name)}（{event.type}，{event.grade}（{GRADE_NUMERALS[event.grade]}），"
                f"{md(_unit_name(after, event.unit))}，发生于 {write_value(event.occurred)}）`{event.path}`"
            )
            continue
        assert old is not None
        parts = describe_event_change(old, event)
        if parts:
            lines.append(f"- {md(event.name)} `{event.path}`：" + "；".join(parts))
    lines += [f"- 删除：{md(e.name)} `{e.path}`" for e in before.events if e.id not in new_ids]
    return lines


def describe_event_change(old: Event, new: Event) -> list[str]:
    parts = []
    if old.path != new.path:
        parts.append(f"文件位置 {md(old.path)} → {md(new.path)}")
    for key in EVENT_FACTS:
        then, now = getattr(old, key), getattr(new, key)
        if then == now:
            continue
        if key == "ended" and then is None:
            parts.append(f"处置结束于 {write_value(now)}")
        else:
            parts.append(f"{key} {md(write_value(then))} → {md(write_value(now))}")
    parts += [
        f"{'升级' if is_upgrade(new, c) else '降级'}：{write_value(c.time)} 起为{c.grade}"
        + (f"（{md(c.note)}）" if c.note else "")
        for c in new.changes
        if c not in old.changes
    ]
    if not set(old.changes) <= set(new.changes):
        parts.append("等级调整（删除或改动）")
    parts += [f"更正：{format_date(c.date)}，{md(c.note)}" for c in new.corrections if c not in old.corrections]
    return parts


def is_upgrade(event: Event, change: GradeChange) -> bool:
    """Whether ``change`` makes the event more serious than the grade in force before it."""
    before = event.grade
    for earlier in event.changes:
        if earlier is change:
            break
        before = earlier.grade
    return GRADES.index(change.grade) < GRADES.index(before)


def list_program_changes(changed_files: Sequence[str]) -> list[str]:
    """The changed files that are not reports, registers or hand-written pages: the program,
    its templates, the site's configuration. Such a file can change every page, or run code
    when CI builds the change, so a maintainer must read it; editors' changes never need one."""
    lines = []
    for path in changed_files:
        if path == CONFIG_FILE:
            lines.append(
                f"- {md(path)}：网站配置（其中的刊物设置已按上文比较；其他设置可改变每个页面或在构建时执行程序）"
            )
        elif not is_archive_file(path):
            lines.append(f"- {md(path)}")
    return lines


def summarize_changes(
    before: Archive,
    after: Archive,
    ref: str,
    changed_files: Sequence[str] = (),
    as_of: dt.date | None = None,
    site_url: str = "",
) -> str:
    """Markdown: new issues, new pending reports, 批示/采用/更正 added, changed published pages.
    A new issue dated after ``as_of`` (the build date) is marked as scheduled: merged, it is
    not on the home page, in any notice or in the search until a build on or after its date."""
    sections: list[tuple[str, list[str]]] = []
    lines = []
    for issue in find_new_issues(before, after):
        later = as_of is not None and issue.date > as_of
        when = f"（定期发布：{format_date(issue.date)}起构建时才上首页、通报和检索）" if later else ""
        lines.append(f"- {_issue_line(issue, site_url)}，{len(issue.reports)}篇{when}：")
        lines += [f"    {n}. {md(r.title)}（{md(unit_names(after, r))}）" for n, r in enumerate(issue.reports, 1)]
    sections.append(("新增期次", lines))

    old_by_id = {r.id: r for r in before.reports}
    sections.append(
        (
            "新增待刊稿件",
            [
                f"- {md(r.title)}（{md(unit_names(after, r))}）`{r.path}`"
                for r in after.pending
                if r.id not in old_by_id or not old_by_id[r.id].is_pending
            ],
        )
    )
    added: dict[str, list[str]] = {"新增批示": [], "新增上级采用": [], "新增更正": []}
    changed: list[str] = []
    for report in after.reports:
        old = old_by_id.get(report.id)
        known = (set(old.instructions), set(old.adoptions), set(old.corrections)) if old else (set(), set(), set())
        address = site_address(site_url, page_url(report_src(report)))
        where = f"[{md(report.title)}]({address})" if not report.is_pending else md(report.title)
        added["新增批示"] += [
            f"- {where}：{md(i.by)}（{LEVEL[i.level]}，{format_date(i.date)}）：{md(i.text)}"
            for i in report.instructions
            if i not in known[0]
        ]
        added["新增上级采用"] += [
            f"- {where}：{md(a.by)}（{LEVEL[a.level]}，{format_date(a.date)}）"
            for a in report.adoptions
            if a not in known[1]
        ]
        added["新增更正"] += [
            f"- {where}：{format_date(c.date)}，{md(c.note)}" for c in report.corrections if c not in known[2]
        ]
        if old is not None and not old.is_pending:
            what = [
                name
                for name, differs in (
                    ("标题", old.title != report.title),
                    ("正文", old.body.strip() != report.body.strip()),
                    ("文件位置", old.path != report.path),
                    ("报送单位", old.units != report.units),
                    ("期内顺序", order_of(old) != order_of(report)),
                    (CLASSIFICATION_LABEL, old.classification != report.classification),
                    ("批示（删除）", not set(old.instructions) <= set(report.instructions)),
                    ("上级采用（删除）", not set(old.adoptions) <= set(report.adoptions)),
                    ("更正（删除）", not set(old.corrections) <= set(report.corrections)),
                    ("期次", placement(old) != placement(report)),
                    ("紧急信息的事件、阶段或报告时间", old.emergency != report.emergency),
                )
                if differs
            ]
            if what:
                page = page_reference(site_url, page_url(report_src(report)))
                changed.append(f"- {page} {md(report.title)}：{join_names(what)}有改动")
    sections += list(added.items())
    sections.append(("已发布页面的文字改动", changed))
    sections.append(("改动已发布页面", list_altered_pages(before, after)))
    sections.append(("紧急事件", list_event_changes(before, after)))
    after_ids = {r.id for r in after.reports}
    sections.append(("删除的稿件", [f"- {md(r.title)} `{r.path}`" for r in before.reports if r.id not in after_ids]))
    sections.append(("手写页面（content/）的改动", list_page_changes(before, after)))
    sections.append(("程序与网站配置的改动（须由维护人员审阅）", list_program_changes(changed_files)))

    body = [f"### {title}\n\n" + "\n".join(items) + "\n" for title, items in sections if items]
    head = f"## 本次变更对网站的影响（与 `{ref}` 相比）\n\n"
    return head + ("\n".join(body) if body else "本次变更不改变已发布的网站，也没有新增待刊稿件。\n")
