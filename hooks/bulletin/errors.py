"""The one error family of the publisher, and the one way problems are reported.

::

    Problem            one finding: path, line, field, message -> "path:line: field: message"
    Problems           a collector: readers and checks add to it and carry on
    BulletinError      raised with every Problem at once; nothing has been written

Who raises :class:`BulletinError`:

- :func:`bulletin.archive.load_archive`: every problem of every file of the archive
  (settings, units, registers, reports, numbering), collected in one run;
- :mod:`bulletin.review.baseline` and :mod:`bulletin.review.permanence`: a Git ref that cannot be
  read, and what a change must not do to published issues;
- the commands (:mod:`bulletin.commands`): arguments that name no unit, series or report;
- :mod:`bulletin.pages.search.indexer`: Pagefind missing or failing (``path`` names the index part).

The command line prints problems as text, GitHub annotations or JSON
(:mod:`bulletin.commands.problems`); the MkDocs adapter logs each one as an error and stops
the build before ``site_dir`` is touched. A line of 0 means "the whole file or thing".

Paths, keys and messages quote untrusted text (a file name, a key of a pull request's
YAML): a problem is printed with every character that is not seen, or that would start a
new line or reorder the text, shown as an escape (:func:`make_visible`), so no problem can
print a line that a CI runner would take as a command (``::error …``) or hide what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# C0 and C1 controls, DEL, bidi controls and marks, zero-width and invisible format
# characters, line and paragraph separators, the byte order mark, lone surrogates (bytes
# that were not UTF-8).
_UNSEEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    r"\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def make_visible(text: str) -> str:
    """``text`` on one line, as it can be read: a line break as ``\\n``, any other control,
    bidi or invisible character as ``\\uXXXX``."""
    return _UNSEEN.sub(lambda m: _NAMED.get(m[0]) or f"\\u{ord(m[0]):04x}", text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        """``path:line: field: message`` on one line, unseen characters shown (make_visible);
        a problem of a whole file, a folder or an argument (line 0) is ``path: field: message``."""
        where = f"{self.path}:{self.line}" if self.line > 0 else self.path
        return make_visible(f"{where}: {self.field}: {self.message}")


class BulletinError(Exception):
    """Raised with every problem found; nothing has been written when it is raised."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Problems:
    """A collector: readers add to it and carry on, so one run reports everything."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(Problem(path, line, field_name, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise BulletinError(self.items)
