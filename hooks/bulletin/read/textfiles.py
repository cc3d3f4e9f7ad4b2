"""Reading the repository's files: UTF-8 text of a regular file, or a problem saying why not.

Every file of the archive is read here, and only regular files committed as themselves are
read. A pull request is untrusted: a committed symbolic link could publish any file of the
build machine (``/etc/…``), ``/dev/zero`` or a named pipe could make the build read forever,
and a folder or a link loop where a file is expected used to end in a traceback. So no
path is ever followed: each folder on the way from the repository root and the file itself
are opened with ``O_NOFOLLOW`` (relative to the folder before, so nothing can be swapped in
between), the open file is checked with ``fstat`` to be a regular file, and at most
``limit`` + 1 bytes are read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection
from pathlib import Path, PurePosixPath

from bulletin import limits
from bulletin.errors import Problems

# Generous for the registries and settings (the sample's largest is a few KB); readers of
# larger or smaller files pass their own limit.
DEFAULT_LIMIT = limits.MAX_YAML_BYTES

_SYMLINK_ADVICE = "发布系统不跟随链接。请删除这个链接，把{expected}本身提交到仓库里"


class IrregularFile(Exception):
    """A path that is not a regular file reached without links; ``args[0]`` says what it is."""


def link_target(path: str | Path, dir_fd: int | None = None) -> str:
    """Where a symbolic link points, shortened for a message."""
    try:
        target = os.readlink(path, dir_fd=dir_fd)
    except OSError:
        return "?"
    return target if len(target) <= 120 else target[:120] + "…"


def describe_link(target: str, expected: str = "文件") -> str:
    """The message for a symbolic link where a file or folder (``expected``) should be."""
    return f"这是一个符号链接（指向 {target}），不是{expected}本身；" + _SYMLINK_ADVICE.format(expected=expected)


def describe_irregular(mode: int, target: str = "?") -> str | None:
    """What is wrong with a path of ``mode`` (from lstat; ``target`` when it is a link) where a
    regular file is expected; None when it is a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return describe_link(target)
    if stat.S_ISDIR(mode):
        return "这里应当是一个文件，却是一个文件夹：请把文件夹移走或改名，提交文件本身"
    if stat.S_ISFIFO(mode):
        kind = "命名管道（FIFO）"
    elif stat.S_ISSOCK(mode):
        kind = "套接字"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "设备文件"
    else:
        kind = "特殊文件"
    return f"这是一个{kind}，不是普通文件：仓库里只能有普通的文本文件，请删除它"


def _open_folder(folder_fd: int, name: str, shown: str) -> int:
    """Open the folder ``name`` inside ``folder_fd`` without following a link."""
    mode = os.lstat(name, dir_fd=folder_fd).st_mode
    if stat.S_ISLNK(mode):
        raise IrregularFile(f"路径中的 {shown}：" + describe_link(link_target(name, folder_fd), "文件夹"))
    if not stat.S_ISDIR(mode):
        raise IrregularFile(f"路径中的 {shown} 不是文件夹")
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder_fd)


def open_regular(root: Path, relative: str) -> int:
    """A descriptor of the regular file ``root/relative``, reached and opened without following
    any link. FileNotFoundError when it is missing; IrregularFile (with a Chinese message)
    when it or a folder on its way is not what it should be."""
    parts = PurePosixPath(relative).parts
    if not parts or any(part in ("..", "/") for part in parts):
        raise IrregularFile("不是仓库里的路径")
    folder_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for index, name in enumerate(parts[:-1]):
            inner = _open_folder(folder_fd, name, "/".join(parts[: index + 1]))
            os.close(folder_fd)
            folder_fd = inner
        name = parts[-1]
        mode = os.lstat(name, dir_fd=folder_fd).st_mode
        problem = describe_irregular(mode, link_target(name, folder_fd) if stat.S_ISLNK(mode) else "?")
        if problem:
            raise IrregularFile(problem)
        try:
            # O_NONBLOCK: a FIFO swapped in after the lstat cannot make the open wait forever.
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder_fd)
        except OSError as error:
            if error.errno == errno.ELOOP:  # swapped for a link after the lstat
                raise IrregularFile(describe_link(link_target(name, folder_fd))) from None
            raise
    finally:
        os.close(folder_fd)
    problem = describe_irregular(os.fstat(fd).st_mode)  # what was opened, not what was looked at
    if problem:
        os.close(fd)
        raise IrregularFile(problem)
    return fd


