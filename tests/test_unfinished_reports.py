"""Nothing unfinished is published (issue 14, part 5): the template text `bulletin new` writes,
left in a report or broken over lines, is refused by `check`, `check --base` and `compose`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import (
    Ran,
    commit_all,
    edit,
    make_repo,
    run_bulletin,
)

from bulletin.archive import load_archive
from bulletin.check.unfinished import holds_placeholder
from bulletin.errors import BulletinError
from bulletin.placeholders import BODY_PLACEHOLDER

PENDING = "reports/2026/1120-yingji-pending.md"


def bulletin(root: Path, *args: str) -> Ran:
    return run_bulletin("--root", str(root), *args)


def test_template_text_of_new_is_refused_by_check_check_base_and_compose(tmp_path):
    """A report started with `bulletin new` and committed as it is: `check`, `check --base`
    (what CI runs) and `compose` all refuse it, at the line of the template text."""
    repo = make_repo(tmp_path / "repo")
    created = bulletin(repo, "new", "--unit", "yunling", "--title", "云岭县春茶开采", "--date", "2026-11-26")
    assert created.returncode == 0, created.output
    path = created.stdout.strip()
    commit_all(repo, "新信息")
    line = next(n for n, text in enumerate((repo / path).read_text("utf-8").splitlines(), 1) if "正文：" in text)
    expected = f"{path}:{line}: body: 这一行还是 bulletin new 生成的模板提示文字"
    for args in (("check",), ("check", "--base", "main")):
        result = bulletin(repo, *args)
        assert result.returncode == 1, args
        assert expected in result.stdout, result.stdout
    before = (repo / path).read_bytes()
    composed = bulletin(repo, "compose", path, "--date", "2026-11-27")
    assert composed.returncode == 1
    assert expected in composed.stdout
    assert (repo / path).read_bytes() == before  # nothing written
    edit(repo, path, BODY_PLACEHOLDER, "今年以来，云岭县春茶开采提前一周，茶农增收明显。")
    assert bulletin(repo, "check", "--base", "main").returncode == 0


def test_template_text_left_in_a_title_or_split_over_lines_is_refused(archive_root):
    """What an editor leaves behind when writing around the hint is still found: a piece of it
    in the title, the hint broken over two lines without its brackets."""
    edit(archive_root, PENDING, "title: 市应急管理局部署冬季森林防火工作", "title: 第一段开门见山写清主要事实和成效")
    edit(
        archive_root,
        PENDING,
        "市应急管理局部署今冬明春森林防火工作。",
        "市应急管理局部署今冬明春森林防火工作。\n\n第一段开门见山写清主要\n事实和成效",
    )
    try:
        load_archive(archive_root, today=dt.date(2026, 11, 30))
    except BulletinError as error:
        shown = [str(problem) for problem in error.problems]
    else:
        raise AssertionError("the template text was accepted")
    assert any(s.startswith(f"{PENDING}:2: title: 标题还是 bulletin new 生成的模板提示文字") for s in shown), shown
    assert any(s.startswith(f"{PENDING}:8: body: 这一行还是") for s in shown), shown


def test_placeholder_pieces_are_found_whatever_the_blanks():
    assert holds_placeholder(BODY_PLACEHOLDER)
    assert holds_placeholder("其后分条写做法、\n问题或建议")
    assert not holds_placeholder("今年以来，全县分条推进做法创新。")
