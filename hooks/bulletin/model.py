"""Small frozen dataclasses: what the rest of the core works with after parsing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

UNIT_KINDS = (
    "county",
    "district",
    "zone",
    "department",
    "town",
    "village",
    "community",
    "enterprise",
    "correspondent",
)
COUNTY_KINDS = ("county", "district")  # ranked together as 县（区）
# The information network (信息网络): a county, district or zone lists its towns and streets
# (towns) and has direct-reporting points (直报点) under it: towns and streets, and below them
# (or directly under the county) villages, communities and enterprises; correspondents too.
AREA_KINDS = ("county", "district", "zone")  # may list their towns and streets and have points
LOCAL_POINT_KINDS = ("village", "community", "enterprise")  # 村居、社区、企业直报点: under an area or a town
POINT_KINDS = ("town", *LOCAL_POINT_KINDS)  # 直报点 (a parent is required)
MEMBER_KINDS = (*POINT_KINDS, "correspondent")  # units that have a parent
# The kinds as editors say them: accepted in units.yml for the keys (乡镇 is stored as town).
UNIT_KIND_ALIASES = {
    "县": "county",
    "区": "district",
    "开发区": "zone",
    "市直部门": "department",
    "乡镇": "town",
    "街道": "town",
    "镇街": "town",
    "村居": "village",
    "社区": "community",
    "企业": "enterprise",
    "特约信息员": "correspondent",
}
LEVELS = ("county", "city", "province", "central")
ADOPTION_LEVELS = ("province", "central")
# The levels as editors say them: accepted in front matter for the keys, printed on the pages.
LEVEL_NAMES = {"county": "县级", "city": "市级", "province": "省级", "central": "中央"}
CLASSIFICATIONS = ("公开", "内部")
CLASSIFIED = ("秘密", "机密", "绝密")
# 紧急信息 (see bulletin.figures.timeliness for how the time limits are applied).
GRADES = ("特别重大", "重大", "较大", "一般")  # Ⅰ–Ⅳ, most serious first
GRADE_NUMERALS = {"特别重大": "Ⅰ级", "重大": "Ⅱ级", "较大": "Ⅲ级", "一般": "Ⅳ级"}
EVENT_TYPES = ("自然灾害", "事故灾难", "公共卫生事件", "社会安全事件")
STAGES = ("初报", "续报", "终报")
COUNT_FROM = ("occurred", "unit_learned")  # the time limits count from the occurrence or from the unit learning of it
CHINESE_DIGITS = "零一二三四五六七八九"


QUOTA_COUNTS = ("adopted", "submitted")
# As editors write them in units.yml (of: 报送), and as the notice says them.
QUOTA_COUNT_NAMES = {"adopted": "采用", "submitted": "报送"}


@dataclass(frozen=True)
class Quota:
    """A monthly task (任务): ``monthly`` reports published (of: adopted, as `quota: {monthly: 1}`
    always meant) or items received (of: submitted), of one category (``kind``) or of any."""

    monthly: int
    kind: str = ""  # a category; "": any
    of: str = "adopted"  # one of QUOTA_COUNTS


@dataclass(frozen=True)
class FormerName:
    """A name a unit had before a reorganisation (机构改革), up to and including ``until``."""

    name: str
    until: dt.date


@dataclass(frozen=True)
class Unit:
    key: str
    name: str  # the name it has now
    kind: str
    parent: str | None = None
    quota: Quota | None = None
    former: tuple[FormerName, ...] = ()  # earlier names, oldest first
    towns: tuple[str, ...] = ()  # a county's, district's or zone's towns and streets (乡镇、街道), points or not
    town: str | None = None  # the town or street (one of its area's towns) a point is, or lies in
    since: dt.date | None = None  # when it became a point (设点日期); None: before the archive began
    quotas: tuple[Quota, ...] = ()  # more tasks, each naming what it counts (besides ``quota``)

    @property
    def all_quotas(self) -> tuple[Quota, ...]:
        """``quota`` and ``quotas``: every monthly task of the unit."""
        return ((self.quota,) if self.quota else ()) + self.quotas

    def name_on(self, day: dt.date | None) -> str:
        """The name the unit had on ``day`` (what an issue of that day printed); now: None."""
        if day is not None:
            for former in self.former:
                if day <= former.until:
                    return former.name
        return self.name


def find_area(unit: Unit, units: dict[str, Unit]) -> Unit | None:
    """The county, district or zone a unit belongs to (through its town for a village under a
    town point); the area itself for an area; None for a department or an unattached unit."""
    seen: set[str] = set()
    current: Unit | None = unit
    while current is not None and current.key not in seen:
        if current.kind in AREA_KINDS:
            return current
        seen.add(current.key)
        current = units.get(current.parent) if current.parent else None
    return None


PRINTED_FIELDS = ("to_higher", "to_leaders", "to_units", "editor", "reviewer", "signer")


@dataclass(frozen=True)
class PrintedLines:
    """The lines printed at the foot of an issue: 报/送/发 and 责任编辑/审核/签发."""

    to_higher: str = ""  # 报
    to_leaders: str = ""  # 送
    to_units: str = ""  # 发
    editor: str = ""  # 责任编辑
    reviewer: str = ""  # 审核
    signer: str = ""  # 签发


@dataclass(frozen=True)
class EarlierLines:
    """What a series printed up to and including ``until``, for the lines that have changed since."""

    until: dt.date
    to_higher: str | None = None
    to_leaders: str | None = None
    to_units: str | None = None
    editor: str | None = None
    reviewer: str | None = None
    signer: str | None = None


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    total_offset: int = 0
    emergency: bool = False
    to_higher: str = ""  # 报
    to_leaders: str = ""  # 送
    to_units: str = ""  # 发
    editor: str = ""  # 责任编辑
    reviewer: str = ""  # 审核
    signer: str = ""  # 签发
    earlier: tuple[EarlierLines, ...] = ()  # the lines before a change, oldest first

    def lines_on(self, day: dt.date) -> PrintedLines:
        """The lines an issue of ``day`` printed: for each line, the earliest period that
        names it and includes ``day``, else today's setting."""
        values = {}
        for key in PRINTED_FIELDS:
            values[key] = next(
                (
                    getattr(period, key)
                    for period in self.earlier
                    if day <= period.until and getattr(period, key) is not None
                ),
                getattr(self, key),
            )
        return PrintedLines(**values)


