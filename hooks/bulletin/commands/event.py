"""`bulletin event open|report|close|grade|list`: the duty room's commands for 紧急信息 events.

An event is declared once (``reports/events/<year>/<id>.yml``, :mod:`bulletin.read.events`);
its reports are ordinary report files of the emergency series that name it. These commands
write both with the times in the one form of the files and the stage the chain needs next:

- ``open`` declares the event (name, type, grade, place, responsible unit, the times);
- ``report`` writes its next report: 初报 when it has none, else the next 续报 (续报一, 续报二 …);
- ``grade`` records an upgrade or downgrade (升级/降级) with its time;
- ``close`` records when it was over (``ended``) and writes the 终报;
- ``list`` shows every event not closed, what it owes next and by when.

Each command that writes ends with the event's state once its files are written, as of the
command's clock: the step just written (on time or late by how much), the next step owed with its
deadline and limit (:mod:`bulletin.commands.eventstate`, with the board's own figures).

Each command reads everything first, makes the new text, reads that text back with the
archive's own readers and runs the archive's own checks on it (the event file, the chain);
only when nothing is wrong does it write, every file of the command or none
(:mod:`bulletin.commands.writing`), never over an existing report. A report is written with
the body ``bulletin new`` writes, which ``bulletin check`` refuses until the text is in.

An event file is changed by inserting lines (``ended``, a ``changes`` entry), so the
editors' comments and layout stay; the text is read back, and only if it does not say what
it should (a layout the insertion does not fit) is the file written again in the plain form.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin import limits
from bulletin.archive import REPORTS_DIR, load_registers, load_report_drafts, load_reports
from bulletin.check.events import check_chains, check_event
from bulletin.check.references import check_references, find_closest
from bulletin.commands.eventstate import describe_event_state, list_event_states
from bulletin.commands.problems import FORMATS
from bulletin.commands.writing import create_file, replace_files
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.figures.timeliness import order_chain
from bulletin.i18n import _
from bulletin.model import (
    GRADE_NUMERALS,
    GRADES,
    STAGES,
    Event,
    GradeChange,
    Report,
    Series,
    Settings,
    Unit,
    name_follow_up,
    read_chinese_number,
)
from bulletin.placeholders import BODY_PLACEHOLDER, EVENT_PLACEHOLDER
from bulletin.read.events import EVENTS_DIR, event_path, read_event, read_events
from bulletin.read.fields import KEY_PATTERN
from bulletin.read.reportfile import read_report_draft
from bulletin.read.unitnames import explain_no_unit, find_unit
from bulletin.read.yamlreader import find_invisible
from bulletin.slugs import pair_pinyin
from bulletin.times import write_moment

EMERGENCY_CATEGORY = "紧急信息"  # the category of an emergency report when the settings have it
FIRST, FOLLOW_UP, FINAL = STAGES  # 初报, 续报, 终报
STAGE_SLUGS = {FIRST: "chubao", FINAL: "zhongbao"}  # 续报N: xubaoN
SLUG_CHARACTERS = 4
TEXT_FORMAT = FORMATS[0]  # problems as text, for people
# Printed in the files for the editors: the archive is Chinese whatever the language of the messages.
EVENT_FILE_HEAD = (
    "# 紧急事件登记（bulletin event open 写入）。时间都是北京时间，写成 年-月-日 时:分。\n"
    "# 续报：bulletin event report；升级/降级：bulletin event grade；处置结束：bulletin event close（写终报）。\n"
)
STAGE_HINTS = {
    FIRST: "# 初报写清：事件发生的时间、地点、性质，伤亡和损失，已采取的措施；情况不清的先报已知的",
    FOLLOW_UP: "# 续报只写上次报告以来的新情况：处置进展、伤亡和损失的变化、下一步措施",
    FINAL: "# 终报写清：处置结果、最终伤亡和损失、原因初步分析、善后和整改措施",
}


def option(name: str) -> str:
    """Where a problem of a command-line option is (it is in no file yet), in the language in use."""
    return _("命令行参数 {option}").format(option=name)


# --- what the commands read ----------------------------------------------------------------


@dataclass(frozen=True)
class EventContext:
    """What the commands read before they write: the registers, the events, the reports."""

    root: Path
    settings: Settings
    units: dict[str, Unit]
    events: tuple[Event, ...]
    reports: tuple[Report, ...]  # every report that could be read completely
    event_problems: tuple[Problem, ...]  # problems of the event files (those files are not in ``events``)

    def chain_of(self, event: Event) -> list[Report]:
        """The event's reports, 初报 first, 终报 last."""
        return order_chain(r for r in self.reports if r.emergency is not None and r.emergency.event == event.id)


