"""The search dictionary: the office's own words and the units' names, kept whole.

Pagefind segments Chinese text by itself, and a word may be cut one way inside a sentence
and another way when typed alone as a query (望江街道 in 望江街道开展… vs. 望江街道).
Every dictionary word found in a report is therefore also written, standing alone, in the
words indexed with the report, so that a query for it meets the same pieces.
"""

from __future__ import annotations

import re

from .model import Archive

DOMAIN_TERMS = (
    "今日信息", "增刊", "社情民意", "紧急信息", "信息直报点", "直报点", "特约信息员", "批示", "采用", "约稿", "通报",
    "乡村振兴", "营商环境", "安全生产", "防汛", "森林防火", "信访", "民生", "以旧换新", "高标准农田", "老旧小区",
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


_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_PIECE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\s\u3400-\u9fff\uf900-\ufaff]+")
BIGRAM_MARK = "⁂"  # separates the readable words from the indexed text


def make_index_text(text: str) -> str:
    """The text as it is indexed: each run of Chinese characters as its pairs of neighbours,
    in order (电动自行车 -> 电动 动自 自行 行车), everything else as it is. The search page asks
    for the same pairs, so a phrase is found however a segmenter would cut it in context,
    and puts the text back together from them (rebuildText in search.js)."""
    out: list[str] = []
    for piece in _PIECE.findall(text):
        if _HAN_RUN.fullmatch(piece) and len(piece) > 1:
            out += [piece[i:i + 2] for i in range(len(piece) - 1)]
        else:
            out.append(piece)
    return " ".join(out)


def find_dictionary_words(text: str, dictionary: list[str]) -> list[str]:
    return [word for word in dictionary if word in text]
