"""Problems in the editors' language (issue 14): the messages of the report and YAML readers, the
settings and registers, the archive, the body and reference checks, Git refs, files not in UTF-8
and the limits come from the catalogs: Chinese by default, English with ``--lang en`` (or the
locale), as `bulletin check` prints them.

Before: Chinese literals shown to a reader who asked for English, some built from pieces no
catalog could hold, and "not a commit in this repository (fetch it first?)", "not valid UTF-8
(byte 3)" in English to an editor who reads Chinese.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import (
    BUILD_EPOCH,
    Ran,
    copy_fixture,
    run_bulletin,
    write,
)

from bulletin.check.bodysize import check_body_size
from bulletin.errors import Problems
from bulletin.i18n import current_language, use_language

BAD = "reports/2026/0301-yunling-shifan.md"
CJK = re.compile(r"[\u4e00-\u9fff]")
VALUES = re.compile("工作动太|工作动态|经验做法|问题建议|调研报告|社情民意")  # categories, as written


def bulletin(root: Path, *args: str, **environment: str) -> Ran:
    return run_bulletin("--root", str(root), *args, SOURCE_DATE_EPOCH=BUILD_EPOCH, **environment)


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


def test_check_of_a_file_and_of_a_git_ref_speaks_the_editors_language(repo):
    chinese = bulletin(repo, "check", "reports/2026/no-such-file.md")
    assert chinese.returncode == 1
    assert "reports/2026/no-such-file.md:1: file: 找不到这个文件：请检查路径和文件名是否写对" in chinese.stdout
    english = bulletin(repo, "--lang", "en", "check", "reports/2026/no-such-file.md")
    assert "reports/2026/no-such-file.md:1: file: file not found: check the path and the file name" in english.stdout
    chinese = bulletin(repo, "check", "--base", "no-such-branch")
    assert chinese.returncode == 1
    assert "no-such-branch: base: 本仓库里没有这个提交或分支：请先用 git fetch 取回它" in chinese.stdout
    english = bulletin(repo, "check", "--base", "no-such-branch", BULLETIN_LANG="en")
    assert "no-such-branch: base: not a commit or branch of this repository: fetch it first" in english.stdout


def test_a_file_not_in_utf8_is_explained_in_chinese(archive_root):
    path = "reports/2026/0301-gbk.md"
    (archive_root / path).write_bytes("---\ntitle: 示例市\n---\n正文。\n".encode("gbk"))
    result = bulletin(archive_root, "check")
    assert result.returncode == 1
    assert f"{path}:1: file: 这个文件不是 UTF-8 编码（第 14 个字节起无法识别）：请在编辑器里把它另存为 UTF-8 编码" in (
        result.stdout
    )
    english = bulletin(archive_root, "check", LANG="en_US.UTF-8")
    assert f"{path}:1: file: not valid UTF-8 (from byte 14 on): save the file as UTF-8 in your editor" in english.stdout


def test_a_message_made_in_advance_is_told_in_the_language_in_use():
    """The limits' messages are declared with the module, and translated only when told."""

    class Body:
        path, body_line = "reports/2026/0301-x.md", 5
        body = "示例市" + "[" * 500  # every unpaired "[" makes Markdown read on to the end

    language = current_language()
    try:
        for speak, words in (("zh", "方括号“[ ]”或链接的圆括号太多或没有配对"), ("en", "too many square brackets")):
            use_language(speak)
            problems = Problems()
            assert not check_body_size(Body(), problems)
            assert [(p.path, p.line, p.field) for p in problems.items] == [("reports/2026/0301-x.md", 5, "body")]
            assert problems.items[0].message.startswith(words), problems.items[0].message
    finally:
        use_language(language)


FIELDS = "reports/2026/0301-yunling-fields.md"


SYNTAX = "reports/2026/0302-yunling-syntax.md"


TAB = "reports/2026/0303-yunling-tab.md"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("conv-read") / "archive")
    write(
        root,
        FIELDS,
        "---\n"
        "title: 云岭县<示例>工作\n"
        "unit: yunling\n"
        "category: 工作动态\n"
        "order: 03\n"
        "received: 2026-02-30\n"
        "classification: 秘密\n"
        "tagz: [示例]\n"
        "---\n"
        "云岭县示例工作。\n",
    )
    write(root, SYNTAX, "---\ntitle: 云岭县: 示例工作\nunit: yunling\ncategory: 工作动态\n---\n正文。\n")
    write(root, TAB, "---\ntitle: 云岭县示例工作\nunit:\tyunling\ncategory: 工作动态\n---\n正文。\n")
    return root


CHINESE = (
    f"{FIELDS}:2: title: “云岭县<示例>工作”的写法不对：标题里不能有尖括号 < >：书名请用《》，或改用全角的＜＞",
    f"{FIELDS}:5: order: 03 以 0 开头，会被读成八进制数（另一个数）；请写成 3",
    f"{FIELDS}:6: received: 2026-02-30 不是日历上有的日子：请核对",
    f"{FIELDS}:7: classification: 秘密文件不能放进这个仓库：涉密信息绝不能上这个网络；请删除这个文件，按涉密渠道办理",
    f"{FIELDS}:8: tagz: 没有 tagz 这一项：是不是 tags？请改正拼写",
    (
        f'{SYNTAX}:2: title: 值里有英文冒号“: ”，会被当成键和值的分隔；请把整个值放在引号里：title: "云岭县: 示例工作"，'
        "或改用中文冒号“：”"
    ),
    f"{TAB}:3: unit: 这一行有制表符（Tab 键）：缩进和分隔只能用空格；请把制表符换成空格",
)


ENGLISH = (
    (
        f'{FIELDS}:2: title: "云岭县<示例>工作" is not written right: a title may not have angle brackets < >; '
        "write book titles in 《》, or use the full-width ＜＞"
    ),
    f"{FIELDS}:5: order: 03 starts with 0 and would be read as an octal number (another number); write 3",
    f"{FIELDS}:6: received: 2026-02-30 is not a day of the calendar: check it",
    (
        f"{FIELDS}:7: classification: a 秘密 (classified) document may not be put in this repository: "
        "classified information must never be on this network; delete this file and handle it through the classified channel"
    ),
    f"{FIELDS}:8: tagz: there is no entry tagz: did you mean tags? Correct the spelling",
    (
        f'{SYNTAX}:2: title: the value has an English colon ": ", which would be taken as the separator of key and '
        f'value; put the whole value in quotes: title: "云岭县: 示例工作", or use the Chinese colon "："'
    ),
    (
        f"{TAB}:3: unit: this line has a tab character (Tab key): indent and separate with spaces only; "
        "replace the tab with spaces"
    ),
)


def test_the_yaml_readers_problems_are_chinese_by_default(archive):
    result = bulletin(archive, "check")
    assert result.returncode == 1
    for line in CHINESE:
        assert line in result.stdout.splitlines(), (line, result.stdout)


def test_the_yaml_readers_problems_are_english_with_lang_en(archive):
    result = bulletin(archive, "--lang", "en", "check")
    assert result.returncode == 1
    for line in ENGLISH:
        assert line in result.stdout.splitlines(), (line, result.stdout)
    for chinese in ("写法不对", "八进制", "日历", "涉密", "是不是", "英文冒号", "制表符"):
        assert chinese not in result.stdout, (chinese, result.stdout)
