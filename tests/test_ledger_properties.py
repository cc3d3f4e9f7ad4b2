"""The ledger reader on generated input (Hypothesis): any text either reads into items that say
what the text says, or is refused with problems that name the file and one of its lines; fast."""

from __future__ import annotations

import datetime as dt
import time

from hypothesis import given
from hypothesis import strategies as st

from bulletin.commands.submission import write_item
from bulletin.errors import Problems
from bulletin.model import SUBMISSION_RESULTS, Submission
from bulletin.read.submissions import read_items

PATH = "reports/submissions/2026/10/hefeng.yml"
CATEGORIES = ("工作动态", "社情民意", "调研报告")
TODAY = dt.date(2026, 11, 30)
KEYS = ["received", "title", "kind", "result", "reports", "by", "remark"]
PIECES = st.sampled_from(
    [
        *KEYS,
        ": ",
        "- ",
        "\n",
        "  ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "#",
        "'",
        '"',
        "2026-10-09",
        "2026-13-01",
        "采用",
        "上级采用",
        "待处理",
        "未采用",
        "2026/1015-x",
        "!!python/object",
        "&a",
        "*a",
        "\u202e",
        "\u200b",
        "\x00",
        "\t",
        "yes",
        "0o17",
    ]
)


def read(text):
    problems = Problems()
    started = time.process_time()  # CPU time: a busy machine stretches the wall clock, not this
    items = read_items(PATH, text, "hefeng", 2026, 10, problems, CATEGORIES, TODAY)
    assert time.process_time() - started < 2.0
    return items, problems


@given(st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join))
def test_any_text_is_read_or_refused_with_a_line_of_the_file(text):
    items, problems = read(text)
    lines = max(1, text.count("\n") + 1)
    for problem in problems.items:
        assert problem.path == PATH and 0 <= problem.line <= lines + 1, problem
    if not problems:
        for item in items:
            assert item.received.month == 10 and item.kind in CATEGORIES and item.result in SUBMISSION_RESULTS
            assert (item.result == "采用") == bool(item.reports) and (item.result == "上级采用") == bool(item.by)


TITLES = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=40
).filter(
    lambda t: (
        t.strip() == t
        and "<" not in t
        and ">" not in t
        and not any(
            c in t
            for c in "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
        )
    )
)


@given(
    st.lists(st.tuples(TITLES, st.sampled_from(CATEGORIES), st.integers(1, 31)), max_size=5, unique_by=lambda t: t[0])
)
def test_what_the_commands_write_reads_back_as_written(entries):
    written = [Submission("hefeng", dt.date(2026, 10, day), title, kind, "待处理") for title, kind, day in entries]
    items, problems = read("".join(write_item(item) for item in written) or "[]\n")
    assert not problems.items, problems.items
    assert [(i.title, i.kind, i.received) for i in items] == [(i.title, i.kind, i.received) for i in written]
