"""`bulletin submission add|adopt|decline|list` as real processes on a copy of tests/fixtures/stats:
what they print, what they write, and that a refused command writes nothing."""

from __future__ import annotations

import shutil

import pytest
from helpers import REPO, run_bulletin, write

from bulletin.archive import load_archive

STATS = REPO / "tests" / "fixtures" / "stats"
LEDGER = "reports/submissions/2026/02/hefeng.yml"


@pytest.fixture
def root(tmp_path):
    target = tmp_path / "archive"
    shutil.copytree(STATS, target)
    return target


def bulletin(root, *args):
    return run_bulletin("--root", str(root), "submission", *args)


def items_of(root):
    return [(i.unit, i.number, i.title, i.result, i.reports, i.by) for i in load_archive(root).items]


def test_add_appends_items_and_says_where_they_are(root):
    first = bulletin(
        root,
        "add",
        "--unit",
        "禾丰县委办公室",
        "--title",
        "禾丰县春耕备耕",
        "--kind",
        "工作动态",
        "--received",
        "2026-02-11",
    )
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.splitlines() == [
        f"{LEDGER}:2",
        "已登记：禾丰县委办公室 2026年2月 第 1 条（禾丰县春耕备耕），结果：待处理",
    ]
    second = bulletin(
        root,
        "add",
        "--unit",
        "hefeng",
        "--title",
        "关于土地流转: 几点建议",
        "--kind",
        "社情民意",
        "--received",
        "2026-02-20",
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[0] == f"{LEDGER}:6"
    text = (root / LEDGER).read_text(encoding="utf-8")
    assert text.startswith("# 禾丰县委办公室 2026年2月收稿登记")
    assert '  title: "关于土地流转: 几点建议"\n' in text  # quoted: the colon would split it
    assert items_of(root) == [
        ("hefeng", 1, "禾丰县春耕备耕", "待处理", (), ""),
        ("hefeng", 2, "关于土地流转: 几点建议", "待处理", (), ""),
    ]


def test_adopt_and_decline_change_one_item_and_keep_the_rest(root):
    write(
        root,
        LEDGER,
        """\
        # 禾丰县委办公室 2026年2月收稿登记（信息科）
        - {received: 2026-02-03, title: 甲, kind: 工作动态, result: 待处理}
        # 第二条是县里重点推荐的
        - received: 2026-02-04
          title: 乙
          kind: 社情民意
          result: 待处理
        - received: 2026-02-05
          title: 丙
          kind: 工作动态
          result: 待处理
        """,
    )
    write(
        root,
        "reports/submissions/2026/01/hefeng.yml",
        "- {received: 2026-01-02, title: 托管, kind: 经验做法, result: 待处理}\n",
    )
    (root / "reports/submissions/2026-01.yml").write_text("yunling: 4\n", encoding="utf-8")  # hefeng: by items now
    adopted = bulletin(root, "adopt", "hefeng", "2026-01", "1", "--report", "reports/2026/0105-hefeng-r2.md")
    assert adopted.returncode == 0, adopted.stdout + adopted.stderr
    assert (
        adopted.stdout.splitlines()[1]
        == "已记录：禾丰县委办公室 2026年1月 第 1 条（托管）：采用，编成 2026/0105-hefeng-r2"
    )
    higher = bulletin(root, "adopt", "禾丰县委办公室", "2026-02", "2", "--by", "省委办公厅《社情民意》")
    assert higher.returncode == 0, higher.stderr
    declined = bulletin(root, "decline", "hefeng", "2026-2", "3")
    assert declined.returncode == 0, declined.stderr
    text = (root / LEDGER).read_text(encoding="utf-8")
    assert text.startswith("# 禾丰县委办公室 2026年2月收稿登记（信息科）\n- {received: 2026-02-03, title: 甲")
    assert "# 第二条是县里重点推荐的\n- received: 2026-02-04" in text
    assert items_of(root) == [
        ("hefeng", 1, "托管", "采用", ("2026/0105-hefeng-r2",), ""),
        ("hefeng", 1, "甲", "待处理", (), ""),
        ("hefeng", 2, "乙", "上级采用", (), "省委办公厅《社情民意》"),
        ("hefeng", 3, "丙", "未采用", (), ""),
    ]
    listed = bulletin(root, "list", "--pending")
    assert listed.stdout.splitlines() == [
        f"{LEDGER}:2  hefeng 2026-02 1  2026-02-03  禾丰县委办公室  工作动态  待处理  甲"
    ]
    by_month = bulletin(root, "list", "--unit", "hefeng", "--month", "2026-01")
    assert by_month.stdout.splitlines() == [
        (
            "reports/submissions/2026/01/hefeng.yml:1  hefeng 2026-01 1  2026-01-02  禾丰县委办公室  经验做法  采用  托管"
            " → 2026/0105-hefeng-r2"
        )
    ]


def test_refused_commands_write_nothing(root):
    write(root, LEDGER, "- {received: 2026-02-03, title: 甲, kind: 工作动态, result: 待处理}\n")
    before = (root / LEDGER).read_bytes()
    cases = [
        (("adopt", "hefeng", "2026-02", "1", "--report", "2026/0105-yunling-r1"), "报送单位（yunling）里没有 hefeng"),
        (("adopt", "hefeng", "2026-02", "1", "--report", "2026/0199-nowhere"), "没有报告 2026/0199-nowhere"),
        (("adopt", "hefeng", "2026-02", "4", "--by", "省委办公厅"), "没有第 4 条：这个文件有 1 条"),
        (("adopt", "hefeng", "2026-02", "1"), "两者写一个"),
        (("adopt", "hefeng", "2026-13", "1", "--by", "省委"), "“2026-13”不是月份"),
        (("decline", "无此单位", "2026-02", "1"), "没有“无此单位”这个单位"),
        (
            ("add", "--unit", "hefeng", "--title", "甲", "--kind", "工作动态", "--received", "2026-02-09"),
            "已经登记过这个标题",
        ),
        (
            ("add", "--unit", "hefeng", "--title", "反转\u202e标题", "--kind", "工作动态", "--received", "2026-02-09"),
            "不可见的控制字符",
        ),
        (
            ("add", "--unit", "hefeng", "--title", "长" * 101, "--kind", "工作动态", "--received", "2026-02-09"),
            "超过 100 个字符",
        ),
        (
            ("add", "--unit", "hefeng", "--title", "乙", "--kind", "领导讲话", "--received", "2026-02-09"),
            "不是信息类别",
        ),
        (("add", "--unit", "hefeng", "--title", "乙", "--kind", "工作动态", "--received", "2099-01-01"), "晚于今天"),
    ]
    for args, said in cases:
        result = bulletin(root, *args)
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert said in result.stdout, (args, result.stdout)
        assert "Traceback" not in result.stderr
        assert "没有写入任何文件" in result.stderr
    assert (root / LEDGER).read_bytes() == before
    assert not (root / "reports/submissions/2099").exists()


def test_a_broken_ledger_is_shown_not_written_into(root):
    write(root, LEDGER, "- {received: 2026-03-01, title: 甲, kind: 工作动态, result: 待处理}\n")
    result = bulletin(
        root, "add", "--unit", "hefeng", "--title", "乙", "--kind", "工作动态", "--received", "2026-02-09"
    )
    assert result.returncode == 1
    assert f"{LEDGER}:1: [1].received: 收到日期 2026-03-01 不在这个文件的月份" in result.stdout
    assert (root / LEDGER).read_text(encoding="utf-8").count("received") == 1


def test_report_makes_a_report_from_an_item_and_links_the_two(root):
    write(root, LEDGER, "- {received: 2026-02-03, title: 禾丰县冬修水利进展, kind: 经验做法, result: 待处理}\n")
    made = bulletin(root, "report", "hefeng", "2026-02", "1", "--date", "2026-02-10")
    assert made.returncode == 0, made.stdout + made.stderr
    path, where, said = made.stdout.splitlines()
    assert where == f"{LEDGER}:1"
    assert path == "reports/2026/0210-hefeng-dongxiu-shuili.md"
    assert (
        said
        == "已记录：禾丰县委办公室 2026年2月 第 1 条（禾丰县冬修水利进展）：采用，编成 2026/0210-hefeng-dongxiu-shuili"
    )
    text = (root / path).read_text(encoding="utf-8")
    assert 'title: "禾丰县冬修水利进展"\nunit: hefeng\ncategory: 经验做法\n' in text
    assert "reports: [2026/0210-hefeng-dongxiu-shuili]" in (root / LEDGER).read_text(encoding="utf-8")
    again = bulletin(root, "report", "hefeng", "2026-02", "1")
    assert again.returncode == 1 and "只有待处理的稿件才编成新报告" in again.stdout
    assert sorted(p.name for p in (root / "reports/2026").glob("*hefeng*")) == [
        "0105-hefeng-r2.md",
        "0210-hefeng-dongxiu-shuili.md",
    ]
