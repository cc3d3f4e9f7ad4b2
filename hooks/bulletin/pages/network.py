"""The network page (``/network/``, 信息网络) and its ``points.csv``.

Every figure comes from :func:`bulletin.figures.network.assess_network`; this module only lays
it out: coverage per county and for the city, the silent points, and each county's tree of
towns and points with this year's items. The CSV has one row per point and correspondent,
with the same figures as the page (UTF-8 with BOM, every cell through the formula guard).
"""

from __future__ import annotations

import datetime as dt

from bulletin.addresses import NETWORK_CSV_SRC, NETWORK_SRC
from bulletin.figures.network import Network, Node, assess_network
from bulletin.labels import UNIT_KIND_NAMES, format_rate
from bulletin.model import Archive, Unit
from bulletin.pages.headings import HeadingIds
from bulletin.pages.page import WIDE, Page, make_page
from bulletin.pages.ranking import write_csv

NETWORK_TITLE = "信息网络"
NOT_A_POINT = "未设点"
SILENT = "长期未报送"
NEW_POINT = "新设点"
CITY_CORRESPONDENTS = "市直特约信息员"
CSV_HEADER = (
    "县（区）",
    "名称",
    "代码",
    "类型",
    "所在乡镇（街道）",
    "上级",
    "设点日期",
    "本年报送",
    "本年采用",
    "采用率",
    "最后报送",
    "状态",
)


def describe_state(node: Node, network: Network) -> str:
    """长期未报送, 新设点 (not yet N full months), 正常 — or 未设点 for a town without a point."""
    if node.unit is None or node.activity is None:
        return NOT_A_POINT
    if node.activity.silent:
        return SILENT
    since = node.unit.since
    if since is not None and since > network.window_start:
        return NEW_POINT
    return "正常"


def render_network_site(archive: Archive, as_of: dt.date) -> tuple[Page, dict[str, bytes]]:
    """The page and its CSV file, as of the build date."""
    network = assess_network(archive, as_of)
    return render_network_page(archive, network), {NETWORK_CSV_SRC: render_network_csv(archive, network)}


def render_network_page(archive: Archive, network: Network) -> Page:
    ids = HeadingIds(NETWORK_TITLE)
    # The sections' ids in page order, handed out first: the coverage table links to each area.
    anchors = {name: ids(name) for name in ("覆盖情况", SILENT)}
    anchors.update({area.area.key: ids(area.area.name) for area in network.areas})
    anchors["city"] = ids(CITY_CORRESPONDENTS)
    return make_page(
        NETWORK_SRC,
        "network.html",
        NETWORK_TITLE,
        sanitize=False,
        hide=WIDE,
        heading_anchor=ids.first,
        anchors=anchors,
        network=network,
        units=archive.units,
        kind_names=UNIT_KIND_NAMES,
        state=lambda node: describe_state(node, network),
        csv_src=NETWORK_CSV_SRC,
    )


def read_network_rows(archive: Archive, network: Network) -> list[tuple[str, ...]]:
    """One row per point and correspondent, in the page's order."""
    rows: list[tuple[str, ...]] = []
    for area, node in network.every_node():
        unit = node.unit
        assert unit is not None and node.activity is not None  # every_node gives points only
        activity = node.activity
        parent: Unit | None = archive.units.get(unit.parent) if unit.parent else None
        town = unit.town or (parent.town if parent is not None and parent.kind == "town" else None)
        rows.append(
            (
                area.name if area else "市直",
                unit.name,
                unit.key,
                UNIT_KIND_NAMES[unit.kind],
                town or "",
                parent.name if parent else "",
                unit.since.isoformat() if unit.since else "",
                str(activity.received),
                str(activity.adopted),
                format_rate(activity.rate),
                activity.last.isoformat() if activity.last else "",
                describe_state(node, network),
            )
        )
    return rows


def render_network_csv(archive: Archive, network: Network) -> bytes:
    """UTF-8 with BOM, like the notices' ranking.csv, every cell through the same formula guard."""
    return ("\ufeff" + write_csv(CSV_HEADER, read_network_rows(archive, network))).encode("utf-8")
