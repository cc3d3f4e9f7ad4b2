"""Issue 14, parts 5 and 7: nothing unfinished or mistyped is published, and `bulletin stats`
says what the notice on the site says.

Real commands (`bulletin` through click, in this process), real Git repositories and real
MkDocs builds (marked ``build``); the fixture archives are fictional (示例市, 云岭县 …).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import (
    BUILD_EPOCH,
    FIXTURE,
    MARCH_31,
    STATS_FIXTURE,
    commit_all,
    copy_fixture,
    edit,
    make_repo,
    run_build,
    run_bulletin,
)

from bulletin.archive import load_archive
from bulletin.check.unfinished import holds_placeholder
from bulletin.errors import BulletinError
from bulletin.placeholders import BODY_PLACEHOLDER

PENDING = "reports/2026/1120-yingji-pending.md"
PUBLISHED = "reports/2026/0105-yunling-chalv.md"
NOV_29 = "1795924800"  # SOURCE_DATE_EPOCH of 2026-11-29 12:00 in Beijing: the day the issue is merged
DEC_01 = "1796097600"  # 2026-12-01 12:00 in Beijing: the issue's own date


def bulletin(root: Path, *args: str, epoch: str | None = None):
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    return run_bulletin("--root", str(root), *args, **env)


# --- 5. the template text of `bulletin new` ---------------------------------------------------


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


# --- 5. dates after the build date ------------------------------------------------------------


def test_instruction_dated_after_the_build_date_is_refused(archive_root):
    """A 批示 dated 2027-11-10 (a slip for 2026), an adoption and a correction dated tomorrow:
    each refused at its key's line, with the date and what to check."""
    edit(
        archive_root,
        PUBLISHED,
        "tags: [乡村振兴, 茶产业]\n",
        "tags: [乡村振兴, 茶产业]\n"
        "instructions:\n  - {by: 市委书记, level: city, date: 2027-11-10, text: 请总结推广。}\n"
        "adoptions:\n  - {by: 省委办公厅《每日要情》, level: province, date: 2026-12-01}\n"
        "corrections:\n  - {date: 2026-11-20, note: 第二段“42公里”应为“24公里”。}\n",
    )
    result = bulletin(archive_root, "check", epoch=NOV_29)
    assert result.returncode == 1
    assert f"{PUBLISHED}:9: instructions: 批示（市委书记）的日期 2027-11-10 晚于今天（2026-11-29）" in result.stdout, (
        result.stdout
    )
    assert f"{PUBLISHED}:11: adoptions: 上级采用（省委办公厅《每日要情》）的日期 2026-12-01 晚于今天" in result.stdout
    assert "corrections" not in result.stdout  # 2026-11-20 has happened
    assert bulletin(archive_root, "check", epoch=DEC_01).returncode == 1  # 2027 is still a slip
    edit(archive_root, PUBLISHED, "date: 2027-11-10", "date: 2026-11-10")
    assert bulletin(archive_root, "check", epoch=DEC_01).returncode == 0


def schedule_december_issue(root: Path) -> int:
    """The pending report composed into an issue dated 2026-12-01 (as merged on 2026-11-29)."""
    composed = bulletin(root, "compose", PENDING, "--date", "2026-12-01")
    assert composed.returncode == 0, composed.output
    return int(re.search(r"^issue: (\d+)$", (root / PENDING).read_text("utf-8"), re.MULTILINE)[1])  # type: ignore[index]


def count_indexed(root: Path) -> int:
    """Reports in the built search index (every part's page count)."""
    entries = (root / "site/pagefind").glob("*/pagefind-entry.json")
    return sum(lang["page_count"] for e in entries for lang in json.loads(e.read_text("utf-8"))["languages"].values())


