"""What a long build is doing, in one line.

On a terminal the line is rewritten in place (``\\r`` and "erase to the end of the line") and
wiped before anything else is printed, so the log's own lines stay whole. Anywhere else (a CI
log, a file, a pipe; or ``CI`` set) there is no in-place line: the build's log gets a plain line
of the same text, at most one every ``PLAIN_SECONDS`` and none in a build's first seconds, so a
short build prints nothing more and a long one is never silent.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

PLAIN_SECONDS = 10.0  # between two plain lines, and before the first
IN_PLACE_SECONDS = 0.2  # between two rewrites of the line on a terminal
_WIPE = "\r\x1b[K"


def writes_in_place(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal that a person watches (not a CI job's log)."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False
    return terminal and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class ProgressLine:
    def __init__(self, plain: Callable[[str], None], stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.plain = plain  # how a plain line is written (the build's log)
        self.in_place = writes_in_place(self.stream)
        self.started = self.told = time.monotonic()
        self.shown = False

    def show(self, text: str, *, now: bool = False) -> None:
        """Say ``text`` (``now``: on a terminal even if the line was rewritten a moment ago)."""
        moment = time.monotonic()
        if self.in_place:
            if now or not self.shown or moment - self.told >= IN_PLACE_SECONDS:
                self.stream.write(_WIPE + text)
                self.stream.flush()
                self.shown, self.told = True, moment
        elif moment - self.told >= PLAIN_SECONDS:
            self.plain(text)
            self.told = moment

    def wipe(self) -> None:
        """Take the line off the terminal (before another line is printed, and at the end)."""
        if self.in_place and self.shown:
            self.stream.write(_WIPE)
            self.stream.flush()
            self.shown = False


class WipeFirst(logging.Filter):
    """On a log handler: the progress line is wiped before each line the handler prints."""

    def __init__(self, line: ProgressLine) -> None:
        super().__init__()
        self.line = line

    def filter(self, record: logging.LogRecord) -> bool:
        self.line.wipe()
        return True
