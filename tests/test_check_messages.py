"""What `bulletin check` tells an editor (issue 14, parts 2 and 3): messages they can act on, and
every problem in one run.

Each test writes what an editor wrote (or mistyped) into a copy of the fixture archive and
reads what `bulletin check` tells them: the line, what is wrong and how to fix it, in
Chinese, and every problem of the file at once.
"""

from __future__ import annotations

import re

import pytest
from helpers import REPO, calls_made, find_problem, problems_of, run_bulletin, write

BAD = "reports/2026/0201-yunling-bad.md"
FRONT = "title: 云岭县开展冬季茶园管护\nunit: yunling\ncategory: 工作动态\n"


def report(front: str, body: str = "云岭县开展冬季茶园管护。") -> str:
    return f"---\n{front.rstrip()}\n---\n{body}\n"


def problems_in(root, path: str = BAD) -> list:
    return [p for p in problems_of(root) if p.path == path]


def assert_plain_chinese(problems) -> None:
    """No English sentence and no jargon: the editor reads the message as it is."""
    for problem in problems:
        assert "YAML 1.1" not in problem.message, problem
        assert not re.search(r"[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+", problem.message), problem  # an English phrase
        assert re.search(r"[\u4e00-\u9fff]", problem.message), problem


# --- 2. messages an editor can act on ---------------------------------------------------


def test_a_colon_in_a_title_is_explained_with_the_quoted_fix(archive_root):
    write(archive_root, BAD, report(FRONT.replace("云岭县开展冬季茶园管护", "云岭县: 冬季茶园管护")))
    problem = find_problem(problems_in(archive_root), BAD, 2, "title", "值里有英文冒号“: ”，会被当成键和值的分隔")
    assert 'title: "云岭县: 冬季茶园管护"' in problem.message  # the line to type instead
    assert "mapping values" not in problem.message


@pytest.mark.parametrize(
    "front, line, field, cause",
    [
        (FRONT.replace("unit: yunling", "unit yunling"), 3, "unit", "这一行缺少英文冒号"),
        (FRONT.replace("云岭县开展", "@云岭县开展"), 2, "title", "值不能以“@”开头"),
        (FRONT.replace("云岭县开展", "`云岭县`开展"), 2, "title", "值不能以“`”开头"),
        (FRONT.replace("云岭县开展冬季茶园管护", '"云岭县开展冬季茶园管护'), 2, "title", "引号没有配对"),
        (FRONT + "tags: [茶产业, 冬管\n", 5, "tags", "方括号没有配对"),
        (FRONT.replace("unit: yunling", "  unit: yunling"), 3, "unit", "缩进不对"),
    ],
    ids=["missing colon", "at sign", "backtick", "unclosed quote", "unclosed bracket", "indentation"],
)
def test_yaml_syntax_errors_say_the_line_the_cause_and_the_fix(archive_root, front, line, field, cause):
    write(archive_root, BAD, report(front))
    problems = problems_in(archive_root)
    problem = find_problem(problems, BAD, line, field, cause)
    assert "请" in problem.message  # and what to do
    assert_plain_chinese(problems)


@pytest.mark.parametrize(
    "value, read_as",
    [("NO", "真假值"), ("YES", "真假值"), ("ON", "真假值"), ("1.10", "数字"), ("0123", "数字"), ("12:30", "时间")],
)
def test_values_yaml_would_convert_are_explained_without_jargon(archive_root, value, read_as):
    write(archive_root, BAD, report(FRONT + f"tags: [{value}]"))
    problems = problems_in(archive_root)
    find_problem(problems, BAD, 5, "tags[1]", f"{value} 会被读成{read_as}")
    find_problem(problems, BAD, 5, "tags[1]", f'请加引号写成 "{value}"')
    assert_plain_chinese(problems)


def test_a_tab_is_reported_under_the_key_it_breaks(archive_root):
    write(archive_root, BAD, report(FRONT + "tags:\t[茶产业]"))
    problem = find_problem(problems_in(archive_root), BAD, 5, "tags", "制表符（Tab 键）")
    assert "换成空格" in problem.message


