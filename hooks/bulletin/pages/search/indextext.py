"""The text of a report as the search index holds it: one ASCII word per Chinese character.

Pagefind cuts Chinese text into words by itself, and cuts a phrase one way inside a sentence
and another way when it is typed alone as a query (电动自行车 found 0 of 1 in a trial). So
the index never sees Chinese: each character of a run of Chinese characters is written as
one word that names the character and the one after it (its *pair*), ``q`` followed by
three base-36 digits for each::

    电动自行车 -> q(电)(动) q(动)(自) q(自)(行) q(行)(车) q(车)(end)

- a query of two or more characters asks for its pairs; a phrase is where they stand at
  neighbouring positions, which Pagefind reports for each result without loading it;
- a query of one character asks for the words that start with it (Pagefind matches
  prefixes), so 防 is found in 消防 as well as in 防汛;
- Pagefind has no Chinese left to segment, which is most of its indexing time;
- the search page puts the readable text back together from the first character of each
  word (search-worker.js, ``decodeText``): the index needs no second copy of the text.

Words of letters or digits are indexed as they are; other characters are kept, apart,
for the excerpt.
"""

from __future__ import annotations

import re

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_HAN = "\u3400-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{_HAN}]+")
_PIECE = re.compile(f"[{_HAN}]+|(?:(?![{_HAN}])[^\\W_])+|[^\\w\\s]+|_+")
END = "zzz"  # the character after the last one of a run
_CODED = re.compile(r"q[0-9a-y][0-9a-z]{5}")


def encode_char(char: str) -> str:
    """Three base-36 digits for a Chinese character (CJK ext. A, unified, compatibility)."""
    point = ord(char)
    number = point - 0x3400 if point <= 0x9FFF else 0x6C00 + point - 0xF900
    return _DIGITS[number // 1296] + _DIGITS[number // 36 % 36] + _DIGITS[number % 36]


_CODES = {p: encode_char(chr(p)) for r in ((0x3400, 0xA000), (0xF900, 0xFB00)) for p in range(*r)}
# A character after the first closes the word before it and starts its own: "…(c) q(c)…".
_CLOSE_AND_START = {p: f"{code} q{code}" for p, code in _CODES.items()}


def encode_run(run: str) -> str:
    """One word per character: the character and the next one (END after the last).

    Written in one pass by ``str.translate`` (no Python step per character: a ten-year
    archive has some 30 million): q(电) then, for each next character, its code closing the
    word before and starting its own, then END closing the last."""
    return "q" + _CODES[ord(run[0])] + run[1:].translate(_CLOSE_AND_START) + END


def make_index_text(text: str) -> str:
    """The text as it is indexed (see the module's docstring); words are separated by spaces."""
    return " ".join(encode_run(piece) if ord(piece[0]) in _CODES else piece for piece in _PIECE.findall(text))


def decode_index_text(indexed: str) -> str:
    """The readable text back from the indexed words (as search-worker.js does it), for tests."""
    text = ""
    for word in indexed.split():
        if _CODED.fullmatch(word):
            number = int(word[1:4], 36)
            text += chr(number + 0x3400 if number < 0x6C00 else number - 0x6C00 + 0xF900)
        elif text and text[-1].isalnum() and word[0].isalnum() and not HAN_RUN.match(text[-1]):
            text += " " + word  # two words of letters or digits keep their space
        else:
            text += word
    return text
