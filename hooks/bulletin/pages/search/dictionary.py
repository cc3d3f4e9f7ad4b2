"""The search dictionary: the office's own words and the units' names, kept whole.

The search page first looks for each space-separated part of a query whole; when no
report holds a part whole, it looks for the part's words instead, and cuts the part into
words with this dictionary first (longest first), so that 信息直报点 or 望江街道 stay one
word rather than what a general segmenter would make of them.
"""

from __future__ import annotations

import re

from bulletin.model import Archive

DOMAIN_TERMS = (
    "今日信息",
    "增刊",
    "社情民意",
    "紧急信息",
    "信息直报点",
    "直报点",
    "特约信息员",
    "批示",
    "采用",
    "约稿",
    "通报",
    "乡村振兴",
    "营商环境",
    "安全生产",
    "防汛",
    "森林防火",
    "信访",
    "民生",
    "以旧换新",
    "高标准农田",
    "老旧小区",
)


def short_unit_names(name: str) -> list[str]:
    """A unit's name and the short forms readers type: 云岭县委办公室 -> 云岭县, 云岭;
    明川区望江街道 -> 望江街道, 望江."""
    names = [name]
    stem = name.split("（")[0]
    for suffix in ("党工委办公室", "委办公室", "办公室", "特约信息员"):
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    names.append(stem)
    town = re.fullmatch(r".{2,3}[县区](.{2,}?)(镇|乡|街道)", stem)
    if town:
        names += [town.group(1) + town.group(2), town.group(1)]
    elif re.fullmatch(r".{2,3}[县区]", stem):
        names.append(stem[:-1])
    return [n for n in dict.fromkeys(names) if len(n) >= 2]


def build_dictionary(archive: Archive) -> list[str]:
    """Domain terms and every unit's names, longest first."""
    words = set(DOMAIN_TERMS)
    for unit in archive.units.values():
        words.update(short_unit_names(unit.name))
    return sorted(words, key=lambda w: (-len(w), w))
