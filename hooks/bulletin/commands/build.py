"""`bulletin build` (what `make site` runs): the whole site, one build at a time, switched live in one step.

How a second build, a reader and a killed build are kept apart:

- **One build at a time per checkout.** A build holds ``fcntl.flock`` on ``.site-builds/lock``
  (without waiting); the file names the holder's process and start time. A second build is
  refused with that, and touches nothing. MkDocs and the search indexer inherit the lock, so
  it is free only when the last process of a build has ended: what a killed build left
  running can never write beside the next one.
- **Built elsewhere, switched in one step.** Each build writes ``.site-builds/<stamp>/`` (its
  indexer works in ``.site-builds/<stamp>.work/``). Only a complete build is published, by
  replacing the symbolic link ``site`` with one to it: ``rename(2)`` is atomic, so a reader
  opens the old site or the new one, never nothing. A real ``site/`` folder from before is
  exchanged with the link the same way (``renameat2(RENAME_EXCHANGE)`` on Linux).
- **Nothing left behind.** A failed or interrupted (SIGINT, SIGTERM, SIGHUP) build stops MkDocs
  and removes its folders; a build killed outright (SIGKILL) leaves them to the next build,
  which, holding the lock, removes everything in ``.site-builds/`` but the live build. The
  processes of a build die with it (:mod:`bulletin.processes`).
- **Unchanged pages taken from the live build.** MkDocs is told the live build (and runs with
  ``--dirty``, which only lets it skip pages): every generated page whose key is in the live
  build's manifest unchanged is hard-linked from it, and only the others are rendered
  (:mod:`bulletin.pages.reuse`); ``--full`` builds every page. The manifest lies beside its
  build, ``.site-builds/<stamp>.manifest.json``, and goes with it.
- **A build that changes nothing is not switched** (``--if-changed``, what CI's scheduled publish
  runs): the new build is compared with the live one file by file (a page taken from the live
  build is the same file; any other by its bytes), and when every file is the same the new build
  is removed and the live one stays, so the deploy after it has nothing to do. An HTML page that
  differs only in its readings of the clock (``<span class="bl-clock">``: the moment a 紧急信息
  page speaks for, the time left or overdue) is the same page: what the clock changes (an event
  becoming overdue: its status mark and its place on the board; a month ending; a scheduled
  issue's day) changes the page outside them, and then the build is switched, every such page
  with the new moment.
- **Cleanup never blocks.** An old build that cannot be removed is a warning, not a failure;
  the next build tries again.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from bulletin.environment import LANGUAGE_VARIABLE, LOCK_FD_VARIABLE, PREVIOUS_BUILD_VARIABLE, WORK_VARIABLE
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _, current_language
from bulletin.pages.reuse import MANIFEST_SUFFIX
from bulletin.processes import is_running, tie_to_this_process
from bulletin.read.textfiles import link_target

BUILDS_DIR = ".site-builds"  # beside site: every build, the live one and the lock
LOCK_FILE = "lock"
DYING_GRACE = 15.0  # seconds a killed build's own processes get to end before the next build gives up
_STOPPING_GRACE = 10.0  # seconds MkDocs gets to end after SIGTERM before SIGKILL
_INTERRUPTS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# A reading of the clock in a page (templates: emergency-*.html, _emergency.html): plain text in one span.
# The moment a page was built may be on its span too, for the page's script (content/assets/deadlines.js).
CLOCK_READING = re.compile(rb'<span class="bl-clock"(?: data-bl-built="[^"<>]*")?>[^<]*</span>')


@dataclass(frozen=True)
class Holder:
    """Who holds the build lock, as the holder wrote it into the lock file."""

    pid: int
    since: str


@dataclass(frozen=True)
class BuiltSite:
    link: Path  # the live ``site`` link
    build: Path  # the complete build it points to
    warnings: tuple[str, ...]  # old builds that could not be removed
    switched: bool = True  # False: the new build was the live one's twin (--if-changed) and was removed


class BuildInterrupted(BulletinError):
    """The build was stopped by a signal; its folders are removed and the live site is as it was."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        name = signal.Signals(signum).name
        super().__init__(
            [
                Problem(
                    BUILDS_DIR,
                    0,
                    "build",
                    _("生成被中断（{signal}），未完成的生成已删除；网站保持原样，没有改动。").format(signal=name),
                )
            ]
        )


