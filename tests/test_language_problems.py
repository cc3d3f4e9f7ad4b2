"""Issue 14: the messages of the report reader, the settings and registers, the archive, the
body and reference checks and `bulletin new` come from the catalogs: Chinese by default,
English with ``--lang en``, from the real ``bulletin`` command."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import copy_fixture, run_bulletin, write

BAD = "reports/2026/0301-yunling-shifan.md"
CJK = re.compile(r"[\u4e00-\u9fff]")
VALUES = re.compile("工作动太|工作动态|经验做法|问题建议|调研报告|社情民意")  # categories, as written


def make_archive_with_problems(tmp_path: Path) -> Path:
    """An archive with a problem for each converted file: the report file (an issue without
    its date), the references (a category nearly right), the body (raw HTML), the archive
    (a stray file in reports/), the unit register (a reserved key) and a ledger's name."""
    root = copy_fixture(tmp_path / "archive")
    write(
        root,
        BAD,
        "---\ntitle: 云岭县开展示范创建活动\nunit: yunling\nissue: 9\ncategory: 工作动太\n---\n"
        "云岭县示范创建<script>alert(1)</script>进展顺利。\n",
    )
    write(root, "reports/备忘.txt", "示例市的备忘。\n")
    units = (root / "reports/units.yml").read_text(encoding="utf-8")
    write(root, "reports/units.yml", units + "index:\n  name: 示例市总览\n  kind: department\n")
    write(root, "reports/submissions/三月.yml", "yunling: 3\n")
    return root


def lines_of(output: str, path: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path}:")]


def test_check_explains_the_problems_of_these_files_in_chinese_by_default(tmp_path):
    root = make_archive_with_problems(tmp_path)
    result = run_bulletin("--root", str(root), "check")
    assert result.returncode == 1, result.stderr
    out = result.stdout + result.stderr
    assert f"{BAD}:4: issue: 写了期号 issue，还要写这一期的日期：请加一行 date: 年-月-日" in out
    assert f"{BAD}:5: category: 没有“工作动太”这个栏目，是不是“工作动态”？可以写：工作动态、经验做法" in out
    assert f"{BAD}:7: body: 正文里不能写 HTML 标签“<script>”" in out
    assert "reports/备忘.txt:1: file: 报告要放在 reports/<年份>/<编号>.md" in out
    assert "reports/units.yml:" in out and "index: index 不能用作单位的键：units/index/ 是全部单位的列表页" in out
    assert "reports/submissions/三月.yml:1: file: 收稿登记要放在 reports/submissions/<年>/<月>/<单位键>.yml" in out
    assert "did you mean" not in out and "cannot" not in out


def test_check_explains_the_same_problems_in_english_with_lang_en(tmp_path):
    root = make_archive_with_problems(tmp_path)
    result = run_bulletin("--root", str(root), "--lang", "en", "check")
    assert result.returncode == 1, result.stderr
    out = result.stdout + result.stderr
    assert f"{BAD}:4: issue: issue is written, so the issue's date is needed too" in out
    assert (
        f'{BAD}:5: category: there is no category "工作动太"; did you mean "工作动态"? You can write: 工作动态, 经验做法'
        in out
    )
    assert f'{BAD}:7: body: the text cannot contain the HTML tag "<script>"' in out
    assert "reports/备忘.txt:1: file: reports go in reports/<year>/<id>.md" in out
    assert "index: index cannot be a unit's key: units/index/ is the page listing all units" in out
    assert (
        "reports/submissions/三月.yml:1: file: ledger files go in reports/submissions/<year>/<month>/<unit key>.yml"
        in out
    )
    # Nothing of these messages is left in Chinese: only the values written in the files are.
    for line in lines_of(out, BAD):
        message = line.split(": ", 2)[2]
        assert not CJK.search(VALUES.sub("", message)), line


def test_new_refuses_an_unknown_category_in_the_editors_language(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    arguments = ("--root", str(root))
    command = ("new", "--unit", "yunling", "--title", "云岭县示范创建", "--category", "工作简报")
    chinese = run_bulletin(*arguments, *command)
    assert chinese.returncode != 0
    assert "没有“工作简报”这个栏目：--category 可以写 工作动态、经验做法" in chinese.stdout + chinese.stderr
    english = run_bulletin(*arguments, "--lang", "en", *command)
    assert english.returncode != 0
    assert 'there is no category "工作简报": --category can be 工作动态, 经验做法' in english.stdout + english.stderr
    assert not list((root / "reports").glob("*/*-shifan*.md"))  # nothing written when refused


def test_new_names_the_command_line_option_in_the_editors_language(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    command = ("--root", str(root))
    chinese = run_bulletin(*command, "new", "--unit", "yunling", "--title", " ")
    assert "命令行参数 --title: title: 标题是空的" in chinese.stdout + chinese.stderr
    english = run_bulletin(*command, "--lang", "en", "new", "--unit", "yunling", "--title", " ")
    assert "command-line option --title: title: the title is empty" in english.stdout + english.stderr