def load_context(root: Path) -> EventContext:
    """The registers, events and reports under ``root``; BulletinError when the settings or the
    units cannot be read. Problems of other reports are left to ``bulletin check``."""
    settings, units = load_registers(root)
    problems = Problems()
    events = read_events(root, problems)
    reports = load_reports(root, settings.series[0].key, Problems())
    return EventContext(root, settings, units, events, reports, tuple(problems.items))


def load_checked_context(root: Path, today: dt.date) -> EventContext:
    """What ``bulletin event list`` reads: as :func:`load_context`, but BulletinError with every
    problem that would make its figures wrong as of ``today``: of the event files, of the chains,
    and of each report file of an emergency series that could not be read (and so would not be
    counted), or that could not be read far enough to tell its series. A report still being
    written (its body the template text) is counted as the board will count it; the rest of the
    reports' problems are left to ``bulletin check``."""
    settings, units = load_registers(root)
    problems = Problems()
    events = read_events(root, problems)
    found = Problems()
    reports, drafts = load_report_drafts(root, settings.series[0].key, found)
    emergency_series = {s.key for s in settings.series if s.emergency}
    counted = {r.path for r in reports}
    read = {d.path for d in drafts}
    uncounted = {
        d.path
        for d in drafts
        if d.path not in counted
        and (d.report is None or d.report.emergency is not None or d.report.series in emergency_series)
    }
    report_file = re.compile(rf"{REPORTS_DIR}/[0-9]{{4}}/[^/]+\.md")
    problems.items.extend(
        p for p in found.items if p.path in uncounted or (p.path not in read and report_file.fullmatch(p.path))
    )
    for event in events:
        check_event(event, units, today, problems)
    check_chains(events, reports, today, problems)
    problems.raise_if_any()
    return EventContext(root, settings, units, events, reports, ())


def list_events(context: EventContext, now: dt.datetime, closed_too: bool) -> tuple[str, ...]:
    """``bulletin event list``: every event not closed as of ``now``, what it owes and by when."""
    return list_event_states(context.events, context.reports, context.settings, context.units, now, closed_too)


def find_event(context: EventContext, given: str) -> Event:
    """The event ``given`` names: its id, its file's path, or its whole name."""
    text = given.strip()
    wanted = Path(text).stem if text.endswith(".yml") else text
    for event in context.events:
        if wanted in (event.id, event.path) or text == event.name:
            return event
    broken = [p for p in context.event_problems if Path(p.path).stem == wanted]
    if broken:
        raise BulletinError(broken)  # the event's own file cannot be read: its problems first
    named = [e for e in context.events if len(text) >= 2 and text in e.name]
    if len(named) == 1:
        return named[0]
    by_id = {e.id: e for e in context.events}
    close = find_closest(wanted, by_id)
    if named:
        message = _("“{given}”可以指几个事件：{events}；请写其中一个的事件编号").format(
            given=given, events=_("、").join(f"{e.id}（{e.name}）" for e in named)
        )
    elif close:
        message = _("没有登记事件“{given}”，是不是 {close}（{name}）？事件登记在 {folder}/<年份>/<编号>.yml").format(
            given=given, close=close, name=by_id[close].name, folder=EVENTS_DIR
        )
    else:
        message = _(
            "没有登记事件“{given}”：请写 {folder}/<年份>/ 里的事件编号，新事件先用 bulletin event open 登记"
        ).format(given=given, folder=EVENTS_DIR)
    raise BulletinError([Problem(option("EVENT"), 0, "event", message)])