# --- the lock ------------------------------------------------------------------------------------


def read_holder(lock: int) -> Holder | None:
    """The holder named in the lock file, if it has written its name yet."""
    try:
        pid, since = os.pread(lock, 200, 0).decode("utf-8").strip().split("\t", 1)
        return Holder(int(pid), since)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def describe_holder(holder: Holder | None) -> str:
    if holder is None:
        return _("另一次网站生成正在进行；本次生成没有进行，也没有改动任何文件。请等它结束后再运行 make site。")
    if is_running(holder.pid):
        return _(
            "另一次网站生成正在进行（进程 {pid}，开始于 {since}）；本次生成没有进行，也没有改动任何文件。"
            "请等它结束后再运行 make site。"
        ).format(pid=holder.pid, since=holder.since)
    return _(
        "上一次网站生成（进程 {pid}，开始于 {since}）已经结束，但它启动的进程还没有退出；"
        "本次生成没有进行，也没有改动任何文件。请稍后再试；仍不行时，用 fuser -v {lock} 查看并结束这些进程。"
    ).format(pid=holder.pid, since=holder.since, lock=f"{BUILDS_DIR}/{LOCK_FILE}")


def refuse_linked_builds(builds: Path) -> None:
    """Refuse a ``.site-builds`` that is a link (or not a folder): a build removes everything
    in it but the live build, so a committed link ``.site-builds -> /somewhere`` would empty
    the folder it points to."""
    mode = os.lstat(builds).st_mode
    if stat.S_ISDIR(mode):
        return
    if stat.S_ISLNK(mode):
        message = _(
            "{folder} 是一个符号链接（指向 {target}）：生成会删除其中的旧生成，不能跟随链接。本次生成没有进行，"
            "没有改动任何文件；请删除 {folder}（git rm {folder}），再运行 make site。"
        ).format(folder=BUILDS_DIR, target=link_target(builds))
    else:
        message = _(
            "{folder} 是一个文件，不是文件夹：本次生成没有进行，没有改动任何文件；"
            "请删除 {folder}（git rm {folder}），再运行 make site。"
        ).format(folder=BUILDS_DIR)
    raise BulletinError([Problem(BUILDS_DIR, 0, "build", message)])


