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
    help: str = ""
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
    _text("by", "who wrote the 批示 (a position, e.g. 市委书记)", True),
    _text(
        "level",
        "县级、市级、省级或中央 (or county, city, province, central)",
        True,
        choices=model.LEVELS,
        aliases={model.LEVEL_NAMES[level]: level for level in model.LEVELS},
    ),
    _date("date", "date of the 批示, YYYY-MM-DD"),
    _text("text", "the 批示 text", True, multiline=True),
)
ADOPTION_FIELDS = (
    _text("by", "the higher office or publication that re-adopted the report", True),
    _text(
        "level",
        "省级或中央 (or province, central)",
        True,
        choices=model.ADOPTION_LEVELS,
        aliases={model.LEVEL_NAMES[level]: level for level in model.ADOPTION_LEVELS},
    ),
    _date("date", "date of the adoption, YYYY-MM-DD"),
)
CORRECTION_FIELDS = (
    _date("date", "date of the correction, YYYY-MM-DD"),
    _text("note", "what was corrected (更正说明)", True, multiline=True),
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
        "id of the event (reports/events/<year>/<id>.yml)",
        True,
        pattern=KEY_PATTERN,
        pattern_problem=explain_event_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    _text("stage", "初报, 续报一, 续报二 … or 终报", True, pattern=STAGE_PATTERN, pattern_problem=explain_stage),
    Field("reported", "datetime", True, "when the office received it, YYYY-MM-DD HH:MM (Beijing time)"),
)
GRADE_CHANGE_FIELDS = (
    Field("time", "datetime", True, "when the new grade took effect, YYYY-MM-DD HH:MM"),
    _text("grade", "the new grade: 特别重大, 重大, 较大 or 一般", True, choices=model.GRADES),
    _text("note", "why (升级/降级的依据)"),
)
EVENT_FIELDS = (
    _text("name", "name of the event, e.g. 云岭县青石镇山洪灾害", True),
    _text("type", "自然灾害, 事故灾难, 公共卫生事件 or 社会安全事件", True, choices=model.EVENT_TYPES),
    _text("grade", "the grade first assessed: 特别重大, 重大, 较大 or 一般", True, choices=model.GRADES),
    _text("place", "where it happened", True),
    _text(
        "unit",
        "key of the unit responsible for reporting it (reports/units.yml)",
        True,
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field("occurred", "datetime", True, "when it happened, YYYY-MM-DD HH:MM (Beijing time)"),
    Field("unit_learned", "datetime", False, "when the unit learned of it (default: when it happened)"),
    Field("office_learned", "datetime", True, "when the office learned of it, by any channel"),
    Field("phoned", "datetime", False, "the unit's telephone report to the office (电话报告)"),
    Field("ended", "datetime", False, "when it was over (处置结束); absent while it is open"),
    _records("changes", "升级/降级: grade changes with their time", GRADE_CHANGE_FIELDS, model.GradeChange),
    _records(
        "corrections",
        "更正: why a fact of an event with published reports was changed (date, note)",
        CORRECTION_FIELDS,
        model.Correction,
    ),
)

REPORT_FIELDS = (
    _text(
        "title",
        "headline",
        True,
        pattern=r"[^<>]+",
        pattern_problem=explain_title,
        max_length=limits.MAX_TITLE_CHARS,
    ),
    Field(
        "unit",
        "text_or_list",
        True,
        "reporting unit key from reports/units.yml; a list for a joint report (合报)",
        # No pattern here: a unit's name written instead of its key is refused by
        # bulletin.check.references with the key to write (bulletin.read.unitnames).
        max_length=limits.MAX_KEY_CHARS,
    ),
    _text(
        "series",
        "series key from extra.bulletin.series; default the first one",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field("issue", "int", False, "issue number in the series and year; absent = pending", minimum=1),
    Field("date", "date", False, "issue date (签发日期), YYYY-MM-DD; required with issue"),
    Field("order", "int", False, "position inside the issue", minimum=1),
    _text("category", "one of extra.bulletin.categories", True),
    Field("tags", "list", False, "keywords"),
    Field("authors", "list", False, "执笔人"),
    _text("classification", "公开 or 内部 (default 内部)", choices=model.CLASSIFICATIONS, refused=refuse_classified),
    _records("instructions", "批示", INSTRUCTION_FIELDS, model.Instruction),
    _records("adoptions", "re-adoptions by higher offices", ADOPTION_FIELDS, model.Adoption),
    _records("corrections", "更正 after publication", CORRECTION_FIELDS, model.Correction),
    _text(
        "commission",
        "id of the 约稿 (reports/commissions.yml) this report answers",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field("received", "date", False, "date the office received the report, YYYY-MM-DD (default: the issue date)"),
    Field(
        "emergency",
        "record",
        False,
        "紧急信息: event, stage and time reported",
        fields=EMERGENCY_FIELDS,
        make=make_emergency,
    ),
)

QUOTA_FIELDS = (
    Field("monthly", "int", True, "per month", minimum=1),
    _text("kind", "the category counted (one of extra.bulletin.categories); absent: any"),
    _text(
        "of",
        "采用 (reports published, the default) or 报送 (items received in the ledger)",
        choices=model.QUOTA_COUNTS,
        aliases={name: key for key, name in model.QUOTA_COUNT_NAMES.items()},
    ),
)

UNIT_FIELDS = (
    _text("name", "full name of the unit", True),
    _text(
        "kind",
        "county, district, zone, department, town, village, community, enterprise or correspondent"
        " (or 县, 区, 开发区, 市直部门, 乡镇, 街道, 镇街, 村居, 社区, 企业, 特约信息员)",
        True,
        choices=model.UNIT_KINDS,
        aliases=model.UNIT_KIND_ALIASES,
    ),
    _text(
        "parent",
        "the county, district or zone a point (town, village, community, enterprise) or correspondent"
        " belongs to; for a village, community or enterprise also a town point",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field(
        "quota",
        "record",
        False,
        "reports expected to be adopted each month (published in the office's series)",
        fields=QUOTA_FIELDS,
        make=model.Quota,
    ),
    _records(
        "quotas",
        "monthly tasks, each naming what it counts: {monthly: 1, kind: 调研报告, of: 报送}",
        QUOTA_FIELDS,
        model.Quota,
    ),
    _records(
        "former",
        "earlier names after a reorganisation, oldest first: an issue shows the name of its date",
        (
            _text("name", "the earlier name", True),
            _date("until", "the last day of that name, YYYY-MM-DD"),
        ),
        model.FormerName,
    ),
    Field(
        "towns",
        "list",
        False,
        "a county's, district's or zone's towns and streets (乡镇、街道), points or not: coverage is measured on them",
    ),
    _text(
        "town",
        "which of its parent's towns this point is (a town point) or lies in (a village, community, enterprise)",
    ),
    Field(
        "since", "date", False, "when it became a point (设点日期), YYYY-MM-DD: not flagged silent before it could send"
    ),
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
    _text("note", "编者按: the editor's note under the masthead", multiline=True),
    Field("copies", "int", False, "共印N份: copies printed", minimum=1),
    _text("urgency", "特急 or 加急", choices=model.URGENCY_MARKS),
    _text("to_higher", "报, if it differs from the series'"),
    _text("to_leaders", "送, if it differs from the series'"),
    _text("to_units", "发, if it differs from the series'"),
    _text("editor", "责任编辑, if it differs from the series'"),
    _text("reviewer", "审核, if it differs from the series'"),
    _text("signer", "签发, if it differs from the series'"),
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
        "permanent key of the 约稿, used by reports as `commission`",
        True,
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    _text("topic", "what the units are asked to report on", True),
    Field(
        "units",
        "list",
        True,
        "unit keys asked to report",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    _date("issued", "date the 约稿 was issued, YYYY-MM-DD"),
    _date("deadline", "date by which reports are due, YYYY-MM-DD"),
)

REPORT_REF_PATTERN = r"[0-9]{4}/[^/\s]+"


def explain_report_ref(text: str) -> str:
    """Why ``text`` does not name a report as ``year/stem``."""
    return _("“{text}”的写法不对：报告写成 <年份>/<文件名>（不带 .md），如 2026/1015-hefeng-qiushou").format(text=text)


SUBMISSION_FIELDS = (
    _date("received", "date the office received it, YYYY-MM-DD (within the file's month)"),
    _text(
        "title",
        "title of the submission",
        True,
        pattern=r"[^<>]+",
        pattern_problem=explain_title,
        max_length=limits.MAX_TITLE_CHARS,
    ),
    _text("kind", "one of extra.bulletin.categories", True),
    _text("result", "待处理, 采用, 上级采用 or 未采用", True, choices=model.SUBMISSION_RESULTS),
    Field(
        "reports",
        "list",
        False,
        "result 采用: the reports of this archive made from it, as year/file-stem",
        pattern=REPORT_REF_PATTERN,
        pattern_problem=explain_report_ref,
        max_length=limits.MAX_ID_CHARS + 5,
    ),
    _text("by", "result 上级采用: who adopted it, e.g. 省委办公厅《社情民意》"),
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
        "紧急信息 time limits (default: the README's)",
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
