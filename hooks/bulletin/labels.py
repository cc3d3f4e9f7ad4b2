"""Every printed label in one place: dates in Chinese, issue labels, unit names, figures.

Templates use these as filters (see :mod:`bulletin.pages.templating`); the command line
and the search records use them directly, so a label reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from bulletin import model
from bulletin.i18n import _
from bulletin.model import Archive, Issue, Report, Series, Unit

LEVEL_NAMES = model.LEVEL_NAMES
UNIT_KIND_NAMES = {
    "county": "县",
    "district": "区",
    "zone": "开发区",
    "department": "市直部门",
    "town": "镇街信息直报点",
    "village": "村居信息直报点",
    "community": "社区信息直报点",
    "enterprise": "企业信息直报点",
    "correspondent": "特约信息员",
}
INTERNAL_MARKING = "内部资料　注意保存"
# A report's ``classification`` (公开 or 内部) says whether it may be made public: its 公开属性,
# the field a Party or government office marks on every document it drafts. It is not a 密级
# (秘密/机密/绝密, the levels of a state secret), which never reach this network.
CLASSIFICATION_LABEL = "公开属性"
CLASSIFICATION_NAMES = {"公开": "公开", "内部": "不公开（内部资料）"}
CHINESE_NUMBERS = "一二三四五六七八九十"
NAME_SEPARATOR = "、"
NONE = "无"  # a list of no names


def format_date(day: dt.date) -> str:
    """2026年1月5日"""
    return f"{day.year}年{day.month}月{day.day}日"


def number_label(year: int, number: int) -> str:
    """2026年第3期: an issue's number in its series and year."""
    return f"{year}年第{number}期"


def issue_label(issue: Issue, with_year: bool = True) -> str:
    """2026年第3期 (or 第3期 where the year is already said)."""
    return number_label(issue.year, issue.number) if with_year else f"第{issue.number}期"


def issue_title(issue: Issue) -> str:
    """今日信息 2026年第3期: the title of the issue's page."""
    return f"{issue.series.name} {issue_label(issue)}"


def scheduled_note(issue: Issue, as_of: dt.date) -> str:
    """The build log's line for an issue dated after the build date (see Archive.as_of)."""
    return _(
        "定期发布：{issue}（{date}）日期在构建日期 {as_of} 之后，只生成预览页，"
        "不上首页、刊物列表、通报、统计和检索；到该日期或以后构建时才正式发布"
    ).format(issue=issue_title(issue), date=issue.date, as_of=as_of)


def issue_citation(issue: Issue) -> str:
    """《今日信息》2026年第3期: where a report was published."""
    return f"{series_title(issue.series)}{issue_label(issue)}"


def classification_name(classification: str) -> str:
    """公开 or 不公开（内部资料）: a report's 公开属性 as the site prints it."""
    return CLASSIFICATION_NAMES.get(classification, classification)


def join_names(names: Iterable[str]) -> str:
    return NAME_SEPARATOR.join(names)


def unit_name(archive: Archive, key: str, day: dt.date | None = None) -> str:
    """A unit's name on ``day`` (the name an issue of that day printed; today's when None),
    or its key when it is not in the registry."""
    unit = archive.units.get(key)
    return unit.name_on(day) if unit is not None else key


def unit_names(archive: Archive, report: Report) -> str:
    """The report's units as its issue printed them, joined with 、."""
    day = report.placement.date if report.placement is not None else None
    return join_names(unit_name(archive, key, day) for key in report.units)


def name_report_units(archive: Archive, reports: Iterable[Report]) -> dict[str, str]:
    """Each report's units as its issue printed them, by the report's path (for the templates)."""
    return {report.path: unit_names(archive, report) for report in reports}


def unit_list(units: Iterable[Unit]) -> str:
    """Units' names joined with 、, or 无."""
    return join_names(unit.name for unit in units) or NONE


def format_points(value: Fraction | int) -> str:
    """40, 7.5, 3.33: at most two decimals, no trailing zeros."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def format_rate(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def notice_title(year: int, month: int) -> str:
    """2026年3月信息工作通报: a monthly ranking notice, on the site and in the terminal."""
    return f"{format_month(year, month)}信息工作通报"


def progress_note(as_of: dt.date, *, year: bool = False) -> str:
    """截至12月8日（本月尚未结束）: what a month's (or ``year``'s) figures so far say of themselves."""
    return f"截至{as_of.month}月{as_of.day}日（{'本年' if year else '本月'}尚未结束）"


def notice_heading(year: int, month: int, as_of: dt.date | None) -> str:
    """The notice's title, or for a month not over (``as_of``) the title of its figures so far:
    2026年12月信息工作情况（截至12月8日，本月尚未结束）, no 通报 before the month has ended."""
    if as_of is None:
        return notice_title(year, month)
    return f"{format_month(year, month)}信息工作情况（截至{as_of.month}月{as_of.day}日，本月尚未结束）"


def annual_title(year: int) -> str:
    """2026年信息工作情况: the year's figures, on the site and in the terminal."""
    return f"{year}年信息工作情况"


def format_month(year: int, month: int) -> str:
    """2026年1月"""
    return f"{year}年{month}月"


def series_title(series: Series) -> str:
    """《今日信息》: a series named in running text."""
    return f"《{series.name}》"


def total_label(first: Issue, last: Issue | None = None) -> str:
    """总第3069期, or 总第3069–3090期 for the issues from ``first`` to ``last``."""
    if last is None or last is first:
        return f"总第{first.total}期"
    return f"总第{first.total}–{last.total}期"


def format_moment(moment: dt.datetime) -> str:
    """2026年7月14日 05:40: a 紧急信息 time, to the minute."""
    return f"{format_date(moment.date())} {moment:%H:%M}"


def format_minutes(minutes: int) -> str:
    """45分, 2小时, 1小时15分, 2天3小时5分: a span of minutes as the duty room says it."""
    days, rest = divmod(max(0, minutes), 24 * 60)
    hours, mins = divmod(rest, 60)
    text = (f"{days}天" if days else "") + (f"{hours}小时" if hours else "") + (f"{mins}分" if mins else "")
    return text or "0分"


def grade_label(grade: str) -> str:
    """较大（Ⅲ级）: a grade of emergency with its numeral."""
    return f"{grade}（{model.GRADE_NUMERALS[grade]}）"


# How the points of scoring.emergency are named in the notices' one-line rule.
EMERGENCY_SCORE_NAMES = (
    ("on_time", "按时报告每份"),
    ("late", "迟报每份"),
    ("missing", "缺报每份"),
    ("office_first", "办公室先于单位报告获知的事件每起"),
)


def describe_emergency_scoring(points: dict[str, int]) -> str:
    """按时报告每份得2分，迟报每份扣2分，缺报每份扣5分，…: the 紧急信息 scoring rule in one line."""
    parts = []
    for key, name in EMERGENCY_SCORE_NAMES:
        value = points.get(key, 0)
        parts.append(f"{name}得{value}分" if value > 0 else f"{name}扣{-value}分" if value < 0 else f"{name}不计分")
    return "，".join(parts)
