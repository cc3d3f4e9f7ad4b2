"""Checks that nothing unfinished or mistyped is published: the template text of ``bulletin new``
left in a report, and 批示, adoptions and corrections dated after the build date.

An issue dated after the build date is not a mistake: it is *scheduled*, built for preview and
published by the first build on or after its date (:meth:`bulletin.model.Archive.as_of`). A
批示, a higher office's adoption or a correction cannot have happened yet: a date after the
build date is a typing slip (2027 for 2026) and is refused.
"""

from __future__ import annotations

import datetime as dt
import re

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Correction, Report
from bulletin.placeholders import BODY_PLACEHOLDER, PLACEHOLDER_PIECES

_BLANKS = re.compile(r"\s+")


def name_event(key: str) -> str:
    """What an entry of ``key`` is called, in the language in use."""
    return {"instructions": _("批示"), "adoptions": _("上级采用"), "corrections": _("更正")}[key]


def holds_placeholder(text: str) -> bool:
    """Whether ``text`` still holds the template text of ``bulletin new`` (blanks and line breaks ignored)."""
    joined = _BLANKS.sub("", text)
    return any(piece in joined for piece in PLACEHOLDER_PIECES)


def check_placeholder(report: Report, problems: Problems) -> None:
    """The template text of ``bulletin new`` left in the title or the body, at its line."""
    if holds_placeholder(report.title):
        problems.add(
            report.path,
            report.line_of("title"),
            "title",
            _("标题还是 bulletin new 生成的模板提示文字：请改成这篇信息的真实标题"),
        )
    lines = report.body.split("\n")
    hits = [offset for offset, line in enumerate(lines) if holds_placeholder(line)]
    if not hits and holds_placeholder(report.body):  # the placeholder broken over lines: where it starts
        end = next(i for i in range(len(lines)) if holds_placeholder("".join(lines[: i + 1])))
        hits = [next(i for i in range(end, -1, -1) if holds_placeholder("".join(lines[i : end + 1])))]
    for offset in hits:
        problems.add(
            report.path,
            report.body_line + offset,
            "body",
            _(
                "这一行还是 bulletin new 生成的模板提示文字{placeholder}："
                "请删去这行提示，在这里写上信息正文（单位报来、经审定的文字）"
            ).format(placeholder=BODY_PLACEHOLDER),
        )


def check_event_dates(report: Report, today: dt.date, problems: Problems) -> None:
    """批示, adoptions and corrections dated after the build date ``today``: typing slips."""
    for key, entries in (
        ("instructions", report.instructions),
        ("adoptions", report.adoptions),
        ("corrections", report.corrections),
    ):
        for entry in entries:
            if entry.date > today:
                who = "" if isinstance(entry, Correction) else entry.by
                if not who:
                    message = _(
                        "{event}的日期 {date} 晚于今天（{today}）：{event}只能记已经发生的事，"
                        "请核对日期，多半是年份或月份打错了"
                    )
                else:
                    message = _(
                        "{event}（{who}）的日期 {date} 晚于今天（{today}）：{event}只能记已经发生的事，"
                        "请核对日期，多半是年份或月份打错了"
                    )
                problems.add(
                    report.path,
                    report.line_of(key),
                    key,
                    message.format(event=name_event(key), who=who, date=entry.date, today=today),
                )
