"""The editors' language (issue 14): messages are Chinese, English on request, from gettext catalogs.

The messages are written in Chinese in the code (``_("…")``); the English catalog must translate
every one of them, with the same placeholders; Click's own words come in Chinese from the
catalog of Click's domain.
"""

from __future__ import annotations

import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from helpers import REPO, copy_fixture, write

from bulletin.i18n import CLICK_DOMAIN, DOMAIN, LOCALE_DIR, choose_language

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
ENGLISH_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
CLICK_PO = LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{CLICK_DOMAIN}.po"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s")


def messages_in_the_code() -> dict[str, str]:
    """Every message wrapped in _() under hooks/, with where it is."""
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        REPO / "hooks", method_map=[("**.py", "python")], keywords={"_": None}
    ):
        found.setdefault(message, f"hooks/{filename}:{line}")
    return found


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_every_message_has_an_english_translation_with_the_same_placeholders():
    catalog = read_catalog(ENGLISH_PO)
    missing, mismatched = [], []
    for message, where in messages_in_the_code().items():
        entry = catalog.get(message)
        if entry is None or not entry.string:
            missing.append(f"{where}: {message}")
        elif sorted(PLACEHOLDER.findall(message)) != sorted(PLACEHOLDER.findall(entry.string)):
            mismatched.append(f"{where}: {message} -> {entry.string}")
    assert not missing, "no English translation (run `make messages`, then translate):\n" + "\n".join(missing)
    assert not mismatched, "placeholders differ:\n" + "\n".join(mismatched)


def test_the_compiled_catalogs_are_those_of_the_po_files():
    """`make` compiles the .po files; a stale .mo would show old messages."""
    for po, domain, language in ((ENGLISH_PO, DOMAIN, "en"), (CLICK_PO, CLICK_DOMAIN, "zh")):
        compiled = gettext.translation(domain, LOCALE_DIR, [language])
        for entry in read_catalog(po):
            if entry.id and entry.string and isinstance(entry.id, str):
                assert compiled.gettext(entry.id) == entry.string, (po, entry.id)


def test_clicks_words_that_editors_meet_are_translated():
    catalog = read_catalog(CLICK_PO)
    for word in ("Usage:", "Options", "Commands", "Show this message and exit.", "Missing option", "Error: {message}"):
        assert catalog.get(word) is not None and catalog.get(word).string, word


@pytest.mark.parametrize(
    ("environment", "argv", "language"),
    [
        ({}, [], "zh"),
        ({"LANG": "C.UTF-8"}, [], "zh"),  # a CI runner without a Chinese locale still speaks Chinese
        ({"LANG": "zh_CN.UTF-8"}, [], "zh"),
        ({"LANG": "en_US.UTF-8"}, [], "en"),
        ({"LANGUAGE": "en:zh", "LANG": "zh_CN.UTF-8"}, [], "en"),
        ({"BULLETIN_LANG": "zh", "LANG": "en_US.UTF-8"}, [], "zh"),
        ({"BULLETIN_LANG": "en"}, [], "en"),
        ({"BULLETIN_LANG": "en"}, ["--lang", "zh", "check"], "zh"),
        ({}, ["--lang=en", "check"], "en"),
    ],
)
def test_the_language_is_chinese_unless_english_is_asked_for(environment, argv, language):
    assert choose_language(environment, argv) == language


def run(*args: str, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [BULLETIN, *args], env={**env, **environment}, capture_output=True, text=True, timeout=60, check=False
    )


def test_help_is_chinese_by_default_and_english_on_request():
    chinese = run("--help", LANG="C.UTF-8")
    assert chinese.returncode == 0
    assert "用法：" in chinese.stdout and "显示本帮助后退出。" in chinese.stdout
    assert "编写、检查和排期信息刊物的稿件" in chinese.stdout
    assert "Usage:" not in chinese.stdout and "Show this message" not in chinese.stdout
    for english in (run("--lang", "en", "--help"), run("--help", BULLETIN_LANG="en")):
        assert "Usage:" in english.stdout and "Show this message and exit." in english.stdout
        assert "Write, check and schedule reports" in english.stdout
        assert "用法" not in english.stdout


def test_a_missing_option_is_explained_in_chinese():
    result = run("new", LANG="C.UTF-8")
    assert result.returncode == 2
    assert "错误：缺少选项" in result.stderr and "--unit" in result.stderr
    assert "Missing option" not in result.stderr


def test_the_count_of_problems_is_in_the_editors_language(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    write(root, "reports/2026/0301-bad.md", "---\ntitle: 坏稿件\n---\n正文。\n")
    chinese = run("--root", str(root), "check")
    assert chinese.returncode == 1
    assert re.search(r"^共 \d+ 个问题$", chinese.stderr, re.MULTILINE), chinese.stderr
    english = run("--root", str(root), "--lang", "en", "check")
    assert re.search(r"^\d+ problem\(s\)$", english.stderr, re.MULTILINE), english.stderr
