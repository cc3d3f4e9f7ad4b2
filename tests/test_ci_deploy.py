"""`bulletin deploy` and `bulletin rollback` as the web server's folder sees them: the live site
switches in one step, a failed or killed copy leaves it as it was, a rollback returns to the
build before. Real processes of the `bulletin` command; the sites are folders of files."""

from __future__ import annotations

import fcntl
import os
import random
import resource
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from helpers import BULLETIN, run_bulletin_process, without_locale


def make_site(root: Path, marker: str, files: int = 3, size: int = 100) -> Path:
    """A built site in ``root/site``: every page says which build it is, and index.html last."""
    site = root / "site"
    site.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        page = site / "reports" / f"{n:05d}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<p>{marker}</p>" + "字" * size, encoding="utf-8")
    (site / "index.html").write_text(f"<h1>今日信息</h1><p>{marker}</p>", encoding="utf-8")
    return site


def deploy(root: Path, web: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_bulletin_process("--root", str(root), "deploy", "--to", str(web), *args)


def live_marker(web: Path) -> str:
    return (web / "current" / "index.html").read_text(encoding="utf-8").split("<p>")[1].split("</p>")[0]


def releases(web: Path) -> list[str]:
    return sorted(p.name for p in (web / "releases").iterdir())


def test_deploy_switches_the_live_site_and_keeps_the_last_releases(tmp_path):
    web = tmp_path / "srv" / "bulletin"
    for n in range(7):
        make_site(tmp_path, f"第{n}次生成")
        done = deploy(tmp_path, web, "--keep", "3", "--label", f"c0mmit{n}")
        assert done.returncode == 0, done.stderr
        assert live_marker(web) == f"第{n}次生成"
        assert "已发布" in done.stdout
    assert os.readlink(web / "current").startswith("releases/")  # relative: the folder can be moved
    kept = releases(web)
    assert [name.split("-")[-1] for name in kept] == ["c0mmit4", "c0mmit5", "c0mmit6"]
    assert "已删除较早的发布" in done.stderr


def test_a_reader_never_meets_a_missing_or_half_copied_page(tmp_path):
    web = tmp_path / "web"
    make_site(tmp_path, "第0次生成", files=200)
    assert deploy(tmp_path, web).returncode == 0
    seen: set[str] = set()
    failures: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                page = (web / "current" / "reports" / "00199" / "index.html").read_text(encoding="utf-8")
                seen.add(live_marker(web))
                if not page.startswith("<p>第"):
                    failures.append(page[:20])
            except OSError as error:
                failures.append(str(error))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 6):
            make_site(tmp_path, f"第{n}次生成", files=200)
            assert deploy(tmp_path, web).returncode == 0
    finally:
        stop.set()
        reader.join()
    assert failures == []
    assert len(seen) >= 2


def test_rollback_returns_to_the_build_before_then_the_one_before_that(tmp_path):
    web = tmp_path / "web"
    for n in range(3):
        make_site(tmp_path, f"第{n}次生成")
        assert deploy(tmp_path, web).returncode == 0
    back = run_bulletin_process("rollback", "--to", str(web))
    assert back.returncode == 0, back.stderr
    assert live_marker(web) == "第1次生成"
    assert "已回退" in back.stdout
    assert run_bulletin_process("rollback", "--to", str(web)).returncode == 0
    assert live_marker(web) == "第0次生成"
    oldest = run_bulletin_process("rollback", "--to", str(web))
    assert oldest.returncode == 1
    assert "没有更早的可以回退" in oldest.stdout and "Traceback" not in oldest.stdout + oldest.stderr
    assert live_marker(web) == "第0次生成"
    # the next deploy goes live again, and the releases a rollback may need are kept
    make_site(tmp_path, "第3次生成")
    assert deploy(tmp_path, web, "--keep", "2").returncode == 0
    assert live_marker(web) == "第3次生成"


def test_rollback_where_nothing_was_deployed_is_a_message(tmp_path):
    (tmp_path / "web").mkdir()
    done = run_bulletin_process("rollback", "--to", str(tmp_path / "web"))
    assert done.returncode == 1
    assert "无法回退" in done.stdout and "Traceback" not in done.stderr


def test_a_copy_that_fails_leaves_the_live_site_as_it_was(tmp_path):
    web = tmp_path / "web"
    make_site(tmp_path, "线上的生成")
    assert deploy(tmp_path, web).returncode == 0
    before = releases(web)
    make_site(tmp_path, "太大的生成", files=5, size=400_000)  # pages of 1.2 MB, over the limit below

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))

    failed = subprocess.run(
        [BULLETIN, "--root", str(tmp_path), "deploy", "--to", str(web)],
        env=without_locale(),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=small_files,
        check=False,
    )
    assert failed.returncode == 1
    assert "线上网站保持原样" in failed.stdout and "Traceback" not in failed.stdout + failed.stderr
    assert live_marker(web) == "线上的生成"
    assert releases(web) == before  # no half-copied release left


