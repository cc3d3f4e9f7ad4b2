"""A table a build keeps for the next one: one JSON object in a file of the cache folder.

Written whole or not at all (a temporary file renamed into place: a reader sees a whole file or
none, a killed build leaves a temporary file that a later build removes); a file that cannot be
read or is not a JSON object is an empty table; a folder that cannot be written costs the next
build the time, not this build its work. A table's file name carries the version of the code
whose results it holds (``<prefix><version>.json``): a new version starts an empty table and
the older files are removed. Like every cache of the build, trusted as the code is: it lives in
the working copy's .cache (or BULLETIN_CACHE_DIR), which only that working copy's builds write.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

STALE_SECONDS = 3600  # a temporary file this old belongs to a build that was killed


class KeptTable:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.in_file: dict[Path, set[str]] = {}  # the keys each file holds, as this process read or wrote it

    def path(self, folder: Path, version: str) -> Path:
        return folder / f"{self.prefix}{version}.json"

    def read(self, folder: Path, version: str) -> dict[str, Any] | None:
        """The table an earlier build kept ({} if none can be read); None if this process has
        read or written it already (the preview's next build: it has the entries)."""
        path = self.path(folder, version)
        if path in self.in_file:
            return None
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = {}
        if not isinstance(found, dict):
            found = {}
        self.in_file[path] = set(found)
        return found

    def write(self, folder: Path, version: str, entries: dict[str, Any]) -> bool:
        """Keep ``entries`` if they differ from the file's keys; whether it wrote."""
        path = self.path(folder, version)
        if not entries or entries.keys() == self.in_file.get(path):
            return False
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(entries, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(temporary, path)
            self.in_file[path] = set(entries)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return False
        for other in [*folder.glob(f"{self.prefix}*.json"), *folder.glob(f".{self.prefix}*.tmp")]:
            # an older version's file, what a killed build was writing (not one being written now)
            with contextlib.suppress(OSError):
                if other != path and (other.suffix == ".json" or time.time() - other.stat().st_mtime > STALE_SECONDS):
                    other.unlink()
        return True
