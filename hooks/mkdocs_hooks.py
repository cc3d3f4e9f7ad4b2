"""MkDocs hooks: turn MkDocs events into calls of the bulletin core. Nothing else.

The archive is loaded and checked in ``on_pre_build``, before MkDocs cleans or writes
``site_dir``: a bad report stops the build with every problem listed, and nothing is
written. The core then renders every generated page (``render_site``); the hooks hand
them to MkDocs, sanitise what carries report text, and wait for the search index.

Under ``mkdocs serve`` (``make serve``, the editors' preview) two things differ, see
:mod:`bulletin.pages.preview`: pending reports get pages, and a bad report does not stop the
build (MkDocs' live server would hold every request until a build succeeds) but makes the
preview one page of problems, served at every address.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, get_toc

from bulletin.archive import REPORTS_DIR, limit_to_recent, load_archive
from bulletin.documents.builder import DocumentBuilder
from bulletin.documents.fonts import FontSet, find_fonts
from bulletin.documents.issuepdf import check_pdf_libraries
from bulletin.environment import (
    CACHE_VARIABLE,
    DOCUMENTS_VARIABLE,
    PREVIEW_VARIABLE,
    PREVIOUS_BUILD_VARIABLE,
    WORK_VARIABLE,
)
from bulletin.errors import BulletinError, Problem, make_visible
from bulletin.i18n import _
from bulletin.labels import scheduled_note
from bulletin.markup.bodycache import keep_bodies, load_earlier_bodies
from bulletin.markup.reportbody import mark_column_headers
from bulletin.markup.sanitize import sanitize_html
from bulletin.model import Archive
from bulletin.pages.build import HOME_MARKER, SiteOutput, render_home_blocks, render_site
from bulletin.pages.feeds import describe_feed_links
from bulletin.pages.navigation import add_series_to_nav
from bulletin.pages.page import Page
from bulletin.pages.preview import render_failed_build, render_preview_banner, render_problems_page
from bulletin.pages.reuse import (
    Manifest,
    SiteSources,
    describe_page,
    describe_site_inputs,
    explain_full_build,
    find_reusable,
    manifest_path,
    read_manifest,
    write_manifest,
)
from bulletin.pages.search.indexer import SearchIndexer
from bulletin.pages.templating import keep_compiled_templates
from bulletin.progress import ProgressLine, WipeFirst
from bulletin.readcache import keep_readings, load_earlier_readings
from bulletin.times import build_date, build_moment

log = logging.getLogger("mkdocs.hooks.bulletin")
_ID = re.compile(r'\sid="([^"]+)"')
_HEADING_ID = re.compile(r'<h1 id="([^"]+)"')  # a page's heading, when it has an id (the first h1)


@dataclass
class BuildClock:
    """Where a build's time goes, said in its last line: reading and checking the archive, the
    core's pages, taking the unchanged ones from the previous build, MkDocs putting the others
    into the theme and writing them, and the waits for the documents and the search index
    (made beside it, in processes of their own)."""

    started: float = field(default_factory=time.monotonic)
    read: float = 0.0
    render: float = 0.0
    take: float = 0.0
    handed: float = 0.0  # when the pages went to MkDocs (the end of on_files)
    write: float = 0.0
    documents: float = 0.0
    search: float = 0.0
    written: int = 0  # pages MkDocs rendered and wrote (not those taken from the previous build)

    def describe(self) -> str:
        return _(
            "用时 {total:.1f} 秒：读取和检查 {read:.1f} 秒，生成页面 {render:.1f} 秒，整理页面（含沿用上次的页面）{take:.1f} 秒，"
            "套用主题并写出 {write:.1f} 秒（{written} 页），等待 PDF 和 Word {documents:.1f} 秒，"
            "等待搜索索引 {search:.1f} 秒"
        ).format(
            total=time.monotonic() - self.started,
            read=self.read,
            render=self.render,
            take=self.take,
            write=self.write,
            written=self.written,
            documents=self.documents,
            search=self.search,
        )


@dataclass
class BuildState:
    """What one build carries from event to event."""

    archive: Archive
    output: SiteOutput
    indexer: SearchIndexer | None  # None in the preview, which builds no search index
    documents: DocumentBuilder | None = None  # each issue's PDF and Word file; None in the preview
    unsanitized: set[str] = field(default_factory=set)  # generated pages whose HTML is not sanitised
    folders: tuple[str, ...] = ()  # the site's top-level folders (the 404 page finds the site's root by them)
    fonts: FontSet | None = None  # the documents' fonts (None: no documents)
    manifest: Manifest | None = None  # what this build's pages are made of (bulletin.pages.reuse)
    to_write: int = 0  # pages MkDocs renders and writes in this build (the others are taken)
    clock: BuildClock = field(default_factory=BuildClock)
    moment: dt.datetime | None = None  # the moment the whole site speaks for (bulletin.times), fixed once
    inputs: dict[str, str] = field(default_factory=dict)  # what shapes every page (bulletin.pages.reuse)
    previous: Manifest | None = None  # the previous complete build's manifest, when its pages can be taken


@dataclass(frozen=True)
class FailedPreview:
    """A preview whose archive has problems: its site is the page that lists them."""

    problems: tuple[Problem, ...]
    page: Page


_state: BuildState | FailedPreview | None = None
_progress = ProgressLine(log.info)  # what a long build is doing (bulletin.progress); new for each build
_serving = False  # `mkdocs serve` (make serve): the editors' preview, see on_startup


def _current() -> BuildState:
    if not isinstance(_state, BuildState):
        raise PluginError(_("bulletin：稿件库没有载入（on_pre_build 没有运行）：请用 make site 或 mkdocs build 生成"))
    return _state


def on_startup(command: str, dirty: bool) -> None:
    """MkDocs names its command once per process: ``serve`` is the editors' preview."""
    global _serving
    _serving = command == "serve"


