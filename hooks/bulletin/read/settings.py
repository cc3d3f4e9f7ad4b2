"""Publication settings (``extra.bulletin`` in mkdocs.yml) and the unit registry."""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import (
    AREA_KINDS,
    LOCAL_POINT_KINDS,
    MEMBER_KINDS,
    POINT_KINDS,
    PRINTED_FIELDS,
    Scoring,
    Series,
    Settings,
    Unit,
)
from bulletin.read.fields import SETTINGS_FIELDS, UNIT_FIELDS
from bulletin.read.yamlreader import Place, Record, compose_required, read_keyed, read_record, report_tags

SETTINGS_KEY = "extra.bulletin"
RESERVED_UNIT_KEYS = ("index",)  # a unit's page is units/<key>/
SITE_URL_KEY = "site_url"
# An address that goes into a link of a pull-request comment as it is: http(s), a host name or an
# address, a port, a path; nothing that could end the link, carry a password or mention someone.
_SITE_URL = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]{0,500})?"
)


def find_node(node: Node | None, dotted: str) -> Node | None:
    """The node at a dotted path of mapping keys, or None."""
    for key in dotted.split("."):
        if not isinstance(node, MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
    return node


def report_duplicate_keys(node: Node, place: Place, prefix: str = "") -> None:
    """Duplicate keys anywhere in mkdocs.yml: MkDocs would silently take the last one."""
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            if key in seen:
                place.add(
                    key_node,
                    f"{prefix}{key}",
                    _("{key} 写了两次（第 {line} 行已经有了）：只保留一处，删去另一处").format(key=key, line=seen[key]),
                )
            else:
                seen[key] = place.line(key_node)
            report_duplicate_keys(value, place, f"{prefix}{key}.")
    elif isinstance(node, SequenceNode):
        for item in node.value:
            report_duplicate_keys(item, place, prefix)


def read_settings(path: str, text: str, problems: Problems) -> Settings | None:
    """Read ``extra.bulletin`` from the text of mkdocs.yml, with mkdocs.yml's line numbers."""
    place = Place(path, 1, problems)
    root = compose_required(
        text,
        place,
        SETTINGS_KEY,
        _("站点设置和发布设置 extra.bulletin（office、categories、series）必须写在这里"),
        tags_allowed=True,  # MkDocs' own settings may use tags; extra.bulletin may not (below)
    )
    if root is None:
        return None
    report_duplicate_keys(root, place)
    node = find_node(root, SETTINGS_KEY)
    if node is None:
        problems.add(
            path,
            1,
            SETTINGS_KEY,
            _("缺少发布设置：请在 extra: 下面写 bulletin:，其中写 office、categories、series"),
        )
        return None
    if not report_tags(text, place, node):
        return None
    count = len(problems)
    record = read_record(node, SETTINGS_FIELDS, place, f"{SETTINGS_KEY}.")
    if record is None or len(problems) > count:
        return None
    categories = record.values["categories"]
    if len(set(categories)) != len(categories):
        problems.add(
            path,
            record.lines["categories"],
            f"{SETTINGS_KEY}.categories",
            _("同一个栏目写了两次：请删去重复的一个"),
        )
        return None
    series = tuple(record.values["series"].values())
    for item in series:
        check_earlier_lines(item, place.line(find_node(node, f"series.{item.key}") or node), place)
    scoring = read_scoring(node, record.values.get("scoring"), series, place)
    if len(problems) > count:
        return None
    extra = (
        {"search_part_reports": record.values["search_part_reports"]} if "search_part_reports" in record.values else {}
    )
    if "emergency" in record.values:
        extra["emergency"] = record.values["emergency"]
    if "documents" in record.values and "fonts" in record.values["documents"].values:
        extra["fonts"] = record.values["documents"].values["fonts"]
    if "notice_number" in record.values:
        extra["notice_number"] = record.values["notice_number"]
    if "network" in record.values:
        extra["network"] = record.values["network"]
    if "ledger_since" in record.values:
        extra["ledger_since"] = record.values["ledger_since"]
    site_url = read_site_url(root, place)
    if len(problems) > count:
        return None
    return Settings(
        office=record.values["office"],
        series=series,
        categories=categories,
        scoring=scoring,
        site_url=site_url,
        **extra,
    )


def explain_site_url(value: str) -> str | None:
    """Why ``value`` cannot be the site's address, or None when it can (empty: no address)."""
    if value == "" or _SITE_URL.fullmatch(value):
        return None
    return _(
        "“{value}”不是可用的网站地址：请写完整的地址，如 http://xxkw.example.intranet/ 或 http://10.1.2.3/bulletin/"
        "（http:// 或 https:// 开头，只用英文字母、数字和 . - _ ~ % /，不写用户名、密码、? 或 #）；没有地址时留空"
    ).format(value=value)


def read_site_url(root: Node, place: Place) -> str:
    """MkDocs' ``site_url``: the address of the published site ("" when not set). Checked,
    because ``bulletin diff`` puts it into links of a pull-request comment."""
    node = find_node(root, SITE_URL_KEY)
    if node is None or (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return ""
    if not isinstance(node, ScalarNode):
        place.add(node, SITE_URL_KEY, _("应当是一段文字（网站的地址），不能是列表或一组“键: 值”"))
        return ""
    problem = explain_site_url(node.value)
    if problem:
        place.add(node, SITE_URL_KEY, problem)
        return ""
    return node.value


def read_scoring(settings_node: Node, record: Record | None, series: tuple[Series, ...], place: Place) -> Scoring:
    """The scoring settings; points for a series that is not configured are an error."""
    if record is None:
        return Scoring()
    values = record.values
    known = {s.key for s in series}
    series_node = find_node(settings_node, "scoring.series")
    if isinstance(series_node, MappingNode):
        for key_node, _value in series_node.value:
            if isinstance(key_node, ScalarNode) and key_node.value not in known:
                place.add(
                    key_node,
                    f"{SETTINGS_KEY}.scoring.series.{key_node.value}",
                    _("没有这个刊物：刊物在 series 下设置，现有 {known}；请改正或删去这一行").format(
                        known=_("、").join(sorted(known))
                    ),
                )
    return Scoring(
        series=values.get("series", {}),
        adoptions=values.get("adoptions", {}),
        instructions=values.get("instructions", {}),
        parent_share=values.get("parent_share", Scoring().parent_share),
        emergency=values.get("emergency", {}),
    )


def check_former_names(unit: Unit, record: Record, place: Place) -> None:
    """Earlier names oldest first, each ending before the next, none the same as the next."""
    line = record.lines.get("former", record.line)
    names = unit.former
    for index, former in enumerate(names, start=1):
        after = names[index] if index < len(names) else None
        later = after.name if after is not None else unit.name
        if after is not None and former.until >= after.until:
            place.problems.add(
                place.path,
                line,
                f"{unit.key}.former[{index}].until",
                _("曾用名要按时间先后写：这一条的 until（{until}）应当早于下一条的 {next}").format(
                    until=former.until, next=after.until
                ),
            )
        if former.name == later:
            place.problems.add(
                place.path,
                line,
                f"{unit.key}.former[{index}].name",
                _("曾用名“{name}”与其后的名称相同：只写改名前的名称").format(name=former.name),
            )


def check_earlier_lines(series: Series, line: int, place: Place) -> None:
    """A series' earlier lines oldest first, each naming at least one line."""
    for index, period in enumerate(series.earlier, start=1):
        name = f"{SETTINGS_KEY}.series.{series.key}.earlier[{index}]"
        if index > 1 and period.until <= series.earlier[index - 2].until:
            place.problems.add(place.path, line, f"{name}.until", _("请按时间先后写：每一条的 until 要晚于上一条的"))
        if all(getattr(period, key) is None for key in PRINTED_FIELDS):
            place.problems.add(
                place.path,
                line,
                name,
                _("这一条只写了 until：请写出改动前印的是哪几项（to_higher、editor、signer 等）"),
            )


def read_units(path: str, text: str, problems: Problems) -> dict[str, Unit]:
    """Read the unit registry (reports/units.yml) and check parents."""
    place = Place(path, 1, problems)
    root = compose_required(text, place, "units", _("单位名录不能为空，每个报送单位写一项（键、name、kind）"))
    if root is None:
        return {}
    records = read_keyed(root, UNIT_FIELDS, place)
    units: dict[str, Unit] = {}
    for key, record in records.items():
        if key in RESERVED_UNIT_KEYS:
            problems.add(
                path,
                record.line,
                key,
                _("{key} 不能用作单位的键：units/{key}/ 是全部单位的列表页；请换一个键").format(key=key),
            )
        elif len(record.values) == len(record.lines) and all(
            spec.key in record.values for spec in UNIT_FIELDS if spec.required
        ):
            units[key] = Unit(key=key, **record.values)
    for unit in units.values():
        check_former_names(unit, records[unit.key], place)
    for unit in units.values():
        check_parent(unit, units, records[unit.key], place)
    check_towns(units, records, place)
    if not units and not problems:
        problems.add(path, 1, "units", _("名录里没有任何单位：每个报送单位写一项（键、name、kind）"))
    return units


def check_parent(unit: Unit, units: dict[str, Unit], record: Record, place: Place) -> None:
    """A point's or correspondent's parent: a county, district or zone (for a village, community
    or enterprise also a town point); a point must have one, other kinds none. These kinds
    make a cycle impossible: an area has no parent, a town's parent is an area."""
    path, problems = place.path, place.problems
    line = record.lines.get("parent", record.line)
    field_name = f"{unit.key}.parent"
    if unit.parent is None:
        if unit.kind == "town":
            problems.add(
                path,
                record.line,
                field_name,
                _("缺少 parent：乡镇、街道直报点要写所属的县（区）或开发区，如 parent: yunling"),
            )
        elif unit.kind in LOCAL_POINT_KINDS:
            problems.add(
                path,
                record.line,
                field_name,
                _("缺少 parent：村居、社区、企业直报点要写所属的县（区）、开发区或镇街直报点，如 parent: qingshi-town"),
            )
        return
    if unit.kind not in MEMBER_KINDS:
        problems.add(
            path,
            line,
            field_name,
            _("只有直报点（乡镇、街道、村居、社区、企业）和信息员才写 parent：请删去这一行，或改正 kind"),
        )
        return
    parent = units.get(unit.parent)
    if parent is None:
        problems.add(
            path,
            line,
            field_name,
            _("名录里没有单位 {parent}：parent 要写名录里某个县（区）、开发区或镇街直报点的键").format(
                parent=unit.parent
            ),
        )
        return
    allowed = (*AREA_KINDS, "town") if unit.kind in LOCAL_POINT_KINDS else AREA_KINDS
    if parent.kind in allowed:
        return
    if unit.kind in LOCAL_POINT_KINDS:
        message = _(
            "{parent} 的 kind 是 {kind}：村居、社区、企业直报点的 parent 只能是县（county）、区（district）、"
            "开发区（zone）或镇街直报点（town）"
        )
    else:
        message = _("{parent} 的 kind 是 {kind}：parent 只能是县（county）、区（district）或开发区（zone）")
    problems.add(path, line, field_name, message.format(parent=unit.parent, kind=parent.kind))


def check_towns(units: dict[str, Unit], records: dict[str, Record], place: Place) -> None:
    """The registry of towns and streets: ``towns`` only on a county, district or zone, each
    name once; ``town`` only on a point whose parent is such an area, naming one of its towns;
    a town point must say which town it is when its area lists them, and a town has at most
    one point."""
    path, problems = place.path, place.problems
    for unit in units.values():
        record = records[unit.key]
        if unit.towns and unit.kind not in AREA_KINDS:
            problems.add(
                path,
                record.lines["towns"],
                f"{unit.key}.towns",
                _("只有县（区）和开发区才列出所辖乡镇、街道（towns）：请删去这一项，或改正 kind"),
            )
        seen: set[str] = set()
        for name in unit.towns:
            if name in seen:
                problems.add(
                    path,
                    record.lines["towns"],
                    f"{unit.key}.towns",
                    _("乡镇、街道“{name}”写了两次：每个只写一次").format(name=name),
                )
            seen.add(name)
    taken: dict[tuple[str, str], str] = {}
    for unit in units.values():
        record = records[unit.key]
        parent = units.get(unit.parent) if unit.parent else None
        line = record.lines.get("town", record.line)
        field_name = f"{unit.key}.town"
        if unit.town is not None and unit.kind not in POINT_KINDS:
            problems.add(path, line, field_name, _("只有直报点（乡镇、街道、村居、社区、企业）才写 town：请删去这一行"))
            continue
        if parent is None or parent.kind not in AREA_KINDS:
            if unit.town is not None and parent is not None:
                problems.add(
                    path,
                    line,
                    field_name,
                    _("parent 是镇街直报点 {parent}，所在乡镇已由它说明：请删去 town 这一行").format(parent=parent.key),
                )
            continue
        if unit.town is None:
            if unit.kind == "town" and parent.towns:
                problems.add(
                    path,
                    record.line,
                    field_name,
                    _(
                        "缺少 town：{parent} 列出了所辖乡镇、街道，请写这个直报点是其中哪一个，如 town: {example}"
                    ).format(parent=parent.key, example=parent.towns[0]),
                )
            continue
        if unit.town not in parent.towns:
            if parent.towns:
                message = _("{parent} 的 towns 里没有“{town}”：请写其中之一（{names}），或先把它加进 towns").format(
                    parent=parent.key, town=unit.town, names="、".join(parent.towns)
                )
            else:
                message = _("{parent} 没有列出所辖乡镇、街道：请先在 {parent} 下写 towns，再写 town").format(
                    parent=parent.key
                )
            problems.add(path, line, field_name, message)
            continue
        if unit.kind == "town":
            other = taken.get((parent.key, unit.town))
            if other is not None:
                problems.add(
                    path,
                    line,
                    field_name,
                    _("“{town}”已经是直报点 {other}：一个乡镇、街道只设一个直报点").format(town=unit.town, other=other),
                )
            else:
                taken[(parent.key, unit.town)] = unit.key
