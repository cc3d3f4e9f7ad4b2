"""The network's figures (bulletin.figures.network), computed by hand: coverage per county and for
the city, the tree, each point's items this year, and silent points at the boundary of the window."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest
from helpers import write

from bulletin.archive import load_archive
from bulletin.figures.network import Network, assess_network, find_window_start, walk_nodes

BUILD_DAY = dt.date(2026, 11, 30)  # N = 3: the window runs from 2026-08-01 to 2026-11-30

UNITS = """
yunling:
  name: 云岭县委办公室
  kind: county
  towns: [云岭街道, 青石镇, 雾溪镇, 高桥乡]
hefeng:
  name: 禾丰县委办公室
  kind: county
  towns: [东坪镇, 石桥镇]
liuxi:
  name: 柳溪县委办公室
  kind: county
jingkai:
  name: 示例经济技术开发区党工委办公室
  kind: zone
yingji:
  name: 市应急管理局
  kind: department
qingshi-town:
  name: 云岭县青石镇
  kind: town
  parent: yunling
  town: 青石镇
dongping-town:
  name: 禾丰县东坪镇
  kind: town
  parent: hefeng
  town: 东坪镇
hongyan-village:
  name: 云岭县青石镇红岩村
  kind: village
  parent: qingshi-town
shimen-village:
  name: 云岭县高桥乡石门村
  kind: village
  parent: yunling
  town: 高桥乡
  since: 2026-08-01
chaxiang-community:
  name: 云岭县茶乡社区
  kind: community
  parent: yunling
  since: 2026-08-02
yunwu-tea:
  name: 云岭县云雾茶业有限公司
  kind: enterprise
  parent: yunling
correspondent-yunling:
  name: 云岭县特约信息员
  kind: correspondent
  parent: yunling
correspondent-skl:
  name: 市社科联特约信息员
  kind: correspondent
