"""The one definition of every YAML structure the publisher reads.

The strict reader (:mod:`bulletin.read.yamlreader`) validates with these fields; the JSON
Schema for editors is generated from the same fields. Change a field here and both move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bulletin import limits, model
from bulletin.i18n import _

KEY_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def explain_key(text: str) -> str:
    """Why ``text`` is not a key (KEY_PATTERN), in the editors' language."""
    return _("“{text}”的写法不对：只能用小写英文字母、数字和单个连字符“-”，如 qingshi-town").format(text=text)


def explain_title(text: str) -> str:
    """Why ``text`` is not a title (it has angle brackets), in the editors' language."""
    return _("“{text}”的写法不对：标题里不能有尖括号 < >：书名请用《》，或改用全角的＜＞").format(text=text)


def refuse_classified(text: str) -> str | None:
    """Why a classification is refused (a classified level), or None."""
    if text not in model.CLASSIFIED:
        return None
    return _("{level}文件不能放进这个仓库：涉密信息绝不能上这个网络；请删除这个文件，按涉密渠道办理").format(level=text)


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
EMERGENCY_FIELDS = (
    _text("event", "short name of the event", True),
    _text("grade", "特别重大, 重大, 较大 or 一般", True, choices=model.GRADES),
    _text("stage", "初报, 续报 or 终报", True, choices=model.STAGES),
    Field("occurred", "datetime", True, "when it happened, YYYY-MM-DD HH:MM"),
    Field("reported", "datetime", True, "when it was reported, YYYY-MM-DD HH:MM"),
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
    Field("emergency", "record", False, "紧急信息 details", fields=EMERGENCY_FIELDS, make=model.Emergency),
)

UNIT_FIELDS = (
    _text("name", "full name of the unit", True),
    _text("kind", "county, district, zone, department, town or correspondent", True, choices=model.UNIT_KINDS),
    _text(
        "parent",
        "the county a town or correspondent belongs to",
        pattern=KEY_PATTERN,
        pattern_problem=explain_key,
        max_length=limits.MAX_KEY_CHARS,
    ),
    Field(
        "quota",
        "record",
        False,
        "reports expected to be adopted",
        fields=(Field("monthly", "int", True, "per month", minimum=1),),
        make=model.Quota,
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
        "search_part_reports",
        "int",
        False,
        "reports in one part of the search index at most (default 3500; "
        "indexing needs about 0.85 MB of memory per report of a part)",
        minimum=1,
    ),
)
