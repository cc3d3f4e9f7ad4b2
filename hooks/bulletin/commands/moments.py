"""Times as the duty room (值班室) types them on the command line: to the minute, Beijing time.

Event files keep one form, ``YYYY-MM-DD HH:MM``; the commands that write them also take the
forms a duty officer writes in a log, and write them in that one form:

- ``2026-07-14 05:40``, ``2026-7-14 5:40``, ``2026/07/14 05:40``, ``07-14 05:40`` (this year);
- ``2026年7月14日5时40分``, ``7月14日5时40分``, ``7月14日5:40``, ``7月14日5时`` (on the hour);
- ``05:40``, ``5时40分`` (today), ``昨天23:10``, ``前天 8:00``; ``现在`` (now).

A date without a year that would lie in the future is last year's (12月31日 typed on 1 January).
Anything else is refused with the forms that are accepted: a time is never guessed. Input is
short by nature; more than :data:`MAX_CHARS` characters is refused before it is read.
"""

from __future__ import annotations

import datetime as dt
import re

from bulletin.i18n import _
from bulletin.times import build_moment

MAX_CHARS = 40
_NUMERIC = re.compile(r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})(?:\s+|T)(\d{1,2})[:：](\d{2})")
_CHINESE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*(\d{1,2})(?:[:：](\d{2})|[时点](?:(\d{1,2})分?)?)")
_CLOCK = re.compile(r"(今天|昨天|前天)?\s*(\d{1,2})(?:[:：](\d{2})|[时点](?:(\d{1,2})分?)?)")
_DAYS_BACK = {None: 0, "今天": 0, "昨天": 1, "前天": 2}
NOW_WORDS = ("现在", "now")


class MomentError(ValueError):
    """A time that cannot be read; ``message`` says how to write it (in the editors' language)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def now_in_office() -> dt.datetime:
    """This minute in Beijing, without a zone (as the event files write times): the build's
    moment (bulletin.times), so what a command stamps, a check made then accepts."""
    return build_moment()


def explain_forms(text: str) -> str:
    return _(
        "“{text}”不是时间：请写成 年-月-日 时:分，如 2026-07-14 05:40；"
        "也可以写 7月14日5时40分，或只写时:分（今天），如 05:40、昨天23:10"
    ).format(text=text)


def read_moment(text: str, now: dt.datetime) -> dt.datetime:
    """The moment ``text`` names (MomentError when it names none); ``now`` gives today and the year."""
    given = text.strip()
    if len(given) > MAX_CHARS or not given:
        raise MomentError(explain_forms(given[:MAX_CHARS] + ("…" if len(given) > MAX_CHARS else "")))
    if given.lower() in NOW_WORDS:
        return now
    year: int | None
    if match := _NUMERIC.fullmatch(given):
        year, month, day, hour, minute = (int(g) if g else None for g in match.groups())
    elif match := _CHINESE.fullmatch(given):
        groups = match.groups()
        year, month, day, hour = (int(g) if g else None for g in groups[:4])
        minute = int(groups[4] or groups[5] or 0)
    elif match := _CLOCK.fullmatch(given):
        back, hour_text, colon_minute, word_minute = match.groups()
        day_of = now.date() - dt.timedelta(days=_DAYS_BACK[back])
        year, month, day = day_of.year, day_of.month, day_of.day
        hour, minute = int(hour_text), int(colon_minute or word_minute or 0)
    else:
        raise MomentError(explain_forms(given))
    assert month is not None and day is not None and hour is not None and minute is not None
    try:
        moment = dt.datetime(year or now.year, month, day, hour, minute)
        if year is None and moment > now and match.re is not _CLOCK:
            moment = moment.replace(year=now.year - 1)  # 12月31日 typed on 1 January
    except ValueError:
        raise MomentError(_("“{text}”不是真实的日期和时间：请核对").format(text=given)) from None
    return moment
