"""The one clock: the moment the site and the command line speak for.

``SOURCE_DATE_EPOCH`` when it is set (a reproducible build: two builds of one commit at one
moment are the same; the tests, the review of a pull request and the benchmark pin it), and
otherwise now, in the office's time zone. Every "now" of the project comes from here: the
build's date and minute, the day a new report or issue is dated, the time an event command
stamps. So `bulletin new` and `bulletin event` never write a time that `make check` or
`make site` would call the future.
"""

from __future__ import annotations

import datetime as dt
import os

from bulletin.environment import EPOCH_VARIABLE

OFFICE_TIMEZONE = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # China Standard Time, no DST


def build_instant() -> dt.datetime:
    """SOURCE_DATE_EPOCH's instant, or now: in the office's time zone."""
    epoch = os.environ.get(EPOCH_VARIABLE, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), OFFICE_TIMEZONE)
    return dt.datetime.now(OFFICE_TIMEZONE)


def build_date() -> dt.date:
    """The build's day in the office's time zone."""
    return build_instant().date()


def build_moment() -> dt.datetime:
    """The build's moment, local time without a zone (as 紧急信息 times are written), to the
    minute. What is overdue is overdue then."""
    return build_instant().replace(tzinfo=None, second=0, microsecond=0)


def today() -> dt.date:
    """Today for the editors' commands: the default date of a new report or issue (the build's day)."""
    return build_date()


MOMENT_FORMAT = "%Y-%m-%d %H:%M"  # the one written form of a time: event files, CSV files, messages


def write_moment(moment: dt.datetime) -> str:
    """A time as the files write it: 2026-07-14 05:40."""
    return moment.strftime(MOMENT_FORMAT)
