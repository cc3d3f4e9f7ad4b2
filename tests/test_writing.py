"""bulletin.commands.writing: each file whole, all files of a command or none, nothing overwritten by `new`."""

from __future__ import annotations

import os
import stat

import pytest

from bulletin.commands.writing import create_file, replace_files
from bulletin.errors import BulletinError


def test_replace_files_writes_every_file_and_keeps_its_mode(tmp_path):
    (tmp_path / "a.md").write_text("旧甲", encoding="utf-8")
    (tmp_path / "a.md").chmod(0o640)
    replace_files(tmp_path, {"a.md": "新甲".encode(), "b.md": "新乙".encode()})
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "新甲"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "新乙"
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]  # no temporary file left


def test_replace_files_changes_nothing_when_one_file_cannot_be_written(tmp_path):
    (tmp_path / "a.md").write_text("旧甲", encoding="utf-8")
    with pytest.raises(BulletinError) as caught:
        replace_files(tmp_path, {"a.md": "新甲".encode(), "missing/b.md": "新乙".encode()})
    (problem,) = caught.value.problems
    assert (problem.path, problem.field) == ("missing/b.md", "file")
    assert "所有文件保持原样" in problem.message
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "旧甲"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_replace_files_in_a_read_only_folder_says_so(tmp_path):
    (tmp_path / "a.md").write_text("旧甲", encoding="utf-8")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(BulletinError) as caught:
            replace_files(tmp_path, {"a.md": "新甲".encode()})
    finally:
        tmp_path.chmod(0o700)
    assert "没有写入权限" in caught.value.problems[0].message
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "旧甲"


def test_create_file_never_replaces_a_file(tmp_path):
    create_file(tmp_path, "reports/2026/x.md", "第一".encode())
    with pytest.raises(BulletinError) as caught:
        create_file(tmp_path, "reports/2026/x.md", "第二".encode())
    assert "已经存在" in caught.value.problems[0].message
    assert (tmp_path / "reports/2026/x.md").read_text(encoding="utf-8") == "第一"
    assert [p.name for p in (tmp_path / "reports/2026").iterdir()] == ["x.md"]
