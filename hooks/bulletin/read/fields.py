"""The one definition of every YAML structure the publisher reads.

The strict reader (:mod:`bulletin.read.yamlreader`) validates with these fields; the JSON
Schema for editors is generated from the same fields. Change a field here and both move.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bulletin import limits, model
from bulletin.i18n import _
from bulletin.placeholders import EVENT_PLACEHOLDER

KEY_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def explain_key(text: str) -> str:
    """Why ``text`` is not a key (KEY_PATTERN), in the editors' language."""
    return _("“{text}”的写法不对：只能用小写英文字母、数字和单个连字符“-”，如 qingshi-town").format(text=text)


def explain_event_key(text: str) -> str:
    """Why ``text`` is not an event id: still the placeholder of ``bulletin new``, or written wrong."""
    if text == EVENT_PLACEHOLDER:
        return _(
            "还没有填写事件编号（bulletin new 写的提示）：请写 reports/events/<年份>/ 里登记的事件编号，"
            "新事件先用 bulletin event open 登记"
        )
    return explain_key(text)


def explain_title(text: str) -> str:
    """Why ``text`` is not a title (it has angle brackets), in the editors' language."""
    return _("“{text}”的写法不对：标题里不能有尖括号 < >：书名请用《》，或改用全角的＜＞").format(text=text)


def refuse_classified(text: str) -> str | None:
    """Why a classification is refused (a classified level), or None."""
    if text not in model.CLASSIFIED:
        return None
    return _("{level}文件不能放进这个仓库：涉密信息绝不能上这个网络；请删除这个文件，按涉密渠道办理").format(level=text)


def explain_month(text: str) -> str:
    """Why ``text`` is not a month written YYYY-MM."""
    return _("“{text}”的写法不对：月份写成 年-月，如 2026-09").format(text=text)


def explain_fonts_folder(text: str) -> str | None:
    """Why ``text`` cannot be the documents' fonts folder (it must be inside the repository)."""
    parts = text.replace("\\", "/").split("/")
    if text.startswith(("/", "~")) or ":" in text or ".." in parts:
        return _("“{text}”不是仓库里的文件夹：请写相对于仓库根目录的路径，如 fonts（不以 / 开头，不含 ..）").format(
            text=text
        )
    return None


NOTICE_NUMBER_PLACEHOLDERS = ("year", "month")


def explain_notice_number(text: str) -> str | None:
    """Why ``text`` cannot be the 文号 pattern of the ranking notices, or None when it can."""
    names = re.findall(r"\{([^{}]*)\}", text)
    unknown = [name for name in names if name not in NOTICE_NUMBER_PLACEHOLDERS]
    if unknown:
        return _(
            "“{text}”里的 {{{name}}} 不认识：文号里只能用 {{year}}（年份）和 {{month}}（月份），"
            "如 示委办信通〔{{year}}〕{{month}}号"
        ).format(text=text, name=unknown[0])
    rest = re.sub(r"\{[^{}]*\}", "", text)
    if "{" in rest or "}" in rest:
        return _("“{text}”里的花括号不成对：占位符写成 {{year}} 或 {{month}}").format(text=text)
    return None


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # text | int | number | bool | date | datetime | list | text_or_list | record | keyed | map
    required: bool = False
    help: str = ""  # what it means, in Chinese for the files editors write (JSON Schemas, the field reference)
    choices: tuple[str, ...] = ()
    refused: Callable[[str], str | None] | None = None  # why a value is refused, or None
    aliases: dict[str, str] | None = None  # another way to write a choice (市级) -> the choice (city)
    pattern: str | None = None
    pattern_problem: Callable[[str], str] | None = None  # why a text does not match the pattern
    minimum: int = 0
    maximum: int | None = None
    max_length: int | None = None  # of text; default by bulletin.limits (one line or several)
    multiline: bool = False  # text that may run over several lines (批示, 更正说明)
    fields: tuple[Field, ...] = ()  # of a record
    make: Callable[..., Any] | None = None  # builds a model object from a record's values
    of: Field | None = None  # the item of a list

    def item(self) -> Field:
        return self.of or Field(
            self.key,
            "text",
            choices=self.choices,
            pattern=self.pattern,
            pattern_problem=self.pattern_problem,
            max_length=self.max_length,
        )

    def text_limit(self) -> int:
        """The most characters a text of this field may have."""
        if self.max_length is not None:
            return self.max_length
        return limits.MAX_TEXT_CHARS if self.multiline else limits.MAX_NAME_CHARS


