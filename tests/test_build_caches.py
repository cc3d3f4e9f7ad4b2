"""What a build keeps for the next one (.cache/): report bodies as HTML, compiled templates, the
search index's parts. Each only saves time: a damaged, tampered or unwritable cache costs the
next build that time and never changes what is published."""

from __future__ import annotations

import json
import os
import re

import pytest
from helpers import FIXTURE, build_cache_dir, calls_made, copy_fixture, run_build, tree_digest

from bulletin.archive import load_archive
from bulletin.documents.builder import BuiltDocument, DocumentOutcome, fill_sizes
from bulletin.markup import bodycache, reportbody
from bulletin.markup.bodycache import cache_file, keep_bodies, load_earlier_bodies
from bulletin.markup.reportbody import render_body_html
from bulletin.pages import templating
from bulletin.pages.issues import size_placeholder


@pytest.fixture
def fresh_process(monkeypatch):
    """The bodies' memory of a process that has rendered nothing and read no cache."""
    for name in ("_RENDERED", "_EARLIER", "_USED"):
        monkeypatch.setattr(reportbody, name, {})
    monkeypatch.setattr(bodycache.TABLE, "in_file", {})


def render_all(reports) -> list[str]:
    return [render_body_html(report) for report in reports]


def test_bodies_rendered_by_one_build_are_taken_by_the_next(tmp_path, fresh_process, monkeypatch):
    reports = load_archive(FIXTURE).reports
    first_cost = calls_made(lambda: render_all(reports))
    first = render_all(reports)
    assert keep_bodies(tmp_path)
    assert not keep_bodies(tmp_path)  # nothing new: the file is not written again
    kept = json.loads(cache_file(tmp_path).read_text(encoding="utf-8"))
    assert sorted(kept.values()) == sorted(set(first))

    for name in ("_RENDERED", "_EARLIER", "_USED"):  # the next build's process
        monkeypatch.setattr(reportbody, name, {})
    monkeypatch.setattr(bodycache.TABLE, "in_file", {})
    assert load_earlier_bodies(tmp_path) == len(kept)
    again_cost = calls_made(lambda: render_all(reports))
    assert render_all(reports) == first
    assert again_cost * 5 < first_cost  # looked up, not rendered by Markdown


def test_a_changed_body_is_rendered_again_and_the_file_keeps_only_the_archives_bodies(tmp_path, fresh_process):
    reports = load_archive(FIXTURE).reports
    render_all(reports)
    keep_bodies(tmp_path)
    bodycache.TABLE.in_file.clear()
    for name in ("_RENDERED", "_EARLIER", "_USED"):
        getattr(reportbody, name).clear()
    load_earlier_bodies(tmp_path)
    changed = reports[0].body + "\n\n新增一段：云岭县补充报送的情况。\n"
    html = reportbody.render_markdown_body(changed)
    assert "新增一段：云岭县补充报送的情况。" in html
    assert keep_bodies(tmp_path)
    kept = json.loads(cache_file(tmp_path).read_text(encoding="utf-8"))
    assert list(kept.values()) == [html]  # only what this build asked for


