"""The documents' cache keys come from the code that makes them (bulletin.documents.keys), not
from a hand-kept list or a version bumped by hand: a change to a module a writer imports, or to
a print template, makes the files anew; a comment does not; a change elsewhere keeps them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bulletin.documents import keys

PACKAGE = Path(keys.__file__).resolve().parents[1]


def test_each_writer_follows_its_imports_to_every_module_it_uses():
    pdf = keys.find_module_closure(keys.WRITERS["pdf"])
    docx = keys.find_module_closure(keys.WRITERS["docx"])
    # What the hand-kept list of the PDF missed: the templates' environment, and the labels behind it.
    assert {"bulletin.pages.templating", "bulletin.labels", "bulletin.markup.sanitize"} <= set(pdf)
    assert {"bulletin.documents.wordbody", "bulletin.markup.reportbody", "bulletin.labels"} <= set(docx)
    for unrelated in ("bulletin.commands.build", "bulletin.pages.units", "bulletin.cli.main", "bulletin.check.body"):
        assert unrelated not in pdf and unrelated not in docx


def test_the_print_page_takes_its_macros_and_stylesheet_along():
    assert set(keys.find_template_closure(keys.PRINT_TEMPLATES)) >= {
        "issue-print.html",
        "issue-print.css",
        "_bulletin.html",
    }


def test_a_comment_or_docstring_changes_nothing_and_code_does(tmp_path):
    plain = tmp_path / "plain.py"
    plain.write_text('"""Doc."""\n\ndef f(x):\n    """Say."""\n    return x + 1\n', encoding="utf-8")
    commented = tmp_path / "commented.py"
    commented.write_text(
        '"""Another doc."""\n# a comment\n\n\ndef f(x):  # why\n    """Other words."""\n\n    return x + 1\n',
        encoding="utf-8",
    )
    changed = tmp_path / "changed.py"
    changed.write_text("def f(x):\n    return x + 2\n", encoding="utf-8")
    assert keys.describe_module(plain) == keys.describe_module(commented)
    assert keys.describe_module(plain) != keys.describe_module(changed)


@pytest.mark.parametrize(("module", "fmt", "remade"), [
    ("labels.py", "pdf", True),  # a label on paper
    ("labels.py", "docx", True),
    ("documents/wordbody.py", "docx", True),
    ("documents/wordbody.py", "pdf", False),
    ("pages/units.py", "pdf", False),  # a page of the site only
])  # fmt: skip
def test_a_code_change_remakes_the_documents_that_use_it(tmp_path, monkeypatch, module, fmt, remade):
    copy = tmp_path / "bulletin"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    monkeypatch.setattr(keys, "PACKAGE", copy)
    keys.describe_code.cache_clear()
    try:
        before = keys.describe_code(fmt)
        with (copy / module).open("a", encoding="utf-8") as file:
            file.write("\n\nCHANGED_BY_THE_TEST = 1\n")
        keys.describe_code.cache_clear()
        assert (keys.describe_code(fmt) != before) is remade
    finally:
        keys.describe_code.cache_clear()
