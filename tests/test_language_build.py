"""The build speaks the editors' language (issue 14): a refused build says what is wrong in
Chinese, in English when asked for (BULLETIN_LANG, --lang en), and `bulletin build` passes its
language on to MkDocs' process.

Before: "1 problem(s) in the archive; nothing was built or changed", "... missing before 第4期:
issue numbers run from 1 without gaps" — English to an editor who reads Chinese.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import (
    BUILD_EPOCH,
    Ran,
    copy_fixture,
    run_build,
    run_bulletin,
    run_bulletin_process,
    without_locale,
    write,
)

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
