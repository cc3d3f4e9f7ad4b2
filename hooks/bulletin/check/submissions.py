"""The ledger's links to the reports: an item 采用 names reports of this archive that exist,
that its unit reported (alone or jointly), and that no other item names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Report, Submission, Unit

UNITS_FILE = "reports/units.yml"
_UNIT_START = re.compile(r"^([a-z0-9-]+):", re.MULTILINE)  # a unit's key, at the start of its line


def name_report(report: Report) -> str:
    """``2026/1015-hefeng-qiushou``: how an item names a report."""
    return f"{report.year}/{report.id}"


def check_links(items: Iterable[Submission], reports: Iterable[Report], problems: Problems) -> None:
    """Each report an item names exists and is the item's unit's; a report is named by one item at most."""
    by_name = {name_report(report): report for report in reports}
    linked: dict[str, Submission] = {}
    for item in items:
        for index, name in enumerate(item.reports, start=1):
            field = f"[{item.number}].reports[{index}]" if len(item.reports) > 1 else f"[{item.number}].reports"
            report = by_name.get(name)
            if report is None:
                problems.add(
                    item.path,
                    item.line,
                    field,
                    _(
                        "没有报告 {name}：请写 reports/<年份>/ 里报告的年份和文件名（不带 .md），如 2026/1015-hefeng-qiushou"
                    ).format(name=name),
                )
                continue
            if item.unit not in report.units:
                problems.add(
                    item.path,
                    item.line,
                    field,
                    _("报告 {name} 的报送单位（{units}）里没有 {unit}：请核对是不是登记到了别的单位的文件里").format(
                        name=name, units="、".join(report.units), unit=item.unit
                    ),
                )
                continue
            first = linked.get(name)
            if first is not None:
                problems.add(
                    item.path,
                    item.line,
                    field,
                    _(
                        "报告 {name} 已经由 {path} 第 {line} 行的一条稿件链接了：一篇报告只能来自一条登记，请删去其中一处"
                    ).format(name=name, path=first.path, line=first.line),
                )
                problems.add(
                    first.path,
                    first.line,
                    f"[{first.number}].reports",
                    _(
                        "报告 {name} 又由 {path} 第 {line} 行的一条稿件链接了：一篇报告只能来自一条登记，请删去其中一处"
                    ).format(name=name, path=item.path, line=item.line),
                )
                continue
            linked[name] = item


def check_quota_kinds(units: dict[str, Unit], categories: tuple[str, ...], text: str, problems: Problems) -> None:
    """A quota's kind is a category (units.yml is read before the settings are known)."""
    starts = {match.group(1): text[: match.start()].count("\n") + 1 for match in _UNIT_START.finditer(text)}
    for unit in units.values():
        for quota in unit.all_quotas:
            if quota.kind and quota.kind not in categories:
                problems.add(
                    UNITS_FILE,
                    starts.get(unit.key, 0),
                    f"{unit.key}.quotas",
                    _("任务的 kind “{kind}”不是信息类别；可以选：{choices}").format(
                        kind=quota.kind, choices="、".join(categories)
                    ),
                )
