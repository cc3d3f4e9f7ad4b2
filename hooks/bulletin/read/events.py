"""紧急信息 events: one file per event, ``reports/events/<year>/<id>.yml``.

An event is declared once (name, type, grade, place, unit, when it occurred and when the office
learned of it, its grade changes and its end); its reports name it in ``emergency.event``.
One file per event, like one file per report: two editors opening two events never touch the
same file. The year is the year it occurred; the id is permanent (its page is
``/emergency/<year>/<id>/``).
"""

from __future__ import annotations

import re
from pathlib import Path

from bulletin import limits
from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Event
from bulletin.read.fields import EVENT_FIELDS, KEY_PATTERN
from bulletin.read.textfiles import list_files, read_text
from bulletin.read.yamlreader import Place, compose_required, read_record

EVENTS_DIR = "reports/events"
_EVENT_FILE = re.compile(rf"{EVENTS_DIR}/([0-9]{{4}})/({KEY_PATTERN})\.yml")


def event_path(year: int, event_id: str) -> str:
    return f"{EVENTS_DIR}/{year}/{event_id}.yml"


def read_events(root: Path, problems: Problems) -> tuple[Event, ...]:
    """Every event file that can be read (each problem of each file in ``problems``)."""
    events: list[Event] = []
    seen: dict[str, str] = {}
    for relative in list_files(root, EVENTS_DIR, problems, depth=2):
        match = _EVENT_FILE.fullmatch(relative)
        if not match or len(match.group(2)) > limits.MAX_KEY_CHARS:
            problems.add(
                relative,
                1,
                "file",
                _(
                    "紧急事件要放在 reports/events/<发生年份>/<事件编号>.yml，编号只用小写英文字母、数字和连字符，"
                    "如 reports/events/2026/0714-qingshi-shanhong.yml：请改名或移走"
                ),
            )
            continue
        event_id = match.group(2)
        if event_id in seen:
            problems.add(
                relative,
                1,
                "file",
                _("事件编号 {id} 重复了：{other} 已经用过；编号是事件的永久网址，请给其中一个改名").format(
                    id=event_id, other=seen[event_id]
                ),
            )
            continue
        seen[event_id] = relative
        text = read_text(root, relative, problems)
        if text is None:
            continue
        event = read_event(relative, int(match.group(1)), event_id, text, problems)
        if event is not None:
            events.append(event)
    return tuple(sorted(events, key=lambda e: (e.occurred, e.id)))


def read_event(path: str, year: int, event_id: str, text: str, problems: Problems) -> Event | None:
    place = Place(path, 1, problems)
    node = compose_required(
        text, place, "event", _("请写明事件的 name、type、grade、place、unit、occurred、office_learned")
    )
    if node is None:
        return None
    count = len(problems)
    record = read_record(node, EVENT_FIELDS, place)
    if record is None or len(problems) > count:
        return None
    values = dict(record.values)
    if "changes" in values:
        values["changes"] = tuple(values["changes"])
    return Event(id=event_id, year=year, path=path, lines=record.lines, **values)
