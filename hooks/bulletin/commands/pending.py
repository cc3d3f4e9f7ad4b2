"""`bulletin pending`: the approved reports not yet in an issue, one per line (tab-separated)."""

from __future__ import annotations

from bulletin.model import Archive
from bulletin.render.labels import unit_names


def list_pending(archive: Archive) -> list[str]:
    """path, series, units and title of each pending report."""
    return [
        f"{report.path}\t{report.series}\t{unit_names(archive, report)}\t{report.title}" for report in archive.pending
    ]