class ReusedFile(File):
    """A generated page taken from the previous build as it is (bulletin.pages.reuse): its output
    is already in the site, so MkDocs (which runs with --dirty under `bulletin build`) neither
    reads nor renders it."""

    def is_modified(self) -> bool:
        return False


class PrerenderedPage(MkDocsPage):
    """A page the core wrote as HTML (nearly the whole site): MkDocs puts it into the theme
    as it is, without building a Markdown converter for it."""

    def __init__(self, file: File, config: MkDocsConfig, rendered: Page, nav_title: str | None = None) -> None:
        super().__init__(nav_title, file, config)
        self.rendered = rendered

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.rendered.html
        sections: list[Any] = [  # mkdocs.structure.toc's tokens
            {"level": 2, "id": anchor, "name": str(escape(name)), "children": []} for anchor, name in self.rendered.toc
        ]
        heading = _HEADING_ID.search(self.content)
        if heading:
            # As for a Markdown page: the heading leads its sections (the theme's skip link goes to
            # the first entry; its table of contents shows the sections of a level-1 entry).
            sections = [{"level": 1, "id": heading[1], "name": str(escape(self.rendered.title)), "children": sections}]
        self.toc = get_toc(sections)
        self.present_anchor_ids = set(_ID.findall(self.content))  # links to them are checked


class TakenPage(PrerenderedPage):
    """A page taken from the previous build (ReusedFile): MkDocs does not render it, but checks
    the links of the pages it does render into it, so it knows its anchors: found in its HTML
    when a link asks (a few pages of the thousands taken), in the previous build's file when the
    core did not render it either (a report page keyed by its inputs)."""

    _anchors: set[str] | None = None
    source = ""  # the page in the previous build

    @property
    def present_anchor_ids(self) -> set[str]:
        if self._anchors is None:
            html = self.rendered.html
            if self.rendered.taken:
                with open(self.source, encoding="utf-8", errors="replace") as taken:
                    html = taken.read()
            self._anchors = set(_ID.findall(html))
        return self._anchors

    @present_anchor_ids.setter
    def present_anchor_ids(self, value: set[str] | None) -> None:
        self._anchors = value


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def cache_dir(config: MkDocsConfig, kind: str = "pagefind") -> Path:
    """The search index cache (``kind`` pagefind) or the documents' (``documents``):
    BULLETIN_CACHE_DIR, or .cache/ in the repository, then the kind."""
    configured = os.environ.get(CACHE_VARIABLE, "").strip()
    return (Path(configured) if configured else _root(config) / ".cache") / kind


