"""One clock for the build and the editors' commands (bulletin.times): what a command stamps as
"now", the check made at that moment accepts. Before, `bulletin new` and `bulletin event` stamped
the wall clock while `make check` and `make site` judged by the last commit's date, and a report
written after the last commit was refused as being in the future."""

from __future__ import annotations

import datetime as dt

import pytest

from bulletin.commands.moments import now_in_office
from bulletin.times import OFFICE_TIMEZONE, build_date, build_moment, today, write_moment

# 2027-01-01 00:30 in Beijing: still 2026-12-31 in UTC, the day a UTC clock would get wrong.
NEW_YEAR = int(dt.datetime(2027, 1, 1, 0, 30, tzinfo=OFFICE_TIMEZONE).timestamp())


def test_a_pinned_moment_is_every_commands_now(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(NEW_YEAR))
    assert now_in_office() == build_moment() == dt.datetime(2027, 1, 1, 0, 30)
    assert today() == build_date() == dt.date(2027, 1, 1)  # the office's day, not UTC's
    assert write_moment(now_in_office()) == "2027-01-01 00:30"


@pytest.mark.parametrize("epoch", ["", " ", "not-a-number"])
def test_without_a_pinned_moment_every_command_speaks_for_now(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    before = dt.datetime.now(OFFICE_TIMEZONE).replace(tzinfo=None, second=0, microsecond=0)
    stamped, built = now_in_office(), build_moment()
    after = dt.datetime.now(OFFICE_TIMEZONE).replace(tzinfo=None, second=0, microsecond=0)
    assert before <= stamped <= built <= after
    assert build_date() in (before.date(), after.date()) and today() == build_date()
