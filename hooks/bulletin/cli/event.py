"""`bulletin event`: the duty room's commands on the command line (their options, help and output);
the work is done by :mod:`bulletin.commands.event`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import click

from bulletin.commands.event import (
    TEXT_FORMAT,
    EventContext,
    Opening,
    Plan,
    ReportRequest,
    apply_plan,
    explain_grade,
    list_events,
    load_checked_context,
    load_context,
    plan_close,
    plan_grade,
    plan_open,
    plan_report,
    read_grade,
)
from bulletin.commands.eventstate import RECENT_DAYS
from bulletin.commands.moments import MomentError, now_in_office, read_moment
from bulletin.commands.problems import format_problems
from bulletin.errors import BulletinError, make_visible
from bulletin.i18n import _
from bulletin.model import (
    EVENT_TYPES,
)
from bulletin.times import build_date


def read_moment_option(context: click.Context, parameter: click.Parameter, value: str | None) -> dt.datetime | None:
    """A time option, read as the duty room writes it (:mod:`bulletin.commands.moments`)."""
    if value is None:
        return None
    try:
        return read_moment(value, now_in_office())
    except MomentError as error:
        raise click.BadParameter(error.message) from None


def read_grade_option(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    grade = read_grade(value)
    if grade is None:
        raise click.BadParameter(explain_grade(value))
    return grade


def read_type_option(context: click.Context, parameter: click.Parameter, value: str) -> str:
    if value.strip() in EVENT_TYPES:
        return value.strip()
    close = [t for t in EVENT_TYPES if value.strip() and value.strip() in t]
    hint = _("是不是“{type}”？").format(type=close[0]) if len(close) == 1 else ""
    raise click.BadParameter(
        _("没有“{text}”这类事件：{hint}请写 {types}").format(text=value, hint=hint, types=_("、").join(EVENT_TYPES))
    )


def run_plan(root: Path, make: Callable[[], Plan]) -> None:
    """Make the plan and write it; every problem printed (and nothing written) otherwise."""
    try:
        plan = make()
        apply_plan(root, plan)
    except BulletinError as error:
        refuse(error)
    for line in plan.summary:
        click.echo(make_visible(line))


def refuse(error: BulletinError, wrote: bool = True) -> NoReturn:
    """Every problem printed as text, and exit status 1: nothing was written (``wrote``: by a
    command that writes)."""
    click.echo(format_problems(error.problems, TEXT_FORMAT))
    if wrote:
        click.echo(_("共 {count} 个问题；没有写入任何文件").format(count=len(error.problems)), err=True)
    else:
        message = _("共 {count} 个问题：改正后才能算出各事件的时限（bulletin check 列出全部问题）")
        click.echo(message.format(count=len(error.problems)), err=True)
    raise SystemExit(1)


def context_or_exit(root: Path) -> EventContext:
    try:
        return load_context(root)
    except BulletinError as error:
        refuse(error)


def build_event_group() -> click.Group:
    """The ``bulletin event`` commands, their help in the language in use (made after it is chosen)."""
    forms = _("时间写成 年-月-日 时:分（北京时间），如 2026-07-14 05:40；也可写 7月14日5时40分，或今天的 05:40。")

    @click.group(
        name="event",
        help=_(
            "紧急信息：登记事件（open），写初报和续报（report），记录升级或降级（grade），"
            "处置结束后写终报（close），查看未结束的事件该报什么（list）。事件登记在 reports/events/<年份>/<编号>.yml。"
            "写文件的命令最后都显示事件此刻的情况：刚写的这一步是否按时，下一步应报什么、最迟何时。"
        )
        + forms,
    )
    def group() -> None:
        pass

    @group.command(
        name="open", help=_("登记一个紧急事件，写入 reports/events/<发生年份>/<编号>.yml，并显示它的编号。") + forms
    )
    @click.option("--name", required=True, help=_("事件名称，如 云岭县青石镇山洪灾害。"))
    @click.option(
        "--type",
        "kind",
        required=True,
        callback=read_type_option,
        help=_("事件类别：自然灾害、事故灾难、公共卫生事件或社会安全事件。"),
    )
    @click.option(
        "--grade",
        required=True,
        callback=read_grade_option,
        help=_("初判等级：特别重大、重大、较大或一般（也可写 Ⅰ级—Ⅳ级）。"),
    )
    @click.option("--place", required=True, help=_("事发地点。"))
    @click.option(
        "--unit",
        required=True,
        help=_("负责报告的单位：单位代码、完整名称或名称中能唯一确定单位的一部分；bulletin units 列出全部单位。"),
    )
    @click.option("--occurred", required=True, callback=read_moment_option, help=_("事件发生的时间。"))
    @click.option(
        "--office-learned", required=True, callback=read_moment_option, help=_("市委办获知的时间（任何渠道）。")
    )
    @click.option("--unit-learned", callback=read_moment_option, help=_("单位获知的时间（默认：发生时间）。"))
    @click.option("--phoned", callback=read_moment_option, help=_("单位电话报告市委办的时间。"))
    @click.option(
        "--id",
        "event_id",
        help=_("事件编号（默认：发生日期、单位代码和名称的拼音，如 0714-qingshi-town-shanhong-zaihai）。"),
    )
    @click.pass_obj
    def open_event(
        root: Path,
        name: str,
        kind: str,
        grade: str,
        place: str,
        unit: str,
        occurred: dt.datetime,
        office_learned: dt.datetime,
        unit_learned: dt.datetime | None,
        phoned: dt.datetime | None,
        event_id: str | None,
    ) -> None:
        context = context_or_exit(root)
        opening = Opening(name, kind, grade, place, unit, occurred, office_learned, unit_learned, phoned, event_id)
        run_plan(root, lambda: plan_open(context, opening, now_in_office(), build_date()))

    report_options = [
        click.argument("event"),
        click.option("--reported", callback=read_moment_option, help=_("市委办收到这篇报告的时间（默认：现在）。")),
        click.option("--title", help=_("报告的标题（默认：事件名称加阶段，如 云岭县青石镇山洪灾害（初报））。")),
        click.option("--series", help=_("紧急信息类刊物的代码（只有一个时不用写）。")),
        click.option("--category", help=_("栏目（默认：紧急信息，没有这个栏目时用第一个）。")),
    ]

    def with_report_options(command: Callable[..., None]) -> Callable[..., None]:
        for decorate in reversed(report_options):
            command = decorate(command)
        return command

    @group.command(
        name="report",
        help=_(
            "写事件的下一篇报告 reports/<年份>/<编号>.md：还没有报告时是初报，之后依次是续报一、续报二……；"
            "EVENT 是事件编号（或事件文件的路径、事件名称）。正文是提示文字，换成报告的文字后才能通过检查。"
        )
        + forms,
    )
    @with_report_options
    @click.option("--stage", help=_("报告阶段：初报、续报（自动编号）或 续报一、续报二……（默认：按报告链自动确定）。"))
    @click.pass_obj
    def report(
        root: Path,
        event: str,
        reported: dt.datetime | None,
        title: str | None,
        series: str | None,
        category: str | None,
        stage: str | None,
    ) -> None:
        context = context_or_exit(root)
        now = now_in_office()
        request = ReportRequest(event, reported or now, stage, title, series, category)
        run_plan(root, lambda: plan_report(context, request, now, build_date()))

    @group.command(
        name="close",
        help=_("事件处置结束：在事件文件里写入处置结束时间（ended），并写终报 reports/<年份>/<编号>.md。") + forms,
    )
    @with_report_options
    @click.option("--ended", callback=read_moment_option, help=_("处置结束的时间（事件文件里已写 ended 时可不写）。"))
    @click.pass_obj
    def close(
        root: Path,
        event: str,
        reported: dt.datetime | None,
        title: str | None,
        series: str | None,
        category: str | None,
        ended: dt.datetime | None,
    ) -> None:
        context = context_or_exit(root)
        now = now_in_office()
        request = ReportRequest(event, reported or now, None, title, series, category)
        run_plan(root, lambda: plan_close(context, request, ended, now, build_date()))

    @group.command(
        name="grade", help=_("记录事件的升级或降级：在事件文件的 changes 里加一条（时间、新等级、依据）。") + forms
    )
    @click.argument("event")
    @click.option(
        "--grade", required=True, callback=read_grade_option, help=_("新的等级：特别重大、重大、较大或一般。")
    )
    @click.option("--time", "moment", callback=read_moment_option, help=_("新等级生效的时间（默认：现在）。"))
    @click.option("--note", default="", help=_("调整的依据，如 因灾死亡人数上升。"))
    @click.pass_obj
    def grade(root: Path, event: str, grade: str, moment: dt.datetime | None, note: str) -> None:
        context = context_or_exit(root)
        now = now_in_office()
        run_plan(root, lambda: plan_grade(context, event, grade, moment or now, note, now, build_date()))

    @group.command(
        name="list",
        help=_(
            "列出未结束的紧急信息事件（处置中的，和处置已结束、还没有终报的）：单位、等级、已报的报告，"
            "下一篇应报什么、最迟何时、还剩多少时间或已逾期多少；逾期的在前，其余按应报时间排列。"
            "截至现在（与同一时刻生成的看板 /emergency/ 数字相同）。也可写 bulletin event status。"
        ),
    )
    @click.option(
        "--all", "closed_too", is_flag=True, help=_("也列出近 {days} 天内已终报的事件。").format(days=RECENT_DAYS)
    )
    @click.pass_obj
    def list_command(root: Path, closed_too: bool) -> None:
        try:
            context = load_checked_context(root, build_date())
        except BulletinError as error:
            refuse(error, wrote=False)
        for line in list_events(context, now_in_office(), closed_too):
            click.echo(make_visible(line))

    # `bulletin event status`: the same command under the name a duty officer may reach for first.
    status = click.Command(
        "status",
        callback=list_command.callback,
        params=list_command.params,
        help=_("同 bulletin event list。"),
        hidden=True,
    )
    group.add_command(status)
    return group