def acquire_build_lock(builds: Path) -> int:
    """Hold the checkout's build lock; its file descriptor. If another build holds it, a
    BulletinError naming the holder. A holder that has ended (a killed build) is given
    DYING_GRACE seconds for the processes it started to end with it."""
    try:  # never through a link: the lock file is truncated
        lock = os.open(builds / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise BulletinError(
            [
                Problem(
                    f"{BUILDS_DIR}/{LOCK_FILE}",
                    0,
                    "build",
                    _(
                        "这是一个符号链接，不是锁文件本身；本次生成没有进行，没有改动任何文件。请删除它，再运行 make site。"
                    ),
                )
            ]
        ) from None
    deadline = time.monotonic() + DYING_GRACE
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = read_holder(lock)
            if holder is None or is_running(holder.pid) or time.monotonic() > deadline:
                os.close(lock)
                raise BulletinError(
                    [Problem(f"{BUILDS_DIR}/{LOCK_FILE}", 0, "build", describe_holder(holder))]
                ) from None
            time.sleep(0.05)
    os.ftruncate(lock, 0)
    os.pwrite(lock, f"{os.getpid()}\t{time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
    return lock


# --- folders and the switch ------------------------------------------------------------------------


def live_build(link: Path, builds: Path) -> str | None:
    """The name of the build in ``builds`` that ``link`` points to, if it does."""
    if not link.is_symlink():
        return None
    target = Path(os.readlink(link))
    return target.name if (link.parent / target).parent.resolve() == builds.resolve() else None


def remove_old_builds(builds: Path, keep: str | None) -> list[str]:
    """Remove every build in ``builds`` but ``keep`` (and the lock): builds replaced, failed or
    killed, their work folders, links never switched. Best effort: one that cannot be removed
    is a warning, and the next build tries again."""
    warnings = []
    kept = {LOCK_FILE} if keep is None else {LOCK_FILE, keep, keep + MANIFEST_SUFFIX}
    for entry in sorted(builds.iterdir()):
        if entry.name in kept:
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as error:
            warnings.append(
                _("旧的生成 {folder} 未能删除（{reason}：{file}）；这不影响本次生成，下次生成时会再试。").format(
                    folder=f"{BUILDS_DIR}/{entry.name}", reason=error.strerror or error, file=error.filename
                )
            )
    return warnings


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where not supported."""
    at_cwd, rename_exchange = -100, 2
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), rename_exchange) == 0
    return bool(done)


def switch_site(link: Path, build: Path, builds: Path) -> None:
    """Make ``link`` point to ``build`` in one step. A real folder at ``link`` (a site built
    before ``bulletin build``) is exchanged with the new link and ends up in ``builds``."""
    temporary = builds / f"link-{build.name}"
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    os.symlink(os.path.relpath(build, link.parent), temporary)
    if link.is_symlink() or not link.exists():
        os.replace(temporary, link)  # rename(2): atomic
    elif not _exchange(temporary, link):
        # No exchange (not Linux, or a file system without it): the old folder moves aside
        # first, so ``link`` is missing for a moment, once.
        os.rename(link, builds / f"previous-{build.name}")
        os.replace(temporary, link)


def discard_build(link: Path, build: Path, work: Path, builds: Path) -> None:
    """Remove a build that was not completed (unless it did become the live one)."""
    shutil.rmtree(work, ignore_errors=True)
    if live_build(link, builds) != build.name:
        shutil.rmtree(build, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            (builds / (build.name + MANIFEST_SUFFIX)).unlink()
        with contextlib.suppress(FileNotFoundError):
            (builds / f"link-{build.name}").unlink()


# --- is it the same site? ------------------------------------------------------------------------------


def list_files(folder: Path) -> dict[str, os.stat_result]:
    """Every file and link under ``folder`` by its path in it (POSIX), with its lstat."""
    found = {}
    for where, dirs, names in os.walk(folder):
        for name in [*names, *(d for d in dirs if os.path.islink(os.path.join(where, d)))]:
            path = os.path.join(where, name)
            found[Path(path).relative_to(folder).as_posix()] = os.lstat(path)
    return found


def is_same_file(first: Path, first_stat: os.stat_result, second: Path, second_stat: os.stat_result) -> bool:
    """Whether two files of two builds say the same: the same file (a page taken by a hard link),
    the same bytes, or, for an HTML page, the same but for its readings of the clock."""
    if (first_stat.st_dev, first_stat.st_ino) == (second_stat.st_dev, second_stat.st_ino):
        return True
    if stat.S_IFMT(first_stat.st_mode) != stat.S_IFMT(second_stat.st_mode):
        return False
    if stat.S_ISLNK(first_stat.st_mode):
        return os.readlink(first) == os.readlink(second)
    is_page = first.suffix == ".html"
    if first_stat.st_size != second_stat.st_size and not is_page:
        return False
    old, new = first.read_bytes(), second.read_bytes()
    if old == new:
        return True
    return is_page and CLOCK_READING.sub(b"", old) == CLOCK_READING.sub(b"", new)


def find_first_change(live: Path, new: Path) -> str | None:
    """The first file (by its path in the site) added, removed or changed from the build ``live``
    to the build ``new``; None when they are the same site (readings of the clock aside)."""
    before, after = list_files(live), list_files(new)
    differ = sorted(before.keys() ^ after.keys())
    if differ:
        return differ[0]
    for path in sorted(after):
        if not is_same_file(live / path, before[path], new / path, after[path]):
            return path
    return None


# --- the build -----------------------------------------------------------------------------------------


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise BuildInterrupted(signum)


@contextlib.contextmanager
def interrupts_raised() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP raise BuildInterrupted while the build runs, so it can clean up."""
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in _INTERRUPTS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_mkdocs(root: Path, build: Path, work: Path, lock: int, previous: Path | None = None) -> int:
    """``mkdocs build --strict`` into ``build``; its exit status. MkDocs holds the lock too
    and dies with this process; stopped if this process is interrupted. With ``previous`` (a
    complete build), the pages unchanged since it are taken from it."""
    reuse = ["--dirty"] if previous is not None else []
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *reuse, "--site-dir", str(build)],
        cwd=root,
        # MkDocs speaks the language of this command (``bulletin --lang en build``).
        env={
            **os.environ,
            WORK_VARIABLE: str(work),
            LOCK_FD_VARIABLE: str(lock),
            PREVIOUS_BUILD_VARIABLE: str(previous or ""),
            LANGUAGE_VARIABLE: current_language(),
        },
        pass_fds=(lock,),
        preexec_fn=tie_to_this_process(),  # noqa: PLW1509 - this process runs no threads
    )
    try:
        return child.wait()
    except BaseException:
        child.terminate()  # MkDocs ends; its indexer and Pagefind end with it
        try:
            child.wait(timeout=_STOPPING_GRACE)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise


