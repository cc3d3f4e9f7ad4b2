"""Builds the chunked static index (Pagefind) in a process of its own while MkDocs writes the site.

The process is forked as soon as the archive is loaded; it writes each part's records
(:mod:`bulletin.pages.search.records`) and runs Pagefind on them, part by part
(:mod:`bulletin.pages.search.parts`). Nothing is fetched from outside: the bundle is part of the site.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin.addresses import SEARCH_BUNDLE_DIR
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _
from bulletin.model import Archive
from bulletin.pages.search.parts import plan_search_parts
from bulletin.pages.search.records import PartRecords, make_part_records
from bulletin.processes import BackgroundJob, build_lock_fds, tie_to_this_process


def find_pagefind() -> str:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # pragma: no cover - installed by requirements.txt
        raise BulletinError(
            [
                Problem(
                    "requirements.txt",
                    1,
                    "pagefind",
                    _("没有安装搜索索引程序 pagefind-bin-extended：请运行 make（它按 requirements.txt 安装）"),
                )
            ]
        ) from None
    return str(get_executable())


class _Pagefind:
    """One part being indexed by Pagefind (its records written first), or taken from the cache."""

    def __init__(self, executable: str, part: PartRecords, work: Path, name: str, cache_dir: Path | None) -> None:
        self.executable, self.part = executable, part
        self.records, self.output, self.name = work / "records" / name, work / "index" / name, name
        self.note: str | None = None  # why the part's index could not be taken from or kept in the cache
        self.cached = cache_dir / f"{name}-{part.digest}" if cache_dir else None
        self.reuse = self.cached if self.cached is not None and self.cached.is_dir() else None
        self.process: subprocess.Popen[str] | None = None if self.reuse is not None else self.start()

    def start(self) -> subprocess.Popen[str]:
        self.part.write(self.records)
        return subprocess.Popen(
            [self.executable, "--site", str(self.records), "--output-path", str(self.output), "--silent"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=tie_to_this_process(),  # noqa: PLW1509 - killed with the indexer (one thread), even by SIGKILL
            pass_fds=build_lock_fds(),  # the next build waits until it has ended
        )

    def store_in_cache(self, cached: Path) -> None:
        """Keep this part's index for the next build. The cache only saves time: a cache folder
        that cannot be written (BULLETIN_CACHE_DIR naming a file, a full disk) costs the next
        build that time, not this build its index."""
        try:
            for stale in cached.parent.glob(f"{self.name}-*"):
                shutil.rmtree(stale)
            shutil.copytree(self.output, cached, copy_function=link_or_copy)
        except (OSError, shutil.Error) as error:
            shutil.rmtree(cached, ignore_errors=True)
            self.note = _("{part} 的索引未能存入缓存 {folder}（{reason}）；这不影响本次生成，下次生成会慢一些").format(
                part=self.name, folder=cached.parent, reason=getattr(error, "strerror", None) or error
            )

    def take_from_cache(self, cached: Path) -> bool:
        """This part's index from the cache; False (and nothing taken) if it holds a link."""
        try:
            if not holds_links(cached):
                shutil.copytree(cached, self.output, copy_function=link_or_copy)
                return True
        except (OSError, shutil.Error):
            shutil.rmtree(self.output, ignore_errors=True)
        self.note = _("缓存中 {part} 的索引含有链接或无法读取，已重新生成").format(part=self.name)
        return False

    def wait(self) -> bool:
        """Done: True if reused from the cache."""
        if self.reuse is not None and not self.take_from_cache(self.reuse):
            self.reuse = None
            self.process = self.start()
        if self.process is not None:
            _output, stderr = self.process.communicate()
            if self.process.returncode != 0:
                message = _("搜索索引程序 Pagefind 出错：{reason}").format(reason=stderr.strip())
                raise BulletinError([Problem(f"reports/{self.name}", 0, "search", message)])
            if self.cached is not None:
                self.store_in_cache(self.cached)
        shutil.rmtree(self.records, ignore_errors=True)
        return self.reuse is not None


