"""`bulletin export`, the fonts folder, the preview without documents, and the script that
installs the documents' Debian packages."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from fontTools.ttLib import TTFont
from helpers import BUILD_EPOCH, REPO, Ran, copy_fixture, run_build, run_bulletin, run_bulletin_process, write

SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # Debian's fonts-dejavu-core, always there


def export(root: Path, *args: str) -> Ran:
    return run_bulletin("--root", str(root), "export", *args, SOURCE_DATE_EPOCH=BUILD_EPOCH)


def font_names(pdf_path: Path) -> set[str]:
    """The names of the fonts the text of page 1 is set in."""
    pdf = pdfium.PdfDocument(pdf_path.read_bytes())
    textpage = pdf[0].get_textpage()
    names = set()
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for index in range(textpage.count_chars()):
        length = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 256, ctypes.byref(flags))
        if length:
            names.add(buffer.value.decode("utf-8", "replace"))
    return names


def test_export_writes_the_issue_as_pdf_and_word(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    pdf_path = tmp_path / "out" / "一期.pdf"
    pdf_path.parent.mkdir()
    result = export(root, "jrxx", "2026", "1", "--output", str(pdf_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已写出《今日信息》2026年第1期" in result.stdout
    pdf = pdfium.PdfDocument(pdf_path.read_bytes())
    assert "市应急管理局开展岁末年初安全生产大排查" in pdf[0].get_textpage().get_text_range()
    word = tmp_path / "out" / "一期.docx"
    assert export(root, "jrxx", "2026", "1", "--format", "docx", "--output", str(word)).returncode == 0
    text = "".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "云岭县“茶旅融合”带动山区群众增收" in text
    # Twice the same bytes (SOURCE_DATE_EPOCH or not: the dates are the issue's).
    again = tmp_path / "again.pdf"
    assert export(root, "jrxx", "2026", "1", "--output", str(again)).returncode == 0
    assert again.read_bytes() == pdf_path.read_bytes()


def test_export_tells_an_unknown_issue_or_series_and_leaves_the_output_alone(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"the file that was there")
    result = export(root, "jrxx", "2026", "9", "--output", str(target))
    assert result.returncode == 1
    assert "《今日信息》2026年没有第9期：这一年有第1期到第2期" in result.stdout
    result = export(root, "jrxx", "2019", "1", "--output", str(target))
    assert "《今日信息》2019年还没有任何一期" in result.stdout
    result = export(root, "abc", "2026", "1", "--output", str(target))
    assert "没有刊物“abc”：现有 jrxx、zk、jjxx" in result.stdout
    result = export(root, "jrxx", "2026", "1", "--output", str(tmp_path))
    assert "这是一个文件夹" in result.stdout
    result = export(root, "jrxx", "2026", "1", "--output", str(tmp_path / "no-such-folder" / "a.pdf"))
    assert result.returncode == 1 and "文件夹不存在" in result.stdout
    assert target.read_bytes() == b"the file that was there"
    assert "Traceback" not in result.stdout + result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_export_help_is_chinese():
    result = run_bulletin("export", "--help")
    assert result.returncode == 0
    assert "把一期刊物写成 PDF 或 Word 文件" in result.stdout and "文件格式：pdf 或 docx（Word）" in result.stdout


def make_office_font(target: Path, family: str) -> None:
    """A font file named as the office's 仿宋 would be (a renamed DejaVu Serif: its digits and Latin)."""
    font = TTFont(str(SERIF))
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))


@pytest.mark.build
def test_the_offices_fonts_folder_is_used_and_embedded(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    make_office_font(root / "fonts" / "fangsong.ttf", "FangSong_GB2312")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  bulletin:\n", "  bulletin:\n    documents:\n      fonts: fonts\n", 1
        ),
        encoding="utf-8",
    )
    result = run_build(root, documents=True)
    assert result.returncode == 0, result.stderr
    names = font_names(root / "site/jrxx/2026/001/jrxx-2026-001.pdf")
    assert any("FangSong_GB2312" in name for name in names), names  # the office's face, embedded
    assert any("NotoSerifCJK" in re.sub(r"[- ]", "", name) for name in names), names  # Chinese from Noto


