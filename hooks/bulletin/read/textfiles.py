"""Reading the repository's files: UTF-8 text, or a problem saying why not."""

from __future__ import annotations

from pathlib import Path

from bulletin.errors import Problems


def read_text(root: Path, relative: str, problems: Problems) -> str | None:
    try:
        return (root / relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(relative, 1, "file", "not found")
    except UnicodeDecodeError as error:
        problems.add(relative, 1, "file", f"not valid UTF-8 (byte {error.start}); save the file as UTF-8")
    return None
