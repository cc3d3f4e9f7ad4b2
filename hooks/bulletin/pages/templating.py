"""The core's one Jinja environment: every page the core writes comes from its templates.

Autoescaping is on for every template and undefined names are errors
(``StrictUndefined``): a value is HTML-escaped unless a template says otherwise, and the
only values a template may mark safe are HTML the core made itself — a report's body,
rendered by :mod:`bulletin.markup.reportbody` from validated text (and sanitised again
after the build, see :mod:`bulletin.markup.sanitize`). Data for scripts goes through
``|tojson``, which is :func:`dump_script_json` here: JSON that no text can break out of.

Each template is rendered for one page, ``src``: ``link(to_src, anchor)`` in a template
is the relative URL of another page from this one (see :mod:`bulletin.addresses`).
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markdown.extensions.toc import slugify
from markupsafe import Markup

from bulletin import addresses, labels

TEMPLATES = Path(__file__).parent / "templates"
_TAG = re.compile(r"<[^>]+>")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        date=labels.format_date,
        issue_label=labels.issue_label,
        issue_citation=labels.issue_citation,
        points=labels.format_points,
        rate=labels.format_rate,
        names=labels.unit_list,
        anchor=make_anchor,
        moment=labels.format_moment,
        minutes=labels.format_minutes,
        grade=labels.grade_label,
    )
    env.globals.update(
        addresses=addresses,
        labels=labels,
        LEVEL_NAMES=labels.LEVEL_NAMES,
        INTERNAL_MARKING=labels.INTERNAL_MARKING,
    )
    env.filters["tojson"] = dump_script_json
    return env


# What could end a <script> element or an attribute, open a comment, or (in older JavaScript)
# a line: written as JSON escapes, which read back as the same characters.
_SCRIPT_UNSAFE = re.compile("[<>&'\u2028\u2029]")


def dump_script_json(value: Any) -> Markup:
    """``value`` as JSON safe inside a page: in a ``<script>`` element (even one that is not
    JSON's) or a quoted attribute. As Jinja's ``htmlsafe_json_dumps``, and U+2028 and U+2029
    escaped too; Chinese stays readable. The one way JSON is put into a page."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return Markup(_SCRIPT_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text))


def make_anchor(heading_html: str) -> str:
    """The id of a heading, as Markdown's table of contents would make it."""
    return slugify(html.unescape(_TAG.sub("", str(heading_html))), "-")


class KeptTemplates(FileSystemBytecodeCache):
    """Jinja's bytecode cache, which only saves time: a file that cannot be read back (cut
    short, damaged) is compiled again, a folder that cannot be written is not written. Jinja
    reads these files with pickle and marshal: the folder is trusted as the code is (it is the
    working copy's .cache, written by its own builds, like its .venv)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - whatever a damaged file raises (pickle, marshal, I/O): compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def keep_compiled_templates(folder: Path) -> None:
    """Keep the templates compiled in ``folder`` from one build to the next (Jinja's bytecode
    cache, checked against each template's source): compiling them is most of a small build's
    rendering time. Like every cache of the build, trusted as the code is."""
    env = environment()
    if env.bytecode_cache is None:
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = KeptTemplates(str(folder))


def render_template(name: str, src: str, **context: Any) -> str:
    """Render template ``name`` for the page ``src``; ``link`` in it is relative to that page."""
    template = environment().get_template(name)
    return template.render(src=src, link=functools.partial(addresses.link_url, src), **context)