def _text(key: str, help: str, required: bool = False, **kw: Any) -> Field:
    return Field(key, "text", required, help, **kw)


def _date(key: str, help: str) -> Field:
    return Field(key, "date", True, help)


def _records(key: str, help: str, fields: tuple[Field, ...], make: Callable[..., Any]) -> Field:
    return Field(key, "list", False, help, of=Field(key, "record", fields=fields, make=make))


INSTRUCTION_FIELDS = (
    _text("by", "批示人（写职务，如 市委书记）", True),
    _text(
        "level",
        "批示人的层级：县级、市级、省级或中央",
        True,
        choices=model.LEVELS,
        aliases={model.LEVEL_NAMES[level]: level for level in model.LEVELS},
    ),
    _date("date", "批示的日期"),
    _text("text", "批示的内容", True, multiline=True),
)
ADOPTION_FIELDS = (
    _text("by", "采用这篇报告的上级机关或刊物，如 省委办公厅《每日要情》", True),
    _text(
        "level",
        "上级的层级：省级或中央",
        True,
        choices=model.ADOPTION_LEVELS,
        aliases={model.LEVEL_NAMES[level]: level for level in model.ADOPTION_LEVELS},
    ),
    _date("date", "上级采用的日期"),
)
CORRECTION_FIELDS = (
    _date("date", "更正的日期"),
    _text("note", "更正说明：更正了什么", True, multiline=True),
)
STAGE_PATTERN = r"初报|终报|续报(?:[一二三四五六七八九十]{1,3}|[1-9][0-9]?)"


def explain_stage(text: str) -> str:
    return _("“{text}”的写法不对：报告阶段写 初报、续报一、续报二……或 终报").format(text=text)


def make_emergency(event: str, stage: str, reported: Any) -> model.Emergency:
    """The emergency record of a report; ``stage`` matched STAGE_PATTERN (续报二 -> 续报, 2)."""
    if stage.startswith("续报"):
        return model.Emergency(event, "续报", reported, model.read_chinese_number(stage[2:]) or 0)
    return model.Emergency(event, stage, reported)


