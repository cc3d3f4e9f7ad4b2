"""The office's own registers beside the reports: 约稿 (commissions).

``reports/commissions.yml`` lists the commissions. The submissions ledger is read by
:mod:`bulletin.read.submissions`.
"""

from __future__ import annotations

from yaml.nodes import SequenceNode

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import Commission, Unit
from bulletin.read.fields import COMMISSION_FIELDS
from bulletin.read.yamlreader import Place, compose_required, read_record

COMMISSIONS_FILE = "reports/commissions.yml"


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