def build_site(root: Path, site_name: str = "site", *, full: bool = False, if_changed: bool = False) -> BuiltSite:
    """Build the whole site of the archive at ``root`` and switch ``root/site_name`` to it; the
    pages unchanged since the live build are taken from it, unless ``full``. With ``if_changed``,
    a build that is the same site as the live one (find_first_change) is removed, not switched."""
    try:
        return _build_site(root.resolve(), site_name, full, if_changed)
    except OSError as error:  # a folder that cannot be written, a full disk: a message, not a traceback
        where = Path(error.filename or BUILDS_DIR)
        with contextlib.suppress(ValueError):
            where = where.relative_to(root.resolve())
        raise BulletinError(
            [
                Problem(
                    where.as_posix(),
                    0,
                    "build",
                    _(
                        "无法写入（{reason}）；网站 {site}/ 保持原样，没有改动。请检查这个位置是否可写、磁盘是否已满。"
                    ).format(reason=error.strerror or error, site=site_name),
                )
            ]
        ) from None


def _build_site(root: Path, site_name: str, full: bool, if_changed: bool) -> BuiltSite:
    builds = root / BUILDS_DIR
    link = root / site_name
    builds.mkdir(exist_ok=True)
    refuse_linked_builds(builds)
    lock = acquire_build_lock(builds)
    try:
        with interrupts_raised():
            # What killed builds left behind goes first: this build holds the lock.
            live = live_build(link, builds)
            warnings = remove_old_builds(builds, keep=live)
            previous = None if full or live is None else builds / live
            build = builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
            work = builds / f"{build.name}.work"
            try:
                build.mkdir()
                work.mkdir()
                status = run_mkdocs(root, build, work, lock, previous)
                if status != 0:
                    raise BulletinError(
                        [
                            Problem(
                                site_name,
                                0,
                                "build",
                                _(
                                    "生成失败（MkDocs 退出码 {status}），原因见上面的输出；网站 {site}/ 保持原样，没有改动。"
                                ).format(status=status, site=site_name),
                            )
                        ]
                    )
                if if_changed and live is not None and find_first_change(builds / live, build) is None:
                    discard_build(link, build, work, builds)
                    return BuiltSite(link, builds / live, tuple(warnings), switched=False)
                switch_site(link, build, builds)
            except BaseException:
                discard_build(link, build, work, builds)
                raise
            warnings += remove_old_builds(builds, keep=build.name)
        return BuiltSite(link, build, tuple(warnings))
    finally:
        os.close(lock)
