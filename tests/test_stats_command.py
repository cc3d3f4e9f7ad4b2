"""`bulletin stats` says what the ranking notice on the site says: the same table, a month as
editors write it (2026-3, 2026年3月), numbers as numbers in JSON, and a month or year outside
the archive refused.

Real commands (`bulletin` through click, in this process) and real MkDocs builds (marked
``build``); the fixture archives are fictional (示例市, 云岭县 …).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import (
    BUILD_EPOCH,
    FIXTURE,
    MARCH_31,
    REPO,
    STATS_FIXTURE,
    copy_fixture,
    run_build,
    run_bulletin,
)

PENDING = "reports/2026/1120-yingji-pending.md"
PUBLISHED = "reports/2026/0105-yunling-chalv.md"


def bulletin(root: Path, *args: str, epoch: str | None = None):
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    return run_bulletin("--root", str(root), *args, **env)


# --- 5. the template text of `bulletin new` ---------------------------------------------------


# --- 5. dates after the build date ------------------------------------------------------------


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


@pytest.mark.parametrize("written", ["2026-03", "2026-3", "2026年3月", "2026/3"])
def test_stats_takes_a_month_as_editors_write_it(written):
    """`--month 2026-3` (or 2026年3月) is the month an editor means, not an error."""
    result = run_bulletin("--root", str(REPO), "stats", "--month", written)
    assert result.returncode == 0, result.output
    assert result.output.startswith("2026年3月信息工作通报")


@pytest.mark.parametrize("written", ["2026-13", "2026-00", "三月", "2026"])
def test_stats_refuses_what_is_not_a_month(written):
    result = run_bulletin("--root", str(REPO), "stats", "--month", written)
    assert result.returncode == 2
    assert f"“{written}”不是月份：请按 年-月 写，如 2026-03" in result.output