def test_raw_html_names_the_tag(archive_root):
    write(archive_root, BAD, report(FRONT, "云岭县<font color=red>开展</font>冬季茶园管护。"))
    (problem,) = problems_in(archive_root)
    assert (problem.line, problem.field) == (6, "body")
    assert "“<font>”" in problem.message and "Markdown" in problem.message


def test_an_empty_file_says_it_is_empty_and_how_a_report_starts(archive_root):
    write(archive_root, BAD, "")
    (problem,) = problems_in(archive_root)
    assert (problem.line, problem.field) == (1, "file")
    assert problem.message.startswith("文件是空的")
    assert "---" in problem.message and "title" in problem.message


def test_bulletin_new_names_the_argument_a_problem_is_about(archive_root):
    result = run_bulletin("--root", str(archive_root), "new", "--unit", "yunling", "--title", " ")
    assert result.returncode == 1
    assert not result.stdout.startswith("-:")
    assert result.stdout.startswith("命令行参数 --title: title: 标题是空的")
    assert not list((archive_root / "reports").glob("*/*yunling-report*"))


@pytest.mark.parametrize(
    "page, marker",
    [("content/guide/writing.md", "一次列出全部问题，例如："), ("docs/rules.md", "## What the build checks")],
)
def test_the_docs_show_what_check_prints(archive_root, page, marker):
    """The example output in the guide and the maintainers' rules is what `bulletin check` prints for these files."""
    write(
        archive_root,
        "reports/2026/0201-yunling-x.md",
        report(FRONT.replace("工作动态", "工作动太") + "issue: 3\ndate: 2026-02-30\nclassification: 秘密"),
    )
    write(
        archive_root,
        "reports/2026/0202-hefeng-y.md",
        report("unit: hefeng\ncategory: 工作动态\ntitle: 禾丰县: 春耕备耕", "禾丰县<font>春耕</font>。"),
    )
    result = run_bulletin("--root", str(archive_root), "check")
    printed = result.stdout.splitlines()
    text = (REPO / page).read_text(encoding="utf-8")
    block = text.split(marker, 1)[1].split("```", 2)[1].strip("\n").splitlines()
    assert block and all(line in printed for line in block), (block, printed)


# --- 3. one run, every problem ------------------------------------------------------------


def test_unknown_key_secret_misspelt_category_html_and_script_link_in_one_run(archive_root):
    front = "title: 云岭县开展冬季茶园管护\nunit: yunling\ncategory: 工作动太\nclassification: 秘密\ncolour: red"
    body = "云岭县<font>开展</font>冬季茶园管护。\n\n详见[通知](javascript:alert(1))。"
    write(archive_root, BAD, report(front, body))
    problems = problems_in(archive_root)
    find_problem(problems, BAD, 4, "category", "没有“工作动太”这个栏目，是不是“工作动态”？")
    find_problem(problems, BAD, 5, "classification", "秘密文件不能放进这个仓库")
    find_problem(problems, BAD, 6, "colour", "没有 colour 这一项")
    find_problem(problems, BAD, 8, "body", "“<font>”")
    find_problem(problems, BAD, 10, "body", "脚本链接")
    assert len(problems) == 5


def test_a_tab_and_a_duplicate_key_do_not_hide_unit_image_and_html(archive_root):
    front = "title: 云岭县开展冬季茶园管护\nunit: baihe\ncategory: 工作动态\ntags:\t[茶产业]\ntitle: 又一个标题"
    body = "云岭县<font>开展</font>冬季茶园管护。\n\n![茶园](https://cdn.example.com/a.png)"
    write(archive_root, BAD, report(front, body))
    problems = problems_in(archive_root)
    find_problem(problems, BAD, 3, "unit", "没有“baihe”这个单位")
    find_problem(problems, BAD, 5, "tags", "制表符")
    find_problem(problems, BAD, 6, "title", "title 写了两次（第 2 行已经有了）")
    find_problem(problems, BAD, 8, "body", "“<font>”")
    find_problem(problems, BAD, 10, "body", "不能引用其他网站的图片（https://cdn.example.com/a.png）")
    assert len(problems) == 5


