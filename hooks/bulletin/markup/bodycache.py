"""Report bodies as HTML, kept from one build to the next: Markdown is the largest part of reading
an archive (about 1 ms a report), and a merge changes a handful of reports.

The table (:class:`bulletin.keeping.KeptTable`, ``bodies-<renderer>.json`` in its folder) holds
the digest of each body's text and its HTML, for the renderer of
:func:`bulletin.markup.reportbody.renderer_version` (its code and Python-Markdown's version). A
build reads it before the archive is loaded and, when the bodies it asked for differ from those
it found, writes the ones it asked for (so the file holds the archive's bodies, not every text
ever built).
"""

from __future__ import annotations

import re
from pathlib import Path

from bulletin.keeping import KeptTable
from bulletin.markup.reportbody import list_rendered_bodies, renderer_version, take_earlier_bodies

_DIGEST = re.compile(r"[0-9a-f]{64}")
TABLE = KeptTable("bodies-")


def cache_file(folder: Path) -> Path:
    return TABLE.path(folder, renderer_version())


def load_earlier_bodies(folder: Path) -> int:
    """Take the bodies an earlier build kept in ``folder``; how many (those of a file this
    process has read already are not read again)."""
    found = TABLE.read(folder, renderer_version())
    if found is None:
        return len(TABLE.in_file[cache_file(folder)])
    bodies = {k: v for k, v in found.items() if isinstance(v, str) and _DIGEST.fullmatch(k)}
    take_earlier_bodies(bodies)
    return len(bodies)


def keep_bodies(folder: Path) -> bool:
    """Write the bodies this process asked for, if they differ from the file's; whether it wrote."""
    return TABLE.write(folder, renderer_version(), list_rendered_bodies())
