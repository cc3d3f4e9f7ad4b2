"""`bulletin build` (what `make site` runs) as processes: builds that cannot collide or half-finish
(issue 16).

Real processes throughout: two builds at once, a build killed (SIGKILL) or stopped (SIGTERM,
SIGINT) while Pagefind runs and rebuilt at once, a reader opening site/index.html while
builds switch the site, and an old build that cannot be removed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import BUILD_EPOCH, copy_fixture

from bulletin.commands.build import BUILDS_DIR, LOCK_FILE, acquire_build_lock

pytestmark = pytest.mark.build

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
REFUSED = "另一次网站生成正在进行"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "示例市")


def environment(root: Path, documents: bool) -> dict[str, str]:
    """The build's environment, with an empty search index cache of its own (Pagefind runs);
    each issue's PDF and Word file made only with ``documents``."""
    cache = root.parent / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "BULLETIN_CACHE_DIR": str(cache),
        "BULLETIN_DOCUMENTS": "1" if documents else "0",
    }


def start_build(root: Path, documents: bool = True) -> subprocess.Popen[str]:
    """A build that is started to be stopped or to meet another: with all its processes (the
    search index's and the documents')."""
    return subprocess.Popen(
        [BULLETIN, "--root", str(root), "build"],
        env=environment(root, documents),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def build(root: Path) -> subprocess.CompletedProcess[str]:
    """A build run to its end, without PDF and Word files (no test here looks at them)."""
    return subprocess.run(
        [BULLETIN, "--root", str(root), "build"],
        env=environment(root, documents=False),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def processes_of(folder: Path) -> dict[int, str]:
    """The running processes whose command line names ``folder`` (MkDocs, the indexer, Pagefind)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(folder) in command:
                found[int(entry.name)] = command
    return found


def wait_for_pagefind(root: Path, build: subprocess.Popen[str]) -> int | None:
    """Pagefind's process id as soon as it indexes this build's records, frozen (SIGSTOP) so it is
    certainly still there when the build is stopped; None if the build ended first."""
    while build.poll() is None:
        for pid, command in processes_of(root).items():
            if "pagefind" in command and "--output-path" in command:
                try:
                    os.kill(pid, signal.SIGSTOP)
                except ProcessLookupError:
                    continue  # it finished between the listing and the signal: wait for the next part's
                return pid
        time.sleep(0.002)
    return None


def stop_while_indexing(root: Path, signum: int) -> tuple[subprocess.CompletedProcess[str], int]:
    """A build stopped with ``signum`` while Pagefind runs (tried again should Pagefind be too quick)."""
    for _ in range(5):
        running = start_build(root)
        pagefind = wait_for_pagefind(root, running)
        if pagefind is not None:
            running.send_signal(signum)
            stdout, stderr = running.communicate(timeout=60)
            return subprocess.CompletedProcess(running.args, running.returncode, stdout, stderr), pagefind
        running.communicate()
    pytest.fail("Pagefind was never seen running")


def gone_within(seconds: float, check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def has_ended(pid: int) -> bool:
    """The process is gone (or a zombie waiting to be reaped: it runs no more)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def assert_complete_site(root: Path) -> None:
    site = root / "site"
    assert site.is_symlink()
    assert "<title>测试市委办公室信息刊物</title>" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "jrxx/2026/001/index.html").is_file()
    assert (site / "search/index.html").is_file()
    parts = [p.name for p in (site / "pagefind").iterdir() if p.is_dir()]
    assert parts == ["2026"], parts
    assert (site / "pagefind/2026/pagefind.js").is_file()
    assert not any(p.is_dir() for p in (site / "pagefind/2026").iterdir() if p.name.isdigit()), "nested index"


def assert_nothing_left(root: Path) -> None:
    """Only the lock, the live build and its page manifest (bulletin.pages.reuse) in .site-builds;
    no build process left running."""
    live = os.readlink(root / "site").split("/")[-1] if (root / "site").is_symlink() else None
    kept = (LOCK_FILE, live, f"{live}.manifest.json") if live else (LOCK_FILE,)
    assert sorted(os.listdir(root / BUILDS_DIR)) == sorted(kept)
    assert gone_within(5, lambda: not processes_of(root)), processes_of(root)


def test_two_builds_at_once_one_builds_and_the_other_is_refused(root):
    first, second = start_build(root), start_build(root)
    outcomes = [(p.wait(timeout=120), *p.communicate()) for p in (first, second)]
    built = [o for o in outcomes if o[0] == 0]
    refused = [o for o in outcomes if o[0] != 0]
    assert len(built) == 1 and len(refused) == 1, outcomes
    assert built[0][1].strip().endswith("网站已生成：site/index.html")
    assert REFUSED in refused[0][2] and "没有改动任何文件" in refused[0][2]
    assert "网站已生成" not in refused[0][1]
    assert_complete_site(root)
    assert_nothing_left(root)


def test_a_build_refused_by_the_lock_names_the_holder_and_touches_nothing(root):
    assert build(root).returncode == 0
    live = os.readlink(root / "site")
    lock = acquire_build_lock(root / BUILDS_DIR)  # this test process holds it, as a running build would
    try:
        # Refused at once: a build that waited for the holder would never end while this process
        # holds the lock (build() gives up after its timeout and fails the test).
        refused = build(root)
    finally:
        os.close(lock)
    assert refused.returncode == 1
    assert f"{REFUSED}（进程 {os.getpid()}，开始于 " in refused.stderr
    assert os.readlink(root / "site") == live
    assert sorted(os.listdir(root / BUILDS_DIR)) == sorted(
        [LOCK_FILE, live.split("/")[-1], live.split("/")[-1] + ".manifest.json"]
    )


def test_a_killed_build_leaves_no_process_or_folder_and_an_immediate_rebuild_is_complete(root):
    killed, pagefind = stop_while_indexing(root, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    assert not (root / "site").exists()  # killed before it was switched
    rebuilt = build(root)  # at once: waits only for the killed build's last processes to end
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert gone_within(5, lambda: has_ended(pagefind))
    assert_complete_site(root)
    assert_nothing_left(root)


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def test_killing_the_indexer_ends_pagefind_and_fails_the_build_cleanly(root):
    assert build(root).returncode == 0
    live = os.readlink(root / "site")
    for _ in range(5):
        running = start_build(root)
        pagefind = wait_for_pagefind(root, running)
        if pagefind is not None:
            break
        running.communicate()
    else:
        pytest.fail("Pagefind was never seen running")
    os.kill(parent_of(pagefind), signal.SIGKILL)  # the indexer
    assert gone_within(5, lambda: has_ended(pagefind))  # Pagefind does not index on for minutes
    _, stderr = running.communicate(timeout=60)
    assert running.returncode == 1
    assert "生成失败" in stderr and "保持原样" in stderr
    assert os.readlink(root / "site") == live
    assert_nothing_left(root)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_build_stops_its_processes_and_removes_its_folders(root, signum):
    assert build(root).returncode == 0
    live = os.readlink(root / "site")
    stopped, pagefind = stop_while_indexing(root, signum)
    assert stopped.returncode == 128 + signum
    assert "生成被中断" in stopped.stderr and "网站保持原样" in stopped.stderr
    assert os.readlink(root / "site") == live  # the live site is as it was
    assert gone_within(5, lambda: not processes_of(root)), processes_of(root)
    assert_nothing_left(root)
    assert gone_within(5, lambda: has_ended(pagefind))
    rebuilt = build(root)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert_complete_site(root)


def test_a_reader_never_meets_a_missing_index_while_builds_switch_the_site(root):
    # An existing real site/ folder (as the old `make site` left it) is switched too.
    (root / "site").mkdir()
    (root / "site/index.html").write_text("旧网站", encoding="utf-8")
    misses, seen, stop = [], set(), threading.Event()

    def read_continuously() -> None:
        while not stop.is_set():
            try:
                seen.add((root / "site/index.html").read_text(encoding="utf-8")[:200])
            except OSError as error:
                misses.append(error)

    reader = threading.Thread(target=read_continuously)
    reader.start()
    try:
        results = [build(root), build(root)]
    finally:
        stop.set()
        reader.join()
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert misses == []
    assert "旧网站" in seen and len(seen) >= 2  # the reader saw the old site, then the new one
    assert_complete_site(root)
    assert_nothing_left(root)


@pytest.fixture
def undeletable() -> Iterator[Callable[[Path], None]]:
    """Makes a file impossible to remove, even for root (chattr +i), or for others (a read-only folder)."""
    undo: list[Callable[[], None]] = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], check=False).returncode:
                pytest.skip("chattr +i is not available here: root can remove any file")
            undo.append(lambda: subprocess.run(["chattr", "-i", str(path)], check=False))
        else:
            path.parent.chmod(0o555)
            undo.append(lambda: path.parent.chmod(0o755))

    yield make
    for step in undo:
        step()


