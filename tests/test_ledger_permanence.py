"""`bulletin check --base`: an item of a month that is over stays on record; what became of it may change."""

from __future__ import annotations

from helpers import commit_all, git, run_bulletin, write

NOVEMBER_30 = "1796011200"  # SOURCE_DATE_EPOCH of 2026-11-30 12:00 in Beijing: January is over, November is not
JANUARY = "reports/submissions/2026/01/hefeng.yml"
NOVEMBER = "reports/submissions/2026/11/hefeng.yml"
ITEMS = """\
- received: 2026-01-06
  title: 禾丰县农业托管
  kind: 经验做法
  result: 待处理
- received: 2026-01-08
  title: 禾丰县冬季防火
  kind: 工作动态
  result: 待处理
"""


def check_base(root):
    result = run_bulletin("--root", str(root), "check", "--base", "main", SOURCE_DATE_EPOCH=NOVEMBER_30)
    return result.returncode, result.stdout


def start(repo):
    git(repo, "checkout", "-q", "main")
    write(repo, JANUARY, ITEMS)
    write(repo, NOVEMBER, ITEMS.replace("2026-01-", "2026-11-"))
    commit_all(repo, "ledger")
    git(repo, "checkout", "-q", "change")
    git(repo, "merge", "-q", "main")


def test_an_item_of_a_month_that_is_over_cannot_be_deleted_or_retitled(repo):
    start(repo)
    write(repo, JANUARY, ITEMS.split("- received: 2026-01-08")[0].replace("农业托管", "农业生产托管"))
    code, out = check_base(repo)
    assert code == 1, out
    assert f"{JANUARY}:1: [1]: main 上登记的稿件“禾丰县农业托管”（2026-01-06收到）不见了" in out
    assert f"{JANUARY}:1: [2]: main 上登记的稿件“禾丰县冬季防火”（2026-01-08收到）不见了" in out
    assert "2026年1月已经过去" in out
    assert NOVEMBER not in out


def test_its_result_may_change_and_this_months_items_may_go(repo):
    start(repo)
    write(
        repo,
        JANUARY,
        ITEMS.replace(
            "result: 待处理\n- received: 2026-01-08",
            "result: 采用\n  reports: [2026/0120-hefeng-qingshi-tuoguan]\n- received: 2026-01-08",
            1,
        ).replace("  result: 待处理\n", "  result: 上级采用\n  by: 省委办公厅《每日要情》\n"),
    )
    write(repo, NOVEMBER, ITEMS.replace("2026-01-", "2026-11-").split("- received: 2026-11-08")[0])
    code, out = check_base(repo)
    assert code == 0, out
