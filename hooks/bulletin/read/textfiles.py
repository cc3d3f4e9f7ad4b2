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
from bulletin.i18n import _

# Generous for the registries and settings (the sample's largest is a few KB); readers of
# larger or smaller files pass their own limit.
DEFAULT_LIMIT = limits.MAX_YAML_BYTES


class IrregularFile(Exception):
    """A path that is not a regular file reached without links; ``args[0]`` says what it is."""


def link_target(path: str | Path, dir_fd: int | None = None) -> str:
    """Where a symbolic link points, shortened for a message."""
    try:
        target = os.readlink(path, dir_fd=dir_fd)
    except OSError:
        return "?"
    return target if len(target) <= 120 else target[:120] + "…"


def describe_link(target: str, folder: bool = False) -> str:
    """The message for a symbolic link where a file (or a ``folder``) should be."""
    if folder:
        message = _(
            "这是一个符号链接（指向 {target}），不是文件夹本身；发布系统不跟随链接。请删除这个链接，把文件夹本身提交到仓库里"
        )
    else:
        message = _(
            "这是一个符号链接（指向 {target}），不是文件本身；发布系统不跟随链接。请删除这个链接，把文件本身提交到仓库里"
        )
    return message.format(target=target)


def describe_irregular(mode: int, target: str = "?") -> str | None:
    """What is wrong with a path of ``mode`` (from lstat; ``target`` when it is a link) where a
    regular file is expected; None when it is a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return describe_link(target)
    if stat.S_ISDIR(mode):
        return _("这里应当是一个文件，却是一个文件夹：请把文件夹移走或改名，提交文件本身")
    if stat.S_ISFIFO(mode):
        return _("这是一个命名管道（FIFO），不是普通文件：仓库里只能有普通的文本文件，请删除它")
    if stat.S_ISSOCK(mode):
        return _("这是一个套接字，不是普通文件：仓库里只能有普通的文本文件，请删除它")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("这是一个设备文件，不是普通文件：仓库里只能有普通的文本文件，请删除它")
    return _("这是一个特殊文件，不是普通文件：仓库里只能有普通的文本文件，请删除它")


def _open_folder(folder_fd: int, name: str, shown: str) -> int:
    """Open the folder ``name`` inside ``folder_fd`` without following a link."""
    mode = os.lstat(name, dir_fd=folder_fd).st_mode
    if stat.S_ISLNK(mode):
        link = describe_link(link_target(name, folder_fd), folder=True)
        raise IrregularFile(_("路径中的 {folder}：{problem}").format(folder=shown, problem=link))
    if not stat.S_ISDIR(mode):
        raise IrregularFile(_("路径中的 {folder} 不是文件夹").format(folder=shown))
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder_fd)


def open_regular(root: Path, relative: str) -> int:
    """A descriptor of the regular file ``root/relative``, reached and opened without following
    any link. FileNotFoundError when it is missing; IrregularFile (with a Chinese message)
    when it or a folder on its way is not what it should be."""
    parts = PurePosixPath(relative).parts
    if not parts or any(part in ("..", "/") for part in parts):
        raise IrregularFile(_("这不是仓库里的路径：请写相对于仓库根目录的路径，不要用 .. 或 /"))
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
            problems.add(current, 1, "file", describe_link(link_target(path), folder=os.path.isdir(path)))
        elif stat.S_ISDIR(mode) and (depth is None or level < depth or level == 0):
            try:
                names = os.listdir(path)
            except OSError as error:
                problems.add(
                    current,
                    1,
                    "file",
                    _("无法读取这个文件夹（{reason}）：请检查它的权限").format(reason=error.strerror),
                )
                continue
            pending.extend(
                (f"{current}/{name}", level + 1)
                for name in names
                if (hidden or not name.startswith(".")) and f"{current}/{name}" not in skip
            )
        elif level == 0:
            problems.add(current, 1, "file", _("这里应当是一个文件夹，却不是：请把它改成文件夹"))
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
        size = _("{count} 字节").format(count=limit)
    return _("文件太大，超过了上限（{size}）：请删去多余的内容，或拆成几个文件").format(size=size)


def read_text(root: Path, relative: str, problems: Problems, limit: int = DEFAULT_LIMIT) -> str | None:
    """The UTF-8 text of the regular file ``root/relative``, or None with a problem at line 1
    (field ``file``) saying what it is instead: missing, a link, a folder, a device, too large."""
    try:
        data = read_regular_bytes(root, relative, limit)
    except FileNotFoundError:
        problems.add(relative, 1, "file", _("找不到这个文件：它是必需的，请把它加回仓库"))
        return None
    except IrregularFile as error:
        problems.add(relative, 1, "file", str(error))
        return None
    except OSError as error:
        problems.add(
            relative, 1, "file", _("无法读取这个文件（{reason}）：请检查它的权限").format(reason=error.strerror)
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add(
            relative,
            1,
            "file",
            _("这个文件不是 UTF-8 编码（第 {byte} 个字节起无法识别）：请在编辑器里把它另存为 UTF-8 编码").format(
                byte=error.start + 1
            ),
        )
        return None
