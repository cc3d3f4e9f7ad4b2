"""`bulletin compose`: schedule pending reports into the next free issue of a series.

Only three (or four) lines are added to each report's front matter, just before its
closing ``---``; every other byte of the file, comments and body included, stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bulletin.archive import load_archive
from bulletin.commands.writing import replace_files
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.i18n import _
from bulletin.model import Archive, Report, Series
from bulletin.read.reportfile import read_report


@dataclass(frozen=True)
class Scheduled:
    report: Report
    order: int
    text: str  # the new file text


@dataclass(frozen=True)
class Composition:
    series: Series
    number: int
    date: dt.date
    entries: tuple[Scheduled, ...]


def add_schedule_lines(text: str, lines: list[str]) -> str:
    """Insert ``lines`` before the closing fence of the front matter, in the file's newline style."""
    newline = "\r\n" if "\r\n" in text else "\n"
    start = text.index("\n") + 1  # after the opening fence
    position = start
    while True:
        end = text.find("\n", position)
        line = text[position : end if end != -1 else len(text)].rstrip("\r")
        if line.rstrip() in ("---", "..."):
            break
        if end == -1:
            raise ValueError("front matter is not closed")
        position = end + 1
    return text[:position] + "".join(f"{line}{newline}" for line in lines) + text[position:]


def next_number(archive: Archive, series: Series, year: int) -> int:
    numbers = [i.number for i in archive.issues_of(series.key) if i.year == year]
    return max(numbers, default=0) + 1


def plan_composition(
    root: Path, archive: Archive, paths: list[str], series_key: str | None, day: dt.date
) -> Composition:
    """Work out the issue and the new file texts; nothing is written."""
    problems = Problems()
    by_path = {r.path: r for r in archive.reports}
    reports: list[Report] = []
    for path in paths:
        report = by_path.get(path)
        if report is None:
            problems.add(path, 1, "file", _("不是本档案的报告（报告放在 reports/<年份>/<编号>.md）"))
        elif report.placement is not None:
            placed = report.placement
            problems.add(
                path,
                report.line_of("issue"),
                "issue",
                _(
                    "这篇报告已经排在第 {number} 期（{date}）：compose 只排待排期的报告；"
                    "两个分支用了同一个期号时，请用 bulletin compose --renumber"
                ).format(number=placed.number, date=placed.date),
            )
        elif report in reports:
            problems.add(path, 1, "file", _("这个文件给了两次"))
        else:
            reports.append(report)
    problems.raise_if_any()
    keys = {series_key} if series_key else {r.series for r in reports}
    if len(keys) != 1:
        raise BulletinError(
            [
                Problem(
                    r.path,
                    r.line_of("series"),
                    "series",
                    _("{series}：一期只收一个系列的报告，这几篇报告的系列不同；请用 --series 指定排入哪个系列").format(
                        series=r.series
                    ),
                )
                for r in reports
            ]
        )
    series = archive.settings.find_series(keys.pop())
    if series is None:
        known = ", ".join(s.key for s in archive.settings.series)
        unknown = _("没有“{series}”这个系列；mkdocs.yml 里配置的系列有：{known}").format(series=series_key, known=known)
        raise BulletinError([Problem("mkdocs.yml", 1, "series", unknown)])
    for report in reports:
        if "series" in report.lines and report.series != series.key:
            own = archive.settings.find_series(report.series)
            problems.add(
                report.path,
                report.line_of("series"),
                "series",
                _(
                    "这篇报告写的是 series: {own}（{own_name}）；要排入《{name}》，请把 series 改为 {key}，或去掉 --series"
                ).format(
                    own=report.series, own_name=own.name if own else _("未配置的系列"), name=series.name, key=series.key
                ),
            )
    last = archive.issues_of(series.key)[-1:]
    if last and day < last[0].date:
        problems.add(
            reports[0].path,
            1,
            "date",
            _(
                "{day} 早于《{name}》最近一期的日期（{latest}）：期号往后排，日期不能往前；请用 --date 给一个不早于 {latest} 的日期"
            ).format(day=day, name=series.name, latest=last[0].date),
        )
    problems.raise_if_any()
    number = next_number(archive, series, day.year)
    entries = []
    for order, report in enumerate(reports, start=1):
        default = archive.settings.series[0].key
        lines = [f"series: {series.key}"] if "series" not in report.lines and series.key != default else []
        lines += [f"issue: {number}", f"date: {day.isoformat()}", f"order: {order}"]
        text = (root / report.path).read_bytes().decode("utf-8")  # keep CRLF as it is
        new_text = add_schedule_lines(text, lines)
        check = Problems()
        if read_report(report.path, new_text, default, check) is None:
            problems.add(
                report.path,
                1,
                "front matter",
                _("compose 只能在一行一个键的文件头里加行；请把文件头改成一行一个键后重试")
                + (_("（{problem}）").format(problem=check.items[0].message) if check.items else ""),
            )
        entries.append(Scheduled(report, order, new_text))
    problems.raise_if_any()
    return Composition(series, number, day, tuple(entries))


def apply_composition(root: Path, composition: Composition) -> None:
    """Write the files (all or none, each whole: :mod:`bulletin.commands.writing`), then check
    the whole archive; on any problem put every file back the same way."""
    originals = {e.report.path: (root / e.report.path).read_bytes() for e in composition.entries}
    replace_files(root, {e.report.path: e.text.encode("utf-8") for e in composition.entries})
    try:
        load_archive(root)
    except BulletinError:
        replace_files(root, originals)
        raise
