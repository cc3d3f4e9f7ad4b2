"""ASCII words for Chinese text: the pinyin of its characters, two syllables to a word.

Topic and keyword pages (:mod:`bulletin.pages.browse`) and new report ids
(:mod:`bulletin.commands.new`) are named this way, so that an address reads as the name
it stands for: 工作动态 -> gongzuo-dongtai.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

_NOT_ASCII_WORD = re.compile(r"[^a-z0-9]")


def pair_pinyin(text: str, *, keep_places: bool = False) -> list[str]:
    """The pinyin of ``text`` in lower-case ASCII, syllables paired into words: 乡村振兴 -> [xiangcun, zhenxing].

    What has no ASCII pinyin (punctuation, a rare character) is left out before the
    syllables are paired; with ``keep_places`` it keeps its place in a pair instead (so
    ``bulletin new`` makes the same ids as it always has)."""
    syllables = [_NOT_ASCII_WORD.sub("", syllable.lower()) for syllable in lazy_pinyin(text)]
    if not keep_places:
        syllables = [syllable for syllable in syllables if syllable]
    words = ("".join(syllables[i : i + 2]) for i in range(0, len(syllables), 2))
    return [word for word in words if word]


def make_slug(text: str) -> str:
    """An ASCII address for a Chinese name: 工作动态 -> gongzuo-dongtai."""
    return "-".join(pair_pinyin(text)) or "x"


def assign_slugs(names: Iterable[str]) -> dict[str, str]:
    """Stable, unique slugs: the same name always gets the same address."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names)):
        slug, n = make_slug(name), 2
        while slug in used:
            slug, n = f"{make_slug(name)}-{n}", n + 1
        slugs[name] = slug
        used.add(slug)
    return slugs
