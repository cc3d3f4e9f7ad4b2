"""The index words of a text (bulletin.pages.search.indextext), written in one pass by
``str.translate``, are exactly the words of the rule, character by character: a pair word for
each Chinese character (it and the next one, END after the last of a run), other words as they
are. Checked against the rule written the plain way, on any text Hypothesis makes."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.pages.search.indextext import _PIECE, END, decode_index_text, encode_char, make_index_text

HAN = st.sampled_from("电动自行车防汛消防老旧小区加装电梯乡村振兴茶产业\u3400\u4dbf\u4e00\u9fff\uf900\ufaff")
OTHER = st.sampled_from(list("abcXYZ019_ ,.!？。、（）·⁂-\n\t\u3000éß٣"))
TEXTS = st.lists(st.one_of(HAN, OTHER), max_size=60).map("".join)


def plain_rule(text: str) -> str:
    """The rule, one character at a time."""
    words: list[str] = []
    for piece in _PIECE.findall(text):
        if "\u3400" <= piece[0] <= "\u9fff" or "\uf900" <= piece[0] <= "\ufaff":
            codes = [encode_char(c) for c in piece] + [END]
            words += ["q" + a + b for a, b in itertools.pairwise(codes)]
        else:
            words.append(piece)
    return " ".join(words)


@settings(max_examples=500)
@given(TEXTS)
def test_the_index_words_follow_the_rule(text):
    assert make_index_text(text) == plain_rule(text)


def test_a_run_of_chinese_is_one_pair_word_a_character():
    assert make_index_text("电动 防汛") == plain_rule("电动 防汛")
    assert len(make_index_text("电动自行车").split()) == 5
    assert decode_index_text(make_index_text("电动自行车防汛")) == "电动自行车防汛"
