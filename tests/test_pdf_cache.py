"""The documents' cache (item 2 of issue 13): a second build takes every file from it, a changed
report makes only its issue's files again, a broken entry is ignored and made again, a build
killed mid-write leaves nothing another build takes, two builds at once share it; two builds
of one commit give the same bytes (item 3), and a document that cannot be made names its issue."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from helpers import BUILD_EPOCH, copy_fixture, run_build

from bulletin.archive import load_archive
from bulletin.documents.builder import DocumentBuilder
from bulletin.documents.cache import looks_whole
from bulletin.documents.fonts import find_fonts
from bulletin.errors import BulletinError

pytestmark = pytest.mark.build

FILES = (
    "jrxx/2026/001/jrxx-2026-001.pdf",
    "jrxx/2026/001/jrxx-2026-001.docx",
    "jrxx/2026/002/jrxx-2026-002.pdf",
    "jrxx/2026/002/jrxx-2026-002.docx",
    "zk/2026/001/zk-2026-001.pdf",
    "zk/2026/001/zk-2026-001.docx",
)


def counts(stderr: str) -> tuple[int, int]:
    """(taken from the cache, made anew), as the build log says."""
    found = re.search(r"PDF 和 Word：共 \d+ 个文件，其中 (\d+) 个取自缓存，新生成 (\d+) 个", stderr)
    assert found, stderr
    return int(found[1]), int(found[2])


def build(root: Path, cache: Path, *args: str, epoch: str = BUILD_EPOCH) -> subprocess.CompletedProcess:
    result = run_build(root, *args, epoch=epoch, env={"BULLETIN_CACHE_DIR": str(cache)}, documents=True)
    assert result.returncode == 0, result.stderr
    return result


def inodes(site: Path) -> dict[str, int]:
    return {name: (site / name).stat().st_ino for name in FILES}


def test_a_second_build_reuses_every_file_and_a_changed_report_remakes_only_its_issue(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    cache = tmp_path / "cache"
    assert counts(build(root, cache).stderr) == (0, 6)
    first = inodes(root / "site")
    # Each file in the site is the cache entry itself (a hard link), nothing copied.
    entries = {path.stat().st_ino for path in (cache / "documents").glob("*/*.*")}
    assert set(first.values()) <= entries

    assert counts(build(root, cache).stderr) == (6, 0)
    assert inodes(root / "site") == first  # the same files again

    report = root / "reports/2026/0120-hefeng-qingshi-tuoguan.md"  # the one report of jrxx 2026 No. 2
    report.write_text(report.read_text(encoding="utf-8") + "\n托管服务覆盖全县所有行政村。\n", encoding="utf-8")
    assert counts(build(root, cache).stderr) == (4, 2)
    third = inodes(root / "site")
    changed = {name for name in FILES if third[name] != first[name]}
    assert changed == {"jrxx/2026/002/jrxx-2026-002.pdf", "jrxx/2026/002/jrxx-2026-002.docx"}
    pdf = pdfium.PdfDocument((root / "site/jrxx/2026/002/jrxx-2026-002.pdf").read_bytes())
    assert "托管服务覆盖全县所有行政村。" in "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_a_broken_cache_entry_is_ignored_and_made_again(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    cache = tmp_path / "cache"
    build(root, cache)
    site_file = root / "site/zk/2026/001/zk-2026-001.pdf"
    entry = next(p for p in (cache / "documents").glob("*/*.pdf") if p.stat().st_ino == site_file.stat().st_ino)
    whole = entry.read_bytes()
    # A file cut short (a disk that filled up, a copy that stopped) under the entry's own name.
    site_file.unlink()
    entry.write_bytes(whole[: len(whole) // 2])
    docx_entry = next(p for p in (cache / "documents").glob("*/*.docx"))
    docx_entry.write_bytes(b"not a zip at all")
    assert counts(build(root, cache).stderr) == (4, 2)
    assert entry.read_bytes() == whole  # made again, the same bytes
    assert (root / "site/zk/2026/001/zk-2026-001.pdf").read_bytes() == whole
    assert looks_whole(docx_entry, "docx")


def test_what_a_killed_build_left_half_written_is_never_taken(tmp_path):
    """A build killed while writing an entry leaves a temporary file beside it (entries are
    renamed into place whole): the next build neither takes it nor fails on it."""
    root = copy_fixture(tmp_path / "archive")
    cache = tmp_path / "cache"
    build(root, cache)
    entries = sorted((cache / "documents").glob("*/*.pdf"))
    victim = entries[0]
    half = victim.read_bytes()[:1000]
    victim.unlink()
    leftover = victim.with_name(".tmp-abc123.pdf")
    leftover.write_bytes(half)
    os.utime(leftover, (1, 1))  # long ago: a later build removes it
    assert counts(build(root, cache).stderr) == (5, 1)
    assert looks_whole(victim, "pdf")
    assert not leftover.exists()


def test_two_builds_at_once_share_the_cache(tmp_path):
    cache = tmp_path / "cache"
    roots = [copy_fixture(tmp_path / f"archive{n}") for n in (1, 2)]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "BULLETIN_CACHE_DIR": str(cache)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=root,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for root in roots
    ]
    for process in processes:
        _out, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    for name in FILES:
        assert (roots[0] / "site" / name).read_bytes() == (roots[1] / "site" / name).read_bytes()
        assert looks_whole(roots[0] / "site" / name, name.rsplit(".", 1)[1])


def test_two_builds_of_one_commit_give_the_same_bytes(tmp_path):
    """Separate caches, and a later build moment: the files carry their issue's dates, not the build's."""
    root = copy_fixture(tmp_path / "archive")
    build(root, tmp_path / "cache1", "--site-dir", str(tmp_path / "one"))
    build(root, tmp_path / "cache2", "--site-dir", str(tmp_path / "two"), epoch=str(int(BUILD_EPOCH) + 86400 * 30))
    for name in FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_a_document_that_cannot_be_made_names_its_issue(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    archive = load_archive(root)
    builder = DocumentBuilder(archive, find_fonts(root, ""), tmp_path / "cache", tmp_path, formats=("pdf", "odt"))
    with pytest.raises(BulletinError) as raised:
        builder.finish(tmp_path / "site")
    problems = {(p.path, p.field) for p in raised.value.problems}
    assert problems == {
        ("reports/2026/0105-yunling-chalv.md", "odt"),
        ("reports/2026/0120-hefeng-qingshi-tuoguan.md", "odt"),
        ("reports/2026/0312-yunling-diaoyan.md", "odt"),
    }
    assert all("的 odt 文件没有生成" in p.message for p in raised.value.problems)
    assert not list(tmp_path.glob("bulletin-documents-*"))  # its work folder is gone
