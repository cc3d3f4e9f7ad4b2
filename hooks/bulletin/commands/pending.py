"""`bulletin pending`: the approved reports not yet in an issue, one per line (tab-separated)."""

from __future__ import annotations

from bulletin.errors import make_visible
from bulletin.labels import unit_names
from bulletin.model import Archive


def list_pending(archive: Archive) -> list[str]:
    """path, series, units and title of each pending report (unseen characters shown as escapes)."""
    return [
        "\t".join(
            make_visible(cell) for cell in (report.path, report.series, unit_names(archive, report), report.title)
        )
        for report in archive.pending
    ]
