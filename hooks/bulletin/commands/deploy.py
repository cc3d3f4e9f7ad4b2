"""`bulletin deploy` and `bulletin rollback`: publish a built site to the web server's folder, atomically.

The web server serves ``<target>/current``, a symbolic link to one complete copy of the site
in ``<target>/releases/<time>-<label>/``. A deploy:

1. copies the built site (``site/``, itself a link to the last complete build) into
   ``releases/<name>.partial`` beside the live one (a file with the same bytes as in the live
   release is a hard link to it), and renames it ``releases/<name>`` once the copy is complete;
2. switches ``current`` to it in one step, as ``bulletin build`` switches ``site``
   (:func:`bulletin.commands.build.switch_site`: a new link renamed over the old one, so a
   reader gets the old site or the new one, never a missing page);
3. removes the oldest releases, keeping the newest ``keep``, the live one and the one before it.

A deploy that fails (a folder that cannot be written, a full disk) or is killed leaves
``current`` where it was; what it left (``*.partial``) is removed by the next deploy. One
deploy at a time per target (``fcntl.flock`` on ``<target>/.deploy-lock``, without waiting).

With ``--if-changed`` (CI's publish, on a push or on the schedule) a deploy of the very build
that is live already does nothing: every deploy writes which build it copied into which release
(``<target>/.deployed.json``), and while ``current`` is still that release and ``site`` still
that build, there is nothing to publish. (``bulletin build --if-changed`` keeps the live build
when nothing changed, so ``site`` stays the build that was deployed.)

``bulletin rollback`` switches ``current`` back to the release before it, the same way.
"""

from __future__ import annotations

import contextlib
import fcntl
import filecmp
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bulletin.commands.build import switch_site
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _

RELEASES_DIR = "releases"
CURRENT_LINK = "current"
LOCK_FILE = ".deploy-lock"
RECORD_FILE = ".deployed.json"  # the last deploy: {"release": its name, "source": the build it copied}
PARTIAL_SUFFIX = ".partial"
DEFAULT_KEEP = 5
FIRST_RELEASE = "00000000-000000.000000-before-deploy"  # the folder that was live before the first deploy
LABEL_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")
_RELEASE_NAME = re.compile(r"\d{8}-\d{6}\.\d{6}(?:-[0-9A-Za-z][0-9A-Za-z._-]{0,39})?(?:~\d+)?")


@dataclass(frozen=True)
class Deployed:
    """A deploy done: the release now live, the one live before it, and what was cleaned up."""

    release: str
    previous: str | None
    removed: tuple[str, ...]
    warnings: tuple[str, ...]
    published: bool = True  # False: with --if-changed, the live release was this build already


@dataclass(frozen=True)
class RolledBack:
    release: str  # live now
    replaced: str  # live before the rollback


def _problem(path: Path | str, message: str, field: str = "deploy") -> BulletinError:
    return BulletinError([Problem(str(path), 0, field, message)])


# --- the target folder ------------------------------------------------------------------------------


def list_releases(target: Path) -> list[str]:
    """The complete releases in ``target/releases``, oldest first (their names start with the time)."""
    folder = target / RELEASES_DIR
    if not folder.is_dir():
        return []
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if _RELEASE_NAME.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink()
    )


def live_release(target: Path) -> str | None:
    """The release ``target/current`` points to, if it points to one."""
    link = target / CURRENT_LINK
    if not link.is_symlink():
        return None
    pointed = Path(os.readlink(link))
    if (link.parent / pointed).parent.resolve() != (target / RELEASES_DIR).resolve():
        return None
    return pointed.name if _RELEASE_NAME.fullmatch(pointed.name) else None


