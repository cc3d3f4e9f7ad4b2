"""One way to show problems: text (`path:line: field: message`), GitHub annotations, JSON.

Problems quote untrusted text (file names and keys of a pull request). In every format a
problem stays one line a CI runner reads as data, never as a command: the text format
shows unseen characters as escapes (:func:`bulletin.errors.make_visible`), GitHub
annotations are escaped as GitHub's workflow commands require, and the JSON output
writes every such character as a ``\\uXXXX`` escape (the values are unchanged).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from bulletin.errors import Problem, make_visible

FORMATS = ("text", "github", "json")
# What json.dumps(ensure_ascii=False) leaves as it is but a terminal or log viewer reads as a
# line break, a reordering or nothing (C1 controls, bidi and invisible format characters), and
# lone surrogates (bytes of an argument that were not UTF-8), which could not be printed.
_JSON_UNSEEN = re.compile(
    r"[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def escape_annotation_data(text: str) -> str:
    """A workflow command's message: % CR LF as GitHub escapes them, other unseen characters shown."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return make_visible(escaped)


def escape_annotation_property(text: str) -> str:
    return escape_annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command; file names in a pull request are untrusted."""
    properties = [f"file={escape_annotation_property(problem.path)}"]
    if problem.line > 0:
        properties.append(f"line={problem.line}")
    properties.append(f"title={escape_annotation_property(problem.field)}")
    return f"::error {','.join(properties)}::{escape_annotation_data(problem.message)}"


def format_problems(problems: Sequence[Problem], style: str) -> str:
    if style == "json":
        return dump_json(
            {
                "ok": not problems,
                "problems": [
                    {"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in problems
                ],
            },
        )
    render = format_github if style == "github" else str
    return "\n".join(render(p) for p in problems)


def dump_json(document: object) -> str:
    """Readable JSON (Chinese as it is) in which no character can break or hide a line."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSEEN.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
