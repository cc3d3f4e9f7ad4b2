"""This package's own code as data: which modules a module uses, and a module as code (what a
cache key of the work they do is made of; see bulletin.documents.keys and bulletin.readcache).

A key made of the code a piece of work runs changes with that code and with nothing else:
nobody has to remember to bump a version, and a comment or a docstring changes no key.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # hooks/bulletin


def module_file(name: str, package: Path = PACKAGE) -> Path | None:
    """The source file of a module of this package (``bulletin.x.y``), or None."""
    parts = name.split(".")[1:]
    for candidate in (package.joinpath(*parts).with_suffix(".py"), package.joinpath(*parts, "__init__.py")):
        if parts and candidate.is_file():
            return candidate
    return None


def find_imported_modules(source: str) -> set[str]:
    """The modules of this package that ``source`` imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "bulletin" or node.module.startswith("bulletin."):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)  # from bulletin import labels
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("bulletin."))
    return found


def find_module_closure(modules: Iterable[str], package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of this package that ``modules`` import, directly or not, with its file."""
    seen: dict[str, Path] = {}
    waiting = list(modules)
    while waiting:
        name = waiting.pop()
        path = module_file(name, package)
        if name in seen or path is None:
            continue
        seen[name] = path
        waiting.extend(find_imported_modules(path.read_text(encoding="utf-8")))
    return seen


def describe_module(path: Path) -> str:
    """A module as code: its syntax tree without docstrings, comments, or positions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, include_attributes=False)


def digest_modules(modules: Iterable[str], package: Path = PACKAGE) -> str:
    """A digest of the code of ``modules`` and of every module of this package they import."""
    digest = hashlib.sha256()
    for name, path in sorted(find_module_closure(modules, package).items()):
        digest.update(name.encode() + b"\0" + describe_module(path).encode() + b"\0")
    return digest.hexdigest()
