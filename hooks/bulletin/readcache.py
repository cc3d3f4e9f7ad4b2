"""Report files as read and checked by an earlier build: reading the front matter and checking
the body are most of loading an archive (about a millisecond a report), and a merge changes a
handful of files.

An entry is what reading one file gave (its :class:`~bulletin.read.reportfile.ReportDraft`, or
None) and every problem that reading it and checking its body and its template text found,
under a digest of all that decides them: the file's path and text, the default series, the
language of the messages, and the code that reads and checks it
(:func:`bulletin.sourcecode.digest_modules` of the modules that do, with what they import, and
the versions of PyYAML and Python-Markdown). Everything that
depends on more than the one file (the units, the dates against the build date, the issues) is
checked again in every build. The file is still opened and read in every build: its text is
part of the key, and a file that has become a link, a folder or too large is refused as before.

The entries are a :class:`bulletin.keeping.KeptTable` (``reports-<code>.json`` in the cache
folder); an entry that is not what this module writes is read again from its file.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from pathlib import Path
from typing import Any

from bulletin.check.body import Text, check_body
from bulletin.check.unfinished import check_placeholder
from bulletin.errors import Problem, Problems
from bulletin.i18n import current_language
from bulletin.keeping import KeptTable
from bulletin.read.plaindata import from_plain, to_plain
from bulletin.read.reportfile import ReportDraft, read_report_draft
from bulletin.sourcecode import digest_modules

TABLE = KeptTable("reports-")
_READERS = (
    "bulletin.readcache",
    "bulletin.read.reportfile",
    "bulletin.check.body",
    "bulletin.check.unfinished",
    "bulletin.read.plaindata",
)

_EARLIER: dict[str, Any] = {}  # key -> entry, as an earlier build kept them
_USED: dict[str, Any] = {}  # key -> entry, of the files this process has read


@functools.cache
def describe_readers() -> str:
    """The code that reads and checks a report file, and the libraries it reads with."""
    import markdown
    import yaml

    return hashlib.sha256(
        f"{digest_modules(_READERS)} pyyaml {yaml.__version__} markdown {markdown.__version__}".encode()
    ).hexdigest()[:16]


def read_and_check(path: str, text: str, default_series: str, problems: Problems) -> ReportDraft | None:
    """``read_report_draft``, ``check_body`` and ``check_placeholder`` of one report file (its
    problems into ``problems``), or what they gave an earlier build for the same key."""
    parts = f"{describe_readers()}\0{current_language()}\0{path}\0{default_series}\0{text}"
    key = hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()
    entry = _EARLIER.get(key)
    if entry is not None:
        with contextlib.suppress(ValueError, TypeError, KeyError):
            draft, found = decode_entry(entry, text)
            problems.items.extend(found)
            _USED[key] = entry
            return draft
    found_here = Problems()
    draft = read_report_draft(path, text, default_series, found_here)
    if draft is not None:
        check_body(Text(draft.path, draft.body, draft.body_line), found_here)
        if draft.report is not None:
            check_placeholder(draft.report, found_here)
    problems.items.extend(found_here.items)
    _USED[key] = encode_entry(draft, found_here.items, text)
    return draft


def encode_entry(draft: ReportDraft | None, problems: list[Problem], text: str) -> dict[str, Any]:
    """An entry of the table. The body is kept as where it stands in the file's text (which is
    read in every build anyway), not as a second copy of it."""
    if draft is None:
        return {"draft": None, "body": None, "problems": [to_plain(p) for p in problems]}
    plain = to_plain(draft)
    body: list[int] | None = None
    if draft.body:
        start = text.rfind(draft.body)
        if start >= 0 and (draft.report is None or draft.report.body == draft.body):
            body = [start, start + len(draft.body)]
            plain["body"] = ""
            if plain["report"] is not None:
                plain["report"]["body"] = ""
    return {"draft": plain, "body": body, "problems": [to_plain(p) for p in problems]}


def decode_entry(entry: Any, text: str) -> tuple[ReportDraft | None, list[Problem]]:
    """What an entry holds; ValueError (or TypeError, KeyError) if it is not what this module writes."""
    if not isinstance(entry, dict) or set(entry) != {"draft", "body", "problems"}:
        raise ValueError("not an entry")
    plain, body = entry["draft"], entry["body"]
    if body is not None:
        start, end = body
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            raise ValueError("not a place in the text")
        plain = {**plain, "body": text[start:end]}
        if plain["report"] is not None:
            plain["report"] = {**plain["report"], "body": plain["body"]}
    draft = None if plain is None else from_plain(plain, ReportDraft)
    return draft, [from_plain(p, Problem) for p in _of_list(entry["problems"])]


def _of_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("a list expected")
    return value


def cache_file(folder: Path) -> Path:
    return TABLE.path(folder, describe_readers())


def load_earlier_readings(folder: Path) -> int:
    """Take the entries an earlier build kept in ``folder``; how many."""
    found = TABLE.read(folder, describe_readers())
    if found is None:
        return len(TABLE.in_file[cache_file(folder)])
    _EARLIER.update(found)
    return len(found)


def keep_readings(folder: Path) -> bool:
    """Write the entries of the files this process read, if they differ from the file's; whether it wrote."""
    return TABLE.write(folder, describe_readers(), _USED)
