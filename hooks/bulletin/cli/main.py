"""The `bulletin` command: the editors' tool, on the same core as the site build.

This module only reads arguments and prints; each subcommand's work is in
``bulletin/commands/<name>.py`` (as MkDocs keeps ``mkdocs/commands/``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

import click

from bulletin.archive import load_archive, load_registers
from bulletin.commands.check import check_archive
from bulletin.commands.compose import apply_composition, plan_composition
from bulletin.commands.diff import summarize_changes
from bulletin.commands.pending import list_pending
from bulletin.commands.problems import FORMATS, format_problems
from bulletin.errors import BulletinError, Problem, make_visible
from bulletin.i18n import LANGUAGES, _, choose_language, click_translation, current_language, use_language
from bulletin.labels import number_label, scheduled_note
from bulletin.model import Archive
from bulletin.review.baseline import read_baseline
from bulletin.times import build_date, today


def parse_day(context: click.Context, parameter: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(_("“{value}”不是日期：请按 年-月-日 写，如 2026-03-01").format(value=value)) from None


def relative_paths(root: Path, paths: Iterable[str]) -> list[str]:
    """Paths as the archive names them (relative to the root, POSIX); relative ones may be
    given from the current folder or from the root."""
    base = root.resolve()
    out = []
    for given in paths:
        path = Path(given)
        if not path.is_absolute() and not path.exists() and (root / path).exists():
            path = root / path
        try:
            # The folders resolved, not the file: a link is checked (and refused) as itself.
            out.append((path.parent.resolve() / path.name).relative_to(base).as_posix())
        except ValueError:
            out.append(path.as_posix())
    return out


def fail(problems: Sequence[Problem], style: str = "text") -> NoReturn:
    click.echo(format_problems(problems, style))
    click.echo(_("共 {count} 个问题").format(count=len(problems)), err=True)
    raise SystemExit(1)


def load_or_exit(root: Path, style: str = "text") -> Archive:
    """The archive, or every problem printed and exit status 1."""
    try:
        return load_archive(root)
    except BulletinError as error:
        fail(error.problems, style)


def speak(context: click.Context, parameter: click.Parameter, language: str | None) -> None:
    """``--lang``: the messages from now on (the help texts were chosen from the command line
    when this module was loaded, see i18n.choose_language)."""
    if language:
        use_language(language)
        translate_click()


def translate_click() -> None:
    """Click's own words (用法, 选项, 缺少选项 …) in the language in use. Click looks its words up
    with the standard library's gettext in each of its modules; they get the catalog of Click's
    domain in this project instead (i18n.click_translation)."""
    translation = click_translation()
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        module._ = translation.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translation.ngettext  # type: ignore[attr-defined]


use_language(choose_language(os.environ, sys.argv[1:]))
translate_click()


@click.group(help=_("编写、检查和排期信息刊物的稿件（reports/ 和 mkdocs.yml）。"))
@click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help=_("仓库的根目录（mkdocs.yml 所在的文件夹）。"),
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    callback=speak,
    is_eager=True,
    expose_value=False,
    help=_("提示信息的语言：zh（中文，默认）或 en（英文）；也可设环境变量 BULLETIN_LANG。"),
)
@click.pass_context
def main(context: click.Context, root: Path) -> None:
    context.obj = root


@main.command(help=_("新建一篇报告 reports/<年份>/<编号>.md，写好正确的文件头，并显示它的路径。"))
@click.option(
    "--unit",
    "unit_key",
    required=True,
    help=_(
        "报送单位：单位代码、完整名称或名称中能唯一确定单位的一部分（如 yunling、云岭县委办公室、应急管理局）；"
        "bulletin units 列出全部单位。"
    ),
)
@click.option("--title", required=True, help=_("报告的标题。"))
@click.option("--category", help=_("栏目，须是 mkdocs.yml 里配置的栏目（默认：第一个）。"))
@click.option("--series", help=_("刊物系列的代码，须是 mkdocs.yml 里配置的系列（默认：第一个）。"))
@click.option(
    "--date", "day", callback=parse_day, help=_("报告的日期，用于编号和年份文件夹，写成 年-月-日（默认：今天）。")
)
@click.option("--slug", help=_("编号的最后一段（默认：标题的拼音）。"))
@click.option(
    "--event",
    help=_(
        "紧急信息：报告所属事件的编号（reports/events/ 里登记的），写入事件和下一个报告阶段；"
        "不写时留一个提示，检查时要求填写。给了 --event 而没有 --series 时，排入紧急信息类刊物。"
    ),
)
@click.pass_obj
def new(
    root: Path,
    unit_key: str,
    title: str,
    category: str | None,
    series: str | None,
    day: dt.date,
    slug: str | None,
    event: str | None,
) -> None:
    from bulletin.commands.new import create_report

    try:
        settings, units = load_registers(root)
        path = create_report(root, settings, units, unit_key, title, category, series, day, slug, event)
    except BulletinError as error:
        fail(error.problems)
    click.echo(path.resolve().relative_to(root.resolve()).as_posix())


@main.command(
    name="import",
    help=_(
        "把报送单位的 Word 文档（.docx）转成一篇待排期的报告 reports/<年份>/<编号>.md，并显示它的路径："
        "保留标题、段落、加粗、一、（一）1. 标题、列表、表格和脚注（写在文末“注”里），"
        "去掉 Word 加的换行、缩进空格和空段，转义会被当成排版符号的字符。"
        "有修订、批注、图片或嵌入对象的文档不导入，什么也不写。"
    ),
)
@click.argument("source", type=click.Path(path_type=Path), metavar=_("Word文档.docx"))
@click.option(
    "--unit",
    "unit_key",
    required=True,
    help=_("报送单位：单位代码、完整名称或名称中能唯一确定单位的一部分；bulletin units 列出全部单位。"),
)
@click.option("--title", help=_("报告的标题（默认：文档第一段的标题；文档没有标题时必须给出；给出时代替文档的标题）。"))
@click.option("--category", help=_("栏目，须是 mkdocs.yml 里配置的栏目（默认：第一个）。"))
@click.option("--series", help=_("刊物系列的代码，须是 mkdocs.yml 里配置的系列（默认：第一个）。"))
@click.option(
    "--date", "day", callback=parse_day, help=_("报告的日期，用于编号和年份文件夹，写成 年-月-日（默认：今天）。")
)
@click.option("--slug", help=_("编号的最后一段（默认：标题的拼音）。"))
@click.pass_obj
def import_word(
    root: Path,
    source: Path,
    unit_key: str,
    title: str | None,
    category: str | None,
    series: str | None,
    day: dt.date,
    slug: str | None,
) -> None:
    from bulletin.commands.importing import import_word_report

    try:
        settings, units = load_registers(root)
        imported = import_word_report(
            root, settings, units, source, str(source), unit_key, title, category, series, day, slug
        )
    except BulletinError as error:
        fail(error.problems)
    document = imported.document
    click.echo(
        make_visible(
            _("已导入“{title}”：{headings} 个小标题，{tables} 个表格，{notes} 条注释（写在文末）；待排期").format(
                title=imported.title, headings=document.headings, tables=document.tables, notes=document.notes
            )
        ),
        err=True,
    )
    click.echo(imported.path.resolve().relative_to(root.resolve()).as_posix())


@main.command(
    help=_(
        "把一期刊物写成 PDF 或 Word 文件（与网站上这一期旁边的文件相同）："
        "例如 bulletin export jrxx 2026 22 --format pdf 写出 jrxx-2026-022.pdf。"
    )
)
@click.argument("series_key", metavar=_("刊物"))
@click.argument("year", type=int, metavar=_("年份"))
@click.argument("number", type=int, metavar=_("期号"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("pdf", "docx")),
    default="pdf",
    show_default=True,
    help=_("文件格式：pdf 或 docx（Word）。"),
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    help=_("写到哪个文件（默认：当前文件夹里的 <刊物>-<年份>-<期号>.pdf 或 .docx）；写完整才替换，不会留下半个文件。"),
)
@click.pass_obj
def export(root: Path, series_key: str, year: int, number: int, fmt: str, output: Path | None) -> None:
    from bulletin.commands.export import default_output, find_issue, make_issue_file, write_output

    archive = load_or_exit(root)
    try:
        issue = find_issue(archive, series_key, year, number)
        target = output if output is not None else default_output(issue, fmt)
        write_output(target, make_issue_file(root, archive, issue, fmt))
    except BulletinError as error:
        fail(error.problems)
    click.echo(
        _("已写出{issue}：{path}").format(issue=f"《{issue.series.name}》{number_label(year, number)}", path=target)
    )


@main.command(
    help=_(
        "生成整个网站（make site 运行的就是它）：先在 .site-builds/ 里完整生成，成功后一步切换 site，"
        "读者不会遇到缺页；生成失败或被中断时网站保持原样。同一份检出同一时间只能有一次生成。"
    )
)
@click.option(
    "--site",
    "site_name",
    default="site",
    show_default=True,
    help=_("网站的位置（相对于仓库根目录）：一个指向最近一次完整生成的符号链接。"),
)
@click.option(
    "--full",
    is_flag=True,
    help=_("重新生成每一页（默认：上次生成以来没有变化的页面直接沿用上次的结果）。"),
)
@click.option(
    "--if-changed",
    is_flag=True,
    help=_(
        "新生成的网站与线上的完全相同（紧急信息页上的“截至”时刻和剩余、逾期时长除外）时不切换，"
        "线上网站保持原样（CI 的定时发布用它）。"
    ),
)
@click.pass_obj
def build(root: Path, site_name: str, full: bool, if_changed: bool) -> None:
    from bulletin.commands.build import BuildInterrupted, build_site

    try:
        built = build_site(root, site_name, full=full, if_changed=if_changed)
    except BuildInterrupted as error:
        listed = format_problems(error.problems, "text")
        click.echo(listed, err=True)
        raise SystemExit(128 + error.signum) from None
    except BulletinError as error:
        listed = format_problems(error.problems, "text")
        click.echo(listed, err=True)
        raise SystemExit(1) from None
    for warning in built.warnings:
        click.echo(_("警告：{warning}").format(warning=warning), err=True)
    if not built.switched:
        click.echo(
            _("网站没有变化，未切换：{site}/ 仍是上次生成的 {build}。").format(site=site_name, build=built.build.name)
        )
        return
    click.echo(_("网站已生成：{site}/index.html").format(site=site_name))


@main.command(
    help=_("检查整个档案（或给出的文件，连同档案的其余部分一起检查），不生成网站；没有问题时退出码为 0，有问题时为 1。")
)
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--base", "ref", help=_("同时与这个 Git 分支（目标分支）上的档案比较，已发布的内容不能改动。"))
@click.option(
    "--format",
    "style",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help=_("问题的格式：text 给人看，其余给程序读。"),
)
@click.pass_obj
def check(root: Path, paths: tuple[str, ...], ref: str | None, style: str) -> None:
    result = check_archive(root, relative_paths(root, paths), ref)
    if result.problems:
        fail(result.problems, style)
    if result.elsewhere:
        click.echo(_("注意：其他文件里还有 {count} 个问题").format(count=result.elsewhere), err=True)
    archive = result.archive
    if style == "json":
        click.echo(format_problems([], style))
    elif archive is not None:
        as_of = build_date()
        for issue in archive.scheduled(as_of):
            click.echo(scheduled_note(issue, as_of), err=True)
        archive = archive.as_of(as_of)
        published = sum(len(issue.reports) for issue in archive.issues)
        # A correction, a 批示 or an adoption may change a published page and still pass:
        # the summary says only that nothing refused was changed (bulletin diff lists the rest).
        summary = (
            _(
                "检查通过：共 {issues} 期，已发布报告 {published} 篇，待排期 {pending} 篇；"
                "对 {ref} 上已发布内容的改动都是允许的（如有改动，bulletin diff 会列出）"
            )
            if ref
            else _("检查通过：共 {issues} 期，已发布报告 {published} 篇，待排期 {pending} 篇")
        )
        click.echo(
            summary.format(issues=len(archive.issues), published=published, pending=len(archive.pending), ref=ref),
            err=True,
        )


def parse_optional_day(context: click.Context, parameter: click.Parameter, value: str | None) -> dt.date | None:
    return None if value is None else parse_day(context, parameter, value)


@main.command(
    help=_(
        "把待排期的报告排入下一期（在文件头写入 issue、date、order）。"
        "加 --renumber：把本分支排了期、但目标分支（--base）上还没有发布的报告改排到下一个空期号"
        "（两个分支用了同一个期号时）。"
    )
)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--series", help=_("排入哪个系列（默认：报告自己写的系列）。"))
@click.option(
    "--date",
    "day",
    callback=parse_optional_day,
    help=_("这一期的日期，写成 年-月-日（默认：今天；加 --renumber 时：报告原来的日期）。"),
)
@click.option("--dry-run", is_flag=True, help=_("只显示会写入什么，不写任何文件。"))
@click.option(
    "--renumber",
    is_flag=True,
    help=_(
        "改排已排期的报告：改写 issue、date、order 三行，排到本系列本年度的下一个空期号；目标分支上已发布的报告不能改排。"
    ),
)
@click.option(
    "--base",
    "ref",
    help=_("与 --renumber 同用：目标分支（默认 origin/main，没有时用 main）。"),
)
@click.pass_obj
def compose(
    root: Path,
    files: tuple[str, ...],
    series: str | None,
    day: dt.date | None,
    dry_run: bool,
    renumber: bool,
    ref: str | None,
) -> None:
    if renumber:
        renumber_reports(root, files, series, day, dry_run, ref)
        return
    if ref is not None:
        raise click.UsageError(_("--base 只与 --renumber 同用"))
    archive = load_or_exit(root)
    try:
        plan = plan_composition(root, archive, relative_paths(root, files), series, day or today())
        if not dry_run:
            apply_composition(root, plan)
    except BulletinError as error:
        fail(error.problems)
    heading = _("将排入（未写入）：{issue}（{date}）") if dry_run else _("已排入：{issue}（{date}）")
    issue = f"《{plan.series.name}》{number_label(plan.date.year, plan.number)}"
    click.echo(heading.format(issue=issue, date=plan.date))
    for entry in plan.entries:
        click.echo(make_visible(f"  {entry.order}. {entry.report.path}  {entry.report.title}"))


def renumber_reports(
    root: Path, files: tuple[str, ...], series: str | None, day: dt.date | None, dry_run: bool, ref: str | None
) -> None:
    from bulletin.commands.renumber import apply_renumbering, describe_move, find_default_base, plan_renumbering

    if series is not None:
        raise click.UsageError(_("--renumber 不改系列：去掉 --series（要换系列，请改报告的 series 一行）"))
    try:
        plan, baseline = plan_renumbering(root, relative_paths(root, files), ref or find_default_base(root), day)
        if not dry_run:
            apply_renumbering(root, plan, baseline)
    except BulletinError as error:
        fail(error.problems)
    click.echo(_("将改排（未写入）：") if dry_run else _("已改排："))
    for move in plan.moves:
        found = baseline.at_ref.settings.find_series(move.report.series)
        click.echo(make_visible("  " + describe_move(move, found.name if found else move.report.series)))


def parse_site_url(context: click.Context, parameter: click.Parameter, value: str | None) -> str | None:
    from bulletin.read.settings import explain_site_url

    problem = None if value is None else explain_site_url(value)
    if problem:
        raise click.BadParameter(problem)
    return value


@main.command(help=_("用 Markdown 概述这次修改与 --base 给出的分支相比，会让已发布的网站有哪些变化。"))
@click.option("--base", "ref", required=True, help=_("与哪个 Git 分支比较（目标分支）。"))
@click.option(
    "--site-url",
    callback=parse_site_url,
    help=_(
        "网站的地址（如 http://xxkw.example.intranet/），摘要里的页面链接以它开头，放进合并请求的评论里也能打开；"
        "默认：目标分支 mkdocs.yml 里的 site_url；都没有时，链接从网站根目录写起（/reports/…）。"
    ),
)
@click.pass_obj
def diff(root: Path, ref: str, site_url: str | None) -> None:
    archive = load_or_exit(root)
    try:
        baseline = read_baseline(root, ref)
    except BulletinError as error:
        fail(error.problems)
    address = baseline.at_ref.settings.site_url if site_url is None else site_url
    summary = summarize_changes(
        baseline.at_fork, archive, ref, baseline.changed_files, as_of=build_date(), site_url=address
    )
    click.echo(summary, nl=False)


@main.command(help=_("列出已审定、还没有排入任何一期的报告（路径、系列、单位、标题，以制表符分隔）。"))
@click.pass_obj
def pending(root: Path) -> None:
    archive = load_or_exit(root)
    for line in list_pending(archive):
        click.echo(line)
    if not archive.pending:
        click.echo(_("没有待排期的报告"), err=True)


def parse_month(context: click.Context, parameter: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*", value)  # 2026-03, 2026-3, 2026年3月
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise click.BadParameter(_("“{value}”不是月份：请按 年-月 写，如 2026-03").format(value=value))
    return (int(match.group(1)), int(match.group(2)))


@main.command(help=_("显示月度通报（默认：最近一个月）或全年的统计数字。"))
@click.option("--month", callback=parse_month, help=_("月份，写成 年-月，如 2026-03。"))
@click.option("--year", type=int, help=_("年份，如 2026。"))
@click.option("--format", "style", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_obj
def stats(root: Path, month: tuple[int, int] | None, year: int | None, style: str) -> None:
    from bulletin.commands.stats import render_stats_output

    archive = load_or_exit(root)
    if month and year:
        raise click.UsageError(_("--month 和 --year 只能给一个，不能同时给"))
    try:
        click.echo(render_stats_output(archive, month, year, style), nl=False)
    except BulletinError as error:
        fail(error.problems)


@main.command(
    help=_(
        "列出 reports/units.yml 里的全部报送单位：单位代码、名称、类别和所属县（区），按通报的分组排列。"
        "报告的 unit: 写单位代码。"
    )
)
@click.option(
    "--format",
    "style",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=_("text：给人看的表格；json：给程序读的数据。"),
)
@click.pass_obj
def units(root: Path, style: str) -> None:
    from bulletin.commands.units import render_units_json, render_units_text

    try:
        registry = load_registers(root)[1]
    except BulletinError as error:
        fail(error.problems)
    render = render_units_json if style == "json" else render_units_text
    click.echo(render(registry), nl=False)


@main.command(help=_("显示报告文件头（或 units.yml、紧急事件文件）的 JSON Schema，供编辑器检查和补全。"))
@click.option(
    "--of",
    "what",
    type=click.Choice(["report", "units", "event"]),
    default="report",
    show_default=True,
    help=_("report：报告的文件头；units：units.yml；event：紧急事件文件 reports/events/<年份>/<编号>.yml。"),
)
@click.pass_obj
def schema(root: Path, what: str) -> None:
    from bulletin.commands.schema import build_event_schema, build_report_schema, build_units_schema

    if what == "units":
        document = build_units_schema()
    elif what == "event":
        document = build_event_schema(load_or_exit(root))
    else:
        document = build_report_schema(load_or_exit(root))
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@main.command(
    help=_(
        "生成使用说明里的两个参考页：命令参考（每个命令和选项）和字段参考（报告等文件的每个字段），"
        "都取自程序本身。加 --write 时写入 content/guide/，否则显示在屏幕上。"
    )
)
@click.option(
    "--of",
    "what",
    type=click.Choice(["commands", "fields"]),
    default="commands",
    show_default=True,
    help=_("显示哪一页：commands：命令参考；fields：字段参考。"),
)
@click.option(
    "--write",
    is_flag=True,
    help=_("把两页都写入 content/guide/（reference-commands.md 和 reference-fields.md）。"),
)
@click.pass_obj
def reference(root: Path, what: str, write: bool) -> None:
    from bulletin.cli.reference import read_commands
    from bulletin.commands.reference import REFERENCE_PAGES, command_reference, field_reference
    from bulletin.commands.writing import replace_files

    if current_language() != "zh":
        raise click.UsageError(_("参考页是网站上的中文页面：请不加 --lang en、不设 BULLETIN_LANG=en 再运行"))
    pages = {"commands": command_reference(read_commands(main)), "fields": field_reference()}
    if not write:
        click.echo(pages[what], nl=False)
        return
    try:
        replace_files(root, {REFERENCE_PAGES[key]: page.encode("utf-8") for key, page in pages.items()})
    except BulletinError as error:
        fail(error.problems)
    for path in REFERENCE_PAGES.values():
        click.echo(path)


@main.command(
    help=_(
        "把生成好的网站（site/）发布到网站服务器的文件夹 --to：先完整复制到其中 releases/ 下的新文件夹，"
        "再一步切换链接 current，读者不会遇到缺页；复制失败或被中断时线上网站保持原样。"
        "网站服务器的根目录应设为 <--to>/current。"
    )
)
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=_("网站服务器的文件夹（如 /srv/bulletin）；没有时会新建。"),
)
@click.option(
    "--site",
    "site_name",
    default="site",
    show_default=True,
    help=_("要发布的网站（相对于仓库根目录），即 make site 生成的 site。"),
)
@click.option(
    "--keep",
    type=click.IntRange(2, 100),
    default=5,
    show_default=True,
    help=_("保留最近几次发布（线上的和它前一次总会保留，供回退）。"),
)
@click.option("--label", default="", help=_("写进发布文件夹名称的标签，通常是提交号（如 1a2b3c4d5e6f）。"))
@click.option(
    "--if-changed",
    is_flag=True,
    help=_("线上的已是从这次生成复制的发布时，什么也不做（CI 的发布用它，定时发布多数时候没有新内容）。"),
)
@click.pass_obj
def deploy(root: Path, target: Path, site_name: str, keep: int, label: str, if_changed: bool) -> None:
    from bulletin.commands.deploy import deploy_site

    try:
        done = deploy_site(root / site_name, target, keep, label, if_changed=if_changed)
    except BulletinError as error:
        fail(error.problems)
    for warning in done.warnings:
        click.echo(_("警告：{warning}").format(warning=warning), err=True)
    if not done.published:
        click.echo(
            _("线上网站没有变化，未发布：{target}/current 已是这次生成的网站（releases/{release}）。").format(
                target=target, release=done.release
            )
        )
        return
    if done.removed:
        click.echo(_("已删除较早的发布：{names}").format(names=_("、").join(done.removed)), err=True)
    click.echo(
        _("已发布：{target}/current → releases/{release}（此前线上的是 {previous}）").format(
            target=target, release=done.release, previous=done.previous or _("无")
        )
    )


@main.command(
    help=_(
        "发布之后通知值班室：把自上次通知以来发布的新期次、新登记和新近逾期的紧急事件、更正，"
        "写成一条简短的 JSON 消息，POST 到环境变量 NOTIFY_URL 的地址（可选的令牌放在 NOTIFY_TOKEN）。"
        "没有设置 NOTIFY_URL、没有新的发布或没有要通知的内容时不发；发送失败只显示警告，退出码总是 0，不影响发布。"
    )
)
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=_("网站服务器的文件夹（bulletin deploy --to 用过的那个）；通知的记录也放在这里。"),
)
@click.option(
    "--site-url",
    callback=parse_site_url,
    help=_("消息里网址的开头（如 http://xxkw.example.intranet/）；默认：mkdocs.yml 里的 site_url。"),
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 120),
    default=10,
    show_default=True,
    help=_("每次发送最多等几秒；没有回答时再试一次。"),
)
@click.pass_obj
def notify(root: Path, target: Path, site_url: str | None, timeout: float) -> None:
    from bulletin.commands.notify import notify_duty_room
    from bulletin.environment import NOTIFY_TOKEN_VARIABLE, NOTIFY_URL_VARIABLE

    done = notify_duty_room(
        root,
        target,
        os.environ.get(NOTIFY_URL_VARIABLE, ""),
        os.environ.get(NOTIFY_TOKEN_VARIABLE, "").strip(),
        site_url,
        timeout,
    )
    for line in done.lines:
        click.echo(line)
    for warning in done.warnings:
        click.echo(_("警告：{warning}").format(warning=warning), err=True)


@main.command(help=_("把网站服务器文件夹 --to 里的线上网站（current）一步切回前一次发布。"))
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=_("网站服务器的文件夹（bulletin deploy --to 用过的那个）。"),
)
def rollback(target: Path) -> None:
    from bulletin.commands.deploy import roll_back

    try:
        done = roll_back(target)
    except BulletinError as error:
        fail(error.problems)
    click.echo(
        _("已回退：{target}/current → releases/{release}（回退前线上的是 {replaced}）").format(
            target=target, release=done.release, replaced=done.replaced
        )
    )


def add_event_commands() -> None:
    """``bulletin event …`` (紧急信息), its help made now that the language is chosen."""
    from bulletin.cli.event import build_event_group

    main.add_command(build_event_group())


add_event_commands()


def add_submission_commands() -> None:
    """``bulletin submission …`` (收稿登记), its help made now that the language is chosen."""
    from bulletin.cli.submission import build_submission_group

    main.add_command(build_submission_group())


add_submission_commands()
