"""A month (or year) still running is not a final notice: its figures say "截至X月X日（本月尚未结束）",
carry no 文号 and call no unit 零采用, 零报送 or 未完成 for good; the final notice, with its 文号,
appears from the first build after the month's last day. One rule: ``Archive.has_ended``.

The stats fixture (tests/fixtures/stats) has reports from January to March 2026 and a ledger;
built as of 3月31日 08:00 (helpers.MARCH_31), March is in progress; built at 4月1日 00:00 it is over.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import MARCH_31, REPO, copy_fixture, run_build, run_bulletin, text_of

from bulletin.model import Archive

STATS_FIXTURE = REPO / "tests" / "fixtures" / "stats"
NUMBER = "示委办信通〔{year}〕{month}号"
APRIL_1 = str(int(MARCH_31) + 16 * 3600)  # 2026-04-01 00:00 in Beijing: March has just ended
LAST_MINUTE = str(int(APRIL_1) - 60)  # 2026-03-31 23:59: it has not


@pytest.mark.parametrize(
    ("year", "month", "day", "ended"),
    [
        (2026, 3, dt.date(2026, 3, 31), False),  # its last day: not over
        (2026, 3, dt.date(2026, 4, 1), True),
        (2026, 3, dt.date(2026, 3, 1), False),
        (2026, 12, dt.date(2026, 12, 31), False),
        (2026, 12, dt.date(2027, 1, 1), True),  # across the year
        (2026, None, dt.date(2026, 12, 31), False),  # the year's view
        (2026, None, dt.date(2027, 1, 1), True),
        (2025, 2, dt.date(2026, 1, 1), True),
    ],
)
def test_a_period_ends_after_its_last_day(year, month, day, ended):
    assert Archive.has_ended(year, month, day) is ended


def build_stats(tmp_path, epoch: str):
    root = copy_fixture(tmp_path / "archive", STATS_FIXTURE)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  bulletin:\n", f"  bulletin:\n    notice_number: {NUMBER}\n", 1), encoding="utf-8")
    result = run_build(root, epoch=epoch)
    assert result.returncode == 0, result.stderr
    return root


@pytest.mark.build
@pytest.mark.parametrize("epoch", [MARCH_31, LAST_MINUTE])
def test_the_running_month_shows_its_figures_so_far_without_a_number_or_verdicts(tmp_path, epoch):
    site = build_stats(tmp_path, epoch) / "site"
    march = text_of(site / "stats/2026/03/index.html")
    assert "2026年3月信息工作情况（截至3月31日，本月尚未结束）" in march
    assert "通报" not in march.split("截至3月31日（本月尚未结束）")[0]  # no 通报 title above the note
    assert "示委办信通" not in march  # no 文号
    assert "不是正式通报，没有文号" in march
    for final_word in ("零采用单位", "本月零采用", "本年累计零采用", "零报送单位", "，未完成"):
        assert final_word not in march.replace("暂未", "…"), final_word
    assert "暂未完成任务：云岭县委办公室（采用0篇，任务2篇）" in march and "本月0篇，暂未完成" in march
    assert "二、暂未采用的单位 本月暂未采用：" in march and "本年至今暂未采用：" in march
    # February is over: its notice is final, with its number
    february = text_of(site / "stats/2026/02/index.html")
    assert "示委办信通〔2026〕2号" in february and "2026年2月信息工作通报" in february
    assert "本月零采用：" in february and "尚未结束" not in february
    # the year is not over either
    year = text_of(site / "stats/2026/index.html")
    assert "截至3月31日（本年尚未结束）" in year and "全年零报送单位" not in year
    index = text_of(site / "stats/index.html")
    assert "3月（截至3月31日（本月尚未结束））" in index and "2月（" not in index
    unit = text_of(site / "units/yunling/index.html")
    assert "合计（截至3月31日）" in unit


@pytest.mark.build
def test_the_final_notice_with_its_number_appears_from_the_first_build_after_the_month(tmp_path):
    site = build_stats(tmp_path, APRIL_1) / "site"
    march = text_of(site / "stats/2026/03/index.html")
    assert "示委办信通〔2026〕3号" in march and "2026年3月信息工作通报" in march
    assert "尚未结束" not in march and "暂未" not in march
    assert "本月零采用：" in march
    year = text_of(site / "stats/2026/index.html")
    assert "截至4月1日（本年尚未结束）" in year  # the year runs on


def test_the_stats_command_says_the_same(tmp_path):
    root = copy_fixture(tmp_path / "archive", STATS_FIXTURE)

    def stats(*args: str, epoch: str = MARCH_31):
        return run_bulletin("--root", str(root), "stats", *args, SOURCE_DATE_EPOCH=epoch)

    running = stats("--month", "2026-03")
    assert running.returncode == 0, running.output
    assert running.output.startswith("2026年3月信息工作情况（截至3月31日，本月尚未结束）")
    assert "本月暂未采用：" in running.output and "本月零采用" not in running.output
    as_json = json.loads(stats("--month", "2026-03", "--format", "json").output)
    assert as_json["as_of"] == "2026-03-31"
    final = json.loads(stats("--month", "2026-02", "--format", "json").output)
    assert final["as_of"] is None
    over = stats("--month", "2026-03", epoch=APRIL_1)
    assert over.output.startswith("2026年3月信息工作通报") and "本月零采用：" in over.output
