"""The one build clock: the day the site and the command line speak for.

``SOURCE_DATE_EPOCH`` (the last commit's time, set by the Makefile and by CI) when it is
set, so that two builds of one commit are the same and ``bulletin stats`` agrees with the
site; otherwise today, in the office's time zone.
"""

from __future__ import annotations

import datetime as dt
import os

OFFICE_TIMEZONE = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # China Standard Time, no DST


def build_date() -> dt.date:
    """SOURCE_DATE_EPOCH's day in the office's time zone, or today there."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), OFFICE_TIMEZONE).date()
    return today()


def build_moment() -> dt.datetime:
    """The build's moment, local time without a zone (as 紧急信息 times are written), to the
    minute: SOURCE_DATE_EPOCH's when it is set, otherwise now. What is overdue is overdue then."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        dt.datetime.fromtimestamp(int(epoch), OFFICE_TIMEZONE) if epoch.isdigit() else dt.datetime.now(OFFICE_TIMEZONE)
    )
    return moment.replace(tzinfo=None, second=0, microsecond=0)


def today() -> dt.date:
    """Today in the office's time zone: the default date of a new report or issue."""
    return dt.datetime.now(OFFICE_TIMEZONE).date()
