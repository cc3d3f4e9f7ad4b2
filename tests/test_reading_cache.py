"""Report files as read and checked by an earlier build (bulletin.readcache): taken back exactly
as a fresh reading gives them, or not at all."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import FIXTURE, REPO
from hypothesis import given
from hypothesis import strategies as st

from bulletin import readcache
from bulletin.archive import load_archive, read_report_file
from bulletin.errors import Problem, Problems
from bulletin.i18n import current_language, use_language
from bulletin.model import Adoption, Correction, Emergency, Instruction, Placement
from bulletin.read.plaindata import from_plain, to_plain
from bulletin.readcache import cache_file, keep_readings, load_earlier_readings, read_and_check

SAMPLE_REPORTS = sorted(str(p.relative_to(REPO)) for p in (REPO / "reports").glob("*/*.md"))


@pytest.fixture
def fresh_process(monkeypatch):
    """A process that has read nothing and no table."""
    monkeypatch.setattr(readcache, "_EARLIER", {})
    monkeypatch.setattr(readcache, "_USED", {})
    monkeypatch.setattr(readcache.TABLE, "in_file", {})


def next_process(monkeypatch) -> None:
    monkeypatch.setattr(readcache, "_EARLIER", {})
    monkeypatch.setattr(readcache, "_USED", {})
    monkeypatch.setattr(readcache.TABLE, "in_file", {})


def read_fresh(path: str, text: str) -> tuple[object, list[Problem]]:
    problems = Problems()
    draft = read_and_check(path, text, "jrxx", problems)
    return to_plain(draft), sorted(problems.items)


def test_every_sample_report_comes_back_exactly_as_a_fresh_reading(tmp_path, fresh_process, monkeypatch):
    texts = {path: (REPO / path).read_text(encoding="utf-8") for path in SAMPLE_REPORTS}
    fresh = {path: read_fresh(path, text) for path, text in texts.items()}
    assert keep_readings(tmp_path)
    next_process(monkeypatch)
    assert load_earlier_readings(tmp_path) == len(texts)
    with monkeypatch.context() as patched:  # taken, not read or checked again
        patched.setattr(readcache, "read_report_draft", refuse)
        patched.setattr(readcache, "check_body", refuse)
        assert {path: read_fresh(path, text) for path, text in texts.items()} == fresh
    kept = cache_file(tmp_path).read_text(encoding="utf-8")
    assert texts[SAMPLE_REPORTS[0]].split("\n---\n", 1)[1].strip()[:40] not in kept  # bodies are not copied


def refuse(*args: object) -> None:
    raise AssertionError("read again")


def test_a_report_with_problems_keeps_its_problems(tmp_path, fresh_process, monkeypatch):
    text = "---\ntitle: 云岭县：茶旅融合\nunit: yunling\ndate: 2026-13-01\n---\n正文。![图](http://x/a.png)\n"
    fresh = read_fresh("reports/2026/0105-bad.md", text)
    assert fresh[1]  # a colon in the title, a month 13, an outside image
    keep_readings(tmp_path)
    next_process(monkeypatch)
    load_earlier_readings(tmp_path)
    assert read_fresh("reports/2026/0105-bad.md", text) == fresh


def test_a_changed_text_path_series_or_language_is_read_again(tmp_path, fresh_process, monkeypatch):
    text = (REPO / SAMPLE_REPORTS[0]).read_text(encoding="utf-8")
    bad = text.replace("title:", "title: 一个：冒号\nextra_key: 1\ntitle_was:", 1)
    chinese = read_fresh(SAMPLE_REPORTS[0], bad)[1]
    keep_readings(tmp_path)
    next_process(monkeypatch)
    load_earlier_readings(tmp_path)
    before = current_language()
    use_language("en")
    try:
        english = read_fresh(SAMPLE_REPORTS[0], bad)[1]
    finally:
        use_language(before)
    assert english and not {p.message for p in english} & {p.message for p in chinese}  # not the kept Chinese
    elsewhere = "reports/2024/" + SAMPLE_REPORTS[0].rsplit("/", 1)[1]
    assert read_fresh(elsewhere, bad)[1][0].path == elsewhere


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: {**entry, "body": [10**9, 10**9 + 5]},  # outside the text
        lambda entry: {**entry, "body": ["0", 5]},
        lambda entry: {**entry, "draft": {**entry["draft"], "body_line": "7"}},  # a number as text
        lambda entry: {**entry, "draft": {**entry["draft"], "complete": 1}},
        lambda entry: {k: v for k, v in entry.items() if k != "problems"},
        lambda entry: {**entry, "draft": {**entry["draft"], "surplus": 1}},
        lambda entry: {**entry, "problems": [["a", 1, "b"]]},
        lambda entry: {**entry, "draft": {**entry["draft"], "report": {**entry["draft"]["report"], "year": True}}},
        lambda entry: [entry],
    ],
)
def test_a_damaged_entry_is_read_again_from_the_file(tmp_path, fresh_process, monkeypatch, damage):
    path = SAMPLE_REPORTS[0]
    text = (REPO / path).read_text(encoding="utf-8")
    fresh = read_fresh(path, text)
    keep_readings(tmp_path)
    table = json.loads(cache_file(tmp_path).read_text(encoding="utf-8"))
    cache_file(tmp_path).write_text(json.dumps({k: damage(v) for k, v in table.items()}), encoding="utf-8")
    next_process(monkeypatch)
    load_earlier_readings(tmp_path)
    assert read_fresh(path, text) == fresh


def test_a_damaged_table_is_an_empty_one(tmp_path, fresh_process):
    cache_file(tmp_path).write_text('{"cut', encoding="utf-8")
    assert load_earlier_readings(tmp_path) == 0
    archive = load_archive(FIXTURE)
    assert archive.reports


def test_a_file_saved_again_is_read_afresh(tmp_path, fresh_process):
    """The table is keyed by the text, never by the file's time or size: a second draft of the
    same length is read as written."""
    root = tmp_path / "archive"
    (root / "reports/2026").mkdir(parents=True)
    path = root / "reports/2026/0105-yunling-chalv.md"
    path.write_text("---\ntitle: 云岭县茶旅融合\nunit: yunling\n---\n第一稿。\n", encoding="utf-8")
    first = read_report_file(root, "reports/2026/0105-yunling-chalv.md", "jrxx", Problems(), use_cache=False)
    path.write_text("---\ntitle: 云岭县茶旅融合\nunit: yunling\n---\n第二稿。\n", encoding="utf-8")
    second = read_report_file(root, "reports/2026/0105-yunling-chalv.md", "jrxx", Problems(), use_cache=False)
    assert first is not None and second is not None
    assert (first.body, second.body) == ("第一稿。\n", "第二稿。\n")


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))


@given(
    st.builds(Placement, st.integers(-5, 10**6), dates, st.none() | st.integers(0, 99)),
    st.lists(st.builds(Instruction, texts, texts, dates, texts), max_size=3),
    st.lists(st.builds(Adoption, texts, texts, dates), max_size=3),
    st.lists(st.builds(Correction, dates, texts), max_size=3),
    st.none() | st.builds(Emergency, texts, texts, st.datetimes(dt.datetime(2000, 1, 1)), st.integers(0, 300)),
)
def test_the_models_parts_come_back_from_plain_data(placement, instructions, adoptions, corrections, emergency):
    for value, kind in [
        (placement, Placement),
        *((i, Instruction) for i in instructions),
        *((a, Adoption) for a in adoptions),
        *((c, Correction) for c in corrections),
        (emergency, Emergency | None),
    ]:
        plain = to_plain(value)
        assert json.loads(json.dumps(plain)) == plain
        assert to_plain(from_plain(plain, kind)) == plain
