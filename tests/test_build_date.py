"""What the build date decides (SOURCE_DATE_EPOCH, else today; bulletin.times): an issue dated
later is scheduled, not published, until its day, and `bulletin stats` speaks for the same day; a
批示 or an adoption dated later is refused as a slip (issue 14, part 7).

Real commands (`bulletin` through click, in this process), real Git repositories and real
MkDocs builds (marked ``build``); the fixture archives are fictional (示例市, 云岭县 …).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import (
    Ran,
    copy_fixture,
    edit,
    run_build,
    run_bulletin,
)

NOV_29 = "1795924800"  # SOURCE_DATE_EPOCH of 2026-11-29 12:00 in Beijing: the day the issue is merged


PENDING = "reports/2026/1120-yingji-pending.md"
PUBLISHED = "reports/2026/0105-yunling-chalv.md"


def bulletin(root: Path, *args: str, epoch: str | None = None) -> Ran:
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    return run_bulletin("--root", str(root), *args, **env)


DEC_01 = "1796097600"  # 2026-12-01 12:00 in Beijing: the issue's own date


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
    assert bulletin(archive_root, "stats", epoch=DEC_01).stdout.startswith(
        "2026年12月信息工作情况（截至12月1日，本月尚未结束）"  # December is not over: its figures so far
    )
    refused = bulletin(archive_root, "stats", "--month", "2026-12", epoch=NOV_29)
    assert refused.returncode == 1
    assert "2026年12月没有通报。有通报的月份：2026-01、2026-03" in refused.stdout
