"""The registry of the information network (reports/units.yml): village, community and
enterprise points, the towns and streets of each county, and what is refused, with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import calls_made, find_problem, problems_of, run_bulletin, write

from bulletin.archive import load_archive

UNITS = "reports/units.yml"

NETWORK = """
yunling:
  name: 云岭县委办公室
  kind: county
  towns: [云岭街道, 青石镇, 雾溪镇, 高桥乡]
hefeng:
  name: 禾丰县委办公室
  kind: county
yingji:
  name: 市应急管理局
  kind: department
qingshi-town:
  name: 云岭县青石镇
  kind: town
  parent: yunling
  town: 青石镇
hongyan-village:
  name: 云岭县青石镇红岩村
  kind: 村居
  parent: qingshi-town
shimen-village:
  name: 云岭县高桥乡石门村
  kind: village
  parent: yunling
  town: 高桥乡
chaxiang-community:
  name: 云岭县茶乡社区
  kind: 社区
  parent: yunling
yunwu-tea:
  name: 云岭县云雾茶业有限公司
  kind: enterprise
  parent: yunling
  since: 2026-10-15
"""


def write_units(root: Path, text: str) -> None:
    write(root, UNITS, text)


def test_the_new_kinds_are_read_with_their_town_and_since(archive_root):
    write_units(archive_root, NETWORK)
    units = load_archive(archive_root).units
    assert units["yunling"].towns == ("云岭街道", "青石镇", "雾溪镇", "高桥乡")
    assert units["qingshi-town"].town == "青石镇"
    # Chinese kind names are stored as the keys, as 市级 is for levels.
    assert units["hongyan-village"].kind == "village"
    assert units["chaxiang-community"].kind == "community"
    assert units["yunwu-tea"].kind == "enterprise"
    assert str(units["yunwu-tea"].since) == "2026-10-15"
    assert units["shimen-village"].town == "高桥乡"


def test_bulletin_units_lists_the_new_kinds_in_a_group_of_their_own(archive_root):
    write_units(archive_root, NETWORK)
    result = run_bulletin("--root", str(archive_root), "units")
    assert result.returncode == 0, result.stderr
    assert "村居、社区、企业信息直报点（4 个）" in result.stdout
    assert "村居信息直报点" in result.stdout and "企业信息直报点" in result.stdout


@pytest.mark.parametrize(
    ("entry", "line", "field", "fragment"),
    [
        # a village without a parent
        ("x-village:\n  name: 某村\n  kind: village\n", 2, "x-village.parent", "缺少 parent"),
        # an enterprise under a department
        ("x-firm:\n  name: 某公司\n  kind: enterprise\n  parent: yingji\n", 4, "x-firm.parent", "kind 是 department"),
        # a village under a village (no chains of villages, so no cycles)
        ("x-village:\n  name: 某村\n  kind: village\n  parent: hongyan-village\n", 4, "x-village.parent", "镇街直报点"),
        # a town under a town
        (
            "x-town:\n  name: 某镇\n  kind: town\n  parent: qingshi-town\n  town: 雾溪镇\n",
            4,
            "x-town.parent",
            "kind 是 town",
        ),
        # a parent that is not in the registry
        ("x-village:\n  name: 某村\n  kind: village\n  parent: nowhere\n", 4, "x-village.parent", "没有单位 nowhere"),
        # a town not in its county's list
        ("x-town:\n  name: 某镇\n  kind: town\n  parent: yunling\n  town: 龙潭镇\n", 5, "x-town.town", "没有“龙潭镇”"),
        # a second point for the same town
        (
            "x-town:\n  name: 又一个青石镇\n  kind: town\n  parent: yunling\n  town: 青石镇\n",
            5,
            "x-town.town",
            "已经是直报点",
        ),
        # a town point that does not say which town, when its county lists them
        ("x-town:\n  name: 某镇\n  kind: town\n  parent: yunling\n", 2, "x-town.town", "town: 云岭街道"),
        # a town named under a county that lists none
        (
            "x-town:\n  name: 某镇\n  kind: town\n  parent: hefeng\n  town: 东坪镇\n",
            5,
            "x-town.town",
            "hefeng 没有列出",
        ),
        # town on a village whose parent is a town point already
        (
            "x-village:\n  name: 某村\n  kind: village\n  parent: qingshi-town\n  town: 青石镇\n",
            5,
            "x-village.town",
            "删去 town",
        ),
        # towns on a department
        ("x-dept:\n  name: 市某局\n  kind: department\n  towns: [青石镇]\n", 4, "x-dept.towns", "只有县（区）和开发区"),
        # a kind nobody knows (with the Chinese names offered)
        ("x-unit:\n  name: 某单位\n  kind: 小区\n", 3, "x-unit.kind", "村居"),
    ],
)
def test_a_malformed_network_entry_is_refused_at_its_line(archive_root, entry, line, field, fragment):
    first = NETWORK.count("\n") - 1  # lines of the registry above (write() drops its first newline)
    write_units(archive_root, NETWORK + entry)
    find_problem(problems_of(archive_root), UNITS, first + line, field, fragment)


def test_a_town_listed_twice_is_refused(archive_root):
    write_units(archive_root, NETWORK.replace("[云岭街道, 青石镇,", "[云岭街道, 青石镇, 青石镇,"))
    find_problem(problems_of(archive_root), UNITS, 4, "yunling.towns", "“青石镇”写了两次")


def test_a_hostile_town_name_is_refused(archive_root):
    write_units(archive_root, NETWORK.replace("高桥乡]", "高桥乡\u202e]"))
    find_problem(problems_of(archive_root), UNITS, 4, "yunling.towns[4]", "U+202E")


def test_a_huge_towns_list_is_read_in_time(archive_root):
    """Ten thousand towns (far above any county's 30): read and checked, in work linear in their
    number (counted in function calls, not timed: a busy machine's figures are not the code's)."""

    def load(count: int):
        towns = "".join(f"第{i}镇, " for i in range(count))
        write_units(archive_root, NETWORK.replace("[云岭街道, 青石镇, 雾溪镇, 高桥乡]", f"[{towns}青石镇, 高桥乡]"))
        return load_archive(archive_root)

    assert len(load(10_000).units["yunling"].towns) == 10_002
    none, some, twice = (calls_made(lambda count=count: load(count)) for count in (0, 1_000, 2_000))
    assert twice - some < 1.2 * (some - none), (none, some, twice)  # each thousand towns: the same work
