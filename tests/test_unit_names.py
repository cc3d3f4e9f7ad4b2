"""Units as editors type them (issue 14): asked for by key, Chinese name or a part of the name;
`bulletin units` lists them; a unit's name in the front matter is refused with the key to write;
批示 levels are written as editors say them. Real Git repositories in tmp_path, the real command
line.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from helpers import (
    REPO,
    edit,
    find_problem,
    problems_of,
    run_bulletin,
    write,
)

from bulletin.archive import load_archive
from bulletin.model import Unit
from bulletin.placeholders import BODY_PLACEHOLDER
from bulletin.read.unitnames import find_unit

ISSUE1 = "reports/2026/0105-yingji-paicha.md"


def bulletin(root: Path, *args: str):
    return run_bulletin("--root", str(root), *args)


def reports_in(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in (root / "reports").glob("*/*.md")}


# --- units by name ------------------------------------------------------------------


def test_new_with_a_mistyped_unit_suggests_the_unit(repo):
    before = reports_in(repo)
    result = bulletin(repo, "new", "--unit", "qingshi", "--title", "青石镇推进茶园管护")
    assert result.returncode == 1
    assert "是不是 qingshi-town（云岭县青石镇）？" in result.stdout
    assert "bulletin units" in result.stdout
    assert reports_in(repo) == before


def test_new_accepts_the_units_chinese_name_or_an_unambiguous_part(repo):
    by_name = bulletin(repo, "new", "--unit", "云岭县委办公室", "--title", "云岭县推进茶旅融合", "--date", "2026-11-26")
    by_part = bulletin(repo, "new", "--unit", "应急管理", "--title", "市应急管理局部署防汛", "--date", "2026-11-26")
    assert by_name.stdout.strip() == "reports/2026/1126-yunling-chalv-ronghe.md"
    assert by_part.stdout.strip().startswith("reports/2026/1126-yingji-")
    text = (repo / by_name.stdout.strip()).read_text(encoding="utf-8")
    assert "\nunit: yunling\n" in text  # the key is written, never the name
    for made in (by_name, by_part):  # the editor writes the text in place of bulletin new's template text
        path = repo / made.stdout.strip()
        path.write_text(path.read_text(encoding="utf-8").replace(BODY_PLACEHOLDER, "全县新建茶园步道42公里。"), "utf-8")
    assert bulletin(repo, "check").returncode == 0


def test_new_with_an_ambiguous_part_lists_the_candidates(repo):
    before = reports_in(repo)
    result = bulletin(repo, "new", "--unit", "云岭县", "--title", "云岭县推进茶旅融合")
    assert result.returncode == 1
    assert "“云岭县”可以指几个单位：qingshi-town（云岭县青石镇）、yunling（云岭县委办公室）" in result.stdout
    assert reports_in(repo) == before


def test_front_matter_unit_name_is_refused_with_the_key_to_write(archive_root):
    write(
        archive_root,
        "reports/2026/1122-yunling-x.md",
        "---\ntitle: 云岭县茶园管护\nunit: [云岭县委办公室, 应急管理局]\ncategory: 工作动态\n---\n正文。\n",
    )
    problems = problems_of(archive_root)
    path = "reports/2026/1122-yunling-x.md"
    find_problem(problems, path, 3, "unit", "云岭县委办公室 —— 请写单位代码 yunling（云岭县委办公室）")
    find_problem(problems, path, 3, "unit", "应急管理局 —— 请写单位代码 yingji（市应急管理局）")


def test_units_lists_keys_names_kinds_and_parents_grouped_as_the_notices(repo):
    result = bulletin(repo, "units")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    headings = [line for line in lines if line and not line.startswith(" ") and "个）" in line]
    assert headings == ["县（区）（2 个）", "市直部门（1 个）", "镇街信息直报点（1 个）"]
    town = next(line for line in lines if "qingshi-town" in line)
    assert town.split() == ["qingshi-town", "云岭县青石镇", "镇街信息直报点", "yunling（云岭县委办公室）"]
    document = json.loads(bulletin(repo, "units", "--format", "json").stdout)
    assert [g["name"] for g in document["groups"]] == ["县（区）", "市直部门", "镇街信息直报点"]
    assert document["groups"][2]["units"] == [
        {
            "key": "qingshi-town",
            "name": "云岭县青石镇",
            "kind": "town",
            "kind_name": "镇街信息直报点",
            "parent": "yunling",
            "parent_name": "云岭县委办公室",
        }
    ]
    assert "列出" in bulletin(repo, "units", "--help").stdout


def test_find_unit_by_key_name_part_and_its_limits():
    units = {
        "yunling": Unit("yunling", "云岭县委办公室", "county"),
        "qingshi-town": Unit("qingshi-town", "云岭县青石镇", "town", "yunling"),
        "yingji": Unit("yingji", "市应急管理局", "department"),
    }
    assert find_unit("yunling", units).by_key
    assert find_unit(" YunLing ", units).unit == units["yunling"]
    assert find_unit("市应急管理局", units).unit == units["yingji"]
    assert find_unit("青石", units).unit == units["qingshi-town"]
    assert find_unit("云岭", units).is_ambiguous
    assert find_unit("局", units).unit is None  # one character is no name
    assert find_unit("yingj", units).candidates[0] == units["yingji"]
    assert find_unit("示例市", units) == find_unit("示例市", units)  # unknown, no crash
    assert find_unit("", units).unit is None


# --- levels as editors say them ------------------------------------------------------


def test_instruction_levels_in_chinese_are_accepted(archive_root):
    edit(archive_root, ISSUE1, "    level: city\n", "    level: 市级\n")
    edit(archive_root, ISSUE1, "    level: province\n", "    level: 省级\n")
    report = next(r for r in load_archive(archive_root).reports if r.path == ISSUE1)
    assert report.instructions[0].level == "city"
    assert report.adoptions[0].level == "province"
    edit(archive_root, ISSUE1, "    level: 省级\n", "    level: 市级\n")
    find_problem(problems_of(archive_root), ISSUE1, 15, "adoptions[1].level", "省级")
    schema = json.loads((REPO / "schema/report.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    front = {"title": "标题", "unit": "yunling", "category": "工作动态"}
    for level in ("县级", "市级", "省级", "中央", "city"):
        entry = {"by": "市委书记", "level": level, "date": "2026-01-08", "text": "请研究。"}
        assert not list(validator.iter_errors({**front, "instructions": [entry]})), level
    assert list(
        validator.iter_errors({**front, "adoptions": [{"by": "省委办公厅", "level": "市级", "date": "2026-01-08"}]})
    )


# --- two branches, one number -------------------------------------------------------


# --- wrong series ---------------------------------------------------------------------