@dataclass(frozen=True)
class Scoring:
    """Points per event (extra.bulletin.scoring); a series or level not listed earns nothing."""

    series: dict[str, int] = field(default_factory=dict)
    adoptions: dict[str, int] = field(default_factory=dict)
    instructions: dict[str, int] = field(default_factory=dict)
    parent_share: Fraction = Fraction(0)
    # 紧急信息, credited to the event's unit in the month the event occurred:
    # on_time / late per report (the telephone report included), missing per report not made
    # in time (an overdue 初报 or 续报, a 终报 past its limit), office_first per event the
    # office learned of before the unit reported it. Deductions are negative numbers.
    emergency: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TimeLimit:
    """The time limits of one grade of emergency (extra.bulletin.emergency.limits)."""

    phone: int  # minutes from the start to the telephone report
    written: int  # minutes from the start to the written 初报
    followup: int  # minutes from one report of an open event to the next (1440: a daily report)
    final_days: int  # days from the end of the event (ended) to the 终报
    mark: str = "加急"  # the urgency mark of an issue carrying a report of this grade: 特急 or 加急


# Defaults when mkdocs.yml sets no limits (docs/settings.md, "紧急信息 time limits"): the office replaces them with its own.
DEFAULT_TIME_LIMITS = {
    "特别重大": TimeLimit(phone=30, written=60, followup=240, final_days=5, mark="特急"),
    "重大": TimeLimit(phone=30, written=60, followup=480, final_days=5, mark="特急"),
    "较大": TimeLimit(phone=60, written=120, followup=1440, final_days=7, mark="加急"),
    "一般": TimeLimit(phone=120, written=240, followup=1440, final_days=7, mark="加急"),
}


