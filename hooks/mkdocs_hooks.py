"""MkDocs hooks: turn MkDocs events into calls of the bulletin core. Nothing else.

The archive is loaded and checked in ``on_pre_build``, before MkDocs cleans or writes
``site_dir``: a bad report stops the build with every problem listed, and nothing is
written.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from bulletin.archive import REPORTS_DIR, limit_to_recent, load_archive
from bulletin.browsepages import render_browse_site
from bulletin.errors import BulletinError
from bulletin.pages import HOME_MARKER, render_home_blocks, render_site
from bulletin.sanitize import sanitize_html
from bulletin.search import SearchIndexer, render_search_page
from bulletin.statspages import render_stats_site

log = logging.getLogger("mkdocs.hooks.bulletin")
_state: dict = {}
_ID = re.compile(r'\sid="([^"]+)"')


class PrerenderedPage(Page):
    """A page the core wrote as HTML (issue, report and list pages, nearly the whole site):
    MkDocs puts it into the theme as it is, without building a Markdown converter for it."""

    def __init__(self, file: File, config, rendered) -> None:
        super().__init__(None, file, config)
        self.rendered = rendered

    def render(self, config, files) -> None:
        self.content = self.rendered.html
        self.toc = get_toc([{"level": 2, "id": anchor, "name": name, "children": []}
                            for anchor, name in self.rendered.toc])
        self.present_anchor_ids = set(_ID.findall(self.content))  # links to them are checked


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


PREVIEW_VARIABLE = "BULLETIN_PREVIEW_MONTHS"


def preview_months() -> int | None:
    """`make serve` previews the last few months (the published build is always complete)."""
    value = os.environ.get(PREVIEW_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def on_config(config):
    if preview_months():
        # The preview leaves out older pages: links to them are expected, not problems.
        config.validation.links.not_found = logging.DEBUG
        config.validation.links.anchors = logging.DEBUG
    return config


def on_pre_build(config) -> None:
    months = preview_months()
    try:
        archive = load_archive(_root(config), Path(config.config_file_path).name, use_cache=months is not None)
    except BulletinError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(error.problems)} problem(s) in the archive; nothing was built or changed"
        ) from None
    for report in archive.pending:
        log.info("pending (approved, not yet in an issue): %s: %s", report.path, report.title)
    if months:
        archive = limit_to_recent(archive, months)
        log.info("preview: only the issues of the last %d month(s) are built (%s); "
                 "the search index is not built", months, PREVIEW_VARIABLE)
    _state["archive"] = archive
    # The search index is made in a process of its own, from here on, while MkDocs builds
    # the site (the preview builds none).
    _state["indexer"] = None if months else SearchIndexer(archive, _root(config) / ".cache" / "pagefind")
    stats_pages, _state["files"] = render_stats_site(archive, build_date())
    _state["pages"] = render_site(archive) + stats_pages + render_browse_site(archive) + (render_search_page(archive),)
    log.info("bulletin: %d issues, %d reports published, %d pending",
             len(archive.issues), len(archive.reports) - len(archive.pending), len(archive.pending))


def build_date() -> dt.date:
    """The date the build speaks for: SOURCE_DATE_EPOCH (the commit) when set, so builds repeat."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


def on_files(files, config):
    for page in _state["pages"]:
        file = File.generated(config, page.src, content=page.markdown)
        if page.html is not None:
            PrerenderedPage(file, config, page)
        files.append(file)
    for src, content in _state["files"].items():
        files.append(File.generated(config, src, content=content))
    _state["sanitized"] = {page.src for page in _state["pages"] if page.sanitize} | {"index.md"}
    return files


def on_page_markdown(markdown, page, config, files):
    if HOME_MARKER in markdown:
        return markdown.replace(HOME_MARKER, render_home_blocks(_state["archive"], page.file.src_uri))
    return markdown


def on_page_content(html, page, config, files):
    if page.file.src_uri in _state["sanitized"]:
        return sanitize_html(html)
    return html


def on_serve(server, config, builder):
    server.watch(str(_root(config) / REPORTS_DIR))
    return server


def on_build_error(error, **kwargs):
    indexer = _state.pop("indexer", None)
    if indexer is not None:
        indexer.abandon()


def on_post_build(config):
    """The search index, in parts of consecutive years: wait for the parts still being indexed."""
    indexer = _state.get("indexer")
    if indexer is None:
        return
    started = time.monotonic()
    try:
        reused = indexer.finish(Path(config.site_dir))
    except BulletinError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError("the search index could not be built") from None
    log.info("search index: %d part(s), %d reused from .cache/pagefind; waited %.1f s for it",
             len(reused), sum(reused.values()), time.monotonic() - started)
