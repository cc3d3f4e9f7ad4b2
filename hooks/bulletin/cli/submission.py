"""`bulletin submission`: the ledger's commands on the command line (their options, help and output);
the work is done by :mod:`bulletin.commands.submission`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from bulletin.cli.event import refuse, run_plan
from bulletin.commands.event import apply_plan, option
from bulletin.commands.submission import (
    LedgerContext,
    describe_item,
    join_report,
    list_items,
    load_context,
    plan_add,
    plan_report,
    plan_result,
)
from bulletin.errors import BulletinError, Problem, make_visible
from bulletin.i18n import _
from bulletin.read.submissions import SUBMISSIONS_DIR


def context_or_exit(root: Path) -> LedgerContext:
    try:
        return load_context(root)
    except BulletinError as error:
        refuse(error)


def parse_day(_context: click.Context, _parameter: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(_("“{value}”不是日期：写成 年-月-日，如 2026-10-09").format(value=value)) from None


def build_submission_group() -> click.Group:
    """The ``bulletin submission`` commands, their help in the language in use (made after it is chosen)."""
    naming = _("一条稿件用 单位 月份 编号 指明，如 hefeng 2026-10 3（bulletin submission list 列出各条的编号）。")

    @click.group(
        name="submission",
        help=_(
            "收稿登记：登记收到的稿件（add），记录采用（adopt）或未采用（decline），列出稿件（list）。"
            "登记在 {folder}/<年>/<月>/<单位代码>.yml。"
        ).format(folder=SUBMISSIONS_DIR)
        + naming,
    )
    def group() -> None:
        pass

    @group.command(name="add", help=_("登记收到的一篇稿件（结果：待处理），并显示它的位置和编号。"))
    @click.option(
        "--unit",
        required=True,
        help=_("报送单位：单位代码、完整名称或名称中能唯一确定单位的一部分；bulletin units 列出全部单位。"),
    )
    @click.option("--title", required=True, help=_("稿件的标题。"))
    @click.option("--kind", required=True, help=_("信息类别，须是 mkdocs.yml 里配置的栏目，如 社情民意、调研报告。"))
    @click.option("--received", callback=parse_day, help=_("收到的日期，写成 年-月-日（默认：今天）。"))
    @click.pass_obj
    def add(root: Path, unit: str, title: str, kind: str, received: dt.date | None) -> None:
        context = context_or_exit(root)
        run_plan(root, lambda: plan_add(context, unit, title, kind, received))

    @group.command(
        name="adopt",
        help=_("记录一条稿件被采用：--report 写用它编成的报告（可写几次），或 --by 写采用它的上级单位。") + naming,
    )
    @click.argument("unit")
    @click.argument("month")
    @click.argument("number", type=click.IntRange(min=1))
    @click.option(
        "--report",
        "reports",
        multiple=True,
        help=_("用它编成的报告：<年份>/<文件名>，如 2026/1015-hefeng-qiushou（也可写报告文件的路径）。"),
    )
    @click.option("--by", default="", help=_("上级采用：采用它的单位或刊物，如 省委办公厅《社情民意》。"))
    @click.pass_obj
    def adopt(root: Path, unit: str, month: str, number: int, reports: tuple[str, ...], by: str) -> None:
        context = context_or_exit(root)
        if bool(reports) == bool(by.strip()):
            refuse(
                BulletinError(
                    [
                        Problem(
                            option("--report"),
                            0,
                            "result",
                            _("请写 --report（编成本刊的报告）或 --by（上级采用），两者写一个"),
                        )
                    ]
                )
            )
        result = "采用" if reports else "上级采用"
        run_plan(root, lambda: plan_result(context, unit, month, number, result, reports, by))

    @group.command(name="decline", help=_("记录一条稿件未采用。") + naming)
    @click.argument("unit")
    @click.argument("month")
    @click.argument("number", type=click.IntRange(min=1))
    @click.pass_obj
    def decline(root: Path, unit: str, month: str, number: int) -> None:
        context = context_or_exit(root)
        run_plan(root, lambda: plan_result(context, unit, month, number, "未采用"))

    @group.command(
        name="report",
        help=_(
            "把一条待处理的稿件编成报告：新建 reports/<年份>/<编号>.md（标题、单位、栏目取自登记），"
            "并把这一条记为采用、链接到这篇报告；显示报告的路径。"
        )
        + naming,
    )
    @click.argument("unit")
    @click.argument("month")
    @click.argument("number", type=click.IntRange(min=1))
    @click.option("--series", help=_("刊物系列的代码（默认：第一个）。"))
    @click.option("--date", "day", callback=parse_day, help=_("报告的日期，用于编号和年份文件夹（默认：今天）。"))
    @click.option("--slug", help=_("编号的最后一段（默认：标题的拼音）。"))
    @click.pass_obj
    def report(
        root: Path, unit: str, month: str, number: int, series: str | None, day: dt.date | None, slug: str | None
    ) -> None:
        context = context_or_exit(root)
        try:
            made, plan = plan_report(context, unit, month, number, series, day or context.today, slug)
            apply_plan(root, join_report(made, plan))
        except BulletinError as error:
            refuse(error)
        click.echo(made.relative)
        for line in plan.summary:
            click.echo(make_visible(line))

    @group.command(name="list", help=_("列出登记的稿件：位置、编号、收到日期、单位、类别、结果和标题。"))
    @click.option("--unit", help=_("只列这个单位的（单位代码或名称）。"))
    @click.option("--month", help=_("只列这个月收到的，写成 年-月，如 2026-10。"))
    @click.option("--pending", is_flag=True, help=_("只列待处理的。"))
    @click.pass_obj
    def list_command(root: Path, unit: str | None, month: str | None, pending: bool) -> None:
        context = context_or_exit(root)
        try:
            found = list_items(context, unit, month, pending)
        except BulletinError as error:
            refuse(error)
        for item in found:
            click.echo(describe_item(item, context.units))
        click.echo(_("共 {count} 条").format(count=len(found)), err=True)

    return group