def test_an_old_build_that_cannot_be_removed_does_not_fail_or_block_the_next_builds(root, undeletable):
    assert build(root).returncode == 0
    old = root / os.readlink(root / "site")
    undeletable(old / "index.html")
    rebuilt = build(root)  # with the old build still there: the lock and the switch do not care
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.strip().endswith("网站已生成：site/index.html")
    assert f"警告：旧的生成 {BUILDS_DIR}/{old.name} 未能删除" in rebuilt.stderr
    assert "下次生成时会再试" in rebuilt.stderr
    assert_complete_site(root)
    assert (root / os.readlink(root / "site")) != old


def test_a_build_that_cannot_write_its_folder_says_so_without_a_traceback(root):
    (root / BUILDS_DIR).write_text("不是目录", encoding="utf-8")  # where the builds should go
    refused = build(root)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"{BUILDS_DIR}: build: 无法写入（")
    assert "Traceback" not in refused.stderr
    assert not (root / "site").exists()


def test_a_plain_mkdocs_build_does_not_write_through_the_live_site_link(root):
    """`site` is the link `bulletin build` switches: a plain `mkdocs build` into it would clean and
    rewrite the live site in place (a reader would meet missing pages); it is refused instead."""
    assert build(root).returncode == 0
    before = (root / "site/index.html").read_bytes()
    environment_without_work = {k: v for k, v in environment(root, False).items() if k != "BULLETIN_WORK_DIR"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        env=environment_without_work,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "请运行 make site" in result.stderr
    assert (root / "site/index.html").read_bytes() == before
    assert_complete_site(root)
