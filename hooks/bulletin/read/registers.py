"""The office's own registers beside the reports: 约稿 (commissions) and the submissions ledger.

``reports/commissions.yml`` lists the commissions; ``reports/submissions/<YYYY>-<MM>.yml``
maps unit keys to the number of reports each unit submitted that month (optional).
"""

from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Commission, Unit
from bulletin.read.fields import COMMISSION_FIELDS, Field
from bulletin.read.textfiles import list_files, read_text
from bulletin.read.yamlreader import Place, compose_required, read_record, read_value

COMMISSIONS_FILE = "reports/commissions.yml"
SUBMISSIONS_DIR = "reports/submissions"
_LEDGER_NAME = re.compile(r"(\d{4})-(0[1-9]|1[0-2])\.yml")
_COUNT = Field("submitted", "int")  # the number of reports a unit submitted that month


def read_commissions(text: str, units: dict[str, Unit], problems: Problems) -> tuple[Commission, ...]:
    place = Place(COMMISSIONS_FILE, 1, problems)
    root = compose_required(text, place, "commissions", _("没有约稿时请删除这个文件，或只写一行 []"))
    if root is None:
        return ()
    if not isinstance(root, SequenceNode):
        place.add(root, "commissions", _("应当是约稿的列表：每个约稿以“- id: …”一行开始"))
        return ()
    commissions: list[Commission] = []
    seen: dict[str, int] = {}
    for index, node in enumerate(root.value, start=1):
        count = len(problems)
        record = read_record(node, COMMISSION_FIELDS, place, f"[{index}].")
        if record is None or len(problems) > count:
            continue
        values = record.values
        name = f"[{index}]"
        commission_id = values["id"]
        if commission_id in seen:
            problems.add(
                COMMISSIONS_FILE,
                record.lines["id"],
                f"{name}.id",
                _("约稿编号 {id} 重复了（第 {line} 行已经用过）：请换一个编号").format(
                    id=commission_id, line=seen[commission_id]
                ),
            )
            continue
        seen[commission_id] = record.lines["id"]
        for key in values["units"]:
            if key not in units:
                problems.add(
                    COMMISSIONS_FILE,
                    record.lines["units"],
                    f"{name}.units",
                    _("reports/units.yml 里没有单位 {key}：请改用名录里的单位键").format(key=key),
                )
        if values["deadline"] < values["issued"]:
            problems.add(
                COMMISSIONS_FILE,
                record.lines["deadline"],
                f"{name}.deadline",
                _("截止日期 deadline 早于发出日期 issued：请核对"),
            )
        commissions.append(Commission(**values))
    return tuple(commissions)


def read_ledgers(root: Path, units: dict[str, Unit], problems: Problems) -> dict[tuple[int, int], dict[str, int]]:
    """Every submissions ledger: (year, month) -> unit -> number submitted."""
    ledgers: dict[tuple[int, int], dict[str, int]] = {}
    for relative in list_files(root, SUBMISSIONS_DIR, problems, depth=1):  # links, devices: problems
        name = relative.removeprefix(f"{SUBMISSIONS_DIR}/")
        match = _LEDGER_NAME.fullmatch(name)
        if not match:
            problems.add(relative, 1, "file", _("报送记录的文件名要写成 <年>-<月>.yml，如 2026-03.yml：请改名"))
            continue
        text = read_text(root, relative, problems)
        if text is None:
            continue
        place = Place(relative, 1, problems)
        node = compose_required(text, place, "file", _("这个月没有报送记录时请删除这个文件，或只写一行 {}"))
        if node is None:
            continue
        for key_node, _value in node.value if isinstance(node, MappingNode) else ():
            if isinstance(key_node, ScalarNode) and key_node.value not in units:
                place.add(key_node, key_node.value, _("reports/units.yml 里没有这个单位：请改用名录里的单位键"))
        counts = read_value(node, Field("ledger", "map", of=_COUNT), place, "submitted")
        if counts is None:
            continue
        ledgers[(int(match.group(1)), int(match.group(2)))] = counts
    return ledgers
