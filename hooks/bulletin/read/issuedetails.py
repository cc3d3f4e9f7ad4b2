"""Per-issue details: ``reports/issues/<series>/<year>/<NNN>.yml`` (optional, one per issue).

What an issue prints besides its reports and the series' settings: the 编者按 under the
masthead, 共印N份, the urgency mark, and any of 报/送/发 and 责任编辑/审核/签发 that differ for
this issue. The file of an issue that does not exist (a typing slip in its name) is a problem.
"""

from __future__ import annotations

import re
from pathlib import Path

from bulletin.errors import Problems
from bulletin.i18n import _
from bulletin.model import IssueDetails
from bulletin.read.fields import ISSUE_DETAILS_FIELDS, KEY_PATTERN
from bulletin.read.textfiles import list_files, read_text
from bulletin.read.yamlreader import Place, compose_required, read_record

ISSUES_DIR = "reports/issues"
_DETAILS_FILE = re.compile(rf"{ISSUES_DIR}/({KEY_PATTERN})/([0-9]{{4}})/([0-9]{{3,4}})\.yml")


def details_path(series: str, year: int, number: int) -> str:
    return f"{ISSUES_DIR}/{series}/{year}/{number:03d}.yml"


def read_issue_details(root: Path, problems: Problems) -> tuple[IssueDetails, ...]:
    found: list[IssueDetails] = []
    for relative in list_files(root, ISSUES_DIR, problems, depth=3):
        match = _DETAILS_FILE.fullmatch(relative)
        if not match or relative != details_path(match.group(1), int(match.group(2)), int(match.group(3))):
            problems.add(
                relative,
                1,
                "file",
                _(
                    "每期的信息要放在 reports/issues/<刊物>/<年份>/<三位期号>.yml，如 reports/issues/jrxx/2026/007.yml：请改名或移走"
                ),
            )
            continue
        text = read_text(root, relative, problems)
        if text is None:
            continue
        place = Place(relative, 1, problems)
        node = compose_required(text, place, "file", _("这一期没有要写的信息时请删除这个文件"))
        if node is None:
            continue
        count = len(problems)
        record = read_record(node, ISSUE_DETAILS_FIELDS, place)
        if record is None or len(problems) > count:
            continue
        series, year, number = match.group(1), int(match.group(2)), int(match.group(3))
        found.append(IssueDetails(relative, series, year, number, lines=record.lines, **record.values))
    return tuple(found)