@contextlib.contextmanager
def deploy_lock(target: Path) -> Iterator[None]:
    """One deploy or rollback at a time per target; a second one is refused at once."""
    try:
        lock = os.open(target / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise _problem(
            target / LOCK_FILE,
            _("无法打开发布锁（{reason}）；线上网站保持原样，没有改动。").format(reason=error.strerror or error),
        ) from None
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _problem(
                target,
                _("另一次发布或回退正在进行；本次没有进行，线上网站没有改动。请等它结束后再试。"),
            ) from None
        yield
    finally:
        os.close(lock)


def name_release(target: Path, label: str) -> str:
    """``<YYYYmmdd-HHMMSS.micro>-<label>``: the names sort as the deploys were made (a rollback
    goes to the one before); made unique with ``~2``, ``~3`` … should two share a stamp."""
    now = time.time()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f".{int(now % 1 * 1_000_000):06d}"
    base = stamp + (f"-{label}" if label else "")
    name, count = base, 1
    while (target / RELEASES_DIR / name).exists() or (target / RELEASES_DIR / f"{name}{PARTIAL_SUFFIX}").exists():
        count += 1
        name = f"{base}~{count}"
    return name


def remove_leftovers(target: Path) -> list[str]:
    """What killed deploys left: half-copied releases and links never switched."""
    warnings = []
    for entry in sorted((target / RELEASES_DIR).iterdir()):
        if entry.name.endswith(PARTIAL_SUFFIX) or entry.name.startswith("link-"):
            warnings += _remove(entry)
    return warnings


def _remove(entry: Path) -> list[str]:
    try:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    except OSError as error:
        return [
            _("旧的发布 {folder} 未能删除（{reason}）；这不影响线上网站，下次发布时会再试。").format(
                folder=entry, reason=error.strerror or error
            )
        ]
    return []


def prune_releases(target: Path, keep: int) -> tuple[list[str], list[str]]:
    """Remove all but the newest ``keep`` releases; the live one and the one before it always stay
    (so a rollback always has somewhere to go). The names removed, and warnings."""
    releases = list_releases(target)
    live = live_release(target)
    kept = set(releases[-keep:])
    if live in releases:
        kept |= {live, *releases[max(0, releases.index(live) - 1) : releases.index(live)]}
    removed, warnings = [], []
    for name in releases:
        if name not in kept:
            problems = _remove(target / RELEASES_DIR / name)
            warnings += problems
            if not problems:
                removed.append(name)
    return removed, warnings


def copy_or_link(previous: Path | None, partial: Path) -> Callable[[str, str], object]:
    """How each file of a new release is made: a hard link to the same file of the live release
    when its bytes are the same (most of a site is, from one build to the next), else a copy.
    So a release costs the disk only what changed, as ``rsync --link-dest`` would."""

    def copy(source: str, destination: str) -> object:
        if previous is not None:
            same = previous / Path(destination).relative_to(partial)
            with contextlib.suppress(OSError):
                if (
                    same.is_file()
                    and not same.is_symlink()
                    and same.stat().st_size == os.stat(source).st_size
                    and filecmp.cmp(source, same, shallow=False)
                ):
                    os.link(same, destination)
                    return destination
        return shutil.copy2(source, destination)

    return copy


def keep_folder_replaced(releases: Path, name: str) -> None:
    """A plain folder that was at ``current`` (a site put there by hand) is exchanged with the
    new link and lands at ``releases/link-<name>``: it becomes the oldest release, so that a
    rollback can return to it."""
    moved = releases / f"link-{name}"
    if moved.is_dir() and not moved.is_symlink():
        os.rename(moved, releases / FIRST_RELEASE)


def read_record(target: Path) -> dict[str, str]:
    """The last deploy's record (empty when missing or damaged: the next deploy is then made)."""
    try:
        record = json.loads((target / RECORD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict):
        return {}
    return {k: v for k, v in record.items() if isinstance(k, str) and isinstance(v, str)}


def write_record(target: Path, release: str, source: Path) -> None:
    temporary = target / f"{RECORD_FILE}.tmp"
    temporary.write_text(json.dumps({"release": release, "source": str(source)}, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target / RECORD_FILE)


def is_deployed(target: Path, source: Path) -> bool:
    """Whether ``target/current`` is the release the last deploy made from the build ``source``."""
    record = read_record(target)
    live = live_release(target)
    return live is not None and record.get("release") == live and record.get("source") == str(source)


# --- deploy and rollback --------------------------------------------------------------------------


def check_built_site(site: Path) -> Path:
    """The folder of a complete built site at ``site`` (following the ``site`` link), or a BulletinError."""
    folder = site.resolve()
    if not (folder / "index.html").is_file():
        raise _problem(
            site,
            _("这里没有生成好的网站（缺少 index.html）：请先运行 make site；线上网站保持原样，没有改动。"),
        )
    return folder


def deploy_site(
    site: Path, target: Path, keep: int = DEFAULT_KEEP, label: str = "", *, if_changed: bool = False
) -> Deployed:
    """Copy the built site at ``site`` into a new release of ``target`` and switch ``target/current``
    to it; with ``if_changed``, nothing when the live release is this build already."""
    if label and not LABEL_PATTERN.fullmatch(label):
        raise _problem(
            label, _("标签只能用英文字母、数字、点、横线和下划线，最长 40 个字符（如提交号 1a2b3c4d）。"), "label"
        )
    source = check_built_site(site)
    try:
        target.mkdir(parents=True, exist_ok=True)
        with deploy_lock(target):
            releases = target / RELEASES_DIR
            releases.mkdir(exist_ok=True)
            warnings = remove_leftovers(target)
            previous = live_release(target)
            if if_changed and previous is not None and is_deployed(target, source):
                return Deployed(previous, previous, (), tuple(warnings), published=False)
            previous_folder = releases / previous if previous else None
            name = name_release(target, label)
            partial = releases / f"{name}{PARTIAL_SUFFIX}"
            try:
                shutil.copytree(source, partial, symlinks=True, copy_function=copy_or_link(previous_folder, partial))
                os.rename(partial, releases / name)
            except BaseException:
                shutil.rmtree(partial, ignore_errors=True)
                raise
            switch_site(target / CURRENT_LINK, releases / name, releases)
            write_record(target, name, source)
            keep_folder_replaced(releases, name)
            removed, more = prune_releases(target, keep)
            return Deployed(name, previous, tuple(removed), tuple(warnings + more))
    except shutil.Error as error:  # copytree collects the files it could not copy
        first = error.args[0][0] if error.args and error.args[0] else ("", "", str(error))
        raise _problem(
            first[1] or target,
            _("复制失败（{reason}）；线上网站保持原样，没有改动。请检查这个位置是否可写、磁盘是否已满。").format(
                reason=first[2]
            ),
        ) from None
    except OSError as error:
        raise _problem(
            error.filename or target,
            _("无法写入（{reason}）；线上网站保持原样，没有改动。请检查这个位置是否可写、磁盘是否已满。").format(
                reason=error.strerror or error
            ),
        ) from None


def roll_back(target: Path) -> RolledBack:
    """Switch ``target/current`` to the release before the live one."""
    try:
        with deploy_lock(target):
            releases = list_releases(target)
            live = live_release(target)
            if live is None or live not in releases:
                raise _problem(
                    target / CURRENT_LINK,
                    _("这里没有由 bulletin deploy 发布的线上网站（current 不指向 releases/ 里的一次发布），无法回退。"),
                    "rollback",
                )
            position = releases.index(live)
            if position == 0:
                raise _problem(
                    target / RELEASES_DIR,
                    _("线上的 {release} 已是保留的最早一次发布，没有更早的可以回退；线上网站没有改动。").format(
                        release=live
                    ),
                    "rollback",
                )
            earlier = releases[position - 1]
            switch_site(target / CURRENT_LINK, target / RELEASES_DIR / earlier, target / RELEASES_DIR)
            return RolledBack(earlier, live)
    except OSError as error:
        raise _problem(
            error.filename or target,
            _("无法写入（{reason}）；线上网站保持原样，没有改动。").format(reason=error.strerror or error),
            "rollback",
        ) from None
