"""The `bulletin` command on the fixture archive."""

from __future__ import annotations

from helpers import run_bulletin, write


def test_check_passes_on_a_good_archive(archive_root):
    result = run_bulletin("--root", str(archive_root), "check")
    assert result.returncode == 0
    assert "检查通过：共 3 期，已发布报告 4 篇，待排期 1 篇" in result.output


def test_check_lists_every_problem_and_fails(archive_root):
    write(archive_root, "reports/2026/0201-yunling-bad.md", "---\ntitle: 标题\nunit: yunling\n---\n正文\n")
    write(
        archive_root,
        "reports/2026/0202-yunling-bad.md",
        "---\ntitle: 标题\nunit: yunling\ncategory: 工作动态\nclassification: 机密\n---\n正文\n",
    )
    result = run_bulletin("--root", str(archive_root), "check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "reports/2026/0201-yunling-bad.md:2: category: 缺少这一项（必填）：请加一行 category: …" in lines
    assert any(
        line.startswith("reports/2026/0202-yunling-bad.md:5: classification: 机密文件不能放进这个仓库")
        for line in lines
    )


def test_pending_lists_unscheduled_reports(archive_root):
    result = run_bulletin("--root", str(archive_root), "pending")
    assert result.returncode == 0
    assert (
        result.stdout == "reports/2026/1120-yingji-pending.md\tjrxx\t市应急管理局\t市应急管理局部署冬季森林防火工作\n"
    )
