"""Read one report file: split front matter from body and read the front matter strictly."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from bulletin import limits
from bulletin.errors import Problems
from bulletin.model import Placement, Report
from bulletin.read.fields import KEY_HELP, KEY_PATTERN, REPORT_FIELDS
from bulletin.read.yamlreader import Place, compose_yaml, read_record

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
    if not lines or lines[0].rstrip() != FENCE:
        problems.add(
            path,
            1,
            "front matter",
            "missing: a report starts with a line `---`, then its YAML keys (title, unit, …), then a line `---`",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            yaml_text = "\n".join(lines[1:index])
            if not yaml_text.strip():
                problems.add(path, 2, "front matter", "is empty")
                return None
            return SplitFile(yaml_text, 2, "\n".join(lines[index + 1 :]), index + 2)
    problems.add(path, 1, "front matter", "is not closed: add a line `---` after the last key")
    return None


def read_placement(
    issue: int | None, date: dt.date | None, order: int | None, path: str, lines: dict[str, int], problems: Problems
) -> Placement | None:
    """`issue`, `date` and `order` go together: all three (order optional) or none (pending)."""
    if issue is not None and date is None:
        problems.add(path, lines["issue"], "issue", "`issue` needs the issue `date` (YYYY-MM-DD) as well")
    if date is not None and issue is None:
        problems.add(
            path,
            lines["date"],
            "date",
            "`date` without `issue`: give the issue number, or remove `date` to leave the report pending",
        )
    if order is not None and issue is None:
        problems.add(path, lines["order"], "order", "only a report scheduled in an issue has an `order`")
    if issue is None or date is None:
        return None
    return Placement(issue, date, order)


def read_report(path: str, text: str, default_series: str, problems: Problems) -> Report | None:
    """Read the report at ``path`` (``reports/<year>/<id>.md``, relative to the repository).

    Every problem is added to ``problems``; None is returned if the report can't be used.
    """
    pure = PurePosixPath(path)
    count = len(problems)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.MAX_REPORT_BYTES:
        problems.add(
            path,
            1,
            "file",
            f"文件有 {size} 字节，超过一篇报告 {limits.MAX_REPORT_BYTES} 字节（{limits.MAX_REPORT_BYTES // 1024} KB）"
            "的上限：请删去多余的内容，或分成几篇报告",
        )
        return None  # nothing more is read of it
    report_id, folder = pure.stem, pure.parent.name
    if len(report_id) > limits.MAX_ID_CHARS:
        problems.add(
            path,
            1,
            "file",
            f"文件名（报告的永久编号）有 {len(report_id)} 个字符，超过 {limits.MAX_ID_CHARS} 个字符的上限："
            "请改用较短的文件名",
        )
    elif not re.fullmatch(KEY_PATTERN, report_id):
        problems.add(path, 1, "file", f"the file name is the report's permanent id and must be {KEY_HELP}")
    if not re.fullmatch(r"(19|20)\d\d", folder):
        problems.add(path, 1, "file", "a report lives in reports/<year>/, e.g. reports/2026/")
    split = split_front_matter(text, path, problems)
    if split is None:
        return None
    place = Place(path, split.yaml_line, problems)
    node = compose_yaml(split.yaml_text, place)
    if node is None:
        return None
    record = read_record(node, REPORT_FIELDS, place)
    if record is None or len(problems) > count:
        return None
    values = dict(record.values)
    values["units"] = values.pop("unit")
    values["placement"] = read_placement(
        values.pop("issue", None), values.pop("date", None), values.pop("order", None), path, record.lines, problems
    )
    values.setdefault("series", default_series)
    for key in ("tags", "authors", "instructions", "adoptions", "corrections"):
        values.setdefault(key, ())
    return Report(
        id=report_id,
        year=int(folder),
        path=path,
        body=split.body,
        body_line=split.body_line,
        lines=record.lines,
        **values,
    )