@pytest.mark.build
def test_issue_dated_after_the_build_date_is_scheduled_not_published(tmp_path):
    """Merged on 2026-11-29, dated 2026-12-01: its pages exist for preview, but it is not on the
    home page, not the series' latest issue, in no notice and not in the search page's years;
    the build log names it. The build of 2026-12-01 publishes it."""
    root = copy_fixture(tmp_path / "archive")
    number = schedule_december_issue(root)
    issue_page = root / f"site/jrxx/2026/{number:03d}/index.html"

    early = run_build(root, epoch=NOV_29)
    assert early.returncode == 0, early.stderr
    assert f"定期发布：今日信息 2026年第{number}期（2026-12-01）日期在构建日期 2026-11-29 之后" in early.stderr
    preview = issue_page.read_text("utf-8")
    assert "市应急管理局部署冬季森林防火工作" in preview and "预览：本期日期为2026年12月1日" in preview
    assert (root / "site/reports/2026/1120-yingji-pending/index.html").exists()
    home = (root / "site/index.html").read_text("utf-8")
    series = (root / "site/jrxx/index.html").read_text("utf-8")
    for page in (home, series):
        assert "市应急管理局部署冬季森林防火工作" not in page and f"第{number}期" not in page
    assert "下一期" not in (root / f"site/jrxx/2026/{number - 1:03d}/index.html").read_text("utf-8")
    assert not (root / "site/stats/2026/12").exists()
    assert "2026/12/" not in (root / "site/stats/index.html").read_text("utf-8")
    assert "市应急管理局部署冬季森林防火工作" not in (root / "site/units/yingji/index.html").read_text("utf-8")
    assert count_indexed(root) == 4  # the fixture's four published reports; not the scheduled one

    on_the_day = run_build(root, epoch=DEC_01)
    assert on_the_day.returncode == 0, on_the_day.stderr
    assert "定期发布" not in on_the_day.stderr
    assert "预览" not in issue_page.read_text("utf-8")
    assert "市应急管理局部署冬季森林防火工作" in (root / "site/index.html").read_text("utf-8")
    assert (root / "site/stats/2026/12/index.html").exists()
    assert count_indexed(root) == 5


def test_stats_without_month_prints_the_latest_published_month(archive_root):
    """With an issue scheduled for December, `bulletin stats` on 2026-11-29 prints the latest
    month that has a notice then (March), and December only from 2026-12-01."""
    number = schedule_december_issue(archive_root)
    checked = bulletin(archive_root, "check", epoch=NOV_29)
    assert checked.returncode == 0
    assert f"定期发布：今日信息 2026年第{number}期（2026-12-01）" in checked.stderr
    before = bulletin(archive_root, "stats", epoch=NOV_29)
    assert before.returncode == 0, before.output
    assert before.stdout.startswith("2026年3月信息工作通报")
    assert bulletin(archive_root, "stats", epoch=DEC_01).stdout.startswith("2026年12月信息工作通报")
    refused = bulletin(archive_root, "stats", "--month", "2026-12", epoch=NOV_29)
    assert refused.returncode == 1
    assert "2026年12月没有通报。有通报的月份：2026-01、2026-03" in refused.stdout


# --- 7. `bulletin stats` equals the notice ----------------------------------------------------


