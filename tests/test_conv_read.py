"""Issue 14: the YAML reader's messages (bulletin.read.yamlreader, yamlsyntax, fields) are
Chinese by default and English on request, through the gettext catalogs.

Before: they were Chinese literals, shown in Chinese to a reader who asked for English
(``bulletin --lang en check``), and some were built from pieces that no catalog could hold.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import copy_fixture, run_bulletin, write

FIELDS = "reports/2026/0301-yunling-fields.md"
SYNTAX = "reports/2026/0302-yunling-syntax.md"
TAB = "reports/2026/0303-yunling-tab.md"


def bulletin(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_bulletin("--root", str(root), *args)


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
