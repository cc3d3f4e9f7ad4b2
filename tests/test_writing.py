"""bulletin.commands.writing: each file whole, all files of a command or none, nothing overwritten by
`new`; and the commands that write, as processes of their own, under a file size limit, killed,
or given a title that is not UTF-8 (issue 16): every report is left old or new, never lost."""

from __future__ import annotations

import os
import random
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import (
    copy_fixture,
    write,
)

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


# --- the commands' writes, as processes: a file size limit, a kill, bytes that are not UTF-8 -------


PENDING = "reports/2026/1120-yingji-pending.md"


BULLETIN = [sys.executable, "-c", "from bulletin.cli import main; main()"]


def bulletin_process(root: Path, *args: str | bytes, **options) -> subprocess.CompletedProcess:
    """The real `bulletin` command in a process of its own (output as bytes): for what only a
    process has (a file size limit, a kill, arguments that are not UTF-8)."""
    return subprocess.run(
        [*BULLETIN, "--root", str(root), *args], check=False, capture_output=True, timeout=120, **options
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_pending_reports(root: Path, count: int, sentences: int) -> list[str]:
    """Pending reports of the fixture's unit, each with a long plain body (to slow compose), in
    paragraphs of ten sentences (within bulletin.limits: 200 KB a report, 1000 paragraphs)."""
    sentence = "云岭县统筹推进冬春农田水利建设，完成渠道清淤一百二十公里，新建提灌站三座。"
    paths = []
    for n in range(count):
        path = f"reports/2026/1201-yunling-shuili-{n}.md"
        body = "\n\n".join([sentence * 10] * max(1, sentences // 10))
        write(root, path, f"---\ntitle: 云岭县冬春水利建设进展{n}\nunit: yunling\ncategory: 工作动态\n---\n{body}\n")
        paths.append(path)
    return paths


def limit_file_size_to_zero() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_compose_under_a_file_size_limit_keeps_every_report(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    paths = [PENDING, *add_pending_reports(root, 2, 3)]
    before = snapshot(root)
    result = bulletin_process(root, "compose", *paths, "--date", "2026-12-01", preexec_fn=limit_file_size_to_zero)
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    assert "文件超过了系统允许的文件大小上限" in out and "所有文件保持原样" in out
    assert b"Traceback" not in result.stderr
    assert snapshot(root) == before  # byte-identical, and no temporary file left


def test_compose_killed_leaves_each_report_old_or_new(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    paths = add_pending_reports(root, 72, 1700)  # about 190 KB each (the limit is 200 KB), 13 MB: writes take a while
    old = {path: (root / path).read_bytes() for path in paths}
    started = time.monotonic()
    done = bulletin_process(root, "compose", *paths, "--date", "2026-12-01")
    whole_run = time.monotonic() - started
    assert done.returncode == 0, done.stdout.decode()
    new = {path: (root / path).read_bytes() for path in paths}
    assert all(new[p] != old[p] for p in paths)
    chance = random.Random(16)
    killed = 0
    for _ in range(10):
        for path, data in old.items():
            (root / path).write_bytes(data)
        process = subprocess.Popen([*BULLETIN, "--root", str(root), "compose", *paths, "--date", "2026-12-01"])
        time.sleep(chance.uniform(0.2, 1.0) * whole_run)
        process.send_signal(signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
        for path in paths:
            data = (root / path).read_bytes()
            assert data in (old[path], new[path]), f"{path}: neither the old nor the new text ({len(data)} bytes)"
    assert killed  # at least one kill landed while compose was running


def test_new_with_a_title_not_in_utf8_writes_nothing(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    before = snapshot(root)
    result = bulletin_process(
        root, "new", "--unit", "yunling", "--title", "云岭县".encode() + b"\xff\xfe" + "报告".encode()
    )
    assert result.returncode == 1
    assert "标题里有不是 UTF-8 编码的字节" in result.stdout.decode("utf-8")
    assert b"Traceback" not in result.stderr
    assert snapshot(root) == before


def test_new_under_a_file_size_limit_leaves_no_empty_report(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    before = snapshot(root)
    result = bulletin_process(
        root, "new", "--unit", "yunling", "--title", "云岭县茶园管护", "--date", "2026-12-02",
        preexec_fn=limit_file_size_to_zero,
    )  # fmt: skip
    assert result.returncode == 1
    assert (
        "reports/2026/1202-yunling-chayuan-guanhu.md: file: 文件超过了系统允许的文件大小上限" in result.stdout.decode()
    )
    assert snapshot(root) == before
