"""Small frozen dataclasses: what the rest of the core works with after parsing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

UNIT_KINDS = ("county", "district", "zone", "department", "town", "correspondent")
COUNTY_KINDS = ("county", "district")  # ranked together as 县（区）; towns and correspondents belong to one
MEMBER_KINDS = ("town", "correspondent")  # units that have a parent county
LEVELS = ("county", "city", "province", "central")
ADOPTION_LEVELS = ("province", "central")
# The levels as editors say them: accepted in front matter for the keys, printed on the pages.
LEVEL_NAMES = {"county": "县级", "city": "市级", "province": "省级", "central": "中央"}
CLASSIFICATIONS = ("公开", "内部")
CLASSIFIED = ("秘密", "机密", "绝密")
GRADES = ("特别重大", "重大", "较大", "一般")
STAGES = ("初报", "续报", "终报")


@dataclass(frozen=True)
class Quota:
    monthly: int


@dataclass(frozen=True)
class Unit:
    key: str
    name: str
    kind: str
    parent: str | None = None
    quota: Quota | None = None


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


@dataclass(frozen=True)
class Scoring:
    """Points per event (extra.bulletin.scoring); a series or level not listed earns nothing."""

    series: dict[str, int] = field(default_factory=dict)
    adoptions: dict[str, int] = field(default_factory=dict)
    instructions: dict[str, int] = field(default_factory=dict)
    parent_share: Fraction = Fraction(0)


@dataclass(frozen=True)
class Settings:
    office: str
    series: tuple[Series, ...]
    categories: tuple[str, ...]
    scoring: Scoring = field(default_factory=Scoring)
    search_part_reports: int = 3_500  # see bulletin.search.parts
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


@dataclass(frozen=True)
class Emergency:
    event: str
    grade: str
    stage: str
    occurred: dt.datetime
    reported: dt.datetime


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


@dataclass(frozen=True, eq=False)
class Issue:
    series: Series
    year: int
    number: int
    total: int  # 总第N期
    date: dt.date
    reports: tuple[Report, ...]

    @property
    def classification(self) -> str:
        return "内部" if any(r.classification == "内部" for r in self.reports) else "公开"


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
        submissions ledger of a month after ``day``'s is left out too: that month has no notice yet."""
        issues = tuple(issue for issue in self.issues if issue.date <= day)
        month = (day.year, day.month)
        submissions = {period: counts for period, counts in self.submissions.items() if period <= month}
        if len(issues) == len(self.issues) and len(submissions) == len(self.submissions):
            return self
        return dataclasses.replace(self, issues=issues, submissions=submissions)

    def scheduled(self, day: dt.date) -> tuple[Issue, ...]:
        """The issues dated after ``day``: built for preview, published by a build on or after their date."""
        return tuple(issue for issue in self.issues if issue.date > day)
