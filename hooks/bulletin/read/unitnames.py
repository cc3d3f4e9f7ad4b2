"""Which unit an editor means: by its key, its Chinese name, or an unambiguous part of the name.

Editors know their units by name (云岭县委办公室, 应急管理局); the archive knows them by
key (``yunling``), which is permanent because URLs and history depend on it. This is the
one place that turns what an editor wrote into a unit, for every command option that asks
for one (``bulletin new --unit``) and for the ``unit:`` of a report's front matter, where a
name is refused with the key to write instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bulletin.i18n import _
from bulletin.model import Unit

UNITS_COMMAND = "bulletin units"
SUGGESTIONS = 3


@dataclass(frozen=True)
class UnitMatch:
    """What ``given`` names: ``unit`` when it names exactly one unit; otherwise ``candidates``,
    the units it could mean (ambiguous) or the closest ones (unknown)."""

    given: str
    unit: Unit | None
    by_key: bool = False  # ``given`` is the unit's key itself
    candidates: tuple[Unit, ...] = ()

    @property
    def is_ambiguous(self) -> bool:
        return self.unit is None and len(self.candidates) > 1 and all(self.given in u.name for u in self.candidates)


def name_unit(unit: Unit) -> str:
    """yunling（云岭县委办公室）: a unit as an editor is told to write it."""
    return _("{key}（{name}）").format(key=unit.key, name=unit.name)


def name_units(units: Iterable[Unit]) -> str:
    return _("、").join(name_unit(u) for u in units)


def find_unit(given: str, units: Mapping[str, Unit]) -> UnitMatch:
    """The unit ``given`` names: its key (any case), its full name, or a part of one name only."""
    text = given.strip()
    if text in units:
        return UnitMatch(given, units[text], by_key=True)
    if text.lower() in units:
        return UnitMatch(given, units[text.lower()])
    named = [u for u in units.values() if u.name == text]
    if len(named) == 1:
        return UnitMatch(given, named[0])
    containing = [u for u in units.values() if text and text in u.name] if len(text) >= 2 else []
    if len(containing) == 1:
        return UnitMatch(given, containing[0])
    if containing:
        return UnitMatch(given, None, candidates=tuple(sorted(containing, key=lambda u: u.key)))
    return UnitMatch(given, None, candidates=find_close_units(text, units))


def find_close_units(text: str, units: Mapping[str, Unit]) -> tuple[Unit, ...]:
    """The units whose key or name is nearest to ``text`` (a slip of the keyboard, a short form)."""
    by_part = sorted(u.key for u in units.values() if len(text) >= 2 and text.lower() in u.key)
    if by_part:  # baisha: baisha-town, nothing merely alike
        return tuple(units[key] for key in by_part[:SUGGESTIONS])
    by_key = difflib.get_close_matches(text.lower(), list(units), n=SUGGESTIONS, cutoff=0.6)
    by_name = difflib.get_close_matches(text, [u.name for u in units.values()], n=SUGGESTIONS, cutoff=0.5)
    found: list[str] = []
    for key in [*by_key, *(u.key for n in by_name for u in units.values() if u.name == n)]:
        if key not in found:
            found.append(key)
    return tuple(units[key] for key in found[:SUGGESTIONS])


def explain_no_unit(match: UnitMatch) -> str:
    """Why ``match`` names no unit, and what to write instead (Chinese)."""
    if match.is_ambiguous:
        return _("“{given}”可以指几个单位：{units}；请写其中一个的单位代码或完整名称").format(
            given=match.given, units=name_units(match.candidates)
        )
    if match.candidates:
        return _(
            "没有“{given}”这个单位：reports/units.yml 里既没有这个单位代码，也没有这个名称；"
            "是不是 {units}？用 {command} 可以列出全部单位的代码和名称"
        ).format(given=match.given, units=name_units(match.candidates), command=UNITS_COMMAND)
    return _(
        "没有“{given}”这个单位：reports/units.yml 里既没有这个单位代码，也没有这个名称；"
        "用 {command} 可以列出全部单位的代码和名称"
    ).format(given=match.given, command=UNITS_COMMAND)


def explain_key_needed(match: UnitMatch) -> str:
    """For front matter, which keeps keys: the key to write for the unit a name meant."""
    if match.unit is None:
        return explain_no_unit(match)
    return _("{given} —— 请写单位代码 {unit}：报告里的单位写代码，网址和历史记录都靠它").format(
        given=match.given, unit=name_unit(match.unit)
    )
