"""The guide's reference pages (content/guide/reference-*.md) are generated from the code and
kept current, as the JSON Schemas of schema/ are: every command and option of `bulletin`, every
field of the files editors write."""

from __future__ import annotations

import re

import click
import pytest
from helpers import REPO, run_bulletin

from bulletin.cli import main
from bulletin.cli.reference import read_commands, walk
from bulletin.commands.reference import (
    FILES,
    REFERENCE_PAGES,
    REGENERATE,
    command_reference,
    field_reference,
    records_of,
)
from bulletin.i18n import current_language

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("what", sorted(REFERENCE_PAGES))
def test_the_committed_reference_page_is_what_the_code_makes(what):
    assert current_language() == "zh", "the tests run in Chinese (no LANG=en…, no BULLETIN_LANG=en)"
    result = run_bulletin("--root", str(REPO), "reference", "--of", what)
    assert result.returncode == 0, result.output
    committed = (REPO / REFERENCE_PAGES[what]).read_text(encoding="utf-8")
    assert committed == result.stdout, f"{REFERENCE_PAGES[what]} is out of date: run .venv/bin/{REGENERATE}"


def test_write_writes_both_pages_where_the_site_has_them(tmp_path):
    (tmp_path / "content" / "guide").mkdir(parents=True)
    result = run_bulletin("--root", str(tmp_path), "reference", "--write")
    assert result.returncode == 0, result.output
    assert result.stdout.split() == list(REFERENCE_PAGES.values())
    assert (tmp_path / REFERENCE_PAGES["commands"]).read_text(encoding="utf-8") == command_reference(
        read_commands(main)
    )
    assert (tmp_path / REFERENCE_PAGES["fields"]).read_text(encoding="utf-8") == field_reference()


def test_the_pages_are_in_the_sites_navigation():
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for path in REFERENCE_PAGES.values():
        assert path.removeprefix("content/") in mkdocs, path


def test_every_command_and_option_is_on_the_page():
    page = command_reference(read_commands(main))
    contexts = list(walk(click.Context(main, info_name="bulletin")))
    paths = {context.command_path for context in contexts}
    assert {"bulletin", "bulletin check", "bulletin event open", "bulletin submission adopt"} <= paths
    for context in contexts:
        assert re.search(rf"^#+ {re.escape(context.command_path)}$", page, re.MULTILINE), context.command_path
        for parameter in context.command.params:
            if isinstance(parameter, click.Option):
                assert f"`{parameter.opts[0]}" in page, (context.command_path, parameter.opts)
    assert "`--unit TEXT`：报送单位" in page and "（必填）" in page
    assert "`--format [text|github|json]`：问题的格式：text 给人看，其余给程序读。（默认：text）" in page


def test_every_field_of_the_editors_files_is_on_the_page_with_its_meaning_in_chinese():
    page = field_reference()

    def every(fields):
        for spec in fields:
            yield spec
            yield from every(records_of(spec))

    for _title, _path, _note, fields in FILES:
        for spec in every(fields):
            assert CHINESE.search(spec.help), f"{spec.key}: write its help in Chinese in bulletin/read/fields.py"
            assert f"| `{spec.key}` |" in page, spec.key
    assert "| `title` | 必填 | 文字；标题里不能有尖括号 &lt; &gt;" in page
    assert "| `classification` |  | 文字；只能写 公开、内部 |" in page


def test_the_reference_is_refused_in_english():
    """Its words are the command line's, which are English under --lang en: the pages are Chinese."""
    result = run_bulletin("--lang", "en", "reference")
    assert result.returncode == 2
    assert "Chinese pages of the site" in result.output