@dataclass(frozen=True)
class EmergencyRules:
    count_from: str = "occurred"  # or "unit_learned"
    limits: dict[str, TimeLimit] = field(default_factory=lambda: dict(DEFAULT_TIME_LIMITS))


@dataclass(frozen=True)
class NetworkRules:
    """The network page's settings (extra.bulletin.network; see bulletin.figures.network)."""

    silent_months: int = 3  # a point with no item received in this many full months (and since) is silent


@dataclass(frozen=True)
class Settings:
    office: str
    series: tuple[Series, ...]
    categories: tuple[str, ...]
    scoring: Scoring = field(default_factory=Scoring)
    emergency: EmergencyRules = field(default_factory=EmergencyRules)
    search_part_reports: int = 3_500  # see bulletin.pages.search.parts
    notice_number: str = ""  # the ranking notice's 文号 pattern, {year} and {month}; "" = no 文号 line
    network: NetworkRules = field(default_factory=NetworkRules)
    # The first month (YYYY-MM) the submissions ledger records every unit: from it on a month with
    # a ledger shows 报送 and 零报送; "" = every month with a ledger file (bulletin.figures.scoring).
    ledger_since: str = ""
    fonts: str = ""  # extra.bulletin.documents.fonts: the office's font files for the PDFs, relative to the repository
    site_url: str = ""  # mkdocs.yml's site_url: the site's address, for links that leave the site (bulletin diff)

    def find_series(self, key: str) -> Series | None:
        return next((s for s in self.series if s.key == key), None)


@dataclass(frozen=True)
class Instruction:
    by: str
    level: str
    date: dt.date
    text: str


@dataclass(frozen=True)
class Adoption:
    by: str
    level: str
    date: dt.date


@dataclass(frozen=True)
class Correction:
    date: dt.date
    note: str