def work_root() -> Path | None:
    """The indexer's work folder goes here: `bulletin build` names a folder of its build."""
    configured = os.environ.get(WORK_VARIABLE, "").strip()
    return Path(configured) if configured else None


def preview_months() -> int | None:
    """`make serve` previews the last few months (the published build is always complete)."""
    value = os.environ.get(PREVIEW_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if os.path.islink(config.site_dir) and WORK_VARIABLE not in os.environ:
        # `site` is the link `bulletin build` switches; writing through it would change the live site in place.
        raise PluginError(
            _(
                "{site} 是 make site（bulletin build）管理的网站链接，直接用 mkdocs build 会就地改写正在使用的网站。"
                "请运行 make site；如只想看一看构建结果，请用 mkdocs build --site-dir 其他文件夹"
            ).format(site=config.site_dir)
        )
    if previous_build() is not None:
        logging.getLogger("mkdocs.commands.build").addFilter(drop_dirty_notes)
    # sitemap.xml is the core's (bulletin.pages.sitemap): MkDocs' lists pages only under a site_url.
    config.theme.static_templates.discard("sitemap.xml")
    if preview_months():
        # The preview leaves out older pages: links to them are expected, not problems.
        config.validation.links.not_found = logging.DEBUG
        config.validation.links.anchors = logging.DEBUG
    return config


def drop_dirty_notes(record: logging.LogRecord) -> bool:
    """`bulletin build` runs MkDocs with --dirty only so that it skips the pages taken from the
    previous build, into a new, empty folder: MkDocs' warning about a dirty build (which would
    fail the strict build) and its note about stale files do not apply."""
    message = record.getMessage()
    return not message.startswith(("A 'dirty' build is being performed", "The directory contains stale files"))


def site_dirs(config: MkDocsConfig) -> tuple[str, ...]:
    """The folders MkDocs reads pages, assets and templates from, relative to mkdocs.yml."""
    folders = [config.docs_dir, config.theme.custom_dir]
    base = os.path.dirname(config.config_file_path)
    return tuple(os.path.relpath(folder, base) for folder in folders if folder)


def start_progress_line() -> ProgressLine:
    """A progress line for this build, wiped before each line MkDocs' handlers print."""
    global _progress
    _progress = ProgressLine(log.info)
    for handler in logging.getLogger("mkdocs").handlers:
        for old in [f for f in handler.filters if isinstance(f, WipeFirst)]:
            handler.removeFilter(old)
        handler.addFilter(WipeFirst(_progress))
    return _progress


def on_pre_build(config: MkDocsConfig) -> None:
    global _state
    _state = None
    started = time.monotonic()
    start_progress_line().show(_("bulletin：正在读取和检查稿件库……"))
    months = preview_months()
    load_earlier_bodies(cache_dir(config, "bodies"))
    load_earlier_readings(cache_dir(config, "reports"))
    with contextlib.suppress(OSError):  # a cache only saves time
        keep_compiled_templates(cache_dir(config, "templates"))
    try:
        archive = load_archive(
            _root(config),
            Path(config.config_file_path).name,
            use_cache=months is not None,
            site_dirs=site_dirs(config),
        )
    except BulletinError as error:
        refuse(config, error)
        return
    # A series of the settings that nav does not list yet joins it (MkDocs reads nav after on_files).
    config.nav = add_series_to_nav(config.nav, archive.settings.series)
    for report in archive.pending:
        log.info(
            _("待刊（已审定，尚未编入任何一期）：{report}").format(
                report=make_visible(f"{report.path}: {report.title}")
            )
        )
    if months:
        archive = limit_to_recent(archive, months)
        log.info(
            _("预览：只生成最近 {months} 个月的期次（{variable}），不生成搜索索引").format(
                months=months, variable=PREVIEW_VARIABLE
            )
        )
    read = time.monotonic()
    as_of, moment = build_date(), build_moment()  # once: a long build speaks for one moment throughout
    for issue in archive.scheduled(as_of):
        log.info(scheduled_note(issue, as_of))
    # The search index is made in a process of its own, from here on, while MkDocs builds
    # the site (the preview builds none); it and the home page see only what is published.
    # Each issue's PDF and Word file, in a process of its own too: only in a full build (the
    # preview stays quick and its issue pages do not link them).
    documents = not _serving and not months and os.environ.get(DOCUMENTS_VARIABLE, "").strip() != "0"
    inputs, previous = decide_reuse(config, documents)
    try:
        _progress.show(_("bulletin：正在生成页面……"), now=True)
        rendering = time.monotonic()
        pages = render_site(
            archive,
            as_of,
            moment,
            preview=_serving,
            search_index=not months,
            documents=documents,
            docs_dir=site_dirs(config)[0],
            previous=None if previous is None else find_taken_outputs(previous, config),
        )
        rendered = time.monotonic()
        fonts = find_fonts(_root(config), archive.settings.fonts) if documents else None
        if documents:
            check_pdf_libraries()  # before anything is built: without them the PDFs take half an hour
    except BulletinError as error:  # a report Markdown could not read (see check.bodysize), a broken font file
        refuse(config, error)
        return
    if _serving and archive.pending:
        log.info(_("预览：待刊稿件也有预览页（标明“待刊”），列在 /pending/；正式网站没有这些页"))
    published = archive.as_of(as_of)
    indexer = None if months else SearchIndexer(published, cache_dir(config), work_root())
    builder = (
        None
        if fonts is None
        else DocumentBuilder(archive, fonts, cache_dir(config, "documents"), work_root(), progress=tell_documents)
    )
    _state = BuildState(
        published, pages, indexer, builder, fonts=fonts, moment=moment, inputs=inputs, previous=previous
    )
    _state.clock = BuildClock(started, read=read - started, render=rendered - rendering)
    log.info(
        _("bulletin：共 {issues} 期，已发布稿件 {published} 篇，待刊稿件 {pending} 篇").format(
            issues=len(published.issues),
            published=sum(len(issue.reports) for issue in published.issues),
            pending=len(archive.pending),
        )
    )


def tell_documents(made: int, total: int, reused: int) -> None:
    """The documents' progress (from their own process, every few seconds): a cold build makes
    hundreds. In place on a terminal, a line of the log elsewhere."""
    text = _("PDF 和 Word 文件：已生成 {made}/{total} 个（另有 {reused} 个未变，取自缓存）").format(
        made=made, total=total, reused=reused
    )
    if _progress.in_place:
        _progress.show(text, now=True)
    else:
        log.info(text)


def refuse(config: MkDocsConfig, error: BulletinError) -> None:
    """A build whose archive has problems stops with each of them logged, and nothing is written.

    The preview instead builds one page listing them (bulletin.pages.preview): a failed build
    would leave the live server holding the editor's browser until a build succeeds. Its problems
    are logged as information there: MkDocs' strict mode fails a build on any warning."""
    global _state
    if not _serving:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(refusal(len(error.problems))) from None
    for problem in error.problems:
        log.info(str(problem))
    log.info(
        _(
            "预览：稿件库中有 {count} 个问题（见上面各行），浏览器里的每一页都列出这些问题；改正并保存后会自动重新生成"
        ).format(count=len(error.problems))
    )
    config.nav = None  # the site is the one page of problems
    _state = FailedPreview(error.problems, render_problems_page(error.problems))


def refusal(count: int) -> str:
    """What MkDocs says when the archive has problems (each is logged above it)."""
    return _("稿件库中有 {count} 个问题（见上面各行），网站没有生成，也没有改动任何文件：请改正后重新生成").format(
        count=count
    )


def find_nav_titles(nav: object) -> dict[str, str]:
    """The titles the nav of mkdocs.yml gives pages (``通报: stats/index.md``): MkDocs gives
    them only to the pages it makes itself, and the generated pages are made here."""
    titles: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else []:
        for title, value in item.items() if isinstance(item, dict) else ():
            if isinstance(value, str):
                titles[value] = title
            else:
                titles.update(find_nav_titles(value))
    return titles


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if isinstance(_state, FailedPreview):
        for file in list(files.documentation_pages()):
            files.remove(file)
        file = File.generated(config, _state.page.src, content=_state.page.front_matter)
        PrerenderedPage(file, config, _state.page)
        files.append(file)
        return files
    state = _current()
    _progress.show(_("bulletin：正在整理页面……"), now=True)
    taking = time.monotonic()
    nav_titles = find_nav_titles(config.nav)
    reused = plan_reuse(state, nav_titles)
    taken: dict[str, File] = {}
    for page in state.output.pages:
        if page.src in reused:
            made = ReusedFile.generated(config, page.src, content=page.front_matter)
            TakenPage(made, config, page, nav_titles.get(page.src)).source = os.path.join(
                os.fspath(previous_build() or ""), made.dest_uri
            )
            taken[page.src] = made
        else:
            made = File.generated(config, page.src, content=page.front_matter)
            PrerenderedPage(made, config, page, nav_titles.get(page.src))
        files.append(made)
    take_previous_pages(config, files, taken, {page.src: page for page in state.output.pages})
    for src, content in state.output.files.items():
        files.append(File.generated(config, src, content=content))
    # Every page is sanitised but the generated ones that carry no untrusted text and need their
    # script (the search page): the hand-written pages of content/ come through pull requests too.
    state.unsanitized = {page.src for page in state.output.pages if not page.sanitize}
    state.folders = tuple(sorted({f.dest_uri.split("/", 1)[0] for f in files if "/" in f.dest_uri}))
    state.clock.handed = time.monotonic()
    state.clock.take = state.clock.handed - taking
    state.to_write = len([f for f in files.documentation_pages() if not isinstance(f, ReusedFile)])
    return files


def previous_build() -> Path | None:
    """The previous complete build, when `bulletin build` names one (its unchanged pages are taken)."""
    configured = os.environ.get(PREVIOUS_BUILD_VARIABLE, "").strip()
    return Path(configured) if configured else None


def decide_reuse(config: MkDocsConfig, documents: bool) -> tuple[dict[str, str], Manifest | None]:
    """What shapes every page (bulletin.pages.reuse), and the previous complete build's manifest
    when its pages can be taken (None: every page is built; one line says why). Decided before
    the core renders: a report page whose key is the previous build's is not rendered at all."""
    import material
    import mkdocs
    import pymdownx

    import bulletin

    tools = f"mkdocs {mkdocs.__version__} material {material.__version__} pymdownx {pymdownx.__version__}"
    mode = {
        "documents": documents,
        "site_url": config.site_url,
        "directory_urls": config.use_directory_urls,
        "preview": _serving or preview_months(),
    }
    sources = SiteSources(
        code=(Path(bulletin.__file__).parent, Path(__file__)),
        theme=tuple(Path(folder) for folder in [config.theme.custom_dir] if folder),
        content=Path(config.docs_dir),
        settings=Path(config.config_file_path),
    )
    inputs = describe_site_inputs(sources, config.nav, mode, tools)
    previous = previous_build()
    manifest = None if previous is None else read_manifest(manifest_path(previous))
    why = explain_full_build(manifest, inputs)
    if why is not None or not isinstance(manifest, Manifest):
        if previous is not None:
            log.info(_("完整生成：{reason}").format(reason=why))
        return inputs, None
    return inputs, manifest


def output_path(src: str, directory_urls: bool) -> str:
    """Where MkDocs writes the page ``src`` (a generated page's source path), inside the site."""
    stem = src.removesuffix(".md")
    if not directory_urls or stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def find_taken_outputs(previous: Manifest, config: MkDocsConfig) -> dict[str, str]:
    """The previous build's page keys, for the pages whose output it still has (one that is
    missing, in a damaged build, is built again)."""
    site = os.fspath(previous_build() or "")
    return {
        src: key
        for src, key in previous.pages.items()
        if os.path.exists(os.path.join(site, output_path(src, config.use_directory_urls)))
    }


def plan_reuse(state: BuildState, nav_titles: dict[str, str]) -> set[str]:
    """The generated pages this build takes from the previous one (bulletin.pages.reuse), and
    this build's manifest."""
    # An issue page's files may change while its page does not (a new print template): the
    # sizes it shows are written in after the build, on a page taken as on a new one.
    keys = {page.src: describe_page(page) for page in state.output.pages}
    state.manifest = Manifest(state.inputs, keys)
    if state.previous is None:
        return set()
    # A page the navigation lists is built anyway: the theme takes its title from the build.
    return find_reusable(state.previous, keys, always=nav_titles)


def take_previous_pages(config: MkDocsConfig, files: Files, taken: dict[str, File], pages: dict[str, Page]) -> None:
    """Hard-link the reused pages' output from the previous build into this one (a copy where a
    link cannot be made); a page missing there is built after all. (Plain strings and os calls:
    a ten-year archive takes some 35,000 pages, each in a folder of its own.)"""
    previous = previous_build()
    if previous is None or not taken:
        return
    source_root, target_root = os.fspath(previous), os.fspath(config.site_dir)
    made_folders: set[str] = set()
    count = 0
    for src, file in sorted(taken.items()):
        source, target = os.path.join(source_root, file.dest_uri), os.path.join(target_root, file.dest_uri)
        try:
            folder = os.path.dirname(target)
            if folder not in made_folders:
                os.makedirs(folder, exist_ok=True)
                made_folders.add(folder)
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        except OSError:  # not there (a damaged previous build): built after all
            if pages[src].taken:  # not rendered either: checked before rendering, gone since
                raise PluginError(
                    _(
                        "上次生成的网站中的 {path} 无法读取（生成期间被删除或改动？）：请用 bulletin build --full 完整生成"
                    ).format(path=source)
                ) from None
            files.remove(file)
            rebuilt = File.generated(config, src, content=pages[src].front_matter)
            PrerenderedPage(rebuilt, config, pages[src])
            files.append(rebuilt)
            continue
        count += 1
    log.info(
        _("增量生成：沿用上次生成的 {taken} 页，重新生成 {made} 页").format(
            taken=count, made=len(files.documentation_pages()) - count
        )
    )


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The 404 page is served at any missing address, so its links cannot be relative to it.
    With a site_url that names the site's path, MkDocs makes them absolute from it; without
    one, the site may be served under any path: its links are made relative to a <base> that
    the page's own script points at the site's root (overrides/404.html), found by the
    site's top-level folders in the missing address."""
    if template_name == "404.html" and not config.site_url:
        context["base_url"] = "."
        context["bulletin_root_folders"] = list(_current().folders)
    return context


def on_page_context(context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: object) -> dict[str, Any]:
    """The Atom feeds a page names in its head (the home page and each series page; see
    overrides/main.html and bulletin.pages.feeds)."""
    if isinstance(_state, BuildState):
        context["bulletin_feeds"] = describe_feed_links(_state.archive, page.file.src_uri)
    return context


HOME_MARK = "\ue000bulletin-home\ue000"  # where the home page's marker was, through the sanitiser


def insert_home_blocks(html: str, page: MkDocsPage, archive: Archive) -> str:
    """The home page's generated blocks, where its marker was (HOME_MARK, in the sanitised page);
    their sections join the page's table of contents, below its title as Markdown's would."""
    moment = _current().moment
    blocks = render_home_blocks(
        archive, page.file.src_uri, taken_ids=_ID.findall(html), preview=_serving, moment=moment
    )
    links = [AnchorLink(str(escape(name)), anchor, 2) for anchor, name in blocks.toc]
    toc = page.toc.items
    (toc[-1].children if toc and toc[-1].level < 2 else toc).extend(links)
    if page.present_anchor_ids is not None:  # links to them are checked
        page.present_anchor_ids.update(anchor for anchor, _ in blocks.toc)
    return html.replace(HOME_MARK, blocks.html, 1)


def escape_page_title(page: MkDocsPage) -> None:
    """A hand-written page's title as the generated pages give theirs: HTML text in its meta
    (the theme prints a meta title as it is, and would unescape a heading's with striptags)."""
    if "title" in page.meta:
        page.meta["title"] = str(escape(str(page.meta["title"])))
    elif page.title and not page.is_homepage:  # the home page's <title> is the site's name
        page.meta["title"] = page.title  # the first heading's text, as HTML


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    if isinstance(_state, FailedPreview):
        return html  # the page of problems: escaped by its template, its script must stay
    home = False
    if not isinstance(page, PrerenderedPage):
        escape_page_title(page)
        html = mark_column_headers(html)
        # The home page's marker, a comment, would not survive the sanitiser: a text mark stands in.
        home = HOME_MARKER in html
        html = html.replace(HOME_MARKER, HOME_MARK, 1)
    state = _current()
    state.clock.written += 1
    _progress.show(
        _("bulletin：套用主题并写出页面 {done}/{total}").format(done=state.clock.written, total=state.to_write)
    )
    if page.file.src_uri not in state.unsanitized:
        html = sanitize_html(html)
    if home:  # after the sanitiser: the blocks are escaped by their template and keep data-bl-*
        html = insert_home_blocks(html, page, state.archive)
    return preview_banner(page.file.src_uri) + html


def preview_banner(src: str) -> str:
    """A preview of recent months says so at the top of each page ("" elsewhere)."""
    months = preview_months()
    return render_preview_banner(src, months) if _serving and months else ""


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The preview's 404 page says that older pages are not built (links to them are expected)."""
    if template_name == "404.html" and isinstance(_state, BuildState):
        heading_end = output_content.find("</h1>")
        if heading_end >= 0:
            at = heading_end + len("</h1>")
            return output_content[:at] + preview_banner("404.md") + output_content[at:]
    return output_content


def on_serve(server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
    server.watch(str(_root(config) / REPORTS_DIR))
    server.builder = keep_serving(server.builder, Path(server.root))
    return server


class CollectedMessages(logging.Handler):
    """MkDocs' warnings and errors during one build, to show them in the browser."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def keep_serving(build: Callable[[], None], site: Path) -> Callable[[], None]:
    """The live server's rebuild, which never leaves the browser waiting.

    MkDocs 1.6 holds every request while a rebuild runs, until one succeeds
    (``LiveReloadServer._serve_request`` waits for ``_visible_epoch == _wanted_epoch``, which a
    failed build never sets): a request would hang without a word. A rebuild that fails for any
    reason the archive's own checks do not catch (those give the page of problems, see
    ``refuse``), such as a warning in strict mode, makes the served site one page that shows
    what MkDocs logged, at every address; the rebuild returns, the browsers reload and see it,
    and the next good build brings the site back."""

    def build_or_show_why() -> None:
        collected = CollectedMessages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collected)
        try:
            build()
        except Exception as error:  # noqa: BLE001 - whatever failed, the editor must see it, not wait
            messages = [*collected.messages, str(error)]
            for child in site.iterdir():  # what the failed build left half-written
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            page = render_failed_build(messages)
            (site / "index.html").write_text(page, encoding="utf-8")
            (site / "404.html").write_text(page, encoding="utf-8")
            log.error(_("预览没有生成（原因见上面各行）：浏览器里每一页都显示这些原因；改正并保存后会自动重新生成"))
        finally:
            logger.removeHandler(collected)

    return build_or_show_why


def show_problems_everywhere(config: MkDocsConfig) -> None:
    """The page of problems is also the preview's 404 page, so every address shows it (the live
    server answers a missing page with 404.html). Its links are relative to the site's root:
    a <base> makes them so at any depth."""
    site = Path(config.site_dir)
    root = urlsplit(config.site_url or "/").path or "/"
    page = (site / "index.html").read_text(encoding="utf-8")
    base = f'<base href="{escape(root if root.endswith("/") else root + "/")}">'
    (site / "404.html").write_text(page.replace("<head>", f"<head>{base}", 1), encoding="utf-8")


def on_build_error(error: Exception, **kwargs: object) -> None:
    if isinstance(_state, BuildState) and _state.indexer is not None:
        _state.indexer.abandon()
        _state.indexer = None
    if isinstance(_state, BuildState) and _state.documents is not None:
        _state.documents.abandon()
        _state.documents = None


def on_post_build(config: MkDocsConfig) -> None:
    """The documents and the search index (waited for), the manifest and the bodies' cache for
    the next build, and where the time went."""
    if isinstance(_state, FailedPreview):
        show_problems_everywhere(config)
        return
    clock = _current().clock
    clock.write = time.monotonic() - clock.handed
    finish_documents(config)
    write_build_manifest(config)
    finish_search_index(config)
    keep_bodies(cache_dir(config, "bodies"))
    keep_readings(cache_dir(config, "reports"))
    _progress.wipe()
    log.info(clock.describe())


def finish_search_index(config: MkDocsConfig) -> None:
    """The search index, in parts of consecutive years: wait for the parts still being indexed."""
    state = _current()
    indexer = state.indexer
    if indexer is None:
        return
    _progress.show(_("bulletin：等待搜索索引……"), now=True)
    started = time.monotonic()
    try:
        outcome = indexer.finish(Path(config.site_dir))
    except BulletinError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(_("搜索索引没有生成（原因见上面各行），网站没有改动：请改正后重新生成")) from None
    for note in outcome.notes:
        # The cache only saves time: not a warning that fails --strict.
        log.info(_("搜索索引：{note}").format(note=note))
    state.clock.search = time.monotonic() - started
    log.info(
        _("搜索索引：共 {parts} 部分，其中 {reused} 部分取自缓存；等待索引 {seconds:.1f} 秒").format(
            parts=len(outcome.reused), reused=sum(outcome.reused.values()), seconds=state.clock.search
        )
    )


def write_build_manifest(config: MkDocsConfig) -> None:
    """Under `bulletin build`, what this build's pages are made of, beside its site (the next
    build takes the unchanged ones)."""
    manifest = _current().manifest
    if manifest is not None and work_root() is not None:
        write_manifest(manifest_path(Path(config.site_dir)), manifest)


def finish_documents(config: MkDocsConfig) -> None:
    """Each issue's PDF and Word file into the site, their sizes into the issue pages."""
    state = _current()
    builder, state.documents = state.documents, None
    if builder is None:
        return
    _progress.show(_("bulletin：等待 PDF 和 Word 文件……"), now=True)
    started = time.monotonic()
    try:
        outcome = builder.finish(Path(config.site_dir))
    except BulletinError as error:
        if state.indexer is not None:
            state.indexer.abandon()
            state.indexer = None
        for problem in error.problems:
            log.error(str(problem))
        raise PluginError(_("PDF 和 Word 文件没有生成（原因见上面各行），网站没有改动：请改正后重新生成")) from None
    for note in outcome.notes:
        log.info(_("PDF 和 Word：{note}").format(note=note))
    state.clock.documents = time.monotonic() - started
    log.info(
        _("PDF 和 Word：共 {count} 个文件，其中 {reused} 个取自缓存，新生成 {made} 个；等待 {seconds:.1f} 秒").format(
            count=len(outcome.documents), reused=outcome.reused, made=outcome.made, seconds=time.monotonic() - started
        )
    )
