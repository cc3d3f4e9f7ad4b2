"""`bulletin export`: one issue's PDF or Word file, the same bytes the build puts beside its page.

The file is written whole or not at all (a temporary file beside it, renamed into place);
an issue that is not in the archive is told with the issues the series has.
"""

from __future__ import annotations

import os
from pathlib import Path

from bulletin.addresses import document_src
from bulletin.commands.writing import explain_unwritten, sync_folder, write_temporary
from bulletin.documents.builder import write_document
from bulletin.documents.fonts import find_fonts
from bulletin.documents.issuepdf import check_pdf_libraries
from bulletin.documents.keys import find_document_key
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _
from bulletin.model import Archive, Issue


def find_issue(archive: Archive, series_key: str, year: int, number: int) -> Issue:
    """The issue, or a problem saying which series, years and numbers there are."""
    series = archive.settings.find_series(series_key)
    if series is None:
        known = _("、").join(s.key for s in archive.settings.series)
        raise BulletinError(
            [Problem("mkdocs.yml", 0, "series", _("没有刊物“{key}”：现有 {known}").format(key=series_key, known=known))]
        )
    numbers = [i.number for i in archive.issues if i.series.key == series.key and i.year == year]
    for issue in archive.issues:
        if issue.series.key == series.key and issue.year == year and issue.number == number:
            return issue
    if numbers:
        message = _("《{name}》{year}年没有第{number}期：这一年有第1期到第{last}期").format(
            name=series.name, year=year, number=number, last=max(numbers)
        )
    else:
        message = _("《{name}》{year}年还没有任何一期").format(name=series.name, year=year)
    raise BulletinError([Problem("reports", 0, "issue", message)])


def make_issue_file(root: Path, archive: Archive, issue: Issue, fmt: str) -> bytes:
    """The issue's file in ``fmt`` (pdf or docx), as the build makes it."""
    fonts = find_fonts(root, archive.settings.fonts)
    if fmt == "pdf":
        check_pdf_libraries()
    return write_document(archive, issue, fmt, fonts, find_document_key(archive, issue, fmt, fonts))


def default_output(issue: Issue, fmt: str) -> Path:
    """jrxx-2026-022.pdf in the current folder: the name the file has on the site."""
    return Path(document_src(issue, fmt).rsplit("/", 1)[1])


def write_output(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all; a problem when it cannot be written."""
    if target.is_dir():
        raise BulletinError(
            [
                Problem(
                    str(target),
                    0,
                    "output",
                    _("这是一个文件夹：请写出文件名，如 jrxx-2026-022.pdf"),
                )
            ]
        )
    try:
        if not target.parent.is_dir():
            raise FileNotFoundError(2, _("文件夹不存在"))
        temporary = write_temporary(target, data)
        try:
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        sync_folder(target.parent)
    except OSError as error:
        raise BulletinError([Problem(str(target), 0, "output", explain_unwritten(error))]) from None
