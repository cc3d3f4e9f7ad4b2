"""Writing the editors' files so that nothing is lost: each file whole, all of a command's or none.

A command that writes files (``compose``, ``new``) never writes into the file itself: it
writes a temporary file beside it (same folder, so same file system), flushes it to disk
(``fsync``) and renames it into place (``os.replace``, one atomic step). A command that
writes several files writes every temporary file first and renames only when all are
complete. So:

- an error while writing (a full disk, a file-size limit, no permission) leaves every file
  as it was, removes the temporary files and is reported as a :class:`Problem` in Chinese;
- a kill at any moment leaves each file with its old or its new full text, never a part
  (a temporary file, hidden by its leading dot, may stay behind; the archive ignores it);
- :func:`create_file` never replaces a file that exists: the complete temporary file is
  linked to the new name, which fails if the name is taken.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _
from bulletin.read.textfiles import describe_link, link_target


def explain_os_error(error: OSError) -> str:
    """What went wrong, in an editor's words."""
    if error.errno == errno.EFBIG:
        return _("文件超过了系统允许的文件大小上限（ulimit -f），未能写入")
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("磁盘空间不足（或超出配额），未能写入")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("没有写入权限（或文件系统只读），未能写入")
    return _("未能写入（{reason}）").format(reason=error.strerror or error)


def explain_unwritten(error: OSError, several: bool = False) -> str:
    """What went wrong, and that the files are as they were."""
    if several:
        return _("{reason}；所有文件保持原样，请处理后重试").format(reason=explain_os_error(error))
    return _("{reason}；文件保持原样，请处理后重试").format(reason=explain_os_error(error))


def _temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")


def refuse_linked_folders(root: Path, relative: str) -> None:
    """BulletinError if a folder on the way from ``root`` to ``relative`` is a symbolic link
    or not a folder: a file is never written through a link (a committed ``reports/2026``
    linking out of the repository would put the report outside it)."""
    parts = PurePosixPath(relative).parts[:-1]
    for index in range(len(parts)):
        folder = "/".join(parts[: index + 1])
        try:
            mode = os.lstat(root / folder).st_mode
        except FileNotFoundError:
            return  # made by the command itself, as a real folder
        if stat.S_ISLNK(mode):
            message = describe_link(link_target(root / folder), folder=True)
        elif not stat.S_ISDIR(mode):
            message = _("这里应当是一个文件夹，却不是：请把它移走或改名")
        else:
            continue
        raise BulletinError(
            [Problem(folder, 0, "file", _("{reason}；文件保持原样，请处理后重试").format(reason=message))]
        )


def write_temporary(target: Path, data: bytes) -> Path:
    """A complete copy of ``data`` on disk beside ``target``, with the mode ``target`` has (or
    a new file's); removed again if anything fails."""
    temporary = _temporary_name(target)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            with contextlib.suppress(FileNotFoundError):
                os.fchmod(handle.fileno(), stat.S_IMODE(target.stat().st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every file system can)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def replace_files(root: Path, contents: Mapping[str, bytes]) -> None:
    """Write every file of ``contents`` (paths relative to ``root``), all or none.

    Every temporary file is written first; only when all are complete are they renamed
    into place. Raises BulletinError (a Chinese message) with the files as they were."""
    for relative in contents:
        refuse_linked_folders(root, relative)
    temporaries: dict[str, Path] = {}
    current = ""
    try:
        for relative, data in contents.items():
            current = relative
            temporaries[relative] = write_temporary(root / relative, data)
    except OSError as error:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise BulletinError([Problem(current, 0, "file", explain_unwritten(error, several=True))]) from None
    except BaseException:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise
    originals = {relative: (root / relative).read_bytes() for relative in contents if (root / relative).exists()}
    done: list[str] = []
    try:
        for relative, temporary in temporaries.items():
            os.replace(temporary, root / relative)
            done.append(relative)
    except OSError as error:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        _restore(root, {relative: originals[relative] for relative in done if relative in originals})
        failed = next(relative for relative in temporaries if relative not in done)
        raise BulletinError([Problem(failed, 0, "file", explain_unwritten(error, several=True))]) from None
    for folder in {(root / relative).parent for relative in contents}:
        sync_folder(folder)


def _restore(root: Path, originals: Mapping[str, bytes]) -> None:
    """Put back files already replaced when a later rename failed (rare: renames in one folder)."""
    for relative, data in originals.items():
        with contextlib.suppress(OSError):
            os.replace(write_temporary(root / relative, data), root / relative)


def create_file(root: Path, relative: str, data: bytes) -> None:
    """Create the file ``relative`` with ``data``, complete or not at all; never replace a file
    that exists (BulletinError then, as for any error, and nothing is left behind)."""
    target = root / relative
    refuse_linked_folders(root, relative)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = write_temporary(target, data)
    except OSError as error:
        raise BulletinError([Problem(relative, 0, "file", explain_unwritten(error))]) from None
    try:
        try:
            os.link(temporary, target)  # fails if the name is taken, and the file is complete
        except FileExistsError:
            raise
        except OSError:
            # A file system without hard links: take the name, then rename the whole file onto it.
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666))
            try:
                os.replace(temporary, target)
            except OSError:
                target.unlink(missing_ok=True)
                raise
    except FileExistsError:
        raise BulletinError([Problem(relative, 0, "file", _("这个文件已经存在，不会覆盖；请换一个名称"))]) from None
    except OSError as error:
        raise BulletinError([Problem(relative, 0, "file", explain_unwritten(error))]) from None
    finally:
        temporary.unlink(missing_ok=True)
    sync_folder(target.parent)