def find_emergency_series(settings: Settings, given: str | None) -> Series:
    """The emergency series a report goes into: ``given``, or the only one the settings have."""
    emergency = [s for s in settings.series if s.emergency]
    if given is not None:
        found = settings.find_series(given)
        if found is not None and found.emergency:
            return found
        known = _("、").join(f"{s.key}（{s.name}）" for s in emergency) or _("（没有）")
        message = _("{series} 不是紧急信息类刊物：--series 可以写 {known}").format(series=given, known=known)
        raise BulletinError([Problem(option("--series"), 0, "series", message)])
    if len(emergency) == 1:
        return emergency[0]
    if not emergency:
        message = _("mkdocs.yml 里没有紧急信息类刊物：请在 extra.bulletin.series 里给紧急信息的系列写 emergency: true")
        raise BulletinError([Problem("mkdocs.yml", 1, "extra.bulletin.series", message)])
    message = _("有几个紧急信息类刊物：请用 --series 写其中一个：{known}").format(
        known=_("、").join(f"{s.key}（{s.name}）" for s in emergency)
    )
    raise BulletinError([Problem(option("--series"), 0, "series", message)])


# --- checking what an editor typed ------------------------------------------------------------


def check_line_text(name: str, text: str, limit: int, what: str) -> list[Problem]:
    """A one-line text given on the command line (a name, a place, a title, a note)."""
    where = option(name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        message = _("{what}里有不是 UTF-8 编码的字节（终端或脚本的编码不是 UTF-8？）：请把编码设为 UTF-8 后重新输入")
        return [Problem(where, 0, name.lstrip("-"), message.format(what=what))]
    if not text.strip():
        return [
            Problem(
                where,
                0,
                name.lstrip("-"),
                _("{what}是空的：请在 {option} 后面用引号写上").format(what=what, option=name),
            )
        ]
    if re.search(r"[<>\x00-\x1f\x7f-\x9f\u2028\u2029]", text):
        message = _("{what}里不能有尖括号 < >、换行或控制字符：书名请用《》，写在一行里")
        return [Problem(where, 0, name.lstrip("-"), message.format(what=what))]
    if len(text.strip()) > limit:
        message = _("{what}有 {length} 个字符，超过 {limit} 个字符的上限：请写得简短些")
        return [Problem(where, 0, name.lstrip("-"), message.format(what=what, length=len(text.strip()), limit=limit))]
    if invisible := find_invisible(text):
        message = _("{what}含有不可见的控制字符 {invisible}：请删去它，重新输入")
        return [Problem(where, 0, name.lstrip("-"), message.format(what=what, invisible=invisible))]
    return []


def read_grade(text: str) -> str | None:
    """重大, or the same grade written as its numeral (Ⅱ级, II级, 2级, Ⅱ, 二级); None when it is none."""
    given = text.strip().replace(" ", "")
    if given in GRADES:
        return given
    spelled = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "I": 1, "II": 2, "III": 3, "IV": 4, "一": 1, "二": 2, "三": 3, "四": 4}
    core = given.upper().removesuffix("级")
    number = spelled.get(core) or (int(core) if core in ("1", "2", "3", "4") else None)
    return GRADES[number - 1] if number else None


def explain_grade(text: str) -> str:
    return _("没有“{text}”这个等级：请写 {grades}").format(
        text=text, grades=_("、").join(f"{g}（{GRADE_NUMERALS[g]}）" for g in GRADES)
    )


def refuse_future(name: str, moment: dt.datetime, now: dt.datetime) -> list[Problem]:
    if moment <= now:
        return []
    message = _("{time} 还没有到（现在是 {now}）：只能登记已经发生的事，请核对日期和时间")
    return [
        Problem(option(name), 0, name.lstrip("-"), message.format(time=write_moment(moment), now=write_moment(now)))
    ]


def yaml_text(text: str) -> str:
    """``text`` as a YAML value on one line: as it is when YAML reads it back unchanged as text,
    otherwise in double quotes (JSON's escaping is YAML's)."""
    plain = re.fullmatch(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}]*", text) and not re.search(r"\s$", text)
    reserved = text.lower() in ("null", "true", "false", "yes", "no", "on", "off", "~") or re.fullmatch(
        r"[-+0-9.:_]+", text
    )
    return text if plain and not reserved else json.dumps(text, ensure_ascii=False)


# --- the text of the files --------------------------------------------------------------------


def stage_slug(stage: str, sequence: int) -> str:
    return f"xubao{sequence}" if stage == FOLLOW_UP else STAGE_SLUGS[stage]


def stage_label(stage: str, sequence: int) -> str:
    return name_follow_up(sequence) if stage == FOLLOW_UP else stage


