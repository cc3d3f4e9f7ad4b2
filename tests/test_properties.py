"""Property-based tests of untrusted text (Hypothesis): whatever a pull request puts in a report
or a registry either passes or is refused with problems that name the file and a line of it,
in a bounded time, and a report that passes renders.

Bodies are built from Markdown's special characters in long runs and deep nesting, the
front matter from the report's own keys with hostile values and from raw text. The
Hypothesis profile (seed, number of examples) is chosen in conftest.py; in CI the seed is fixed.
"""

from __future__ import annotations

import subprocess
import sys
import time

import yaml
from helpers import REPO
from hypothesis import given
from hypothesis import strategies as st

from bulletin.check.body import check_body
from bulletin.errors import Problems
from bulletin.markup.reportbody import plain_text, render_body_html
from bulletin.markup.sanitize import sanitize_html
from bulletin.pages.search.indextext import make_index_text
from bulletin.read.registers import read_commissions
from bulletin.read.reportfile import read_report
from bulletin.read.settings import read_settings, read_units

PATH = "reports/2026/1201-yunling-ceshi.md"
FRONT = "---\ntitle: 云岭县测试报告\nunit: yunling\ncategory: 工作动态\n---\n"
SECONDS = 2.0  # per example, in CPU time: a busy machine stretches the wall clock, not this

SPECIAL = [
    *list("[]()<>\\`*_{}:!#-|&~=\"'"),
    "](",
    "![",
    "[a](",
    "[a]: ",
    "<a",
    "<a@",
    "</",
    "<!--",
    "&#",
    "&amp;",
    "```",
    "~~~",
    "**",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "  \n",
    "- ",
    "1. ",
    "> ",
    "---\n",
    "===\n",
    "|-|\n",
    "{: ",
    "http://",
    "javascript:",
    "\u202e",
    "\u200b",
    "\x00",
]
WORDS = ["防汛", "云岭县", "茶产业", "。", "，", "示例市", "a", "1", " "]

pieces = st.sampled_from(SPECIAL + WORDS)
runs = st.tuples(st.sampled_from(SPECIAL), st.integers(1, 3_000)).map(lambda run: run[0] * run[1])
repeated = st.tuples(st.lists(pieces, min_size=1, max_size=4).map("".join), st.integers(1, 800)).map(
    lambda run: run[0] * run[1]
)
nested = st.tuples(st.integers(1, 40), st.sampled_from(["    ", "> ", "- ", "  ", "> - "])).map(
    lambda nest: "".join(nest[1] * level + "- 层\n" for level in range(nest[0]))
)
bodies = st.lists(st.one_of(pieces, pieces, runs, repeated, nested, st.text(max_size=20)), max_size=30).map("".join)


def check_report_text(text: str) -> Problems:
    """Read and check a report file's text as the build does; render it if it passes."""
    problems = Problems()
    report = read_report(PATH, text, "jrxx", problems)
    if report is not None:
        check_body(report, problems)
        if not problems:
            html = render_body_html(report)
            assert "<script" not in sanitize_html(html)
            make_index_text(plain_text(html))
    return problems


def assert_placed(problems: Problems, path: str, text: str) -> None:
    last = text.count("\n") + 1
    for problem in problems.items:
        assert problem.path == path and 1 <= problem.line <= last and problem.field and problem.message, problem


@given(bodies)
def test_every_body_passes_or_is_refused_at_a_line_in_bounded_time(body):
    text = FRONT + body
    started = time.process_time()
    problems = check_report_text(text)
    elapsed = time.process_time() - started
    assert elapsed < SECONDS, f"{elapsed:.2f} s for a body of {len(body)} characters"
    assert_placed(problems, PATH, text)


hostile_text = st.one_of(
    st.text(max_size=40),
    st.lists(pieces, max_size=12).map("".join),
    runs,
    st.sampled_from(["NO", "1.10", "0123", "12:30", "~", "null", "秘密", "\u202e标题", "a\u200bb", "长" * 150]),
)
values = st.recursive(
    st.one_of(hostile_text, st.integers(-5, 10**12), st.booleans(), st.dates().map(str), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(hostile_text, inner, max_size=4)),
    max_leaves=12,
)
KEYS = ["title", "unit", "series", "issue", "date", "order", "category", "tags", "authors", "classification"]
KEYS += ["instructions", "adoptions", "corrections", "commission", "received", "emergency", "titel"]
front_matters = st.dictionaries(st.sampled_from(KEYS), values, max_size=10).map(
    lambda record: yaml.safe_dump(record, allow_unicode=True, width=10**6)
)
raw_yaml = st.lists(
    st.sampled_from(
        [*KEYS, ": ", "\n", "  ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!x ", "'", '"', "#", "|"]
    )
    | hostile_text,
    max_size=30,
).map("".join)


@given(st.one_of(front_matters, raw_yaml), bodies)
def test_every_front_matter_passes_or_is_refused_at_a_line_in_bounded_time(front_matter, body):
    text = f"---\n{front_matter}\n---\n{body}"
    started = time.process_time()
    problems = check_report_text(text)
    assert time.process_time() - started < SECONDS
    assert_placed(problems, PATH, text)


SETTING_KEYS = ["office", "categories", "series", "scoring", "search_part_reports", "offfice"]
SERIES_KEYS = ["name", "total_offset", "emergency", "to_higher", "signer", "jrxx"]
settings_texts = st.dictionaries(
    st.sampled_from(SETTING_KEYS),
    st.one_of(
        values,
        st.dictionaries(
            st.sampled_from(["jrxx", "zk", "Bad Key"]), st.dictionaries(st.sampled_from(SERIES_KEYS), values)
        ),
    ),
).map(lambda record: yaml.safe_dump({"site_name": "测试", "extra": {"bulletin": record}}, allow_unicode=True))
unit_texts = st.dictionaries(
    hostile_text | st.sampled_from(["yunling", "index"]),
    st.dictionaries(st.sampled_from(["name", "kind", "parent", "quota", "nmae"]), values, max_size=4),
).map(lambda record: yaml.safe_dump(record, allow_unicode=True))
REGISTRIES = {
    "reports/units.yml": (read_units, unit_texts),
    "mkdocs.yml": (read_settings, settings_texts),
    "reports/commissions.yml": (lambda path, text, problems: read_commissions(text, {}, problems), front_matters),
}


@given(st.sampled_from(sorted(REGISTRIES)), st.data())
def test_every_registry_and_setting_is_read_or_refused_at_a_line(path, data):
    reader, texts = REGISTRIES[path]
    text = data.draw(st.one_of(texts, raw_yaml))
    problems = Problems()
    started = time.process_time()
    reader(path, text, problems)
    assert time.process_time() - started < SECONDS
    assert_placed(problems, path, text)


def test_the_fuzz_target_runs_time_boxed_without_atheris():
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "fuzz_reportfile.py"), "--seconds", "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "examples" in result.stdout
