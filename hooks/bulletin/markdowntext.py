"""What Python-Markdown will read as fenced code in a report body (so checks skip it)."""

from __future__ import annotations

import re

# As Python-Markdown's fenced_code: the fence starts the line, an optional simple info
# string, and the block ends at the same fence; an unclosed fence is not a fence.
_OPEN = re.compile(r"(`{3,}|~{3,})[ ]*(?:\.?[\w#.+-]*)?[ ]*")


def fenced_line_indexes(lines: list[str]) -> set[int]:
    """Indexes of the lines that belong to closed fenced code blocks (fences included)."""
    inside: set[int] = set()
    index = 0
    while index < len(lines):
        match = _OPEN.fullmatch(lines[index])
        if match:
            fence = match.group(1)
            end = next((j for j in range(index + 1, len(lines)) if lines[j].rstrip(" ") == fence), None)
            if end is not None:
                inside.update(range(index, end + 1))
                index = end + 1
                continue
        index += 1
    return inside