def read_regular_bytes(root: Path, relative: str, limit: int) -> bytes:
    """The bytes of the regular file ``root/relative`` (see :func:`open_regular`); IrregularFile
    when it has more than ``limit`` bytes (never more than ``limit`` + 1 are read)."""
    fd = open_regular(root, relative)
    try:
        if os.fstat(fd).st_size > limit:
            raise IrregularFile(too_large(limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise IrregularFile(too_large(limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def list_files(
    root: Path,
    folder: str,
    problems: Problems,
    skip: Collection[str] = (),
    depth: int | None = None,
    hidden: bool = False,
) -> list[str]:
    """The files under ``root/folder``, as sorted relative POSIX paths, found without following
    any link: a link (to a file, a folder or itself), a device, a FIFO or a socket is a problem
    at its own path. Folders deeper than ``depth`` levels are not entered but listed like files
    (their reader says a folder is not a file). Names starting with a dot (editors' and
    systems' hidden files; unless ``hidden``) and the relative paths in ``skip`` (read
    elsewhere) are left out. A missing folder has no files."""
    found: list[str] = []
    pending = [(folder, 0)]
    while pending:  # not recursive: no depth of folders can exhaust the stack
        current, level = pending.pop()
        path = root / current
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        if stat.S_ISLNK(mode):
            expected = "文件夹" if os.path.isdir(path) else "文件"
            problems.add(current, 1, "file", describe_link(link_target(path), expected))
        elif stat.S_ISDIR(mode) and (depth is None or level < depth or level == 0):
            try:
                names = os.listdir(path)
            except OSError as error:
                problems.add(current, 1, "file", f"无法读取这个文件夹（{error.strerror}）")
                continue
            pending.extend(
                (f"{current}/{name}", level + 1)
                for name in names
                if (hidden or not name.startswith(".")) and f"{current}/{name}" not in skip
            )
        elif level == 0:
            problems.add(current, 1, "file", "这里应当是一个文件夹，却不是：请把它改成文件夹")
        elif stat.S_ISDIR(mode) or (problem := describe_irregular(mode)) is None:
            found.append(current)
        else:
            problems.add(current, 1, "file", problem)
    return sorted(found, key=lambda relative: relative.split("/"))


def too_large(limit: int) -> str:
    if limit >= 1024 * 1024:
        size = f"{limit // (1024 * 1024)} MB"
    elif limit >= 1024:
        size = f"{limit // 1024} KB"
    else:
        size = f"{limit} 字节"
    return f"文件太大，超过了上限（{size}）：请删去多余的内容，或拆成几个文件"


def read_text(root: Path, relative: str, problems: Problems, limit: int = DEFAULT_LIMIT) -> str | None:
    """The UTF-8 text of the regular file ``root/relative``, or None with a problem at line 1
    (field ``file``) saying what it is instead: missing, a link, a folder, a device, too large."""
    try:
        data = read_regular_bytes(root, relative, limit)
    except FileNotFoundError:
        problems.add(relative, 1, "file", "找不到这个文件：它是必需的，请把它加回仓库")
        return None
    except IrregularFile as error:
        problems.add(relative, 1, "file", str(error))
        return None
    except OSError as error:
        problems.add(relative, 1, "file", f"无法读取这个文件（{error.strerror}）：请检查它的权限")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(relative, 1, "file", f"not valid UTF-8 (byte {error.start}); save the file as UTF-8")
        return None