def write_chinese_number(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (续报 numbers)."""
    tens, ones = divmod(number, 10)
    if tens == 0:
        return CHINESE_DIGITS[ones]
    return (CHINESE_DIGITS[tens] if tens > 1 else "") + "十" + (CHINESE_DIGITS[ones] if ones else "")


def name_follow_up(number: int) -> str:
    """续报一, 续报二 …: the stage of the ``number``-th follow-up report."""
    return STAGES[1] + write_chinese_number(number)


def read_chinese_number(text: str) -> int | None:
    """The inverse of write_chinese_number (also plain digits); None when it is not one."""
    if text.isascii() and text.isdigit():
        return int(text)
    for number in range(1, 100):
        if write_chinese_number(number) == text:
            return number
    return None


@dataclass(frozen=True)
class Emergency:
    """What a 紧急信息 report says of itself: its event, its stage and when it was reported."""

    event: str  # the id of the event (reports/events/<year>/<id>.yml)
    stage: str  # 初报 | 续报 | 终报
    reported: dt.datetime  # local time (Asia/Shanghai), to the minute
    sequence: int = 0  # the 续报's number: 1 for 续报一; 0 for 初报 and 终报

    @property
    def label(self) -> str:
        """初报, 续报二, 终报: as the editors write it."""
        return name_follow_up(self.sequence) if self.stage == STAGES[1] else self.stage


@dataclass(frozen=True)
class GradeChange:
    """An upgrade (升级) or downgrade (降级) of an event, from ``time`` on."""

    time: dt.datetime
    grade: str
    note: str = ""


@dataclass(frozen=True, eq=False)
class Event:
    """An emergency event, declared once in reports/events/<year>/<id>.yml; its reports name it.

    All times are local (Asia/Shanghai) and to the minute."""

    id: str
    year: int  # the folder year: the year it occurred, part of its URL /emergency/<year>/<id>/
    path: str
    name: str
    type: str  # one of EVENT_TYPES
    grade: str  # the grade first assessed; later ones in ``changes``
    place: str
    unit: str  # the unit responsible for reporting it (事发地或主管单位)
    occurred: dt.datetime
    office_learned: dt.datetime  # when the office (市委办) learned of it, by any channel
    unit_learned: dt.datetime | None = None  # when the unit learned of it; None: when it occurred
    phoned: dt.datetime | None = None  # the unit's telephone report to the office; None: not recorded
    ended: dt.datetime | None = None  # when it was over (处置结束); None: still open
    changes: tuple[GradeChange, ...] = ()  # in time order
    # 更正: a fact of an event whose reports are published changed, each with a dated note
    # (bulletin.review.permanence refuses such a change without a new one).
    corrections: tuple[Correction, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, repr=False)

    def grade_at(self, moment: dt.datetime) -> str:
        """The grade in force at ``moment`` (a change takes effect at its time)."""
        grade = self.grade
        for change in self.changes:
            if change.time <= moment:
                grade = change.grade
        return grade

    @property
    def final_grade(self) -> str:
        return self.changes[-1].grade if self.changes else self.grade

    @property
    def start(self) -> dt.datetime:
        """When the unit learned of it (the occurrence when not recorded)."""
        return self.unit_learned or self.occurred

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class Commission:
    """约稿: a topic the office asked some units to report on by a deadline."""

    id: str
    topic: str
    units: tuple[str, ...]
    issued: dt.date
    deadline: dt.date


@dataclass(frozen=True)
class Placement:
    """Where a scheduled report is published: written by `bulletin compose`, permanent once merged."""

    number: int  # the issue's number within its series and year (第N期)
    date: dt.date  # the issue date (签发日期); its year is the issue's year
    order: int | None = None  # position inside the issue; None: after those with one, by file name

    @property
    def year(self) -> int:
        return self.date.year


@dataclass(frozen=True, eq=False)
class Report:
    id: str
    year: int  # the folder year: part of the permanent URL
    path: str  # relative to the repository root, POSIX separators
    title: str
    units: tuple[str, ...]
    series: str
    category: str
    body: str
    body_line: int  # line of the file where the body starts
    placement: Placement | None = None  # None: approved but pending (in no issue, not published)
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    classification: str = "内部"
    instructions: tuple[Instruction, ...] = ()
    adoptions: tuple[Adoption, ...] = ()
    corrections: tuple[Correction, ...] = ()
    commission: str | None = None
    received: dt.date | None = None  # when the office received it (约稿 timeliness)
    emergency: Emergency | None = None
    lines: dict[str, int] = field(default_factory=dict, repr=False)  # front-matter key -> line

    @property
    def is_pending(self) -> bool:
        return self.placement is None

    @property
    def issue(self) -> int | None:
        """The issue number, or None while the report is pending."""
        return self.placement.number if self.placement else None

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


URGENCY_MARKS = ("特急", "加急")


@dataclass(frozen=True, eq=False)
class IssueDetails:
    """What one issue prints besides its reports (reports/issues/<series>/<year>/<NNN>.yml):
    its 编者按, its copies, its urgency mark, and lines that differ from the series' settings."""

    path: str
    series: str
    year: int
    number: int
    note: str = ""  # 编者按, under the masthead
    copies: int | None = None  # 共印N份
    urgency: str | None = None  # 特急 or 加急
    to_higher: str | None = None
    to_leaders: str | None = None
    to_units: str | None = None
    editor: str | None = None
    reviewer: str | None = None
    signer: str | None = None
    lines: dict[str, int] = field(default_factory=dict, repr=False)


@dataclass(frozen=True, eq=False)
class Issue:
    series: Series
    year: int
    number: int
    total: int  # 总第N期
    date: dt.date
    reports: tuple[Report, ...]
    details: IssueDetails | None = None

    @property
    def printed(self) -> PrintedLines:
        """报/送/发 and 责任编辑/审核/签发 as this issue printed them: the series' lines on its
        date, then what its own details file says."""
        lines = self.series.lines_on(self.date)
        if self.details is None:
            return lines
        changes = {key: getattr(self.details, key) for key in PRINTED_FIELDS if getattr(self.details, key) is not None}
        return dataclasses.replace(lines, **changes)

    @property
    def classification(self) -> str:
        return "内部" if any(r.classification == "内部" for r in self.reports) else "公开"


SUBMISSION_RESULTS = ("待处理", "采用", "上级采用", "未采用")
ADOPTED_RESULTS = ("采用", "上级采用")


@dataclass(frozen=True)
class Submission:
    """One item of the submissions ledger (收稿登记): what a unit sent the office and what became
    of it (reports/submissions/<year>/<MM>/<unit>.yml, one file per unit and month received)."""

    unit: str  # unit key (from the file name)
    received: dt.date
    title: str
    kind: str  # a category
    result: str  # one of SUBMISSION_RESULTS
    reports: tuple[str, ...] = ()  # "year/stem" of reports made from it (result 采用)
    by: str = ""  # who adopted it (result 上级采用)
    path: str = ""  # file, relative to the repository root
    line: int = 0  # line of the item's first key
    number: int = 0  # 1-based place in its file (the command names items by unit, month, number)

    @property
    def adopted(self) -> bool:
        """采用 or 上级采用."""
        return self.result in ADOPTED_RESULTS

    @property
    def month(self) -> tuple[int, int]:
        return (self.received.year, self.received.month)


@dataclass(frozen=True)
class ContentPage:
    """A hand-written page of ``content/`` (home text, 报送须知, 关于): untrusted like a report,
    its body checked as a report's is (:func:`bulletin.check.body.check_page`)."""

    path: str  # relative to the repository root, POSIX separators: "content/guide.md"
    text: str  # the whole file, front matter included


@dataclass(frozen=True, eq=False)
class Archive:
    settings: Settings
    units: dict[str, Unit]
    reports: tuple[Report, ...]  # every report, sorted by path
    issues: tuple[Issue, ...]  # every issue, sorted by series order, year, number
    pending: tuple[Report, ...]
    commissions: tuple[Commission, ...] = ()
    submissions: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)  # (year, month) -> unit -> n
    pages: tuple[ContentPage, ...] = ()  # the Markdown pages of content/, sorted by path
    events: tuple[Event, ...] = ()  # 紧急信息 events, sorted by occurrence
    items: tuple[Submission, ...] = ()  # the submissions ledger's items, sorted by received, unit, number

    def issues_of(self, series_key: str) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.series.key == series_key)

    def published(self) -> list[tuple[Report, Issue]]:
        """Every published report with its issue."""
        return [(report, issue) for issue in self.issues for report in issue.reports]

    def as_of(self, day: dt.date) -> Archive:
        """The archive as published on ``day``, the build date: an issue dated later is
        *scheduled*. The one rule for what a reader sees: the home page, the series and year
        lists, the notices and statistics, the browse pages and the search index read this
        view; only the scheduled issues' own pages (and their reports' pages) are built, for
        preview. The reports of a scheduled issue stay in ``reports`` with their placement
        (a 约稿 answer received before ``day`` counts); they are in none of ``issues``. A
        submissions ledger of a month after ``day``'s is left out too (counts and items): that month has no notice yet."""
        issues = tuple(issue for issue in self.issues if issue.date <= day)
        month = (day.year, day.month)
        submissions = {period: counts for period, counts in self.submissions.items() if period <= month}
        items = tuple(item for item in self.items if item.month <= month)
        if (
            len(issues) == len(self.issues)
            and len(submissions) == len(self.submissions)
            and len(items) == len(self.items)
        ):
            return self
        return dataclasses.replace(self, issues=issues, submissions=submissions, items=items)

    @staticmethod
    def has_ended(year: int, month: int | None, day: dt.date) -> bool:
        """Whether a month (``month`` None: the whole year) had ended by ``day``, the build date:
        the one rule for what is final. Figures of a period that has not ended (a notice, a
        year's view, a unit's month) are provisional: they say "截至…（本月尚未结束）", carry no
        文号 and call nothing 零报送 or 未完成 for good; the final ones appear from the first
        build after the period's last day."""
        if month is None:
            return day.year > year
        return (day.year, day.month) > (year, month)

    def scheduled(self, day: dt.date) -> tuple[Issue, ...]:
        """The issues dated after ``day``: built for preview, published by a build on or after their date."""
        return tuple(issue for issue in self.issues if issue.date > day)