def holds_links(folder: Path) -> bool:
    """Whether anything under ``folder`` is a symbolic link (the folder itself included)."""
    if folder.is_symlink():
        return True
    return any(
        os.path.islink(os.path.join(where, name)) for where, dirs, files in os.walk(folder) for name in dirs + files
    )


def link_or_copy(source: str, target: str) -> None:
    """A file of an index into another folder: hard-linked (nothing writes into an index once
    Pagefind has made it; the cache's files and the site's are the same bytes), copied where a
    link cannot be made (another file system). A cached part that holds a link is not taken at
    all (see ``holds_links``)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


WORK_PREFIX = "bulletin-search-"  # + the building process's id + "-" + a random part


@dataclass(frozen=True)
class IndexOutcome:
    reused: dict[str, bool]  # part -> its index was reused from the cache
    notes: tuple[str, ...] = ()  # what the build log should say (a cache that could not be written)


def build_search_index(archive: Archive, work: Path, cache_dir: Path | None) -> IndexOutcome:
    """Every part of the index into ``work/index/<part>``: the next part's records are written
    while Pagefind indexes the part before."""
    executable = find_pagefind()
    done: list[_Pagefind] = []
    running: _Pagefind | None = None
    published = archive.published()
    for part in plan_search_parts(archive):
        records = make_part_records(archive, [(r, i) for r, i in published if part.holds(r, i)])
        if running is not None:
            running.wait()
            done.append(running)
        running = _Pagefind(executable, records, work, part.name, cache_dir)
    if running is not None:
        running.wait()
        done.append(running)
    return IndexOutcome({p.name: p.reuse is not None for p in done}, tuple(p.note for p in done if p.note))


def _index_in_child(archive: Archive, cache_dir: Path | None, work: Path) -> dict[str, Any]:
    built = build_search_index(archive, work, cache_dir)
    return {"reused": built.reused, "notes": list(built.notes)}


class SearchIndexer:
    """Builds the search index in a process of its own while MkDocs builds the site.

    The process is forked with the archive already loaded; it writes each part's records
    (small HTML files) and runs Pagefind on them, one part at a time, writing the next
    part's records meanwhile. MkDocs goes on at once: on two processors the index costs the
    build little time. ``finish`` waits and puts the index into the site.
    """

    def __init__(self, archive: Archive, cache_dir: Path | None = None, work_root: Path | None = None):
        # The work folder is in ``work_root`` (``bulletin build`` gives its own build folder,
        # which the next build removes) or in the system's temporary folder.
        self.job = BackgroundJob(
            functools.partial(_index_in_child, archive, cache_dir),
            name="search",
            prefix=WORK_PREFIX,
            work_root=work_root,
            failed=_("生成搜索索引时出错（{error}）"),
            stopped=_("生成搜索索引的进程意外停止（退出码 {status}）：请重新生成；如一再出现，请联系系统维护人员"),
        )

    def finish(self, site_dir: Path) -> IndexOutcome:
        """Wait for every part and move the index into ``site_dir``."""
        try:
            outcome = self.job.wait()
            (site_dir / SEARCH_BUNDLE_DIR).mkdir(parents=True, exist_ok=True)
            for part in outcome["reused"]:
                target = site_dir / SEARCH_BUNDLE_DIR / part
                if target.exists():  # never nest an index in another build's (pagefind/2026/2026/)
                    raise BulletinError(
                        [
                            Problem(
                                "search",
                                0,
                                "search",
                                _("{folder} 已经存在：另一次生成正在写同一个目录，请用 make site 生成").format(
                                    folder=target
                                ),
                            )
                        ]
                    )
                shutil.move(self.job.work / "index" / part, target)
            return IndexOutcome(outcome["reused"], tuple(outcome["notes"]))
        finally:
            self.job.remove_work()

    def abandon(self) -> None:
        """The build failed: stop indexing at once and leave nothing behind."""
        self.job.abandon()
