"""The submissions ledger (收稿登记) read strictly: items with their lines, every malformed item
refused with path:line, the old monthly counts still read, a report linked from one item only.

The ledgers are written into a copy of tests/fixtures/stats (units yunling, hefeng,
qingshi-town, yingji, jingkai, skl; categories 工作动态 经验做法 社情民意 调研报告; reports
2026/0105-yunling-r1 (yunling), 2026/0105-hefeng-r2 (hefeng and qingshi-town) …).
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from helpers import REPO, find_problem, write

from bulletin.archive import load_archive
from bulletin.errors import BulletinError
from bulletin.model import Submission

STATS = REPO / "tests" / "fixtures" / "stats"
TODAY = dt.date(2026, 3, 31)

GOOD = """\
# 云岭县委办公室 2026年1月收稿登记
- received: 2026-01-03
  title: 云岭县春耕备耕有序推进
  kind: 工作动态
  result: 采用
  reports: [2026/0105-yunling-r1]
- received: 2026-01-12
  title: 关于山区学生上学路的几点建议
  kind: 社情民意
  result: 上级采用
  by: 省委办公厅《社情民意》
- received: 2026-01-20
  title: 云岭县茶产业调研
  kind: 调研报告
  result: 未采用
- received: 2026-01-28
  title: 云岭县冬季森林防火
  kind: 工作动态
  result: 待处理