class RankingTables(HTMLParser):
    """The ranking of a notice page: each group's heading (h3) with its table's rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[tuple[str, list[list[str]]]] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_ranking = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._heading = []
        elif tag == "div" and ("class", "bl-ranking") in attrs:
            self._in_ranking = True
        elif self._in_ranking and tag == "tr":
            self.groups[-1][1].append([])
        elif self._in_ranking and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._heading is not None:
            self.groups.append(("".join(self._heading).strip(), []))
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.groups[-1][1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._in_ranking = False

    def handle_data(self, data: str) -> None:
        for part in (self._heading, self._cell):
            if part is not None:
                part.append(data)


def read_page_ranking(page: Path) -> list[tuple[str, list[list[str]]]]:
    parser = RankingTables()
    parser.feed(page.read_text("utf-8"))
    return [(name, rows) for name, rows in parser.groups if rows]


def read_command_ranking(text: str) -> list[tuple[str, list[list[str]]]]:
    """The terminal table: 【group】, the headings, the rows (no cell holds a blank)."""
    groups: list[tuple[str, list[list[str]]]] = []
    for line in text.splitlines():
        if line.startswith("【") and line.endswith("】"):
            groups.append((line[1:-1], []))
        elif groups and line.strip() and "：" not in line:  # not the lines after the table (本月零采用：…)
            groups[-1][1].append(line.split())
    return groups


@pytest.mark.build
@pytest.mark.parametrize(
    ("fixture", "epoch", "months"),
    [(STATS_FIXTURE, MARCH_31, ["2026-01", "2026-02", "2026-03"]), (FIXTURE, BUILD_EPOCH, ["2026-01", "2026-03"])],
    ids=["stats", "archive"],
)
def test_stats_table_equals_the_notice_page(tmp_path, fixture, epoch, months):
    """For several months of two fixture archives the command's table is the page's: the same
    groups under the same headings, the same columns (上级采用, 报送, 采用率 included) with the
    same Chinese headings, the same rows in the same order (ties too), the same figures."""
    root = copy_fixture(tmp_path / "archive", fixture)
    built = run_build(root, epoch=epoch)
    assert built.returncode == 0, built.stderr
    for month in months:
        year, number = month.split("-")
        page = read_page_ranking(root / f"site/stats/{year}/{number}/index.html")
        result = bulletin(root, "stats", "--month", month, epoch=epoch)
        assert result.returncode == 0, result.output
        assert read_command_ranking(result.stdout) == page, month
        assert len(page) >= 3 and all(len(rows) >= 2 for _, rows in page)
        as_json = json.loads(bulletin(root, "stats", "--month", month, "--format", "json", epoch=epoch).stdout)
        for (name, rows), group in zip(page, as_json["groups"], strict=True):
            assert group["group"] == name
            names = [row[1] for row in rows[1:]]
            assert [entry["name"] for entry in group["ranking"]] == names
            for entry, cells in zip(group["ranking"], rows[1:], strict=True):
                assert isinstance(entry["points_month"], int | float) and isinstance(entry["rank"], int)
                assert str(entry["rank"]) == cells[0]
                assert f"{entry['points_month']:g}" == cells[rows[0].index("本月得分")]


def test_stats_with_a_month_or_year_outside_the_archive_is_an_error(tmp_path):
    root = copy_fixture(tmp_path / "archive", STATS_FIXTURE)
    before = bulletin(root, "stats", "--month", "2025-06", epoch=MARCH_31)
    assert before.returncode == 1
    assert "stats: 2025年6月没有通报。有通报的月份：2026-01、2026-02、2026-03；请用 --month 选其中一个" in before.stdout
    year = bulletin(root, "stats", "--year", "2024", epoch=MARCH_31)
    assert year.returncode == 1 and "2024年没有统计。有统计的年份：2026" in year.stdout


def test_stats_json_writes_numbers_as_numbers(tmp_path):
    root = copy_fixture(tmp_path / "archive", STATS_FIXTURE)
    document = json.loads(bulletin(root, "stats", "--month", "2026-01", "--format", "json", epoch=MARCH_31).stdout)
    counties = document["groups"][0]
    assert counties["group"] == "县（区）"
    yunling = counties["ranking"][0]
    assert yunling["name"] == "云岭县委办公室"
    assert (yunling["points_month"], yunling["linked_points_month"], yunling["submitted"], yunling["rate"]) == (
        40,
        7.5,
        4,
        25.0,
    )
    annual = json.loads(bulletin(root, "stats", "--year", "2026", "--format", "json", epoch=MARCH_31).stdout)
    first = annual["groups"][0]["ranking"][0]
    assert (first["name"], first["points"], first["rank"]) == ("云岭县委办公室", 70, 1)