def emergency_lines(event_id: str, label: str, reported: dt.datetime) -> list[str]:
    """The ``emergency`` block of a report's front matter."""
    return ["emergency:", f"  event: {event_id}", f"  stage: {label}", f"  reported: {write_moment(reported)}"]


def placeholder_emergency_lines(reported: dt.datetime) -> list[str]:
    """The block ``bulletin new`` writes without ``--event``: the event is still to be filled in."""
    return [
        "emergency:",
        f"  event: {EVENT_PLACEHOLDER}   # 事件编号，见 reports/events/<年份>/；新事件先用 bulletin event open 登记",
        f"  stage: {FIRST}          # 初报、续报一、续报二……或终报",
        f"  reported: {write_moment(reported)}   # 市委办收到这篇报告的时间",
    ]


def report_text(
    title: str, unit: str, series: str, category: str, emergency: list[str], hint: str | None = None
) -> str:
    lines = ["---", f"title: {json.dumps(title.strip(), ensure_ascii=False)}", f"unit: {unit}", f"series: {series}"]
    lines += [f"category: {category}", "tags: []", "authors: []", *emergency]
    if hint:
        lines.append(hint)
    return "\n".join([*lines, "---", BODY_PLACEHOLDER, ""])


def choose_category(settings: Settings) -> str:
    return EMERGENCY_CATEGORY if EMERGENCY_CATEGORY in settings.categories else settings.categories[0]


def taken_report_ids(root: Path) -> set[str]:
    return {path.stem for path in (root / REPORTS_DIR).glob("[0-9][0-9][0-9][0-9]/*.md")}


def free_id(base: str, taken: set[str]) -> str:
    found, suffix = base, 2
    while found in taken:
        found, suffix = f"{base}-{suffix}", suffix + 1
    return found


# --- the plan: files to write, checked before anything is written ------------------------------


@dataclass(frozen=True)
class Plan:
    """What a command will write: each file's whole text; ``created`` must not exist yet."""

    texts: Mapping[str, str]  # path (relative, POSIX) -> text
    created: tuple[str, ...]
    summary: tuple[str, ...]  # lines to print once written


@dataclass(frozen=True)
class After:
    """The events and reports as they will be once a plan is written (what its state is told of)."""

    events: tuple[Event, ...]
    reports: tuple[Report, ...]

    def event(self, event_id: str) -> Event:
        return next(e for e in self.events if e.id == event_id)


def check_plan(context: EventContext, texts: Mapping[str, str], today: dt.date) -> After:
    """Read the new texts back with the archive's readers and run its checks on them (the event
    files, the reports' references, every chain): BulletinError with each new problem. A report's
    body is not judged: it is the text ``bulletin check`` asks the editor to replace. Returns the
    events and reports as they will be once the texts are written."""
    problems = Problems()
    events = {e.id: e for e in context.events}
    changed: list[Event] = []
    reports: list[Report] = []
    for path, text in texts.items():
        match = re.fullmatch(rf"{EVENTS_DIR}/([0-9]{{4}})/({KEY_PATTERN})\.yml", path)
        if match:
            event = read_event(path, int(match.group(1)), match.group(2), text, problems)
            if event is not None:
                events[event.id] = event
                changed.append(event)
            continue
        draft = read_report_draft(path, text, context.settings.series[0].key, problems)
        if draft is not None and draft.report is not None:
            check_references(draft.report, context.settings, context.units, problems, draft.unsure)
            reports.append(draft.report)
    for event in changed:
        check_event(event, context.units, today, problems)
    before, after = Problems(), Problems()
    check_chains(context.events, context.reports, today, before)
    check_chains(events.values(), (*context.reports, *reports), today, after)
    known = set(before.items)
    problems.items.extend(p for p in after.items if p not in known)
    problems.raise_if_any()
    return After(tuple(events.values()), (*context.reports, *reports))


def tell_state(
    context: EventContext,
    after: After,
    event_id: str,
    now: dt.datetime,
    written: str | None = None,
    phoned: bool = False,
) -> tuple[str, ...]:
    """The lines a command ends with: the event's state once its files are written, as of ``now``
    (:mod:`bulletin.commands.eventstate`, the board's figures)."""
    event = after.event(event_id)
    return describe_event_state(event, after.reports, context.settings, now, written, phoned)