def test_a_killed_deploy_leaves_the_live_site_whole_and_the_next_one_cleans_up(tmp_path):
    web = tmp_path / "web"
    make_site(tmp_path, "线上的生成", files=50)
    assert deploy(tmp_path, web).returncode == 0
    make_site(tmp_path, "新的生成", files=3000, size=1000)
    rng = random.Random(15)
    interrupted = 0
    for _attempt in range(5):
        child = subprocess.Popen(
            [BULLETIN, "--root", str(tmp_path), "deploy", "--to", str(web)],
            env=without_locale(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if _attempt % 2 == 0:
            # in the middle of a copy for certain: once this deploy's half-copied folder is there
            # (the command's start-up time varies too much with the machine's load to guess it)
            before = set(releases(web))
            deadline = time.monotonic() + 60
            while child.poll() is None and time.monotonic() < deadline:
                if any(n.endswith(".partial") and n not in before for n in releases(web)):
                    break
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.05))
        else:
            time.sleep(rng.uniform(0.2, 1.2))  # at any moment
        child.send_signal(signal.SIGKILL)
        child.wait()
        interrupted += any(name.endswith(".partial") for name in releases(web))
        # whichever moment it died at, the live site is one complete build
        marker = live_marker(web)
        assert marker in ("线上的生成", "新的生成")
        if marker == "新的生成":
            assert len(list((web / "current" / "reports").iterdir())) == 3000
    assert interrupted  # some kills did land in the middle of a copy
    done = deploy(tmp_path, web, "--keep", "2")
    assert done.returncode == 0, done.stderr
    assert live_marker(web) == "新的生成"
    assert not [name for name in releases(web) if name.endswith(".partial") or name.startswith("link-")]


def test_one_deploy_at_a_time(tmp_path):
    web = tmp_path / "web"
    make_site(tmp_path, "线上的生成")
    assert deploy(tmp_path, web).returncode == 0
    lock = os.open(web / ".deploy-lock", os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        make_site(tmp_path, "第二次")
        second = deploy(tmp_path, web)
        back = run_bulletin_process("rollback", "--to", str(web))
    finally:
        os.close(lock)
    assert second.returncode == back.returncode == 1
    assert "另一次发布或回退正在进行" in second.stdout + back.stdout
    assert live_marker(web) == "线上的生成"


def test_nothing_to_deploy_or_a_bad_label_writes_nothing(tmp_path):
    web = tmp_path / "web"
    missing = deploy(tmp_path, web)
    assert missing.returncode == 1 and "请先运行 make site" in missing.stdout
    make_site(tmp_path, "生成")
    label = deploy(tmp_path, web, "--label", "../../etc")
    assert label.returncode == 1 and "标签只能用" in label.stdout
    assert not web.exists()
    target_is_a_file = tmp_path / "file"
    target_is_a_file.write_text("x", encoding="utf-8")
    refused = deploy(tmp_path, target_is_a_file)
    assert refused.returncode != 0 and "Traceback" not in refused.stdout + refused.stderr


def test_a_web_folder_that_was_a_plain_folder_is_switched_too(tmp_path):
    web = tmp_path / "web"
    (web / "current").mkdir(parents=True)
    (web / "current" / "index.html").write_text("<p>手工放上去的旧网站</p>", encoding="utf-8")
    make_site(tmp_path, "第一次发布")
    done = deploy(tmp_path, web)
    assert done.returncode == 0, done.stderr
    assert (web / "current").is_symlink() and live_marker(web) == "第一次发布"
    # the old folder is kept as the release before: a rollback returns to it
    back = run_bulletin_process("rollback", "--to", str(web))
    assert back.returncode == 0, back.stdout
    assert live_marker(web) == "手工放上去的旧网站"


def test_a_release_costs_the_disk_only_what_changed(tmp_path):
    web = tmp_path / "web"
    make_site(tmp_path, "第一次", files=20)
    assert deploy(tmp_path, web).returncode == 0
    first = web / "releases" / releases(web)[0]
    (tmp_path / "site" / "reports" / "00003" / "index.html").write_text("<p>改过的一页</p>", encoding="utf-8")
    assert deploy(tmp_path, web).returncode == 0
    second = web / "releases" / releases(web)[1]
    same = "reports/00007/index.html"
    assert (first / same).stat().st_ino == (second / same).stat().st_ino  # one file on the disk
    changed = "reports/00003/index.html"
    assert (second / changed).read_text(encoding="utf-8") == "<p>改过的一页</p>"
    assert (first / changed).read_text(encoding="utf-8").startswith("<p>第一次</p>")  # the old release unchanged
    assert (first / "index.html").stat().st_ino == (second / "index.html").stat().st_ino


def test_deploying_the_live_build_again_does_nothing_if_asked(tmp_path):
    web = tmp_path / "web"
    root = tmp_path / "checkout"
    builds = root / ".site-builds"
    for name in ("20261130-120000-1", "20261130-121000-2"):  # `site` links to a build, as `bulletin build` makes it
        shutil.copytree(make_site(tmp_path / name, name), builds / name)
    (root / "site").symlink_to(".site-builds/20261130-120000-1")
    assert deploy(root, web, "--if-changed").returncode == 0  # nothing live yet: deployed
    first = releases(web)
    again = deploy(root, web, "--if-changed")
    assert again.returncode == 0 and "线上网站没有变化，未发布" in again.stdout and releases(web) == first
    # a new build: deployed; a rollback to the release before it: the same build deployed once more
    (root / "site").unlink()
    (root / "site").symlink_to(".site-builds/20261130-121000-2")
    assert "已发布" in deploy(root, web, "--if-changed").stdout and live_marker(web) == "20261130-121000-2"
    assert run_bulletin_process("rollback", "--to", str(web)).returncode == 0
    back = deploy(root, web, "--if-changed")
    assert "已发布" in back.stdout and live_marker(web) == "20261130-121000-2" and len(releases(web)) == 3
    # a damaged record is no record: the deploy is made
    (web / ".deployed.json").write_text("{", encoding="utf-8")
    assert "已发布" in deploy(root, web, "--if-changed").stdout
