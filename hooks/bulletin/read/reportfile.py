"""Read one report file: split front matter from body and read the front matter strictly."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from yaml.nodes import MappingNode, Node, ScalarNode

from bulletin import limits
from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Placement, Report
from bulletin.read.fields import KEY_PATTERN, REPORT_FIELDS
from bulletin.read.textfiles import too_large
from bulletin.read.yamlreader import Place, compose_entries, read_record

FENCE = "---"


@dataclass(frozen=True)
class SplitFile:
    yaml_text: str
    yaml_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line of the first body line


def split_front_matter(text: str, path: str, problems: Problems) -> SplitFile | None:
    """Split ``---``-fenced YAML front matter from the Markdown body."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    if not text.strip():
        problems.add(
            path,
            1,
            "file",
            _(
                "文件是空的：一篇报告以一行 --- 开始，接着写 title、unit、category 等项，再以一行 --- 结束，"
                "下面写正文。可以用 bulletin new 生成，或删去这个文件"
            ),
        )
        return None
    if lines[0].rstrip() != FENCE:
        problems.add(
            path,
            1,
            "front matter",
            _(
                "文件开头缺少 ---：一篇报告以一行 --- 开始，接着写 title、unit、category 等项，再以一行 --- 结束，"
                "下面写正文"
            ),
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            yaml_text = "\n".join(lines[1:index])
            if not yaml_text.strip():
                problems.add(path, 2, "front matter", _("两行 --- 之间是空的：请在中间写上 title、unit、category 等项"))
                return SplitFile("", 2, "\n".join(lines[index + 1 :]), index + 2)
            return SplitFile(yaml_text, 2, "\n".join(lines[index + 1 :]), index + 2)
    problems.add(path, 1, "front matter", _("开头的 --- 没有对应的结束行：请在最后一项（正文之前）的下一行加一行 ---"))
    return None


def read_placement(
    issue: int | None, date: dt.date | None, order: int | None, path: str, lines: dict[str, int], problems: Problems
) -> Placement | None:
    """`issue`, `date` and `order` go together: all three (order optional) or none (pending)."""
    if issue is not None and date is None:
        problems.add(path, lines["issue"], "issue", _("写了期号 issue，还要写这一期的日期：请加一行 date: 年-月-日"))
    if date is not None and issue is None:
        problems.add(
            path,
            lines["date"],
            "date",
            _("写了日期 date 却没有期号 issue：请加上期号；报告还不刊发的话，请删去 date 这一行"),
        )
    if order is not None and issue is None:
        problems.add(
            path, lines["order"], "order", _("只有排进某一期的报告才有 order：请加上 issue 和 date，或删去 order")
        )
    if issue is None or date is None:
        return None
    return Placement(issue, date, order)


@dataclass(frozen=True)
class ReportDraft:
    """What could be read of one report file, so that one run checks all of it.

    ``report`` has every value that could be read (an empty title, unit list or category
    where one could not: those keys are in ``unsure``, with every key whose lines or value
    had a problem; a check that needs one of them leaves it out). ``report`` is None when
    the front matter could not be read at all; the body is checked all the same.
    Only a ``complete`` draft (no problem in the file) is published.
    """

    path: str
    body: str
    body_line: int
    report: Report | None
    unsure: frozenset[str]
    complete: bool


_PLACEMENT_KEYS = frozenset({"issue", "date", "order"})


def read_report_draft(path: str, text: str, default_series: str, problems: Problems) -> ReportDraft | None:
    """Read the report at ``path`` (``reports/<year>/<id>.md``, relative to the repository)
    as far as it can be read. Every problem is added to ``problems``. None when nothing of
    it can be checked (over its size limit, or no front matter to split the body from)."""
    pure = PurePosixPath(path)
    count = len(problems)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.MAX_REPORT_BYTES:
        problems.add(path, 1, "file", too_large(limits.MAX_REPORT_BYTES))  # as read_text says it
        return None  # nothing more is read of it
    report_id, folder = pure.stem, pure.parent.name
    if len(report_id) > limits.MAX_ID_CHARS:
        problems.add(
            path,
            1,
            "file",
            _("文件名（报告的永久编号）有 {length} 个字符，超过 {limit} 个字符的上限：请改用较短的文件名").format(
                length=len(report_id), limit=limits.MAX_ID_CHARS
            ),
        )
    elif not re.fullmatch(KEY_PATTERN, report_id):
        problems.add(
            path,
            1,
            "file",
            _("文件名是报告的永久编号，只能用小写英文字母、数字和单个连字符“-”，如 qingshi-town：请改名"),
        )
    if not re.fullmatch(r"(19|20)\d\d", folder):
        problems.add(path, 1, "file", _("报告要放在 reports/<年份>/ 文件夹里，如 reports/2026/"))
    split = split_front_matter(text, path, problems)
    if split is None:
        return None
    place = Place(path, split.yaml_line, problems)
    composed = compose_entries(split.yaml_text, place) if split.yaml_text else None
    record = (
        read_record(composed.node, REPORT_FIELDS, place, broken=composed.broken, hidden=composed.hidden)
        if composed
        else None
    )
    if record is None:
        return ReportDraft(path, split.body, split.body_line, None, frozenset(), False)
    values = dict(record.values)
    lines = dict(record.lines)
    if composed is not None:
        lines.update(find_nested_lines(composed.node, "emergency", place))
    unsure = {key for key in record.lines if key not in values}
    unsure |= {f.key for f in REPORT_FIELDS if f.required and f.key not in values}
    issue, date, order = (values.pop(key, None) for key in ("issue", "date", "order"))
    if unsure & _PLACEMENT_KEYS:
        unsure |= _PLACEMENT_KEYS  # published or pending: not known
        values["placement"] = None
    else:
        values["placement"] = read_placement(issue, date, order, path, record.lines, problems)
    values["units"] = values.pop("unit", ())
    values.setdefault("title", "")
    values.setdefault("category", "")
    values.setdefault("series", default_series)
    for key in ("tags", "authors", "instructions", "adoptions", "corrections"):
        values.setdefault(key, ())
    folder_year = int(folder) if folder.isdigit() else 0
    report = Report(
        id=report_id,
        year=folder_year,
        path=path,
        body=split.body,
        body_line=split.body_line,
        lines=lines,
        **values,
    )
    return ReportDraft(path, split.body, split.body_line, report, frozenset(unsure), len(problems) == count)


def find_nested_lines(node: Node | None, key: str, place: Place) -> dict[str, int]:
    """The lines of the keys of the mapping under ``key`` (``emergency.stage`` -> its line)."""
    if not isinstance(node, MappingNode):
        return {}
    for key_node, value in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key and isinstance(value, MappingNode):
            return {
                f"{key}.{inner.value}": place.line(inner)
                for inner, _value in value.value
                if isinstance(inner, ScalarNode)
            }
    return {}


def read_report(path: str, text: str, default_series: str, problems: Problems) -> Report | None:
    """The report at ``path``, or None (with every problem added to ``problems``) if it has
    any problem: only a report without problems is published."""
    draft = read_report_draft(path, text, default_series, problems)
    return draft.report if draft is not None and draft.complete else None
