"""Report bodies as HTML, kept from one build to the next: Markdown is the largest part of reading
an archive (about 1 ms a report), and a merge changes a handful of reports.

The cache is one JSON file in its folder, ``bodies-<renderer>.json``: the digest of each body's
text and its HTML, for the renderer of :func:`bulletin.markup.reportbody.renderer_version` (its
code and Python-Markdown's version; a new renderer starts an empty file, and the old one is
removed). A build reads it before the archive is loaded and, when the bodies it asked for
differ from those it found, writes the ones it asked for (so the file holds the archive's
bodies, not every text ever built), to a temporary file renamed into place: a reader sees a
whole file or none. A file that cannot be read or is not what this module writes is ignored;
a folder that cannot be written costs the next build the time, not this build its pages.

Like the documents' cache, it is trusted as the code is: it lives in the working copy's
``.cache`` (or ``BULLETIN_CACHE_DIR``), which only the builds of that working copy write.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path

from bulletin.markup.reportbody import list_rendered_bodies, renderer_version, take_earlier_bodies

_PREFIX = "bodies-"
_DIGEST = re.compile(r"[0-9a-f]{64}")
_STALE_SECONDS = 3600  # a temporary file this old belongs to a build that was killed
_in_file: dict[Path, set[str]] = {}  # the digests each file holds, as this process read or wrote it


def cache_file(folder: Path) -> Path:
    return folder / f"{_PREFIX}{renderer_version()}.json"


def read_bodies(path: Path) -> dict[str, str]:
    """The bodies the file at ``path`` holds ({} if it cannot be read or is not one of ours)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(v, str) and _DIGEST.fullmatch(k)}


def load_earlier_bodies(folder: Path) -> int:
    """Take the bodies an earlier build kept in ``folder``; how many."""
    path = cache_file(folder)
    if path in _in_file:  # the preview's next build: this process has them
        return len(_in_file[path])
    bodies = read_bodies(path)
    take_earlier_bodies(bodies)
    _in_file[path] = set(bodies)
    return len(bodies)


def keep_bodies(folder: Path) -> bool:
    """Write the bodies this process asked for, if they differ from the file's; whether it wrote."""
    path = cache_file(folder)
    rendered = list_rendered_bodies()
    if not rendered or rendered.keys() == _in_file.get(path):
        return False
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(rendered, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
        _in_file[path] = set(rendered)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    for other in [*folder.glob(f"{_PREFIX}*.json"), *folder.glob(f".{_PREFIX}*.tmp")]:
        # an older renderer's file, what a killed build was writing (not one being written now)
        with contextlib.suppress(OSError):
            if other != path and (other.suffix == ".json" or time.time() - other.stat().st_mtime > _STALE_SECONDS):
                other.unlink()
    return True