"""


def write_item(root: Path, unit: str, day: str, result: str = "未采用", extra: str = "") -> None:
    """One more item for ``unit`` in the ledger file of its month."""
    relative = f"reports/submissions/{day[:4]}/{day[5:7]}/{unit}.yml"
    path = root / relative
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    item = f"- received: {day}\n  title: 示例信息{day}\n  kind: 社情民意\n  result: {result}\n{extra}"
    write(root, relative, before + item)


@pytest.fixture
def network_root(archive_root: Path) -> Path:
    write(archive_root, "reports/units.yml", UNITS)
    root = archive_root
    # 青石镇: last year's item, one adopted by the province, the last on the day before the window.
    write_item(root, "qingshi-town", "2025-12-20")
    write_item(root, "qingshi-town", "2026-03-10", "上级采用", "  by: 省委办公厅《社情民意》\n")
    write_item(root, "qingshi-town", "2026-07-31")
    # 红岩村 (no since): one item on the window's first day.
    write_item(root, "hongyan-village", "2026-08-01")
    # 东坪镇: three items this year, two adopted, the last in November.
    write_item(root, "dongping-town", "2026-02-03", "上级采用", "  by: 省委办公厅《每日要情》\n")
    write_item(root, "dongping-town", "2026-09-15", "上级采用", "  by: 省委办公厅《社情民意》\n")
    write_item(root, "dongping-town", "2026-11-02", "待处理")
    # 云雾茶业: one item in October; the correspondents: one each in 2025 only / November.
    write_item(root, "yunwu-tea", "2026-10-09")
    write_item(root, "correspondent-yunling", "2025-06-01")
    write_item(root, "correspondent-skl", "2026-11-20", "上级采用", "  by: 省委办公厅《社情民意》\n")
    return root


def assess(root: Path, day: dt.date = BUILD_DAY) -> Network:
    return assess_network(load_archive(root), day)


def activity_of(network: Network, key: str):
    node = next(node for _, node in network.every_node() if node.unit and node.unit.key == key)
    return node.activity


def test_window_starts_on_the_first_day_of_the_nth_month_before():
    assert find_window_start(dt.date(2026, 11, 30), 3) == dt.date(2026, 8, 1)
    assert find_window_start(dt.date(2026, 11, 1), 3) == dt.date(2026, 8, 1)
    assert find_window_start(dt.date(2026, 2, 14), 3) == dt.date(2025, 11, 1)  # across the year
    assert find_window_start(dt.date(2026, 1, 31), 12) == dt.date(2025, 1, 1)


def test_coverage_per_county_and_for_the_city(network_root):
    network = assess(network_root)
    coverage = {area.area.key: (area.coverage.points, area.coverage.towns) for area in network.areas}
    # 云岭县 lists 4 towns, 青石镇 has a point; 禾丰县 lists 2, 东坪镇 has one; 柳溪县 lists none.
    assert coverage == {"hefeng": (1, 2), "liuxi": (0, 0), "yunling": (1, 4)}  # the zone has no point: not shown
    by_key = {area.area.key: area for area in network.areas}
    assert by_key["yunling"].coverage.ratio == Fraction(1, 4)
    assert by_key["hefeng"].coverage.ratio == Fraction(1, 2)
    assert by_key["liuxi"].coverage.ratio is None
    assert (network.coverage.points, network.coverage.towns) == (2, 6)  # the city: (1 + 1) / (4 + 2)
    assert network.coverage.ratio == Fraction(1, 3)


def test_the_tree_puts_every_town_and_point_in_its_place(network_root):
    yunling = next(area for area in assess(network_root).areas if area.area.key == "yunling")
    lines = [
        ("  " * node.depth) + (node.unit.key if node.unit else f"({node.name})") for node in walk_nodes(yunling.tree)
    ]
    assert lines == [
        "(云岭街道)",  # listed, no point: 未设点
        "qingshi-town",  # 青石镇's point
        "  hongyan-village",  # its parent is the town point
        "(雾溪镇)",
        "(高桥乡)",
        "  shimen-village",  # under the county, naming 高桥乡: under the town without a point
        "chaxiang-community",  # directly under the county, by key
        "yunwu-tea",
    ]
    assert [node.unit.key for node in yunling.correspondents if node.unit] == ["correspondent-yunling"]
    assert yunling.points == 5  # 青石镇, 红岩村, 石门村, 茶乡社区, 云雾茶业
    assert [node.unit.key for node in assess(network_root).city_correspondents if node.unit] == ["correspondent-skl"]


def test_each_point_counts_its_items_of_this_year_and_their_adoptions(network_root):
    network = assess(network_root)
    figures = {
        key: (activity_of(network, key).received, activity_of(network, key).adopted, activity_of(network, key).last)
        for key in ("qingshi-town", "dongping-town", "hongyan-village", "yunwu-tea", "correspondent-yunling")
    }
    assert figures == {
        "qingshi-town": (2, 1, dt.date(2026, 7, 31)),  # 2025-12-20 is last year's
        "dongping-town": (3, 2, dt.date(2026, 11, 2)),  # 待处理 is not adopted
        "hongyan-village": (1, 0, dt.date(2026, 8, 1)),
        "yunwu-tea": (1, 0, dt.date(2026, 10, 9)),
        "correspondent-yunling": (0, 0, dt.date(2025, 6, 1)),
    }
    assert activity_of(network, "dongping-town").rate == Fraction(2, 3)
    assert activity_of(network, "chaxiang-community").rate is None


def test_silent_points_at_the_boundary_of_the_window(network_root):
    silent = {node.unit.key for _, node in assess(network_root).silent() if node.unit}
    assert silent == {
        "qingshi-town",  # last item 2026-07-31: the day before the window
        "shimen-village",  # set up on the window's first day, nothing since: it had three full months
        "correspondent-yunling",  # nothing since June 2025
    }
    # hongyan-village sent on 2026-08-01 (the window's first day); chaxiang-community was set up on
    # 2026-08-02 (not yet three full months): neither is silent.


def test_a_day_later_the_window_moves_with_the_month(network_root):
    # On 2026-12-01 the window starts on 2026-09-01: 红岩村 (2026-08-01) falls silent, 石门村 too.
    silent = {node.unit.key for _, node in assess(network_root, dt.date(2026, 12, 1)).silent() if node.unit}
    assert silent == {
        "qingshi-town",
        "shimen-village",
        "hongyan-village",
        "chaxiang-community",
        "correspondent-yunling",
    }


def test_silent_months_is_a_setting(network_root):
    mkdocs = network_root / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text(
        text.replace("  bulletin:\n", "  bulletin:\n    network: {silent_months: 1}\n", 1), encoding="utf-8"
    )
    network = assess(network_root)
    assert network.window_start == dt.date(2026, 10, 1)
    silent = {node.unit.key for _, node in network.silent() if node.unit}
    # Nothing since 2026-10-01: 青石镇, 红岩村, 石门村, 茶乡社区 (set up long before), the 云岭 correspondent.
    assert silent == {
        "qingshi-town",
        "hongyan-village",
        "shimen-village",
        "chaxiang-community",
        "correspondent-yunling",
    }


@pytest.mark.parametrize("value", ["0", "25", "三"])
def test_a_wrong_silent_months_is_refused_at_its_line(network_root, value):
    from helpers import find_problem, problems_of

    mkdocs = network_root / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text(
        text.replace("  bulletin:\n", f"  bulletin:\n    network: {{silent_months: {value}}}\n", 1), encoding="utf-8"
    )
    line = text[: text.index("  bulletin:\n")].count("\n") + 2
    find_problem(problems_of(network_root), "mkdocs.yml", line, "extra.bulletin.network.silent_months", "")


def test_hostile_names_are_escaped_on_the_page_and_guarded_in_the_csv(network_root):
    from bulletin.pages.network import render_network_csv, render_network_page

    units = network_root / "reports" / "units.yml"
    text = units.read_text(encoding="utf-8")
    text = text.replace("云岭街道, 青石镇", "<img src=x onerror=alert(1)>, 青石镇")
    text = text.replace("name: 云岭县茶乡社区", 'name: "=HYPERLINK(\\"http://x\\")"')
    units.write_text(text, encoding="utf-8")
    archive = load_archive(network_root)
    network = assess_network(archive, BUILD_DAY)
    html = render_network_page(archive, network).html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html  # a town without a point, as text
    rows = render_network_csv(archive, network).decode("utf-8-sig").splitlines()
    assert any(row.startswith("云岭县委办公室,\"'=HYPERLINK(") for row in rows), rows  # kept as text in a spreadsheet
