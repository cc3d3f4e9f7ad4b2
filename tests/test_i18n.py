"""The editors' language (issue 14): messages are Chinese, English on request, from gettext catalogs.

The messages are written in Chinese in the code (``_("…")``); the English catalog must translate
every one of them, with the same placeholders; Click's own words come in Chinese from the
catalog of Click's domain.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from helpers import REPO, copy_fixture, run_bulletin, run_bulletin_process, write

from bulletin.i18n import CLICK_DOMAIN, DOMAIN, LOCALE_DIR, choose_language

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
    for word in (
        "Usage:",
        "Options",
        "Commands",
        "Show this message and exit.",
        "Missing option",
        "Error: {message}",
        "required",
    ):
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


def test_help_is_chinese_by_default_and_english_on_request():
    """The installed command in a process of its own: its language comes from its environment."""
    chinese = run_bulletin_process("--help", LANG="C.UTF-8")
    assert chinese.returncode == 0
    assert "用法：" in chinese.stdout and "显示本帮助后退出。" in chinese.stdout
    assert "编写、检查和排期信息刊物的稿件" in chinese.stdout
    assert "Usage:" not in chinese.stdout and "Show this message" not in chinese.stdout
    for english in (run_bulletin_process("--lang", "en", "--help"), run_bulletin_process("--help", BULLETIN_LANG="en")):
        assert "Usage:" in english.stdout and "Show this message and exit." in english.stdout
        assert "Write, check and schedule reports" in english.stdout
        assert "用法" not in english.stdout


def test_a_missing_option_is_explained_in_chinese():
    result = run_bulletin_process("new", LANG="C.UTF-8")
    assert result.returncode == 2
    assert "错误：缺少选项" in result.stderr and "--unit" in result.stderr
    assert "Missing option" not in result.stderr


def test_the_count_of_problems_is_in_the_editors_language(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    write(root, "reports/2026/0301-bad.md", "---\ntitle: 坏稿件\n---\n正文。\n")
    chinese = run_bulletin("--root", str(root), "check")
    assert chinese.returncode == 1
    assert re.search(r"^共 \d+ 个问题$", chinese.stderr, re.MULTILINE), chinese.stderr
    english = run_bulletin("--root", str(root), "--lang", "en", "check")
    assert re.search(r"^\d+ problem\(s\)$", english.stderr, re.MULTILINE), english.stderr


# -- The ratchet: no message outside _() ------------------------------------------------------
#
LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")
LOGGERS = {"log", "logger"}
PROBLEM_COLLECTORS = {"problems", "place"}  # problems.add(path, line, field, message), place.add(node, key, message)
LOG_METHODS = {"error", "warning", "info", "debug", "critical", "exception"}
CLICK_MESSAGES = {"echo", "secho", "BadParameter", "UsageError", "ClickException", "Abort"}


def message_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` that are a message an editor reads, if it is a call that
    shows one: the message of a problem (its last argument: path, line and field name come
    first), the text of click.echo, a click error, a log line, a PluginError, and help=."""
    function = call.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    owner = function.value if isinstance(function, ast.Attribute) else None
    owner_name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
    found = [k.value for k in call.keywords if k.arg in ("help", "message", "msg")]
    last = call.args[-1:] if call.args else []
    first = call.args[:1]
    if name == "Problem" or (name == "add" and (owner is None or owner_name in PROBLEM_COLLECTORS)):
        found += last
    elif (
        (owner_name == "click" and name in CLICK_MESSAGES)
        or (owner_name in LOGGERS and name in LOG_METHODS)
        or name in ("PluginError", "BulletinError")
    ):
        found += first
    return found


def words_outside_gettext(node: ast.expr) -> list[ast.AST]:
    """String literals and f-strings with letters in ``node`` that are not inside _()."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
        return []
    if isinstance(node, ast.Call) and message_arguments(node):
        return []  # a message call inside a message call (a Problem in a BulletinError) is checked itself
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node] if LETTER.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        inner = [w for v in node.values if isinstance(v, ast.FormattedValue) for w in words_outside_gettext(v.value)]
        return [node] if LETTER.search(text) else inner
    children = [*ast.iter_child_nodes(node), *(k.value for k in getattr(node, "keywords", ()))]  # .format(x="…")
    return [w for child in children if isinstance(child, ast.expr) for w in words_outside_gettext(child)]


def test_every_message_is_in_gettext():
    """A message written as a bare literal would be shown in Chinese to an English reader (or
    in English to everyone): every message of hooks/ goes through _()."""
    bare: set[str] = set()
    for path in sorted((REPO / "hooks").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), name)):
            if isinstance(node, ast.Call):
                for argument in message_arguments(node):
                    bare |= {f"{name}:{w.lineno}: {ast.unparse(w)[:80]}" for w in words_outside_gettext(argument)}
    assert not bare, "messages not in _() (write them in Chinese, wrap them in _()):\n" + "\n".join(sorted(bare))


def bare_words(source: str) -> list[str]:
    return [
        ast.unparse(word)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        for argument in message_arguments(node)
        for word in words_outside_gettext(argument)
    ]


def test_the_ratchet_sees_a_bare_message_and_leaves_keys_and_gettext_alone():
    """The ratchet is not vacuous: it names the message, never the path or the YAML key."""
    assert bare_words('problems.add("mkdocs.yml", 1, "title", f"unknown {key}")') == ["f'unknown {key}'"]
    assert bare_words('place.add(node, "unit", "单位不存在")') == ["'单位不存在'"]
    assert bare_words('raise BulletinError([Problem("search", 0, "search", "Pagefind failed")])') == [
        "'Pagefind failed'"
    ]
    assert bare_words('log.info("pending: %s", path)') == ["'pending: %s'"]
    assert bare_words('click.option("--of", help="Which schema")') == ["'Which schema'"]
    assert bare_words('problems.add(path, 1, "title", _("单位 {key} 不存在").format(key=key))') == []
    assert bare_words('add(_("有 {n} 处").format(n=n) + "：" + advice)') == []
    assert bare_words('seen.add("title")') == []
    assert bare_words('problems.add(path, 1, "unit", _("单位 {key} 不存在").format(key="unknown"))') == ["'unknown'"]
