"""Child processes that die with the process that started them.

A build runs in a chain of processes: ``bulletin build`` → MkDocs → the search indexer →
Pagefind. When one of them is killed, even by SIGKILL, which no handler sees, the ones it
started must not run on (Pagefind used to index for minutes at 781 MB after its indexer was
killed, and an orphaned build wrote its index into the next build's site). On Linux each
child asks the kernel, before it runs anything, to be killed when its parent ends
(``prctl(PR_SET_PDEATHSIG)``; the request survives ``exec``); if the parent has already gone
by then, the child ends at once. Elsewhere the build's lock (:mod:`bulletin.commands.build`)
still keeps a second build out while an orphan runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bulletin.environment import LOCK_FD_VARIABLE
from bulletin.errors import BulletinError, Problem

_PR_SET_PDEATHSIG = 1


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - every Linux C library has prctl
        return None


_PRCTL = _load_prctl()  # loaded in the parent: nothing is loaded between fork and exec


def die_with_parent(parent_pid: int, signum: int = signal.SIGKILL) -> None:
    """In a child just started by ``parent_pid``: be sent ``signum`` when the parent ends,
    and end now if it has ended already."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


def tie_to_this_process() -> Callable[[], None]:
    """A ``preexec_fn`` for :class:`subprocess.Popen`: the program dies with this process."""
    parent = os.getpid()
    return lambda: die_with_parent(parent)


def is_running(pid: int) -> bool:
    """Whether a process with this id exists (of any user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_lock_fds() -> tuple[int, ...]:
    """The build lock's descriptor, if this process was started by ``bulletin build`` (for
    ``pass_fds``: a program started here holds the lock too, until it ends)."""
    value = os.environ.get(LOCK_FD_VARIABLE, "")
    if not value.isdigit():
        return ()
    try:
        os.fstat(int(value))
    except OSError:
        return ()
    return (int(value),)


def remove_stale_work(folder: Path, prefix: str) -> None:
    """Remove the work folders ``<prefix><pid>-…`` in ``folder`` of builds whose process has
    ended (killed ones leave theirs behind). Best effort: what cannot be removed now is tried
    again next time."""
    for work in folder.glob(f"{prefix}*-*"):
        pid = work.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not is_running(int(pid)) and work.is_dir() and not work.is_symlink():
            shutil.rmtree(work, ignore_errors=True)


class BackgroundJob:
    """A part of the build (the search index, the issues' documents) done in a process of its
    own, forked with the archive already loaded, while MkDocs renders the pages.

    The process runs ``job(work)`` in a work folder of its own, in its own process group (what
    it starts goes with it when the build is abandoned), and dies with the build however the
    build ends. It writes what ``job`` returned, or the problems that stopped it, as
    ``outcome.json`` in one step; :meth:`wait` reads it, :meth:`abandon` stops everything. The
    work folder carries the building process's id, so a later build removes a killed build's.
    """

    def __init__(
        self,
        job: Callable[[Path], dict[str, Any]],
        *,
        name: str,
        prefix: str,
        work_root: Path | None,
        failed: str,
        stopped: str,
        daemon: bool = True,
    ) -> None:
        """``failed``: the message of an unexpected error, with {error}; ``stopped``: of a
        process that ended without an outcome, with {status}; ``name`` is the problems' path and
        field. A process that starts a pool of its own cannot be a ``daemon``."""
        root = work_root or Path(tempfile.gettempdir())
        root.mkdir(parents=True, exist_ok=True)
        remove_stale_work(root, prefix)
        self.name = name
        self.stopped = stopped
        self.work = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=root))
        context = multiprocessing.get_context("fork")
        self.process = context.Process(
            target=_run_job, args=(job, self.work, name, failed, os.getpid()), name=name, daemon=daemon
        )
        self.process.start()

    def wait(self) -> dict[str, Any]:
        """What the job returned; its problems raised as a :class:`BulletinError`. The work
        folder stays until :meth:`remove_work` (the caller moves results out of it first)."""
        self.process.join()
        outcome_file = self.work / "outcome.json"
        if not outcome_file.is_file():
            message = self.stopped.format(status=self.process.exitcode)
            raise BulletinError([Problem(self.name, 0, self.name, message)])
        outcome: dict[str, Any] = json.loads(outcome_file.read_text(encoding="utf-8"))
        if "problems" in outcome:
            raise BulletinError([Problem(*p) for p in outcome["problems"]])
        return outcome

    def remove_work(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def abandon(self) -> None:
        """The build failed: stop at once and leave nothing behind."""
        if self.process.is_alive() and self.process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
        self.process.join()
        self.remove_work()


def _run_job(job: Callable[[Path], dict[str, Any]], work: Path, name: str, failed: str, parent: int) -> None:
    os.setpgrp()  # what the job starts goes with this process if the build is abandoned
    die_with_parent(parent)  # and this process with the build, however the build ends
    outcome: dict[str, Any]
    try:
        outcome = job(work)
    except BulletinError as error:
        outcome = {"problems": [[p.path, p.line, p.field, p.message] for p in error.problems]}
    except BaseException as error:  # noqa: BLE001 - reported by the parent
        outcome = {"problems": [[name, 0, name, failed.format(error=f"{type(error).__name__}: {error}")]]}
    temporary = work / "outcome.json.tmp"
    temporary.write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, work / "outcome.json")
