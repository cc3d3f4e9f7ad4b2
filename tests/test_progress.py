"""A long build says what it is doing: one line rewritten in place on a terminal, plain lines
at a slow pace in a CI log, nothing more in a short build, and the log's own lines kept whole."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys

import pytest
from helpers import BUILD_EPOCH, build_cache_dir, copy_fixture

from bulletin import progress
from bulletin.progress import ProgressLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: now[0])
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    return now


def test_on_a_terminal_the_line_is_rewritten_in_place_and_wiped(clock):
    terminal, plain = Terminal(), []
    line = ProgressLine(plain.append, terminal)
    line.show("套用主题并写出页面 1/3")
    line.show("套用主题并写出页面 2/3")  # a moment later: not rewritten yet (a terminal is slow)
    clock[0] += 0.5
    line.show("套用主题并写出页面 3/3")
    line.show("等待搜索索引……", now=True)
    line.wipe()
    line.wipe()  # nothing shown: nothing written
    assert terminal.getvalue().split("\r\x1b[K") == [
        "",
        "套用主题并写出页面 1/3",
        "套用主题并写出页面 3/3",
        "等待搜索索引……",
        "",
    ]
    assert plain == []


def test_in_a_ci_log_plain_lines_come_slowly_and_not_in_the_first_seconds(clock, monkeypatch):
    monkeypatch.setenv("CI", "true")
    terminal, plain = Terminal(), []  # a terminal, but CI says nobody watches it
    line = ProgressLine(plain.append, terminal)
    line.show("正在读取和检查稿件库……")
    clock[0] += 4
    line.show("正在生成页面……")
    assert plain == []  # a short build prints nothing more
    clock[0] += 7
    line.show("套用主题并写出页面 100/3000")
    clock[0] += 3
    line.show("套用主题并写出页面 400/3000")
    clock[0] += 10
    line.show("套用主题并写出页面 1500/3000")
    assert plain == ["套用主题并写出页面 100/3000", "套用主题并写出页面 1500/3000"]
    line.wipe()
    assert terminal.getvalue() == ""


def test_a_pipe_or_a_closed_stream_gets_no_in_place_line(clock):
    closed = io.StringIO()
    closed.close()
    assert not ProgressLine(print, closed).in_place
    assert not ProgressLine(print, io.StringIO()).in_place


@pytest.mark.build
def test_a_build_on_a_terminal_keeps_every_log_line_whole(tmp_path):
    """A real build with its output on a pseudo-terminal: the progress line is there, and each
    line of the log starts with MkDocs' level, never after a piece of progress text."""
    root = copy_fixture(tmp_path / "archive")
    main, secondary = pty.openpty()
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "BULLETIN_CACHE_DIR": str(build_cache_dir(root)),
        "BULLETIN_DOCUMENTS": "0",
        "TERM": "xterm",
    }
    environment.pop("CI", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=environment,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child has ended and closed the terminal
            break
        if not chunk:
            break
        output += chunk
    assert child.wait(timeout=300) == 0
    os.close(main)
    text = output.decode("utf-8")
    assert "\r\x1b[K" in text
    assert "bulletin：正在生成页面……" in text
    for row in text.replace("\r\n", "\n").split("\n"):
        shown = row.split("\r\x1b[K")[-1]  # what is left on the terminal's row
        assert (
            shown == ""
            or re.match(r"(\x1b\[[\d;]*m)?(INFO|WARNING|ERROR|DEBUG)\b", shown)
            or shown.startswith(("bulletin：", "PDF 和 Word", "   "))  # "   ": a long log line MkDocs wraps
        ), repr(row)
        assert not re.search(r"[……\d]\s*(INFO|WARNING)\s+-", shown), repr(row)  # no log line after progress text
    assert re.search(r"INFO\s+-\s+用时 [\d.]+ 秒", text)