@pytest.mark.parametrize(
    "content",
    [
        "",  # a build killed while creating it (the rename makes this unlikely, not impossible)
        '{"' + "a" * 64 + '": "<p>cut sh',  # cut short
        "[1, 2, 3]",  # not what this module writes
        '{"../../etc/passwd": "<p>x</p>", "' + "b" * 64 + '": 7}',  # keys not digests, values not text
        "\x00\xff garbage",
    ],
)
def test_a_damaged_bodies_file_is_ignored(tmp_path, fresh_process, content):
    cache_file(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    cache_file(tmp_path).write_text(content, encoding="utf-8", errors="surrogateescape")
    assert load_earlier_bodies(tmp_path) == 0
    report = load_archive(FIXTURE).reports[0]
    assert "<p>" in render_body_html(report)


def test_a_bodies_folder_that_cannot_be_written_costs_time_not_the_build(tmp_path, fresh_process):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    render_all(load_archive(FIXTURE).reports)
    assert load_earlier_bodies(not_a_folder / "bodies") == 0
    assert keep_bodies(not_a_folder / "bodies") is False
    assert [p.name for p in tmp_path.iterdir()] == ["file"]  # no temporary file left either


def test_an_older_renderers_bodies_and_a_killed_builds_temporary_file_are_removed(tmp_path, fresh_process):
    older = tmp_path / "bodies-0000000000000000.json"
    older.write_text("{}", encoding="utf-8")
    killed = tmp_path / f".{cache_file(tmp_path).name}.12345.tmp"
    killed.write_text("{", encoding="utf-8")
    os.utime(killed, (1, 1))  # long ago
    render_all(load_archive(FIXTURE).reports)
    assert keep_bodies(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [cache_file(tmp_path).name]


@pytest.fixture
def kept_templates(tmp_path):
    """A template environment of its own, its compiled templates kept in tmp_path/templates."""
    templating.environment.cache_clear()
    yield tmp_path / "templates"
    templating.environment.cache_clear()


def render_record() -> str:
    return templating.render_template("search-record.html", "reports/2026/x.md", **RECORD)


RECORD = {
    "language": "zxx",
    "title": "云岭县茶旅融合",
    "date": "2026-01-05",
    "filters": [("series", "今日信息")],
    "meta": [("title", "云岭县茶旅融合")],
    "title_words": "q1",
    "head_words": "q2",
    "text_words": "q3",
    "piece_break": "·",
    "text_mark": "⁂",
}


def test_compiled_templates_are_kept_and_a_damaged_one_is_compiled_again(kept_templates):
    expected = render_record()
    templating.environment.cache_clear()
    templating.keep_compiled_templates(kept_templates)
    assert render_record() == expected
    kept = list(kept_templates.iterdir())
    assert kept  # compiled, kept for the next build
    for path in kept:
        path.write_bytes(path.read_bytes()[:40])  # cut short after Jinja's header
    templating.environment.cache_clear()
    templating.keep_compiled_templates(kept_templates)
    assert render_record() == expected


def test_a_template_folder_removed_during_the_build_is_not_written(kept_templates):
    expected = render_record()
    templating.environment.cache_clear()
    templating.keep_compiled_templates(kept_templates)
    kept_templates.rmdir()  # gone (a `make clean` beside the build): nowhere to write
    assert render_record() == expected
    assert not kept_templates.exists()


@pytest.mark.build
def test_a_link_planted_in_the_search_index_cache_is_not_followed_into_the_site(tmp_path):
    """A part's cached index that holds a symbolic link (a tampered cache) is indexed again: the
    site gets no link and no byte of what the link points at."""
    root = copy_fixture(tmp_path / "archive")
    first = run_build(root)
    assert first.returncode == 0, first.stderr
    assert re.search(r"用时 [\d.]+ 秒：读取和检查 [\d.]+ 秒，生成页面", first.stderr)  # where the time went
    (part,) = (build_cache_dir(root) / "pagefind").iterdir()
    fragment = next(part.glob("fragment/*.pf_fragment"))
    secret = tmp_path / "secret.txt"
    secret.write_text("机密：不得出现在网站上", encoding="utf-8")
    fragment.unlink()
    fragment.symlink_to(secret)
    again = run_build(root, "--site-dir", str(tmp_path / "again"))
    assert again.returncode == 0, again.stderr
    assert "缓存中 2026 的索引含有链接或无法读取，已重新生成" in again.stderr
    site = tmp_path / "again"
    assert not [p for p in site.rglob("*") if p.is_symlink()]
    assert not [p for p in site.rglob("*") if p.is_file() and p.read_bytes() == secret.read_bytes()]
    unstable = re.compile(r"pagefind/\d{4}/(filter/|pagefind\.zxx_.*\.pf_meta$|pagefind-entry\.json$)")
    stable = lambda tree: {k: v for k, v in tree.items() if not unstable.match(k)}
    assert stable(tree_digest(site)) == stable(tree_digest(root / "site"))


def issue_page_text(pdf: str, word: str) -> str:
    return (
        '<p class="bl-documents bl-web-only"><a href="jrxx-2026-022.pdf">下载PDF</a>'
        f'<span class="bl-size">（{pdf}）</span> · <a href="jrxx-2026-022.docx">下载Word</a>'
        f'<span class="bl-size">（{word}）</span></p><p>（正文里的括号：下载PDF）</p>'
    )


def test_an_issue_page_taken_from_the_previous_build_shows_its_files_new_sizes(tmp_path):
    """An incremental build takes an issue page whose own data did not change even when its files
    did (the office's fonts changed): the sizes it shows are written anew, into a new file, so the
    previous build's page (hard-linked) keeps its own."""
    previous, site = tmp_path / "previous", tmp_path / "site"
    page = "jrxx/2026/022/index.html"
    for folder in (previous, site):
        (folder / page).parent.mkdir(parents=True)
    (previous / page).write_text(issue_page_text("359 KB", "41 KB"), encoding="utf-8")
    os.link(previous / page, site / page)  # taken from the previous build
    documents = tuple(
        BuiltDocument(f"jrxx/2026/022/jrxx-2026-022.{fmt}", "jrxx/2026/022.md", fmt, "", size, reused=False)
        for fmt, size in (("pdf", 2 * 1024 * 1024 + 200 * 1024), ("docx", 41 * 1024))
    )
    fill_sizes(DocumentOutcome(documents), site)
    assert (site / page).read_text(encoding="utf-8") == issue_page_text("2.2 MB", "41 KB")
    assert (previous / page).read_text(encoding="utf-8") == issue_page_text("359 KB", "41 KB")
    written = (site / page).stat().st_ino
    fill_sizes(DocumentOutcome(documents), site)  # already right: not written again
    assert (site / page).stat().st_ino == written


def test_a_new_issue_pages_placeholders_become_sizes(tmp_path):
    page = tmp_path / "jrxx/2026/023/index.html"
    page.parent.mkdir(parents=True)
    page.write_text(issue_page_text(size_placeholder("pdf"), size_placeholder("docx")), encoding="utf-8")
    documents = tuple(
        BuiltDocument(f"jrxx/2026/023/jrxx-2026-023.{fmt}", "jrxx/2026/023.md", fmt, "", size, reused=False)
        for fmt, size in (("pdf", 300), ("docx", 5000))
    )
    fill_sizes(DocumentOutcome(documents), tmp_path)
    assert page.read_text(encoding="utf-8") == issue_page_text("1 KB", "5 KB")