def apply_plan(root: Path, plan: Plan) -> None:
    """Write every file of the plan, all or none; a report is never written over an existing file."""
    data = {path: text.encode("utf-8") for path, text in plan.texts.items()}
    for path in plan.created:
        if os.path.lexists(root / path):
            raise BulletinError([Problem(path, 0, "file", _("这个文件已经存在，不会覆盖；文件保持原样，请重试"))])
    if len(data) == 1 and plan.created:
        path = plan.created[0]
        create_file(root, path, data[path])
        return
    for path in plan.created:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
    replace_files(root, data)


# --- open -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """What ``bulletin event open`` was given (times already read)."""

    name: str
    type: str
    grade: str
    place: str
    unit: str
    occurred: dt.datetime
    office_learned: dt.datetime
    unit_learned: dt.datetime | None = None
    phoned: dt.datetime | None = None
    event_id: str | None = None


def derive_event_id(opening: Opening, unit: Unit) -> str:
    """MMDD-<unit>-<pinyin of the name without the unit's own name>: 0714-qingshi-town-shanhong-zaihai."""
    han = "".join(re.findall(r"[\u4e00-\u9fff]", opening.name))
    name = "".join(re.findall(r"[\u4e00-\u9fff]", unit.name))
    prefix = next((k for k in range(min(len(han), len(name)), 1, -1) if han[:k] in name), 0)
    han = han[prefix:] or han
    slug = "-".join(pair_pinyin(han[:SLUG_CHARACTERS], keep_places=True)) or "event"
    return f"{opening.occurred:%m%d}-{unit.key}-{slug}"


def plan_open(context: EventContext, opening: Opening, now: dt.datetime, today: dt.date) -> Plan:
    problems: list[Problem] = []
    problems += check_line_text("--name", opening.name, limits.MAX_NAME_CHARS, _("事件名称"))
    problems += check_line_text("--place", opening.place, limits.MAX_NAME_CHARS, _("事发地点"))
    match = find_unit(opening.unit, context.units)
    if match.unit is None:
        problems.append(Problem(option("--unit"), 0, "unit", explain_no_unit(match)))
    for name, moment in (
        ("--occurred", opening.occurred),
        ("--office-learned", opening.office_learned),
        ("--unit-learned", opening.unit_learned),
        ("--phoned", opening.phoned),
    ):
        if moment is not None:
            problems += refuse_future(name, moment, now)
    if opening.event_id is not None and (
        not re.fullmatch(KEY_PATTERN, opening.event_id) or len(opening.event_id) > limits.MAX_KEY_CHARS
    ):
        message = _("--id 只能用小写英文字母、数字和单个连字符“-”，不超过 {limit} 个字符，如 0714-qingshi-shanhong")
        problems.append(Problem(option("--id"), 0, "id", message.format(limit=limits.MAX_KEY_CHARS)))
    if problems:
        raise BulletinError(problems)
    assert match.unit is not None
    same = [e for e in context.events if e.name == opening.name.strip() and e.occurred == opening.occurred]
    if same:
        message = _("这个事件已经登记过：{path}（{name}，发生于 {time}）；续报请用 bulletin event report {id}")
        raise BulletinError(
            [
                Problem(
                    option("--name"),
                    0,
                    "name",
                    message.format(
                        path=same[0].path, name=same[0].name, time=write_moment(same[0].occurred), id=same[0].id
                    ),
                )
            ]
        )
    taken = {e.id for e in context.events} | {Path(p.path).stem for p in context.event_problems}
    if opening.event_id is not None:
        if opening.event_id in taken:
            message = _("事件编号 {id} 已经用过：请换一个，或不写 --id 由命令生成")
            raise BulletinError([Problem(option("--id"), 0, "id", message.format(id=opening.event_id))])
        event_id = opening.event_id
    else:
        base = derive_event_id(opening, match.unit)
        if len(base) + 3 > limits.MAX_KEY_CHARS:
            message = _("生成的事件编号 {id} 太长（上限 {limit} 个字符）：请用 --id 给一个较短的")
            raise BulletinError([Problem(option("--id"), 0, "id", message.format(id=base, limit=limits.MAX_KEY_CHARS))])
        event_id = free_id(base, taken)
    lines = [
        f"name: {yaml_text(opening.name.strip())}",
        f"type: {opening.type}",
        f"grade: {opening.grade}",
        f"place: {yaml_text(opening.place.strip())}",
        f"unit: {match.unit.key}",
        f"occurred: {write_moment(opening.occurred)}",
    ]
    if opening.unit_learned is not None:
        lines.append(f"unit_learned: {write_moment(opening.unit_learned)}")
    lines.append(f"office_learned: {write_moment(opening.office_learned)}")
    if opening.phoned is not None:
        lines.append(f"phoned: {write_moment(opening.phoned)}")
    path = event_path(opening.occurred.year, event_id)
    texts = {path: EVENT_FILE_HEAD + "\n".join(lines) + "\n"}
    after = check_plan(context, texts, today)
    summary = _("已登记事件 {id}：{path}").format(id=event_id, path=path)
    state = tell_state(context, after, event_id, now, phoned=opening.phoned is not None)
    return Plan(texts, (path,), (summary, *state))


