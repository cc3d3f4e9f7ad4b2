"""The fonts of the issues' PDFs: the office's own files, then Debian's Noto CJK.

``extra.bulletin.documents.fonts`` names a folder of the repository (often kept out of Git:
fonts are licensed per machine) holding the office's fonts (仿宋_GB2312, 方正小标宋 …). Each
file there becomes ``@font-face`` rules under every family name it carries (English and
Chinese), so the print stylesheet's font lists (``issue-print.css``), which name those faces
first, find them. Without the folder, fontconfig finds the Noto CJK fonts Debian installs.
WeasyPrint embeds a subset of every face it uses. Nothing is fetched from outside.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")
MAX_FONT_FILES = 64
MAX_FONT_BYTES = 64 * 1024 * 1024  # one file (a full 仿宋 is about 4 MB; Noto Serif CJK's collection 25 MB)
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")  # what fontconfig offers the fallbacks from
SETTING = "extra.bulletin.documents.fonts"
_FAMILY_NAME_IDS = (1, 16)  # the family and the typographic family, in every language the file has


@dataclass(frozen=True)
class FontFace:
    family: str
    path: Path
    index: int = 0  # the font in a collection (.ttc)


@dataclass(frozen=True)
class FontSet:
    """The office's faces (from its folder) and the identity of every font a PDF may use."""

    faces: tuple[FontFace, ...]
    identity: str  # a digest of the files' names, sizes and times: a new font file makes new PDFs
    notes: tuple[str, ...] = ()  # what the build log should say (a folder that is not there)

    def css(self) -> str:
        """The ``@font-face`` rules of the office's faces (local files only)."""
        rules = []
        for face in self.faces:
            fragment = f"#{face.index}" if face.index else ""
            rules.append(
                f'@font-face {{ font-family: "{escape_css_string(face.family)}"; '
                f'src: url("{escape_css_string(face.path.as_uri() + fragment)}"); }}'
            )
        return "\n".join(rules)

    @property
    def files(self) -> frozenset[Path]:
        return frozenset(face.path for face in self.faces)


def escape_css_string(text: str) -> str:
    """``text`` inside a double-quoted CSS string that no name can end (nor the <style> element)."""
    return "".join(ch if ch.isalnum() or ch in " _-./:#%" else f"\\{ord(ch):x} " for ch in text)


def find_fonts(root: Path, folder: str) -> FontSet:
    """The office's fonts in ``folder`` (relative to ``root``; "" for none) and the identity of
    all. A folder that is not there is a note (the fallbacks are used); a file that is not a
    font, or too large, is a problem naming it."""
    notes: list[str] = []
    faces: list[FontFace] = []
    problems: list[Problem] = []
    stamp = hashlib.sha256()
    if folder:
        where = root / folder
        if not where.is_dir():
            notes.append(
                _("字体文件夹 {folder} 不存在：PDF 使用系统的 Noto CJK 字体（仿宋、小标宋等请放进这个文件夹）").format(
                    folder=folder
                )
            )
        else:
            files = sorted(p for p in where.iterdir() if p.suffix.lower() in FONT_SUFFIXES and p.is_file())
            if len(files) > MAX_FONT_FILES:
                problems.append(
                    Problem(
                        folder,
                        0,
                        SETTING,
                        _("字体文件夹里有 {count} 个字体文件，最多 {limit} 个：请只放 PDF 要用的字体").format(
                            count=len(files), limit=MAX_FONT_FILES
                        ),
                    )
                )
                files = []
            for path in files:
                found = read_font_families(path, f"{folder}/{path.name}")
                if isinstance(found, Problem):
                    problems.append(found)
                    continue
                stat = path.stat()
                stamp.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
                faces.extend(FontFace(family, path.resolve(), index) for family, index in found)
    if problems:
        raise BulletinError(problems)
    stamp.update(describe_system_fonts().encode())
    return FontSet(tuple(faces), stamp.hexdigest(), tuple(notes))


def read_font_families(path: Path, shown: str) -> list[tuple[str, int]] | Problem:
    """Every family name of every font in the file, with its index in a collection; or why not."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    if path.stat().st_size > MAX_FONT_BYTES:
        return Problem(
            shown,
            0,
            SETTING,
            _("字体文件太大（超过 {limit} MB）：请换用正常的字体文件").format(limit=MAX_FONT_BYTES >> 20),
        )
    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True)]
        found: list[tuple[str, int]] = []
        for index, font in enumerate(fonts):
            names = {
                record.toUnicode().strip()
                for record in font["name"].names
                if record.nameID in _FAMILY_NAME_IDS and record.platformID in (0, 3)
            }
            found.extend((name, index) for name in sorted(names) if name and len(name) <= 100)
    except (TTLibError, KeyError, OSError, ValueError, AssertionError, UnicodeDecodeError) as error:
        return Problem(
            shown,
            0,
            SETTING,
            _("读不出这个字体文件（{reason}）：请换用完好的字体文件，或把它移出字体文件夹").format(reason=error),
        )
    if not found:
        return Problem(shown, 0, SETTING, _("这个字体文件没有字体名称：请换用完好的字体文件"))
    return found


def describe_system_fonts() -> str:
    """The names, sizes and times of the system's font files (the fallbacks fontconfig picks from)."""
    lines = []
    for top in SYSTEM_FONT_DIRS:
        for folder, _dirs, names in sorted(os.walk(top)):
            for name in sorted(names):
                if name.lower().endswith(FONT_SUFFIXES):
                    try:
                        stat = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    lines.append(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(lines)
