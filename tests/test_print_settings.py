"""The ranking notice's 文号 (extra.bulletin.notice_number): read strictly, shown on the notice."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import MARCH_31, STATS_FIXTURE, copy_fixture, find_problem, problems_of, run_build

from bulletin.archive import load_archive
from bulletin.pages.notices import date_notice


def set_notice_number(root, value: str) -> int:
    """Write ``notice_number: value`` under extra.bulletin; its line in mkdocs.yml."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  bulletin:\n", f"  bulletin:\n    notice_number: {value}\n", 1), encoding="utf-8")
    return text.split("\n").index("  bulletin:") + 2


def test_a_good_pattern_is_read(archive_root):
    set_notice_number(archive_root, "示委办信通〔{year}〕{month}号")
    assert load_archive(archive_root).settings.notice_number == "示委办信通〔{year}〕{month}号"


def test_no_pattern_means_no_number(archive_root):
    assert load_archive(archive_root).settings.notice_number == ""


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("示委办信通〔{year}〕{num}号", "{num} 不认识"),
        ("示委办信通〔{year!r}〕{month}号", "{year!r} 不认识"),
        ("示委办信通〔{year}〕{month号", "花括号不成对"),
        ("'示委办信通〔{{year}}〕{month}号'", "花括号不成对"),
        ("[示委办信通, 11号]", "文字"),
        ("11", "文字"),
        ("'" + "长" * 300 + "'", "字"),
    ],
)
def test_a_bad_pattern_is_refused_with_its_line(archive_root, value, fragment):
    line = set_notice_number(archive_root, value)
    find_problem(problems_of(archive_root), "mkdocs.yml", line, "extra.bulletin.notice_number", fragment)


def test_the_notice_keeps_its_date_once_the_following_month_is_over():
    assert date_notice(2026, 10, dt.date(2026, 11, 3)) == dt.date(2026, 11, 3)  # issued now
    assert date_notice(2026, 10, dt.date(2027, 5, 1)) == dt.date(2026, 11, 30)  # an old notice
    assert date_notice(2026, 12, dt.date(2028, 1, 1)) == dt.date(2027, 1, 31)  # across the year


@pytest.mark.build
def test_the_notice_shows_office_number_and_date(stats_site, tmp_path):
    page = (stats_site / "stats/2026/02/index.html").read_text(encoding="utf-8")
    assert '<p class="bl-notice-office">中共示例市委办公室</p>' in page
    assert '<p class="bl-notice-date">2026年3月31日</p>' in page
    assert "bl-notice-number" not in page  # no pattern, no 文号 line
    root = copy_fixture(tmp_path / "archive", STATS_FIXTURE)
    set_notice_number(root, "示委办信通〔{year}〕{month}号")
    result = run_build(root, epoch=MARCH_31)
    assert result.returncode == 0, result.stderr
    page = (root / "site/stats/2026/02/index.html").read_text(encoding="utf-8")
    assert '<p class="bl-notice-number">示委办信通〔2026〕2号</p>' in page
    january = (root / "site/stats/2026/01/index.html").read_text(encoding="utf-8")
    assert '<p class="bl-notice-number">示委办信通〔2026〕1号</p>' in january
    assert '<p class="bl-notice-date">2026年2月28日</p>' in january  # January's notice, dated at February's end