# --- report ---------------------------------------------------------------------------------


def next_stage(event: Event, chain: list[Report]) -> tuple[str, int]:
    """The stage the event's next report has: 初报 when none, else the next 续报; BulletinError
    when the event is closed (it has its 终报)."""
    finals = [r for r in chain if r.emergency is not None and r.emergency.stage == FINAL]
    if finals:
        message = _("事件“{name}”已经终报（{path}）：终报之后不能再有报告；如需更正，请在终报里加 corrections")
        raise BulletinError([Problem(event.path, 0, "event", message.format(name=event.name, path=finals[0].path))])
    if not chain:
        return FIRST, 0
    numbers = [r.emergency.sequence for r in chain if r.emergency is not None and r.emergency.stage == FOLLOW_UP]
    return FOLLOW_UP, max(numbers, default=0) + 1


def read_stage(given: str, event: Event, chain: list[Report]) -> tuple[str, int]:
    """--stage: 初报, 续报 (the next number), 续报N; 终报 is `bulletin event close`'s."""
    text = given.strip()
    if text == FIRST:
        return FIRST, 0
    if text == FOLLOW_UP:
        stage, number = next_stage(event, chain)
        return FOLLOW_UP, number if stage == FOLLOW_UP else 1
    if text.startswith(FOLLOW_UP):
        given_number = read_chinese_number(text[len(FOLLOW_UP) :])
        if given_number:
            return FOLLOW_UP, given_number
    if text == FINAL:
        message = _("终报请用 bulletin event close {id} --ended 处置结束时间：它同时记下事件的处置结束时间")
        raise BulletinError([Problem(option("--stage"), 0, "stage", message.format(id=event.id))])
    message = _("“{text}”不是报告阶段：--stage 写 初报、续报（自动编号）或 续报一、续报二……").format(text=given)
    raise BulletinError([Problem(option("--stage"), 0, "stage", message)])


@dataclass(frozen=True)
class ReportRequest:
    """What ``bulletin event report`` (or close) was given."""

    event: str
    reported: dt.datetime
    stage: str | None = None
    title: str | None = None
    series: str | None = None
    category: str | None = None


def plan_report_file(
    context: EventContext, event: Event, stage: str, sequence: int, request: ReportRequest, now: dt.datetime
) -> tuple[str, str, list[Problem]]:
    """(path, text, problems of the arguments) of the event's report at ``stage``."""
    problems = refuse_future("--reported", request.reported, now)
    label = stage_label(stage, sequence)
    title = request.title if request.title is not None else f"{event.name}（{label}）"
    problems += check_line_text("--title", title, limits.MAX_TITLE_CHARS, _("标题"))
    category = request.category or choose_category(context.settings)
    if category not in context.settings.categories:
        message = _("没有“{category}”这个栏目：--category 可以写 {known}")
        problems.append(
            Problem(
                option("--category"),
                0,
                "category",
                message.format(category=category, known=_("、").join(context.settings.categories)),
            )
        )
    series = find_emergency_series(context.settings, request.series)
    report_id = free_id(f"{event.id}-{stage_slug(stage, sequence)}", taken_report_ids(context.root))
    path = f"{REPORTS_DIR}/{request.reported.year}/{report_id}.md"
    lines = emergency_lines(event.id, label, request.reported)
    return path, report_text(title, event.unit, series.key, category, lines, STAGE_HINTS[stage]), problems


