"""The limits of bulletin.limits and input hygiene: each pathological input the red team reported
(issue 16) is refused with `path:line: field: message` in a bounded time, never a hang or a
traceback.

Before the fix the red team measured 1,000 backticks after a colon at 15.6 s, 2,000 at 184 s,
40 KB of `[` at 205 s, 115 KB of `[a](` at 89 s; scripts/time_pathological_text.py reproduced
15.2 s and three runs over its 40 s limit, and a RecursionError naming no report. After it:
each under 0.05 s, each refused with its line (or, the short backtick lines, passed).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import REPO, find_problem, problems_of, run_build, run_bulletin, write

from bulletin import limits
from bulletin.check.body import check_body
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.markup.reportbody import render_body_html
from bulletin.model import Report
from bulletin.read.reportfile import read_report

REPORT = "reports/2026/1201-yunling-ceshi.md"
# In CPU time (a busy machine stretches the wall clock, not this): the whole fixture archive is
# loaded as well; the hostile report alone takes well under 1 s. scripts/time_pathological_text.py
# prints the figures of each input.
SECONDS = 3.0


def front(title: str = "云岭县测试报告") -> str:
    return f"---\ntitle: {title}\nunit: yunling\ncategory: 工作动态\n---\n"


def timed_problems(root: Path) -> tuple[tuple[Problem, ...], float]:
    started = time.process_time()
    problems = problems_of(root)
    return problems, time.process_time() - started


def hostile(root: Path, body: str, path: str = REPORT, title: str = "云岭县测试报告") -> tuple[Problem, ...]:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(front(title) + body, encoding="utf-8")
    problems, seconds = timed_problems(root)
    assert seconds < SECONDS, f"checking took {seconds:.1f} s"
    for problem in problems:
        assert problem.line >= 1, problem
    return problems


# --- pathological text: every check linear ---------------------------------------------------


@pytest.mark.parametrize("count", [1_000, 2_000])
def test_backticks_after_a_colon_are_checked_at_once(archive_root, count):
    assert hostile(archive_root, "说明:" + "`" * count + "\n") == ()


def test_twenty_kilobytes_of_backticks_after_colons_are_refused_at_once(archive_root):
    problems = hostile(archive_root, "说明:" + "`" * 20_000 + "\n")
    find_problem(problems, REPORT, 6, "body", "超过每段 5000 个字符的上限")


def test_a_front_matter_line_of_190_kilobytes_of_spaces_is_explained_at_once(archive_root):
    """Explaining a YAML error reads the key of each line: a pattern did so in time quadratic in a
    line of spaces (over a minute for this one); the scan takes milliseconds."""
    problems = hostile(archive_root, "正文。\n", title="甲\n乙" + " " * 190_000 + "丙")
    find_problem(problems, REPORT, 3, "乙", "这一行缺少英文冒号")


def test_forty_kilobytes_of_brackets_are_refused_at_once(archive_root):
    problems = hostile(archive_root, "[" * 40_000 + "\n")
    find_problem(problems, REPORT, 6, "body", "请在适当的地方空一行")


def test_link_openings_in_many_paragraphs_are_refused_at_once(archive_root):
    """115 KB of `[a](`: as one paragraph (over the paragraph limit) and cut into paragraphs
    that are each within it (where Markdown's search for `)` is what is bounded)."""
    problems = hostile(archive_root, "[a](" * 28_750 + "\n")
    find_problem(problems, REPORT, 6, "body", "超过每段")
    paragraphs = "\n\n".join(["[a](" * 1_200] * 24)
    assert len(paragraphs) > 115_000
    problems = hostile(archive_root, paragraphs + "\n")
    find_problem(problems, REPORT, 6, "body", "方括号")


def test_brackets_within_every_paragraph_limit_are_refused_by_their_reading(archive_root):
    body = "\n\n".join(["各地[" * 1_000] * 10)
    find_problem(hostile(archive_root, body), REPORT, 6, "body", "请删去多余的括号，或改用中文括号【】")


def test_a_300_level_list_is_a_problem_naming_the_report(archive_root):
    body = "".join("    " * level + "- 第一层\n" for level in range(300))
    problems = hostile(archive_root, body)
    find_problem(problems, REPORT, 6 + limits.MAX_NESTING, "body", "嵌套了 11 层")  # level 11: line 16


def test_deep_quotes_are_refused(archive_root):
    find_problem(hostile(archive_root, ">" * 300 + " 引文\n"), REPORT, 6, "body", "嵌套了 300 层")


def test_rendering_that_recurses_too_deep_names_the_report():
    """Defence in depth: were a text to get past the limits, Markdown's RecursionError becomes a
    problem naming the report, not a traceback."""
    body = "".join("    " * level + "- 层\n" for level in range(300))
    report = Report(
        id="1201-yunling-ceshi",
        year=2026,
        path=REPORT,
        body=body,
        body_line=6,
        lines={},
        title="测试",
        units=("yunling",),
        series="jrxx",
        category="工作动态",
        placement=None,
    )
    with pytest.raises(BulletinError) as caught:
        render_body_html(report)
    assert [(p.path, p.line, p.field) for p in caught.value.problems] == [(REPORT, 6, "body")]


@pytest.mark.build
def test_a_deep_list_stops_the_build_with_a_message_not_a_traceback(archive_root):
    write(archive_root, REPORT, front() + "".join("    " * level + "- 层\n" for level in range(300)))
    result = run_build(archive_root)
    assert result.returncode != 0
    assert f"{REPORT}:" in result.stderr and "嵌套了" in result.stderr
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert not (archive_root / "site").exists()


# --- limits of names and files ----------------------------------------------------------------


def test_a_million_character_title_is_refused_before_it_is_read(archive_root):
    problems = hostile(archive_root, "正文。\n", title="长" * 1_000_000)  # 3 MB: over any file's limit
    find_problem(problems, REPORT, 1, "file", "上限")


def test_a_report_over_its_size_limit_is_refused_before_its_yaml_is_read(archive_root):
    problems = hostile(archive_root, "正文。\n", title="长" * (limits.MAX_REPORT_BYTES // 3))
    assert [p.field for p in problems if p.path == REPORT] == ["file"]
    find_problem(problems, REPORT, 1, "file", "超过了上限（200 KB）")


def test_a_title_over_its_limit_is_refused(archive_root):
    problems = hostile(archive_root, "正文。\n", title="长" * (limits.MAX_TITLE_CHARS + 1))
    find_problem(problems, REPORT, 2, "title", f"超过 {limits.MAX_TITLE_CHARS} 个字符的上限")


def test_a_252_character_id_is_refused_at_check_not_in_the_indexer(archive_root):
    path = f"reports/2026/1201-{'a' * 247}.md"
    problems = hostile(archive_root, "正文。\n", path=path)
    find_problem(problems, path, 1, "file", f"超过 {limits.MAX_ID_CHARS} 个字符的上限")


def test_a_unit_key_over_its_limit_is_refused(archive_root):
    key = "k" * (limits.MAX_KEY_CHARS + 1)
    with open(archive_root / "reports/units.yml", "a", encoding="utf-8") as units:
        units.write(f"{key}:\n  name: 测试单位\n  kind: department\n")
    find_problem(problems_of(archive_root), "reports/units.yml", 14, key[: limits.MAX_KEY_CHARS], "键名")


# --- invisible characters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "char, name", [("\u202e", "U+202E（从右到左覆盖）"), ("\u200b", "U+200B（零宽空格）"), ("\u2066", "U+2066")]
)
def test_invisible_characters_in_a_title_are_refused_and_named(archive_root, char, name):
    problems = hostile(archive_root, "正文。\n", title=f"云岭县{char}茶旅融合")
    find_problem(problems, REPORT, 2, "title", f"不可见的控制字符 {name}")


def test_invisible_characters_in_authors_tags_and_unit_names_are_refused(archive_root):
    write(
        archive_root,
        REPORT,
        "---\ntitle: 测试\nunit: yunling\ncategory: 工作动态\ntags: [茶\u200d产业]\nauthors: [周\u202e明远]\n---\n正文。\n",
    )
    units = archive_root / "reports/units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("禾丰县委办公室", "禾丰县\u2069委办公室"), "utf-8")
    problems = problems_of(archive_root)
    find_problem(problems, REPORT, 5, "tags[1]", "U+200D")
    find_problem(problems, REPORT, 6, "authors[1]", "U+202E")
    find_problem(problems, "reports/units.yml", 5, "hefeng.name", "U+2069")


# --- YAML tags -------------------------------------------------------------------------------------

APPLY = "!!python/object/apply:os.system"


@pytest.mark.parametrize(
    "yaml_line",
    [
        f"tags: {APPLY} [echo]",
        "tags: !!seq [茶产业]",
        "tags: [!!str 茶产业]",
        "category: !!str 工作动态",
        "tags: !x [a]",
    ],
)
def test_yaml_tags_in_a_report_are_refused(archive_root, yaml_line):
    write(archive_root, REPORT, f"---\ntitle: 测试\nunit: yunling\n{yaml_line}\n---\n正文。\n")
    problems = [p for p in problems_of(archive_root) if p.path == REPORT]
    assert len(problems) == 1  # refused as it is read: nothing of it is used
    find_problem(problems, REPORT, 4, yaml_line.split(":")[0], "YAML 标签")  # under the key it is in


def test_yaml_tags_in_registries_are_refused(archive_root):
    units = archive_root / "reports/units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "tagged: !!python/object/apply:dict\n  name: x\n", "utf-8")
    write(
        archive_root,
        "reports/commissions.yml",
        "- id: chaye\n  topic: !!str 茶叶\n  units: [yunling]\n  issued: 2026-01-01\n  deadline: 2026-02-01\n",
    )
    write(archive_root, "reports/submissions/2026-01.yml", "yunling: !!int 3\n")
    problems = problems_of(archive_root)
    find_problem(problems, "reports/units.yml", 14, "tagged", "!!python/object/apply:dict")
    find_problem(problems, "reports/commissions.yml", 2, "topic", "YAML 标签 !!str")
    find_problem(problems, "reports/submissions/2026-01.yml", 1, "yunling", "YAML 标签 !!int")


def test_yaml_tags_in_the_publication_settings_are_refused_but_mkdocs_may_use_its_own(archive_root):
    settings = archive_root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    mkdocs_own = text.replace(
        "  - toc\n", "  - toc\n  - pymdownx.emoji:\n      emoji_index: !!python/name:builtins.len\n"
    )
    settings.write_text(mkdocs_own, encoding="utf-8")
    assert problems_of(archive_root) == ()
    settings.write_text(mkdocs_own.replace("office: 中共", "office: !!str 中共"), encoding="utf-8")
    line = next(i for i, t in enumerate(settings.read_text(encoding="utf-8").split("\n"), 1) if "office:" in t)
    find_problem(problems_of(archive_root), "mkdocs.yml", line, "yaml", "YAML 标签 !!str")


# --- found by the property tests ----------------------------------------------------------------


def test_a_unit_without_name_or_kind_is_a_problem_not_a_traceback(archive_root):
    with open(archive_root / "reports/units.yml", "a", encoding="utf-8") as units:
        units.write("kongbai: {}\n")
    problems = problems_of(archive_root)
    find_problem(problems, "reports/units.yml", 14, "kongbai.name", "缺少这一项（必填）：请加一行 name: …")
    find_problem(problems, "reports/units.yml", 14, "kongbai.kind", "缺少这一项（必填）：请加一行 kind: …")


def test_a_yaml_error_at_the_end_of_a_file_points_at_its_last_line(archive_root):
    units = archive_root / "reports/units.yml"
    text = units.read_text(encoding="utf-8").rstrip("\n") + "\nextra: ["
    units.write_text(text, encoding="utf-8")
    find_problem(problems_of(archive_root), "reports/units.yml", text.count("\n") + 1, "extra", "方括号没有配对")


def test_the_docs_state_the_limits_of_limits_py():
    readme = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    for stated in (
        f"{limits.MAX_REPORT_BYTES} bytes",
        f"| {limits.MAX_ID_CHARS} characters",
        f"| {limits.MAX_KEY_CHARS} characters",
        f"| {limits.MAX_TITLE_CHARS} characters",
        f"| {limits.MAX_NAME_CHARS} characters",
        f"| {limits.MAX_TEXT_CHARS} characters",
        f"| {limits.MAX_PARAGRAPH_CHARS} characters, {limits.MAX_PARAGRAPH_LINES} lines",
        f"| {limits.MAX_PARAGRAPHS} |",
        f"| {limits.MAX_NESTING} levels",
        f"| {limits.MAX_FENCE_LINES} |",
        f"| {limits.MAX_TAG_OPENINGS} |",
        f"| {limits.MAX_YAML_BYTES // 1024 // 1024} MB",
    ):
        assert stated in readme, stated


@pytest.mark.parametrize(
    "title, said",
    [("云岭县\u202e测试", "U+202E（从右到左覆盖）"), ("长" * (limits.MAX_TITLE_CHARS + 1), "超过 100 个字符的上限")],
)
def test_new_refuses_titles_the_check_would_refuse_and_writes_nothing(archive_root, title, said):
    before = sorted((archive_root / "reports").rglob("*.md"))
    result = run_bulletin("--root", str(archive_root), "new", "--unit", "yunling", "--title", title)
    assert result.returncode == 1 and said in result.stdout
    assert sorted((archive_root / "reports").rglob("*.md")) == before


def test_an_empty_unit_key_is_named_in_the_problem(archive_root):
    with open(archive_root / "reports/units.yml", "a", encoding="utf-8") as units:
        units.write('"": {name: 空白单位, kind: county}\n')
    find_problem(problems_of(archive_root), "reports/units.yml", 14, '""', "键名只能用小写英文字母、数字和单个连字符")


@pytest.mark.parametrize("unit", ["# 标题\n", "标题\n---\n", "- 一\n    - 二\n"])
def test_the_densest_markdown_within_every_limit_is_read_in_bounded_time(unit):
    """A report at the size limit, every paragraph as long and as dense as the limits allow
    (measured: 1.0 to 1.9 s for the densest of 70 patterns on a shared two-core machine)."""
    paragraph = (unit * limits.MAX_PARAGRAPH_CHARS)[: limits.MAX_PARAGRAPH_CHARS - 10]
    paragraph = "\n".join(paragraph.split("\n")[: limits.MAX_PARAGRAPH_LINES - 1]).strip("\n")
    count = (limits.MAX_REPORT_BYTES - 200) // (len((paragraph + "\n\n").encode()))
    text = front() + "\n\n".join([paragraph] * count) + "\n"
    started = time.process_time()  # CPU time, as SECONDS
    problems = Problems()
    report = read_report(REPORT, text, "jrxx", problems)
    assert report is not None
    check_body(report, problems)
    assert not problems.items, problems.items[:1]
    render_body_html(report)
    assert time.process_time() - started < 6.0
