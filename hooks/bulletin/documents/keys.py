"""What a document is made of, as a cache key, derived from the code and never kept by hand.

A document's key (:func:`find_document_key`) is a digest of its issue's inputs (what the Word
writer's ``describe_inputs`` lists) and of the code that makes it: every module of this
package its writer imports, directly or through others (read from the modules' own import
statements), as code (its syntax tree: a comment, a docstring or a line's layout changes
nothing), and every template its print page uses (the template, what it imports, includes or
extends, and the stylesheet), plus the libraries' versions. A change to any of them makes the
files anew; a change elsewhere (a page of the site, a command) keeps them, and a ten-year
archive's documents (about 40 minutes of work) are not remade for a comment. Nobody has to
remember to list a new module or bump a version.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from bulletin import sourcecode
from bulletin.documents.cache import document_key
from bulletin.documents.fonts import FontSet
from bulletin.model import Archive, Issue
from bulletin.sourcecode import describe_module

PACKAGE = Path(__file__).resolve().parents[1]  # hooks/bulletin
# The modules that write each format; their imports are followed from here.
WRITERS = {
    "pdf": ("bulletin.documents.printhtml", "bulletin.documents.issuepdf", "bulletin.documents.fonts"),
    "docx": ("bulletin.documents.issueword",),
}
PRINT_TEMPLATES = ("issue-print.html", "issue-print.css")  # the PDF's print page and its stylesheet


def find_module_closure(modules: Iterable[str]) -> dict[str, Path]:
    """Every module of this package that ``modules`` import, directly or not, with its file."""
    return sourcecode.find_module_closure(modules, PACKAGE)


def find_template_closure(names: Iterable[str]) -> dict[str, str]:
    """Every template that ``names`` use (import, include, extends), with its source."""
    from jinja2 import meta

    from bulletin.pages.templating import TEMPLATES, environment

    seen: dict[str, str] = {}
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        seen[name] = source
        if name.endswith(".html"):
            waiting.extend(n for n in meta.find_referenced_templates(environment().parse(source)) if n)
    return seen


@functools.cache
def describe_code(fmt: str) -> str:
    """A digest of the code and templates that make a document in ``fmt``, and of the
    libraries they use to turn text into it."""
    import docx
    import markdown
    import nh3

    digest = hashlib.sha256(
        f"markdown {markdown.__version__} nh3 {getattr(nh3, '__version__', '?')} python-docx {docx.__version__}".encode()
    )
    for name, path in sorted(find_module_closure(WRITERS.get(fmt, ())).items()):
        digest.update(name.encode() + b"\0" + describe_module(path).encode() + b"\0")
    if fmt == "pdf":
        for name, source in sorted(find_template_closure(PRINT_TEMPLATES).items()):
            digest.update(name.encode() + b"\0" + source.encode() + b"\0")
    return digest.hexdigest()


def find_document_key(archive: Archive, issue: Issue, fmt: str, fonts: FontSet) -> str:
    """The cache key of the issue's file in ``fmt``: a digest of everything it is made of,
    without making it. Both: what the Word writer's ``describe_inputs`` lists (the issue with its
    reports' texts and front matter, its details and series, the office, the units' names on
    its date, the urgency mark, the 紧急信息 lines) and the code that writes it
    (:func:`describe_code`). A PDF also: the fonts' identity and WeasyPrint's, pydyf's and pango's
    versions."""
    from bulletin.documents.issueword import describe_inputs

    inputs = describe_inputs(archive, issue)
    if fmt == "pdf":
        from bulletin.documents.issuepdf import library_versions

        return document_key(fmt, inputs, describe_code(fmt), fonts.identity, library_versions())
    return document_key(fmt, inputs, describe_code(fmt))
