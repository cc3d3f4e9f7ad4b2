"""The Word file of an issue is the same bytes every time (issue 13, item 3).

python-docx dates each zip entry with the wall clock and its template carries its own dates,
author and a thumbnail: the writer dates everything from the issue, drops the thumbnail and
writes the zip again in a fixed way. Checked in this process and in another one with another
time zone and another wall clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import zipfile

import docx
import pytest
from helpers import REPO

from bulletin.archive import load_archive
from bulletin.documents.issueword import write_issue_docx
from bulletin.model import Archive, Issue

MOMENT = dt.datetime(2026, 11, 30, 9, 0)
TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def sample() -> Archive:
    return load_archive(REPO, today=TODAY)


def issue_22(archive: Archive) -> Issue:
    return next(i for i in archive.issues if (i.series.key, i.year, i.number) == ("jrxx", 2026, 22))


def test_two_calls_give_the_same_bytes_whatever_the_build_moment(sample):
    issue = issue_22(sample)
    first = write_issue_docx(sample, issue, moment=MOMENT)
    again = write_issue_docx(sample, issue, moment=MOMENT + dt.timedelta(days=400, seconds=7))
    assert first == again


SCRIPT = """
import datetime as dt, hashlib, sys, time
real = time.time
time.time = lambda: real() + 3 * 365 * 86400 + 12345  # a wall clock three years on
from bulletin.archive import load_archive
from bulletin.documents.issueword import write_issue_docx
archive = load_archive(sys.argv[1], today=dt.date(2026, 11, 30))
for issue in archive.issues[:: len(archive.issues) // 5]:
    data = write_issue_docx(archive, issue, moment=dt.datetime(2026, 11, 30, 9, 0))
    print(issue.series.key, issue.year, issue.number, hashlib.sha256(data).hexdigest())
"""


def test_another_process_in_another_time_zone_and_time_writes_the_same_bytes(sample):
    environment = {**os.environ, "TZ": "America/Los_Angeles", "LC_ALL": "C", "PYTHONHASHSEED": "1234"}
    environment.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(REPO)],
        check=False,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")[:-1]
    assert len(lines) >= 5
    for line in lines:
        series, year, number, digest = line.split()
        issue = next(i for i in sample.issues if (i.series.key, str(i.year), str(i.number)) == (series, year, number))
        assert hashlib.sha256(write_issue_docx(sample, issue, moment=MOMENT)).hexdigest() == digest, line


def test_the_files_dates_and_properties_are_the_issues(sample):
    issue = issue_22(sample)
    data = write_issue_docx(sample, issue, moment=MOMENT)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        entries = package.infolist()
        names = [e.filename for e in entries]
        assert names[0] == "[Content_Types].xml"
        assert {e.date_time for e in entries} == {(2026, 11, 16, 1, 0, 0)}  # 09:00 in Beijing
        assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}
        assert not any("thumbnail" in name for name in names)
        assert b"thumbnail" not in package.read("_rels/.rels")
        # Nothing python-docx would date or number by itself.
        document = package.read("word/document.xml")
        assert b"docPr" not in document and b"w:rsidR=" not in document.replace(b'w:rsidR="00FC693F"', b"")
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert properties.title == "今日信息 2026年第22期"
    assert properties.author == properties.last_modified_by == "中共示例市委办公室"
    assert properties.created == properties.modified == dt.datetime(2026, 11, 16, 1, 0, tzinfo=dt.UTC)
    assert properties.revision == 1
    assert "python-docx" not in (properties.comments + properties.author)


def test_a_later_correction_dates_the_file_by_the_correction(tmp_path):
    from helpers import copy_fixture, write

    root = copy_fixture(tmp_path / "archive")
    text = (root / "reports/2026/0105-yunling-chalv.md").read_text(encoding="utf-8")
    write(
        root,
        "reports/2026/0105-yunling-chalv.md",
        text.replace("tags:", "corrections:\n  - {date: 2026-02-03, note: 数字有误。}\ntags:", 1),
    )
    archive = load_archive(root, today=dt.date(2026, 12, 31))
    issue = next(i for i in archive.issues if i.reports[0].id == "0105-yunling-chalv")
    data = write_issue_docx(archive, issue, moment=MOMENT)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {e.date_time[:3] for e in package.infolist()} == {(2026, 2, 3)}
    assert docx.Document(io.BytesIO(data)).core_properties.modified.date() == dt.date(2026, 2, 3)


def test_what_goes_into_the_file_is_described_for_a_cache(tmp_path):
    """describe_inputs changes with every input the file shows (a cache of the files keys on
    it), and not otherwise."""
    from helpers import copy_fixture, write

    from bulletin.documents.issueword import describe_inputs

    def described(root) -> tuple[str, bytes]:
        archive = load_archive(root, today=dt.date(2026, 12, 31))
        issue = next(i for i in archive.issues if (i.series.key, i.year, i.number) == ("jrxx", 2026, 1))
        return describe_inputs(archive, issue), write_issue_docx(archive, issue, moment=MOMENT)

    root = copy_fixture(tmp_path / "archive")
    first, first_file = described(root)
    assert described(root) == (first, first_file)
    # A unit renamed after the issue: the issue keeps the old name, in the file and the description.
    units = root / "reports/units.yml"
    text = units.read_text(encoding="utf-8")
    renamed = text.replace(
        "yunling:\n  name: 云岭县委办公室\n",
        "yunling:\n  name: 云岭市委办公室\n  former:\n    - {name: 云岭县委办公室, until: 2026-06-30}\n",
    )
    assert renamed != text
    units.write_text(renamed, encoding="utf-8")
    assert described(root) == (first, first_file)
    # Renamed before the issue: another name printed, another description.
    units.write_text(renamed.replace("until: 2026-06-30", "until: 2025-12-31"), encoding="utf-8")
    second, second_file = described(root)
    assert second != first and second_file != first_file
    # The office's name.
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("中共示例市委办公室", "中共样例市委办公室"), "utf-8")
    third, third_file = described(root)
    assert third != second and third_file != second_file
    # A report's text.
    path = "reports/2026/0105-yunling-chalv.md"
    write(root, path, (root / path).read_text(encoding="utf-8").replace("42公里", "24公里"))
    fourth, fourth_file = described(root)
    assert fourth != third and fourth_file != third_file
