"""One way to show problems: text (`path:line: field: message`), GitHub annotations, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bulletin.errors import Problem

FORMATS = ("text", "github", "json")


def escape_annotation_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
        return json.dumps(
            {
                "ok": not problems,
                "problems": [
                    {"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in problems
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    render = format_github if style == "github" else str
    return "\n".join(render(p) for p in problems)
