"""Issue 14, Chinese by default (the build, the search index, Git, numbering, limits, files):
the messages an editor meets are Chinese, English when asked for (BULLETIN_LANG, --lang en).

Before: "1 problem(s) in the archive; nothing was built or changed", "not a commit in this
repository (fetch it first?)", "... missing before 第4期: issue numbers run from 1 without
gaps", "not valid UTF-8 (byte 3)" — English to an editor who reads Chinese, whatever was asked.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import BUILD_EPOCH, Ran, copy_fixture, run_build, run_bulletin, run_bulletin_process, without_locale, write

from bulletin.check.bodysize import check_body_size
from bulletin.errors import Problems
from bulletin.i18n import current_language, use_language

GAP = "reports/2026/0210-hefeng-x.md"  # 第4期 after 第2期 in the fixture


def archive_with_a_gap(folder: Path) -> Path:
    root = copy_fixture(folder)
    write(
        root,
        GAP,
        "---\ntitle: 禾丰县推进冬季农田水利建设\nunit: hefeng\nissue: 4\ndate: 2026-02-10\ncategory: 工作动态\n---\n"
        "禾丰县推进冬季农田水利建设。\n",
    )
    return root


def bulletin(root: Path, *args: str, **environment: str) -> Ran:
    return run_bulletin("--root", str(root), *args, SOURCE_DATE_EPOCH=BUILD_EPOCH, **environment)


def bulletin_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in a process of its own: `bulletin build` runs MkDocs in a process
    of its own too, which writes to the command's own output."""
    return run_bulletin_process("--root", str(root), *args, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")


@pytest.mark.build
def test_a_refused_build_says_what_is_wrong_in_chinese_and_in_english_when_asked(tmp_path):
    root = archive_with_a_gap(tmp_path / "archive")
    chinese = run_build(root, env=without_locale())
    assert chinese.returncode == 1
    assert f"{GAP}:4: issue: 今日信息 2026年第3期缺失，却有第4期：期号从 1 起连续编排，不能跳号" in chinese.stderr
    assert "稿件库中有 1 个问题（见上面各行），网站没有生成，也没有改动任何文件" in chinese.stderr
    assert "problem(s)" not in chinese.stderr and "missing before" not in chinese.stderr
    english = run_build(root, env=without_locale(BULLETIN_LANG="en"))
    assert english.returncode == 1
    assert f"{GAP}:4: issue: 今日信息 2026年第3期 missing before 第4期: issue numbers run from 1" in english.stderr
    assert "1 problem(s) in the archive (see the lines above); nothing was built or changed" in english.stderr
    assert "稿件库中有" not in english.stderr and "不能跳号" not in english.stderr
    assert not (root / "site").exists()


@pytest.mark.build
def test_bulletin_build_passes_its_language_to_the_site_build(tmp_path):
    """`bulletin --lang en build` runs MkDocs in a process of its own: it speaks English too."""
    root = archive_with_a_gap(tmp_path / "archive")
    chinese = bulletin_process(root, "build")
    assert chinese.returncode == 1
    assert "稿件库中有 1 个问题" in chinese.stderr
    assert (
        "site: build: 生成失败（MkDocs 退出码 1），原因见上面的输出；网站 site/ 保持原样，没有改动。" in chinese.stderr
    )
    english = bulletin_process(root, "--lang", "en", "build")
    assert english.returncode == 1
    assert "missing before 第4期" in english.stderr and "1 problem(s) in the archive" in english.stderr
    assert "site: build: the build failed (MkDocs exit status 1), see the output above" in english.stderr
    assert "生成失败" not in english.stderr and "稿件库中有" not in english.stderr


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