"""


@pytest.fixture
def root(tmp_path):
    target = tmp_path / "archive"
    shutil.copytree(STATS, target)
    (target / "reports" / "submissions" / "2026-01.yml").unlink()  # counts: tested on their own below
    return target


def problems_in(root):
    with pytest.raises(BulletinError) as caught:
        load_archive(root, today=TODAY)
    return caught.value.problems


def test_items_are_read_with_their_file_line_and_number(root):
    write(root, "reports/submissions/2026/01/yunling.yml", GOOD)
    write(
        root,
        "reports/submissions/2026/01/hefeng.yml",
        "- {received: 2026-01-02, title: 禾丰县农业托管, kind: 经验做法, result: 采用, reports: [2026/0105-hefeng-r2]}\n",
    )
    archive = load_archive(root, today=TODAY)
    path = "reports/submissions/2026/01/yunling.yml"
    assert archive.items[0] == Submission(
        unit="hefeng",
        received=dt.date(2026, 1, 2),
        title="禾丰县农业托管",
        kind="经验做法",
        result="采用",
        reports=("2026/0105-hefeng-r2",),
        path="reports/submissions/2026/01/hefeng.yml",
        line=1,
        number=1,
    )
    assert [(i.unit, i.number, i.line, i.result, i.adopted) for i in archive.items[1:]] == [
        ("yunling", 1, 2, "采用", True),
        ("yunling", 2, 7, "上级采用", True),
        ("yunling", 3, 12, "未采用", False),
        ("yunling", 4, 16, "待处理", False),
    ]
    assert archive.items[2].by == "省委办公厅《社情民意》" and archive.items[2].path == path
    # A build on 2026-01-15 does not see the items received later in January? It does: the
    # month is the unit of the notice; only months after the build's are left out.
    assert len(archive.as_of(dt.date(2026, 1, 15)).items) == 5
    assert archive.as_of(dt.date(2025, 12, 31)).items == ()


def test_every_malformed_item_is_refused_with_its_line_in_one_run(root):
    path = "reports/submissions/2026/02/yunling.yml"
    write(
        root,
        path,
        """\
        - received: 2026-03-02
          title: 日期不在本月
          kind: 工作动态
          result: 待处理
        - received: 2026-02-05
          title: 类别不对
          kind: 领导讲话
          result: 待处理
        - received: 2026-02-06
          title: 结果不认识
          kind: 工作动态
          result: 已采用
        - received: 2026-02-07
          title: 采用却没有报告
          kind: 工作动态
          result: 采用
        - received: 2026-02-08
          title: 上级采用却没有写由谁
          kind: 社情民意
          result: 上级采用
        - received: 2026-02-09
          title: 未采用却写了报告
          kind: 工作动态
          result: 未采用
          reports: [2026/0105-yunling-r1]
          by: 省委办公厅
        - received: 2026-02-10
          title: 类别不对
          kind: 工作动态
          result: 待处理
        - received: 2026-02-11
          title: 多了一项
          kind: 工作动态
          result: 待处理
          remark: 多写的
        - received: 2026-02-12
          title: "反转\u202e字符"
          kind: 工作动态
          result: 待处理
        - received: 2026-02-13
          title: 采用了不存在的报告
          kind: 工作动态
          result: 采用
          reports: [2026/0199-nowhere, 2026/0105-hefeng-r2, "2026-0105"]
        """,
    )
    problems = problems_in(root)
    find_problem(problems, path, 1, "[1].received", "不在这个文件的月份（2026年2月）")
    find_problem(problems, path, 7, "[2].kind", "“领导讲话”不是信息类别")
    find_problem(problems, path, 12, "[3].result", "“已采用”不是可以选的值")
    find_problem(problems, path, 16, "[4].reports", "结果是“采用”，要写明用它编成的报告")
    find_problem(problems, path, 20, "[5].by", "结果是“上级采用”，要写明哪里采用的")
    find_problem(problems, path, 25, "[6].reports", "结果是“未采用”，不能写 reports")
    find_problem(problems, path, 26, "[6].by", "结果是“未采用”，不能写 by")
    find_problem(problems, path, 28, "[7].title", "已经登记过这个标题（第 6 行）")
    find_problem(problems, path, 35, "[8].remark", "没有 remark 这一项")
    find_problem(problems, path, 37, "[9].title", "不可见的控制字符 U+202E")
    find_problem(problems, path, 44, "[10].reports[3]", "报告写成 <年份>/<文件名>")


def test_links_to_reports_are_checked_against_the_archive(root):
    write(
        root,
        "reports/submissions/2026/01/yunling.yml",
        """\
        - received: 2026-01-03
          title: 不存在的报告
          kind: 工作动态
          result: 采用
          reports: [2026/0199-nowhere]
        - received: 2026-01-04
          title: 别的单位的报告
          kind: 工作动态
          result: 采用
          reports: [2026/0105-hefeng-r2]
        - received: 2026-01-05
          title: 云岭县春耕备耕有序推进
          kind: 工作动态
          result: 采用
          reports: [2026/0105-yunling-r1]
        """,
    )
    # qingshi-town is one of the report's two units: it may link it, but hefeng links it too.
    write(
        root,
        "reports/submissions/2026/01/hefeng.yml",
        "- {received: 2026-01-02, title: 托管, kind: 经验做法, result: 采用, reports: [2026/0105-hefeng-r2]}\n",
    )
    write(
        root,
        "reports/submissions/2026/01/qingshi-town.yml",
        "- {received: 2026-01-02, title: 托管, kind: 经验做法, result: 采用, reports: [2026/0105-hefeng-r2]}\n",
    )
    problems = problems_in(root)
    path = "reports/submissions/2026/01/yunling.yml"
    find_problem(problems, path, 1, "[1].reports", "没有报告 2026/0199-nowhere")
    find_problem(problems, path, 6, "[2].reports", "报送单位（hefeng、qingshi-town）里没有 yunling")
    # Linked twice: both places are named, each pointing at the other.
    twice = [p for p in problems if "一篇报告只能来自一条登记" in p.message]
    assert sorted((p.path, p.line) for p in twice) == [
        ("reports/submissions/2026/01/hefeng.yml", 1),
        ("reports/submissions/2026/01/qingshi-town.yml", 1),
    ]
    assert not any(p.line == 11 for p in problems if p.path == path)  # the good item passes


def test_file_names_and_folders_are_checked(root):
    write(root, "reports/submissions/2026/01/nowhere.yml", GOOD.replace("2026-01-03", "2026-01-04"))
    write(root, "reports/submissions/2026/13/yunling.yml", "[]\n")
    write(root, "reports/submissions/2026/01/云岭县.yml", "[]\n")
    write(root, "reports/submissions/2026/01/hefeng.yml", "received: 2026-01-03\n")
    write(root, "reports/submissions/2026/01/jingkai.yml", "# 还没有\n")
    write(root, "reports/submissions/2026/04/yingji.yml", GOOD.replace("2026-01-", "2026-04-"))
    problems = problems_in(root)
    find_problem(problems, "reports/submissions/2026/01/nowhere.yml", 1, "file", "reports/units.yml 里没有单位 nowhere")
    find_problem(
        problems, "reports/submissions/2026/13/yunling.yml", 1, "file", "reports/submissions/<年>/<月>/<单位键>.yml"
    )
    find_problem(problems, "reports/submissions/2026/01/云岭县.yml", 1, "file", "<单位键>.yml")
    find_problem(problems, "reports/submissions/2026/01/hefeng.yml", 1, "file", "应当是收稿的列表")
    find_problem(problems, "reports/submissions/2026/01/jingkai.yml", 1, "file", "文件是空的")
    find_problem(problems, "reports/submissions/2026/04/yingji.yml", 2, "[1].received", "晚于今天（2026-03-31）")


def test_old_counts_are_still_read_and_a_unit_may_not_have_both(root):
    write(root, "reports/submissions/2026-01.yml", "yunling: 4\nhefeng: 2\n")
    write(
        root,
        "reports/submissions/2026/02/yunling.yml",
        GOOD.replace("2026-01-", "2026-02-").replace("采用\n  reports: [2026/0105-yunling-r1]", "待处理"),
    )
    archive = load_archive(root, today=TODAY)
    assert archive.submissions == {(2026, 1): {"yunling": 4, "hefeng": 2}}
    assert [item.received.month for item in archive.items] == [2, 2, 2, 2]
    write(
        root,
        "reports/submissions/2026/01/hefeng.yml",
        "- {received: 2026-01-09, title: 甲, kind: 工作动态, result: 未采用}\n",
    )
    problems = problems_in(root)
    find_problem(
        problems,
        "reports/submissions/2026-01.yml",
        2,
        "hefeng",
        "已经逐条登记在 reports/submissions/2026/01/hefeng.yml",
    )


def test_huge_ledgers_are_refused_before_they_are_read(root):
    item = "- {received: 2026-01-09, title: 第%d条, kind: 工作动态, result: 未采用}\n"
    write(root, "reports/submissions/2026/01/yunling.yml", "".join(item % n for n in range(2_001)))
    write(root, "reports/submissions/2026/01/hefeng.yml", "# " + "长" * 400_000 + "\n[]\n")
    write(
        root,
        "reports/submissions/2026/01/yingji.yml",
        f"- {{received: 2026-01-09, title: {'长' * 101}, kind: 工作动态, result: 未采用}}\n",
    )
    problems = problems_in(root)
    find_problem(problems, "reports/submissions/2026/01/yunling.yml", 1, "file", "超过一个单位一个月 2000 条的上限")
    assert any(p.path == "reports/submissions/2026/01/hefeng.yml" and p.field == "file" for p in problems)
    find_problem(problems, "reports/submissions/2026/01/yingji.yml", 1, "[1].title", "超过 100 个字符的上限")
