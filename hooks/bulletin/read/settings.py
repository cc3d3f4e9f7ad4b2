"""Publication settings (``extra.bulletin`` in mkdocs.yml) and the unit registry."""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import COUNTY_KINDS, MEMBER_KINDS, PRINTED_FIELDS, Scoring, Series, Settings, Unit
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
        line = records[unit.key].lines.get("parent", records[unit.key].line)
        if unit.parent is None:
            if unit.kind == "town":
                problems.add(
                    path,
                    records[unit.key].line,
                    f"{unit.key}.parent",
                    _("缺少 parent：乡镇（信息直报点）要写所属的县（区），如 parent: yunling"),
                )
            continue
        if unit.kind not in MEMBER_KINDS:
            problems.add(path, line, f"{unit.key}.parent", _("只有乡镇和信息员才写 parent：请删去这一行，或改正 kind"))
        parent = units.get(unit.parent)
        if parent is None:
            problems.add(
                path,
                line,
                f"{unit.key}.parent",
                _("名录里没有单位 {parent}：parent 要写名录里某个县（区）的键").format(parent=unit.parent),
            )
        elif parent.kind not in COUNTY_KINDS:
            problems.add(
                path,
                line,
                f"{unit.key}.parent",
                _("{parent} 的 kind 是 {kind}，不是县（区）：parent 只能是县（county）或区（district）").format(
                    parent=unit.parent, kind=parent.kind
                ),
            )
    if not units and not problems:
        problems.add(path, 1, "units", _("名录里没有任何单位：每个报送单位写一项（键、name、kind）"))
    return units