def plan_report(context: EventContext, request: ReportRequest, now: dt.datetime, today: dt.date) -> Plan:
    event = find_event(context, request.event)
    chain = context.chain_of(event)
    stage, sequence = next_stage(event, chain)
    if request.stage is not None:
        stage, sequence = read_stage(request.stage, event, chain)
    if event.ended is not None and stage != FIRST:
        message = _("事件“{name}”已于 {time} 处置结束：请用 bulletin event close {id} 写终报")
        raise BulletinError(
            [
                Problem(
                    event.path,
                    event.line_of("ended"),
                    "ended",
                    message.format(name=event.name, time=write_moment(event.ended), id=event.id),
                )
            ]
        )
    path, text, problems = plan_report_file(context, event, stage, sequence, request, now)
    if problems:
        raise BulletinError(problems)
    after = check_plan(context, {path: text}, today)
    label = stage_label(stage, sequence)
    summary = _("已写入事件 {id} 的{stage}：{path}（请把正文换成报告的文字）").format(
        id=event.id, stage=label, path=path
    )
    state = tell_state(context, after, event.id, now, written=Path(path).stem)
    return Plan({path: text}, (path,), (summary, *state))


# --- grade and close: lines inserted into the event file ---------------------------------------


def insert_top_level(text: str, line: str) -> str:
    """``text`` with ``line`` added as the last key of the file."""
    return text + ("" if text.endswith("\n") or not text else "\n") + line + "\n"


