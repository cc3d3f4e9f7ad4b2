"""`bulletin import`: a unit's Word document as a new pending report, checked before it is written.

The conversion is :mod:`bulletin.convert.worddocs`; the file is named and its front matter written
as ``bulletin new`` does (:func:`bulletin.commands.new.prepare_report`). Before anything is
written the new file is read and checked as the archive will read it (front matter, body,
references, unfinished text), so what ``import`` writes passes ``bulletin check``; a problem is
told of the Word document, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bulletin import limits
from bulletin.check.body import Text, check_body
from bulletin.check.references import check_references
from bulletin.check.unfinished import check_placeholder
from bulletin.commands.new import prepare_report, title_option
from bulletin.commands.writing import create_file
from bulletin.convert.worddocs import WordDocument, read_word_document
from bulletin.errors import BulletinError, Problem, Problems
from bulletin.i18n import _
from bulletin.model import Settings, Unit
from bulletin.read.reportfile import read_report_draft


@dataclass(frozen=True)
class Imported:
    """What ``bulletin import`` wrote: the new file and what the document held."""

    path: Path
    title: str
    document: WordDocument


def import_word_report(
    root: Path,
    settings: Settings,
    units: dict[str, Unit],
    source: Path,
    shown: str,
    unit_key: str,
    title: str | None,
    category: str | None,
    series: str | None,
    day: dt.date,
    slug: str | None = None,
) -> Imported:
    """Write the Word document ``source`` (named ``shown`` in problems) as a pending report;
    BulletinError, with nothing written, when it is refused."""
    document = read_word_document(source, shown, find_title=True)
    chosen = title if title is not None else document.title
    if chosen is None:
        raise BulletinError(
            [
                Problem(
                    shown,
                    0,
                    "title",
                    _("文档里找不到标题（第一段不是“标题”样式，也不是居中的粗体或大字）：请用 --title 给出报告的标题"),
                )
            ]
        )
    if title is None and len(chosen) > limits.MAX_TITLE_CHARS:
        raise BulletinError(
            [
                Problem(
                    shown,
                    0,
                    "title",
                    _("文档的标题有 {length} 个字符，超过 {limit} 个字符的上限：请用 --title 给一个简短的标题").format(
                        length=len(chosen), limit=limits.MAX_TITLE_CHARS
                    ),
                )
            ]
        )
    try:
        report = prepare_report(
            root, settings, units, unit_key, chosen, category, series, day, slug, body=document.body
        )
    except BulletinError as error:
        if title is not None:
            raise
        # The title came from the document: say so, not "the --title argument".
        raise BulletinError(
            [
                Problem(shown, 0, p.field, _("文档的标题：{message}").format(message=p.message))
                if p.path == title_option()
                else p
                for p in error.problems
            ]
        ) from None
    check_new_report(root, settings, units, report.relative, report.data, shown)
    create_file(root, report.relative, report.data)  # never overwrites
    return Imported(root / report.relative, chosen.strip(), document)


def check_new_report(
    root: Path, settings: Settings, units: dict[str, Unit], relative: str, data: bytes, shown: str
) -> None:
    """BulletinError (told of the Word document) when the file about to be written would not
    pass ``bulletin check``: over a limit of the report text, for example."""
    problems = Problems()
    draft = read_report_draft(relative, data.decode("utf-8"), settings.series[0].key, problems)
    if draft is not None:
        check_body(Text(draft.path, draft.body, draft.body_line), problems)
        if draft.report is not None:
            check_placeholder(draft.report, problems)
            check_references(draft.report, settings, units, problems, draft.unsure)
    if problems:
        raise BulletinError(
            [
                Problem(
                    shown,
                    0,
                    problem.field,
                    _("转换出的报告通不过检查，未写入：{message}").format(message=problem.message),
                )
                for problem in problems.items
            ]
        )