@pytest.mark.build
def test_a_broken_font_file_stops_the_build_with_its_name(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    write(root, "fonts/broken.ttf", "这不是字体")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  bulletin:\n", "  bulletin:\n    documents:\n      fonts: fonts\n", 1
        ),
        encoding="utf-8",
    )
    result = run_build(root, documents=True)
    assert result.returncode == 1
    assert "fonts/broken.ttf: extra.bulletin.documents.fonts: 读不出这个字体文件" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_a_fonts_folder_outside_the_repository_is_refused(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  bulletin:\n", "  bulletin:\n    documents:\n      fonts: ../../etc\n", 1
        ),
        encoding="utf-8",
    )
    result = run_bulletin("--root", str(root), "check")
    assert result.returncode == 1
    assert "不是仓库里的文件夹" in result.stdout
    assert "extra.bulletin.documents.fonts" in result.stdout


@pytest.mark.build
def test_the_preview_makes_no_documents_and_links_none(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    result = run_build(root, env={"BULLETIN_PREVIEW_MONTHS": "120"}, documents=True)  # and yet none
    assert result.returncode == 0, result.stderr
    page = (root / "site/jrxx/2026/001/index.html").read_text(encoding="utf-8")
    assert "下载PDF" not in page and "bulletin-document-size" not in page
    assert not list((root / "site").rglob("*.pdf"))


SCRIPT = REPO / "scripts" / "system_packages.sh"


@pytest.mark.skipif(shutil.which("dpkg-query") is None or shutil.which("runuser") is None, reason="Debian only")
def test_the_package_script_says_the_apt_get_line_when_it_cannot_install():
    environment = {**os.environ, "BULLETIN_SYSTEM_PACKAGES": "fonts-noto-cjk bulletin-no-such-package"}
    result = subprocess.run(
        ["runuser", "-u", "nobody", "--", "sh", str(SCRIPT)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "缺少生成 PDF 所需的系统软件包： bulletin-no-such-package" in result.stderr
    assert "sudo apt-get install -y --no-install-recommends bulletin-no-such-package" in result.stderr
    # Everything there: nothing said, nothing done.
    present = {**os.environ, "BULLETIN_SYSTEM_PACKAGES": "fonts-noto-cjk"}
    quiet = subprocess.run(
        ["runuser", "-u", "nobody", "--", "sh", str(SCRIPT)], env=present, capture_output=True, check=False
    )
    assert quiet.returncode == 0 and quiet.stderr == b""


# Loaded by Python at start-up (site imports sitecustomize from PYTHONPATH): HarfBuzz's subset
# library cannot be opened, as on a machine without Debian's libharfbuzz-subset0. WeasyPrint then
# falls back to fontTools, and a cold build of the sample takes half an hour instead of a minute.
_HIDE_SUBSET_LIBRARY = """
import cffi

_open = cffi.FFI.dlopen


def dlopen(self, name, *args, **kwargs):
    if "harfbuzz-subset" in str(name):
        raise OSError(f"hidden by the test: {name}")
    return _open(self, name, *args, **kwargs)


cffi.FFI.dlopen = dlopen
"""


def hide_subset_library(folder: Path) -> dict[str, str]:
    write(folder, "sitecustomize.py", _HIDE_SUBSET_LIBRARY)
    return {"PYTHONPATH": str(folder)}


@pytest.mark.build
def test_a_build_without_harfbuzz_subsetting_stops_at_once_with_the_apt_get_line(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    result = run_build(root, env=hide_subset_library(tmp_path / "hide"), documents=True)
    assert result.returncode == 1
    assert "apt-get install -y --no-install-recommends libharfbuzz-subset0" in result.stderr
    assert "scripts/system_packages.sh: extra.bulletin.documents: 生成 PDF 所需的系统库没有装全" in result.stderr
    assert "BULLETIN_DOCUMENTS=0" in result.stderr  # the way out when no PDFs are wanted
    assert not (root / "site").exists()  # stopped before anything was built
    # Without documents the same machine builds the site.
    plain = run_build(root, env=hide_subset_library(tmp_path / "hide"), documents=False)
    assert plain.returncode == 0, plain.stderr
    assert not list((root / "site").rglob("*.pdf"))


def test_export_of_a_pdf_without_harfbuzz_subsetting_stops_with_the_apt_get_line(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    result = run_bulletin_process(  # a process of its own: sitecustomize runs at its start
        "--root",
        str(root),
        "export",
        "jrxx",
        "2026",
        "1",
        "--format",
        "pdf",
        "--output",
        str(tmp_path / "x.pdf"),
        SOURCE_DATE_EPOCH=BUILD_EPOCH,
        **hide_subset_library(tmp_path / "hide"),
    )
    assert result.returncode != 0
    assert "apt-get install -y --no-install-recommends libharfbuzz-subset0" in result.stdout
    assert not (tmp_path / "x.pdf").exists()
