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

import ctypes
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1
LOCK_FD_VARIABLE = "BULLETIN_BUILD_LOCK_FD"  # the build lock's descriptor, held by every process of a build


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
