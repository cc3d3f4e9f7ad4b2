"""The editors' preview: recent months only, changed files re-read, still fully checked."""

from __future__ import annotations

import pytest
from helpers import copy_fixture, run_build, write

from bulletin.archive import limit_to_recent, load_archive


@pytest.mark.build
def test_preview_builds_only_recent_issues(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    result = run_build(root, env={"BULLETIN_PREVIEW_MONTHS": "1"})
    assert result.returncode == 0, result.stderr
    assert (root / "site/zk/2026/001/index.html").exists()  # 2026-03-12, the latest issue
    assert not (root / "site/jrxx/2026/001/index.html").exists()  # 2026-01-05: older than a month
    assert not (root / "site/pagefind").exists()
    assert "预览：只生成最近 1 个月的期次" in result.stderr


def test_limit_to_recent_keeps_pending_reports(archive_root):
    archive = limit_to_recent(load_archive(archive_root), 1)
    assert [(i.series.key, i.number) for i in archive.issues] == [("zk", 1)]
    assert [r.id for r in archive.pending] == ["1120-yingji-pending"]


def test_cached_load_sees_every_change_and_every_problem(archive_root):
    first = load_archive(archive_root, use_cache=True)
    assert first.issues[0].reports[0].title == "云岭县“茶旅融合”带动山区群众增收"
    path = archive_root / "reports/2026/0105-yunling-chalv.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("带动山区群众增收", "带动山区群众稳定增收"), encoding="utf-8"
    )
    assert (
        load_archive(archive_root, use_cache=True).issues[0].reports[0].title == "云岭县“茶旅融合”带动山区群众稳定增收"
    )
    write(archive_root, "reports/2026/0201-yunling-bad.md", "没有前置信息\n")
    from bulletin.errors import BulletinError

    for _ in range(2):  # the cached problem is reported again, not forgotten
        with pytest.raises(BulletinError) as error:
            load_archive(archive_root, use_cache=True)
        assert [p.path for p in error.value.problems] == ["reports/2026/0201-yunling-bad.md"]
