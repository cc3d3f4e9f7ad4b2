"""The documents' cache: each issue's PDF and Word file, kept under the digest of their inputs.

An entry is ``<folder>/<key[:2]>/<key>.<format>``; the key is a digest of everything that
goes into the file (``document_key``). An entry is written to a temporary file beside it and
renamed into place (``os.replace``): a reader sees a whole file or none, two builds writing
the same entry at once both write the same bytes, and a build killed mid-write leaves only a
temporary file, removed by a later build. An entry that does not look whole (its format's
first and last bytes) is ignored and made again. The cache only saves time: a folder that
cannot be written costs the next build that time, not this build its files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path

DOCUMENT_FORMATS = ("pdf", "docx")
CACHE_VERSION = "1"  # of this module's layout and of the print page's meaning
_TEMP_PREFIX = ".tmp-"
_STALE_TEMP_SECONDS = 3600  # a temporary file this old belongs to a build that was killed


def document_key(fmt: str, *parts: str) -> str:
    """The digest of a document's inputs (its print page, fonts, the writers' versions …)."""
    digest = hashlib.sha256(f"bulletin-document {CACHE_VERSION} {fmt}".encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def looks_whole(path: Path, fmt: str) -> bool:
    """Whether the file at ``path`` starts and ends as a whole file of its format does: a PDF
    with ``%PDF-`` and ``%%EOF``, a Word file (a zip) with ``PK`` and its end-of-directory record."""
    try:
        with path.open("rb") as file:
            head = file.read(8)
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - 1024))
            tail = file.read()
    except OSError:
        return False
    if fmt == "pdf":
        return head.startswith(b"%PDF-") and tail.rstrip().endswith(b"%%EOF")
    if fmt == "docx":
        return head.startswith(b"PK\x03\x04") and b"PK\x05\x06" in tail[-1024:] and len(tail) >= 22
    return False


class DocumentCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def entry(self, key: str, fmt: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.{fmt}"

    def find(self, key: str, fmt: str) -> Path | None:
        """The entry of ``key`` if it is there and whole; a broken one is removed."""
        path = self.entry(key, fmt)
        if path is None or not path.is_file():
            return None
        if looks_whole(path, fmt):
            return path
        with contextlib.suppress(OSError):
            path.unlink()
        return None

    def store(self, key: str, fmt: str, data: bytes) -> Path:
        """Write the entry atomically; OSError when the folder cannot be written."""
        path = self.entry(key, fmt)
        if path is None:
            raise OSError("no cache folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=f".{fmt}", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        return path

    def remove_stale_temporaries(self) -> None:
        """Remove temporary files of builds killed mid-write (best effort)."""
        if self.folder is None or not self.folder.is_dir():
            return
        limit = time.time() - _STALE_TEMP_SECONDS
        for temporary in self.folder.glob(f"*/{_TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                if temporary.stat().st_mtime < limit:
                    temporary.unlink()