EMERGENCY_FIELDS = (
    _text(
        "event",
        "所属事件的编号（reports/events/<年份>/<编号>.yml 的文件名）",
        True,
        pattern=KEY_PATTERN,
        pattern_problem=explain_event_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    _text(
        "stage", "报告阶段：初报、续报一、续报二……或终报", True, pattern=STAGE_PATTERN, pattern_problem=explain_stage
    ),
    Field("reported", "datetime", True, "市委办收到这篇报告的时间"),
)
GRADE_CHANGE_FIELDS = (
    Field("time", "datetime", True, "新等级生效的时间"),
    _text("grade", "新的等级", True, choices=model.GRADES),
    _text("note", "升级或降级的依据"),
)
EVENT_FIELDS = (
    _text("name", "事件名称，如 云岭县青石镇山洪灾害", True),
    _text("type", "事件类别", True, choices=model.EVENT_TYPES),
    _text("grade", "初判等级（之后的升级、降级写在 changes 里）", True, choices=model.GRADES),
    _text("place", "事发地点", True),
    _text(
        "unit",
        "负责报告的单位的代码（reports/units.yml）",
        True,
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field("occurred", "datetime", True, "事件发生的时间"),
    Field("unit_learned", "datetime", False, "单位获知的时间（默认：发生时间）"),
    Field("office_learned", "datetime", True, "市委办获知的时间（任何渠道）"),
    Field("phoned", "datetime", False, "单位电话报告市委办的时间"),
    Field("ended", "datetime", False, "处置结束的时间；处置中不写"),
    _records("changes", "升级、降级：每次调整的时间、新等级和依据", GRADE_CHANGE_FIELDS, model.GradeChange),
    _records(
        "corrections",
        "更正：已有报告发布的事件改动事实时，写明日期和说明",
        CORRECTION_FIELDS,
        model.Correction,
    ),
)

REPORT_FIELDS = (
    _text(
        "title",
        "标题",
        True,
        pattern=r"[^<>]+",
        pattern_problem=explain_title,
        max_length=limits.MAX_TITLE_CHARS,
    ),
    Field(
        "unit",
        "text_or_list",
        True,
        "报送单位的代码（reports/units.yml）；合报写成列表，得分平分",
        # No pattern here: a unit's name written instead of its key is refused by
        # bulletin.check.references with the key to write (bulletin.read.unitnames).
        max_length=limits.MAX_KEY_CHARS,
    ),
    _text(
        "series",
        "刊物系列的代码（mkdocs.yml 的 extra.bulletin.series）；默认第一个",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field("issue", "int", False, "在本系列本年度的期号；不写就是待排期（不发布）", minimum=1),
    Field("date", "date", False, "这一期的日期（签发日期）；写了 issue 就必须写"),
    Field("order", "int", False, "在这一期里的顺序（默认按文件名）", minimum=1),
    _text("category", "栏目，须是 mkdocs.yml 里 extra.bulletin.categories 中的一个", True),
    Field("tags", "list", False, "关键词"),
    Field("authors", "list", False, "执笔人"),
    _text(
        "classification",
        "公开属性：公开或内部（默认内部）；秘密、机密、绝密的材料不能放进这个仓库",
        choices=model.CLASSIFICATIONS,
        refused=refuse_classified,
    ),
    _records("instructions", "领导批示", INSTRUCTION_FIELDS, model.Instruction),
    _records("adoptions", "上级采用", ADOPTION_FIELDS, model.Adoption),
    _records("corrections", "刊发后的更正，在报告页和这一期上显示", CORRECTION_FIELDS, model.Correction),
    _text(
        "commission",
        "这篇报告回应的约稿的编号（reports/commissions.yml）",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field("received", "date", False, "市委办收到这篇报告的日期（默认：这一期的日期；回应约稿的待排期报告必须写）"),
    Field(
        "emergency",
        "record",
        False,
        "紧急信息：所属事件、报告阶段和报告时间",
        fields=EMERGENCY_FIELDS,
        make=make_emergency,
    ),
)

QUOTA_FIELDS = (
    Field("monthly", "int", True, "每月的数量", minimum=1),
    _text("kind", "只计这个栏目的（extra.bulletin.categories 中的一个）；不写：不分栏目"),
    _text(
        "of",
        "计什么：采用（刊发的报告，默认）或 报送（收稿登记里收到的稿件）",
        choices=model.QUOTA_COUNTS,
        aliases={name: key for key, name in model.QUOTA_COUNT_NAMES.items()},
    ),
)

UNIT_FIELDS = (
    _text("name", "单位全称", True),
    _text(
        "kind",
        "单位类别：县、区、开发区、市直部门，镇街、村居、社区、企业信息直报点，或特约信息员",
        True,
        choices=model.UNIT_KINDS,
        aliases=model.UNIT_KIND_ALIASES,
    ),
    _text(
        "parent",
        "所属单位的代码：直报点（镇街、村居、社区、企业）或特约信息员所属的县、区或开发区；村居、社区、企业也可属于镇街直报点",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field(
        "quota",
        "record",
        False,
        "每月应被采用（在本办刊物上刊发）的报告篇数",
        fields=QUOTA_FIELDS,
        make=model.Quota,
    ),
    _records(
        "quotas",
        "月度任务，每项写明计什么，如 {monthly: 1, kind: 调研报告, of: 报送}",
        QUOTA_FIELDS,
        model.Quota,
    ),
    _records(
        "former",
        "机构改革前用过的名称，从早到晚：每期刊物显示单位在那一天的名称",
        (
            _text("name", "原来的名称", True),
            _date("until", "使用这个名称的最后一天"),
        ),
        model.FormerName,
    ),
    Field(
        "towns",
        "list",
        False,
        "县、区或开发区的全部乡镇和街道（无论是否设点）：信息网络的覆盖率按它计算",
    ),
    _text(
        "town",
        "镇街直报点是上级所列乡镇中的哪一个；村居、社区、企业直报点位于哪一个乡镇",
    ),
    Field("since", "date", False, "设点日期：设点不满几个月的直报点不算长期未报送"),
)

SERIES_FIELDS = (
    _text("name", "name of the series, e.g. 今日信息", True),
    Field("total_offset", "int", False, "issues published before this repository (for 总第N期)"),
    Field("emergency", "bool", False, "reports of this series are 紧急信息 and need `emergency`"),
    _text("to_higher", "报: higher offices the issue goes to"),
    _text("to_leaders", "送: leaders the issue goes to"),
    _text("to_units", "发: units the issue goes to"),
    _text("editor", "责任编辑"),
    _text("reviewer", "审核"),
    _text("signer", "签发"),
    _records(
        "earlier",
        "lines printed before a change, oldest first: `until` (the last day) and the lines that changed",
        (
            _date("until", "the last day these lines were printed, YYYY-MM-DD"),
            _text("to_higher", "报"),
            _text("to_leaders", "送"),
            _text("to_units", "发"),
            _text("editor", "责任编辑"),
            _text("reviewer", "审核"),
            _text("signer", "签发"),
        ),
        model.EarlierLines,
    ),
)

ISSUE_DETAILS_FIELDS = (
    _text("note", "编者按，印在报头下面", multiline=True),
    Field("copies", "int", False, "印数（版记里的“共印N份”）", minimum=1),
    _text("urgency", "紧急程度，印在左上角", choices=model.URGENCY_MARKS),
    _text("to_higher", "报：这一期与本系列不同时才写"),
    _text("to_leaders", "送：这一期与本系列不同时才写"),
    _text("to_units", "发：这一期与本系列不同时才写"),
    _text("editor", "责任编辑：这一期与本系列不同时才写"),
    _text("reviewer", "审核：这一期与本系列不同时才写"),
    _text("signer", "签发：这一期与本系列不同时才写"),
)

_POINTS = "points per event"
SCORING_FIELDS = (
    Field(
        "series",
        "map",
        False,
        "points per report published in a series, by series key",
        of=Field("points", "int", help=_POINTS),
    ),
    Field(
        "adoptions",
        "record",
        False,
        "points per re-adoption by a higher office, by level",
        fields=tuple(Field(level, "int", help=_POINTS) for level in model.ADOPTION_LEVELS),
        make=dict,
    ),
    Field(
        "instructions",
        "record",
        False,
        "points per 批示, by level",
        fields=tuple(Field(level, "int", help=_POINTS) for level in model.LEVELS),
        make=dict,
    ),
    Field(
        "parent_share", "number", False, "share of a town's or correspondent's points shown for its county", maximum=1
    ),
    Field(
        "emergency",
        "record",
        False,
        "紧急信息 points per report on time, late or missing and per event the office learned of first "
        "(deductions negative)",
        fields=tuple(
            Field(key, "int", help=_POINTS, minimum=-1000) for key in ("on_time", "late", "missing", "office_first")
        ),
        make=dict,
    ),
)

TIME_LIMIT_FIELDS = (
    Field("phone", "int", True, "minutes to the telephone report", minimum=1),
    Field("written", "int", True, "minutes to the written 初报", minimum=1),
    Field("followup", "int", True, "minutes between reports of an open event (1440: daily)", minimum=1),
    Field("final_days", "int", True, "days from the end of the event to the 终报", minimum=1),
    _text("mark", "urgency mark of an issue with a report of this grade: 特急 or 加急", choices=("特急", "加急")),
)
EMERGENCY_RULES_FIELDS = (
    _text(
        "count_from",
        "occurred or unit_learned: what the time limits count from",
        choices=model.COUNT_FROM,
    ),
    Field(
        "limits",
        "record",
        False,
        "time limits per grade (all four grades)",
        fields=tuple(
            Field(grade, "record", True, grade, fields=TIME_LIMIT_FIELDS, make=model.TimeLimit)
            for grade in model.GRADES
        ),
        make=dict,
    ),
)

COMMISSION_FIELDS = (
    _text(
        "id",
        "约稿的固定编号，回应它的报告在 commission 里写它",
        True,
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    _text("topic", "约稿的主题：请各单位报送什么", True),
    Field(
        "units",
        "list",
        True,
        "约请报送的单位的代码",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    _date("issued", "发出约稿的日期"),
    _date("deadline", "报送截止的日期"),
)

REPORT_REF_PATTERN = r"[0-9]{4}/[^/\s]+"


def explain_report_ref(text: str) -> str:
    """Why ``text`` does not name a report as ``year/stem``."""
    return _("“{text}”的写法不对：报告写成 <年份>/<文件名>（不带 .md），如 2026/1015-hefeng-qiushou").format(text=text)


SUBMISSION_FIELDS = (
    _date("received", "收到的日期（在文件所属的月份里）"),
    _text(
        "title",
        "稿件的标题",
        True,
        pattern=r"[^<>]+",
        pattern_problem=explain_title,
        max_length=limits.MAX_TITLE_CHARS,
    ),
    _text("kind", "信息类别，须是 mkdocs.yml 里 extra.bulletin.categories 中的一个", True),
    _text("result", "处理结果", True, choices=model.SUBMISSION_RESULTS),
    Field(
        "reports",
        "list",
        False,
        "结果为采用时：用它编成的报告，写成 年份/文件名（不带 .md）",
        pattern=REPORT_REF_PATTERN,
        pattern_problem=explain_report_ref,
        max_length=limits.MAX_ID_CHARS + 5,
    ),
    _text("by", "结果为上级采用时：采用它的单位或刊物，如 省委办公厅《社情民意》"),
)

DOCUMENTS_FIELDS = (
    _text(
        "fonts",
        "folder of the office's own font files for the issues' PDFs (仿宋_GB2312, 方正小标宋 …), "
        "relative to the repository; without it Debian's Noto CJK fonts are used",
        refused=explain_fonts_folder,
    ),
)

SETTINGS_FIELDS = (
    _text("office", "the issuing office, e.g. 中共示例市委办公室", True),
    Field("categories", "list", True, "the allowed report categories"),
    Field(
        "series",
        "keyed",
        True,
        "the series, by ASCII key; the first is the default",
        fields=SERIES_FIELDS,
        make=model.Series,
    ),
    Field("scoring", "record", False, "points for the ranking notices (通报)", fields=SCORING_FIELDS),
    Field(
        "emergency",
        "record",
        False,
        "紧急信息 time limits (default: those of docs/settings.md)",
        fields=EMERGENCY_RULES_FIELDS,
        make=model.EmergencyRules,
    ),
    _text(
        "notice_number",
        "the ranking notice's document number (文号), with {year} and {month}, e.g. 示委办信通〔{year}〕{month}号",
        refused=explain_notice_number,
    ),
    _text(
        "ledger_since",
        "the first month (YYYY-MM) the submissions ledger records every unit's items: from it on, the notices "
        "show 报送, 被采用, 采用率 and 零报送 (default: every month with a ledger file)",
        pattern=r"[0-9]{4}-(?:0[1-9]|1[0-2])",
        pattern_problem=explain_month,
    ),
    Field(
        "network",
        "record",
        False,
        "the network page (/network/)",
        fields=(
            Field(
                "silent_months",
                "int",
                False,
                "a point with no item received in this many full months before the build date's month"
                " (nor since) is flagged as silent (default 3)",
                minimum=1,
                maximum=24,
            ),
        ),
        make=model.NetworkRules,
    ),
    Field("documents", "record", False, "each issue's PDF and Word file", fields=DOCUMENTS_FIELDS),
    Field(
        "search_part_reports",
        "int",
        False,
        "reports in one part of the search index at most (default 3500; "
        "indexing needs about 0.85 MB of memory per report of a part)",
        minimum=1,
    ),
)