def insert_change(text: str, entry: str) -> str:
    """``text`` with ``entry`` (a flow mapping) appended to its ``changes`` list; a new
    ``changes`` key at the end when there is none. A layout this does not fit is caught when
    the result is read back (:func:`rewrite_event`)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"changes\s*:", line)), None)
    if start is None:
        return insert_top_level(text, f"changes:\n  - {entry}")
    if re.fullmatch(r"changes\s*:\s*\[\s*\]\s*(#.*)?", lines[start]):
        lines[start] = f"changes:\n  - {entry}"
        return "\n".join(lines)
    last, indent = start, "  "
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace() and not line.startswith("-"):
            break  # the next key
        if line.lstrip().startswith("- "):
            indent = line[: len(line) - len(line.lstrip())]
        last = index
    lines.insert(last + 1, f"{indent}- {entry}")
    return "\n".join(lines)


def write_event_plainly(event: Event) -> str:
    """The event file in the plain form of ``bulletin event open`` (comments are lost)."""
    lines = [
        f"name: {yaml_text(event.name)}",
        f"type: {event.type}",
        f"grade: {event.grade}",
        f"place: {yaml_text(event.place)}",
        f"unit: {event.unit}",
        f"occurred: {write_moment(event.occurred)}",
    ]
    for key in ("unit_learned", "office_learned", "phoned"):
        moment = getattr(event, key)
        if moment is not None:
            lines.append(f"{key}: {write_moment(moment)}")
    if event.changes:
        lines.append("changes:")
        lines += [f"  - {change_entry(c)}" for c in event.changes]
    if event.ended is not None:
        lines.append(f"ended: {write_moment(event.ended)}")
    if event.corrections:
        lines.append("corrections:")
        lines += [f"  - {{date: {c.date}, note: {json.dumps(c.note, ensure_ascii=False)}}}" for c in event.corrections]
    return EVENT_FILE_HEAD + "\n".join(lines) + "\n"


def change_entry(change: GradeChange) -> str:
    note = f", note: {yaml_text(change.note)}" if change.note else ""
    return f"{{time: {write_moment(change.time)}, grade: {change.grade}{note}}}"


def same_event(a: Event, b: Event) -> bool:
    keys = ("name", "type", "grade", "place", "unit", "occurred", "unit_learned", "office_learned", "phoned")
    return all(getattr(a, k) == getattr(b, k) for k in (*keys, "ended", "changes", "corrections"))


def rewrite_event(context: EventContext, event: Event, wanted: Event, edit: Callable[[str], str]) -> tuple[str, bool]:
    """The event file's text with ``edit`` applied, when it reads back as ``wanted``; otherwise
    the file in the plain form (its comments lost). The flag says whether it was rewritten so."""
    text = (context.root / event.path).read_text(encoding="utf-8")
    edited = edit(text)
    problems = Problems()
    found = read_event(event.path, event.year, event.id, edited, problems)
    if found is not None and not problems and same_event(found, wanted):
        return edited, False
    return write_event_plainly(wanted), True


def note_rewritten(path: str) -> str:
    return _("{path} 的写法与命令写的不同，已按标准格式重写（其中的注释没有保留）").format(path=path)


def plan_grade(
    context: EventContext, given: str, grade: str, moment: dt.datetime, note: str, now: dt.datetime, today: dt.date
) -> Plan:
    event = find_event(context, given)
    problems = refuse_future("--time", moment, now)
    if note:
        problems += check_line_text("--note", note, limits.MAX_NAME_CHARS, _("调整依据"))
    if problems:
        raise BulletinError(problems)
    change = GradeChange(moment, grade, note.strip())
    wanted = replace(event, changes=(*event.changes, change))
    text, rewritten = rewrite_event(context, event, wanted, lambda t: insert_change(t, change_entry(change)))
    after = check_plan(context, {event.path: text}, today)
    before = event.grade_at(moment)
    kind = _("升级") if GRADES.index(grade) < GRADES.index(before) else _("降级")
    summary = _("已记录事件 {id} {kind}：{time} 起为{grade}（{path}）").format(
        id=event.id, kind=kind, time=write_moment(moment), grade=grade, path=event.path
    )
    notes = [note_rewritten(event.path)] if rewritten else []
    return Plan({event.path: text}, (), (summary, *notes, *tell_state(context, after, event.id, now)))


def plan_close(
    context: EventContext, request: ReportRequest, ended: dt.datetime | None, now: dt.datetime, today: dt.date
) -> Plan:
    """``ended`` written into the event file (unless it has it) and the 终报 written."""
    event = find_event(context, request.event)
    chain = context.chain_of(event)
    next_stage(event, chain)  # refused when the event has its 终报
    problems: list[Problem] = []
    if ended is None and event.ended is None:
        message = _("请用 --ended 写处置结束的时间（年-月-日 时:分）")
        problems.append(Problem(option("--ended"), 0, "ended", message))
    elif ended is not None and event.ended is not None and ended != event.ended:
        message = _("事件文件里已写处置结束时间 {time}（{path}）：去掉 --ended，或先核对事件文件").format(
            time=write_moment(event.ended), path=event.path
        )
        problems.append(Problem(option("--ended"), 0, "ended", message))
    if ended is not None:
        problems += refuse_future("--ended", ended, now)
    if not chain:
        message = _("事件“{name}”还没有初报：先用 bulletin event report {id} 写初报，终报在最后").format(
            name=event.name, id=event.id
        )
        problems.append(Problem(event.path, 0, "event", message))
    path, report, found = plan_report_file(context, event, FINAL, 0, request, now)
    problems += found
    if problems:
        raise BulletinError(problems)
    texts = {path: report}
    rewritten = False
    if event.ended is None and ended is not None:
        wanted = replace(event, ended=ended)
        texts[event.path], rewritten = rewrite_event(
            context, event, wanted, lambda t: insert_top_level(t, f"ended: {write_moment(ended)}")
        )
    after = check_plan(context, texts, today)
    summary = _("已写入事件 {id} 的终报：{path}（请把正文换成报告的文字）").format(id=event.id, path=path)
    lines = [summary]
    if event.path in texts:
        lines.append(_("已记下处置结束时间 {time}：{path}").format(time=write_moment(ended or now), path=event.path))
    if rewritten:
        lines.append(note_rewritten(event.path))
    lines += tell_state(context, after, event.id, now, written=Path(path).stem)
    return Plan(texts, (path,), tuple(lines))


def plan_new_emergency(
    context: EventContext, event_given: str | None, reported: dt.datetime
) -> tuple[list[str], str | None]:
    """The ``emergency`` block of ``bulletin new`` for an emergency series, and the hint: the
    event's next stage when ``event_given`` names it, the placeholder otherwise."""
    if event_given is None:
        return placeholder_emergency_lines(reported), None
    event = find_event(context, event_given)
    chain = context.chain_of(event)
    stage, sequence = next_stage(event, chain)
    if event.ended is not None and stage != FIRST:
        stage, sequence = FINAL, 0
    return emergency_lines(event.id, stage_label(stage, sequence), reported), STAGE_HINTS[stage]
