"""What a build takes from the previous complete build: every page whose inputs are the same.

Rendering a page into the theme is most of a build's time, and a merge changes a handful of
pages (the new issue, its reports, the lists and notices they appear in). So each build writes
a manifest beside its site (``<build>.manifest.json``): what shapes every page (the site's
inputs: the code and templates, the settings, the navigation, the hand-written content, the
tools' versions) and, for every generated page, a key of everything the page is made of: its
address, title, table of contents and HTML as the core rendered it from the data (so a report
page changes with its report, its units' names on its date and whatever else it shows; a list
with the reports it lists; a page that depends on the time with the moment). An issue page's
PDF's and Word file's sizes are not part of it: they are written into the page after the build,
on a page taken from the previous build as on a new one.

The next build decides first whether the previous build's pages can be taken at all: when the
site's inputs differ (a new version of the code, a settings change, a new navigation) or the
manifest is missing or damaged, every page is built, and the build says why in one line.
Otherwise a report page (most of the site: 25,000 of 35,000 pages at ten years) is keyed by its
inputs, the values its template is given and nothing else (bulletin.pages.reports): one whose
key is the previous build's is not even rendered. The other pages are rendered as the core
always does, which is quick, and compared by what they are made of. A page whose key is the
previous build's is taken from it as it is (hard-linked), and only the others go through the
theme. The output is the same as a full build's.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bulletin.i18n import _
from bulletin.pages.page import Page

MANIFEST_SUFFIX = ".manifest.json"
MANIFEST_FORMAT = 1
_SKIPPED = ("__pycache__",)


@dataclass(frozen=True)
class Manifest:
    inputs: dict[str, str]  # part -> digest: what shapes every page
    pages: dict[str, str]  # a generated page's source path -> its key


def digest_tree(*tops: Path) -> str:
    """A digest of every file under ``tops`` (a folder, or one file): names and bytes, in a
    stable order. Compiled files and hidden ones are left out."""
    digest = hashlib.sha256()
    for top in tops:
        if top.is_file():
            digest.update(top.name.encode() + b"\0" + top.read_bytes() + b"\0")
            continue
        for where, dirs, names in sorted(os.walk(top)):
            dirs[:] = sorted(d for d in dirs if d not in _SKIPPED and not d.startswith("."))
            for name in sorted(names):
                path = Path(where) / name
                if path.suffix in (".pyc", ".mo") or name.startswith("."):
                    continue
                digest.update(path.relative_to(top).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class SiteSources:
    """Where what shapes every page is: the code that runs (the core with its templates and
    messages, the hook module), the theme's overrides, the hand-written pages, the settings."""

    code: tuple[Path, ...]
    theme: tuple[Path, ...]
    content: Path
    settings: Path


def describe_site_inputs(sources: SiteSources, nav: object, mode: Mapping[str, object], tools: str) -> dict[str, str]:
    """What shapes every page, part by part (a changed part is named in the build's one line)."""

    def of(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    return {
        "format": str(MANIFEST_FORMAT),
        "tools": of(tools),
        "code": digest_tree(*sources.code),
        "theme": digest_tree(*sources.theme),
        "content": digest_tree(sources.content),
        "settings": digest_tree(sources.settings),
        "nav": of(json.dumps(nav, ensure_ascii=False, sort_keys=True, default=str)),
        "mode": of(json.dumps(mode, sort_keys=True, default=str)),
    }


def describe_page(page: Page) -> str:
    """The key of a generated page: its inputs' key when it has one (a report page, see
    bulletin.pages.reports), otherwise everything it is made of. (An issue page's files' sizes
    are written into it after the build, whether it was made or taken: bulletin.documents.builder.)"""
    if page.key:
        return page.key
    digest = hashlib.sha256()
    for part in (page.src, page.title, page.front_matter, repr(page.toc), repr(page.sanitize)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(page.html.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def manifest_path(site_dir: Path) -> Path:
    """The manifest of the build in ``site_dir``: beside it, never inside the published site."""
    return site_dir.with_name(site_dir.name + MANIFEST_SUFFIX)


def read_manifest(path: Path) -> Manifest | str:
    """The manifest at ``path``, or why it cannot be used (in the editors' language)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        inputs, pages = raw["inputs"], raw["pages"]
        if not (isinstance(inputs, dict) and isinstance(pages, dict)):
            raise TypeError
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in [*inputs.items(), *pages.items()]):
            raise TypeError
    except FileNotFoundError:
        return _("上次生成没有留下页面清单")
    except (OSError, ValueError, KeyError, TypeError):
        return _("上次生成的页面清单已损坏")
    return Manifest(inputs, pages)


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Write the manifest whole or not at all."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(
        json.dumps({"inputs": manifest.inputs, "pages": manifest.pages}, ensure_ascii=False, sort_keys=True),
        encoding="utf-8",
    )
    os.replace(temporary, path)


def explain_full_build(previous: Manifest | str | None, inputs: Mapping[str, str]) -> str | None:
    """Why every page must be built (None: the previous build's pages can be taken)."""
    if previous is None:
        return _("没有上次完整生成的网站")
    if isinstance(previous, str):
        return previous
    changed = [name for name, digest in inputs.items() if previous.inputs.get(name) != digest]
    if changed:
        return _("{parts}有变化").format(parts=_("、").join(name_part(n) for n in changed))
    return None


def name_part(name: str) -> str:
    """A part of the site's inputs as the build's one line names it."""
    names = {
        "format": _("页面清单的格式"),
        "tools": _("MkDocs、主题或 Python 的版本"),
        "code": _("程序或模板"),
        "theme": _("主题的覆盖文件（overrides/）"),
        "content": _("手写页面（content/）"),
        "settings": _("网站设置（mkdocs.yml）"),
        "nav": _("导航栏"),
        "mode": _("生成方式（是否生成 PDF 和 Word 文件、网址）"),
    }
    return names.get(name, name)


def find_reusable(previous: Manifest, keys: Mapping[str, str], always: Iterable[str] = ()) -> set[str]:
    """The pages whose key is the previous build's (but those in ``always``)."""
    keep = set(always)
    return {src for src, key in keys.items() if src not in keep and previous.pages.get(src) == key}