def test_a_yaml_syntax_error_in_one_key_does_not_hide_the_others(archive_root):
    front = "title: 云岭县: 冬季茶园管护\nunit: baihe\ncategory: 工作动太\nissue: 03"
    body = "云岭县<font>开展</font>冬季茶园管护。"
    write(archive_root, BAD, report(front, body))
    problems = problems_in(archive_root)
    find_problem(problems, BAD, 2, "title", "英文冒号")
    find_problem(problems, BAD, 3, "unit", "没有“baihe”这个单位")
    find_problem(problems, BAD, 4, "category", "没有“工作动太”这个栏目")
    find_problem(problems, BAD, 5, "issue", "03 以 0 开头")
    find_problem(problems, BAD, 7, "body", "“<font>”")
    assert len(problems) == 5  # title is left out, not also reported missing


def test_front_matter_that_cannot_be_read_still_has_its_body_checked(archive_root):
    write(archive_root, BAD, report("title: &t 标题\ntags: [*t]", "云岭县<font>开展</font>。\n\n[通知](javascript:x)"))
    problems = problems_in(archive_root)
    find_problem(problems, BAD, 2, "title", "不能用 & 和 * 引用别处的值")
    find_problem(problems, BAD, 5, "body", "“<font>”")
    find_problem(problems, BAD, 7, "body", "脚本链接")
    assert len(problems) == 3  # nothing of the front matter is guessed at


def test_a_rendered_body_problem_is_reported_beside_a_line_problem(archive_root):
    # The link's address is on the line after its label: only the rendered HTML shows it.
    body = "云岭县<font>开展</font>冬季茶园管护。\n\n见[附件][1]。\n\n[1]:\n  file:///etc/passwd"
    write(archive_root, BAD, report(FRONT, body))
    problems = problems_in(archive_root)
    find_problem(problems, BAD, 6, "body", "“<font>”")
    find_problem(problems, BAD, 11, "body", "链接“file:///etc/passwd”不能用")
    assert len(problems) == 2


def test_a_problem_both_body_checks_find_is_reported_once(archive_root):
    body = '云岭县<img src=x onerror="alert(1)">开展冬季茶园管护。\n\n[通知](javascript:alert(1))'
    write(archive_root, BAD, report(FRONT, body))
    problems = problems_in(archive_root)
    assert [(p.line, p.field) for p in problems] == [(6, "body"), (8, "body")], problems
    assert "“<img>”" in problems[0].message and "脚本链接" in problems[1].message


def test_front_matter_whose_every_line_is_left_out_is_reported_not_a_traceback(archive_root):
    write(archive_root, BAD, report("\ttitle: 标题\n\tunit: yunling", "云岭县<font>开展</font>。"))
    problems = problems_in(archive_root)
    find_problem(problems, BAD, 2, "title", "制表符")
    find_problem(problems, BAD, 3, "unit", "制表符")
    find_problem(problems, BAD, 2, "category", "缺少这一项（必填）")
    find_problem(problems, BAD, 5, "body", "“<font>”")


FRONTS = {  # n lines of front matter the reader leaves out, entry by entry, reading on; n near the size limit
    "tabs before any key": (lambda n: "\tx: 1\n" * n, 33_000),
    "tabs in one long entry": (lambda n: "tags:\n" + "  -\tx\n" * n, 33_000),
    "syntax errors after 30000 lines": (lambda n: "k: v\n" * n + "a: b: c\n" * 9, 30_000),
}


@pytest.mark.parametrize(("front", "lines"), FRONTS.values(), ids=FRONTS.keys())
def test_reading_on_after_a_problem_stays_linear(front, lines):
    """Leaving broken entries out and reading on costs at most a few readings of the text
    (issue 16: a report within its 200 KB limit is read in bounded time): twice the lines are
    twice the work, counted in function calls (not timed: a busy machine's figures are not the
    code's), and a report near its size limit is read to the end with its problems."""
    from bulletin.errors import Problems
    from bulletin.read.reportfile import read_report_draft

    def read(n: int) -> Problems:
        problems = Problems()
        read_report_draft(BAD, report(front(n)), "jrxx", problems)
        return problems

    assert len(report(front(lines)).encode("utf-8")) < 200 * 1024
    assert read(lines)
    small, large = calls_made(lambda: read(lines // 16)), calls_made(lambda: read(lines // 8))
    assert large < 2.2 * small, (small, large)  # a reading again for each problem would be four times
