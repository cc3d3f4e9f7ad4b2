"""`bulletin units`: the reporting units of reports/units.yml, grouped as the notices group them.

An editor looks up here the key to write in a report's ``unit:`` (or gives the name to
``bulletin new --unit``); each unit is shown with its name, its kind in Chinese and the
county it belongs to, group by group (县（区）, 开发区, 市直部门, …) in the notices' order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bulletin.commands.problems import dump_json
from bulletin.commands.stats import measure_width
from bulletin.errors import make_visible
from bulletin.figures.scoring import GROUPS, order_units
from bulletin.i18n import _
from bulletin.labels import UNIT_KIND_NAMES
from bulletin.model import Unit


@dataclass(frozen=True)
class UnitGroup:
    name: str  # 县（区）, 开发区, …
    units: tuple[Unit, ...]


def group_units(units: Mapping[str, Unit]) -> tuple[UnitGroup, ...]:
    """The units in the notices' groups and order; groups without a unit left out."""
    ordered = order_units(units.values())
    groups = (UnitGroup(name, tuple(u for u in ordered if u.kind in kinds)) for name, kinds in GROUPS)
    return tuple(group for group in groups if group.units)


def describe_parent(unit: Unit, units: Mapping[str, Unit]) -> str:
    if unit.parent is None:
        return ""
    parent = units.get(unit.parent)
    return f"{unit.parent}（{parent.name}）" if parent else unit.parent


def render_units_text(units: Mapping[str, Unit]) -> str:
    """Each group under its heading, the units lined up in columns (Chinese takes two)."""
    groups = group_units(units)
    headings = (_("代码"), _("名称"), _("类别"), _("所属"))
    rows = [
        tuple(make_visible(cell) for cell in (u.key, u.name, UNIT_KIND_NAMES[u.kind], describe_parent(u, units)))
        for group in groups
        for u in group.units
    ]
    widths = [max(measure_width(row[i]) for row in [headings, *rows]) for i in range(len(headings))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(c + " " * (w - measure_width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    out: list[str] = []
    position = 0
    for group in groups:
        out += [_("{group}（{count} 个）").format(group=group.name, count=len(group.units)), "  " + line(headings)]
        out += ["  " + line(row) for row in rows[position : position + len(group.units)]]
        out.append("")
        position += len(group.units)
    out.append(
        _("共 {count} 个报送单位。报告的 unit: 写单位代码；bulletin new --unit 也可写名称。").format(count=len(units))
    )
    return "\n".join(out) + "\n"


def render_units_json(units: Mapping[str, Unit]) -> str:
    """The same list for machines: keys as they are, kinds both as keys and in Chinese."""
    document = {
        "groups": [
            {
                "name": group.name,
                "units": [
                    {
                        "key": u.key,
                        "name": u.name,
                        "kind": u.kind,
                        "kind_name": UNIT_KIND_NAMES[u.kind],
                        "parent": u.parent,
                        "parent_name": units[u.parent].name if u.parent and u.parent in units else None,
                    }
                    for u in group.units
                ],
            }
            for group in group_units(units)
        ]
    }
    return dump_json(document) + "\n"
