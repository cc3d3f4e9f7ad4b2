"""The Atom feeds of new issues and sitemap.xml (issue 25, item 5), as a feed reader and a crawler see them.

Real builds of the fixture archive with a hostile series name and report title and an issue
scheduled after the build date, served by a real local HTTP server under a sub-path; the feeds
are checked against RFC 4287's required elements and read by feedparser.
"""

from __future__ import annotations

import datetime as dt
import html
import html.parser
import json
import re
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from helpers import REPO, SAMPLE_EPOCH, copy_fixture, edit, problems_of, run_build, serve_folder, write

from bulletin.addresses import document_src, file_link, issue_src, link_url
from bulletin.archive import load_archive
from bulletin.pages.feeds import FEED_ISSUES, render_feeds
from bulletin.pages.issues import render_issue_page
from bulletin.pages.sitemap import render_sitemap
from bulletin.pages.xmlfiles import clean_xml_text

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The build of 2026-11-29, 12:00 in Beijing: the issue dated 2026-12-01 is scheduled then.
NOV_29 = "1795924800"
SITE_URL = "http://intranet.example/xinxi/"
HOSTILE_SERIES = "今日信息</title><script>alert(1)</script>&amp;]]>"
# A title may not carry < or > (refused when read), but & and text that looks like markup it may.
HOSTILE_TITLE = "云岭县&lt;script&gt;alert(1)&lt;/script&gt; & ]] 'x' “茶旅融合”"
FEEDS = ("feed.xml", "jrxx/feed.xml", "zk/feed.xml", "jjxx/feed.xml")
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")


def prepare(root: Path, site_url: str = "") -> Path:
    """The fixture with a hostile series name and report title, and the pending report scheduled
    as 《今日信息》2026年第3期, dated 2026-12-01."""
    edit(
        root,
        "mkdocs.yml",
        "        name: 今日信息\n",
        f"        name: {json.dumps(HOSTILE_SERIES, ensure_ascii=False)}\n",
    )
    edit(
        root,
        "reports/2026/0105-yunling-chalv.md",
        "title: 云岭县“茶旅融合”带动山区群众增收",
        f"title: {json.dumps(HOSTILE_TITLE, ensure_ascii=False)}",
    )
    edit(root, "reports/2026/1120-yingji-pending.md", "unit: yingji\n", "unit: yingji\nissue: 3\ndate: 2026-12-01\n")
    if site_url:
        edit(root, "mkdocs.yml", "docs_dir: content\n", f"site_url: {site_url}\ndocs_dir: content\n")
    return root


def build(root: Path) -> Path:
    result = run_build(root, epoch=NOV_29)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The hostile fixture built on 2026-11-29 without site_url (and without documents)."""
    return build(prepare(copy_fixture(tmp_path_factory.mktemp("feeds") / "archive")))


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory) -> Path:
    """The same, with site_url naming a sub-path of an intranet host."""
    return build(prepare(copy_fixture(tmp_path_factory.mktemp("feeds-url") / "archive"), SITE_URL))


def child_text(element: ET.Element, tag: str) -> str:
    found = element.find(ATOM + tag)
    assert found is not None and (found.text or "").strip(), f"<{tag}> missing in <{element.tag}>"
    return found.text or ""


def check_atom(path: Path) -> ET.Element:
    """RFC 4287's rules a feed must keep (4.1.1, 4.1.2): one id, title and updated in the feed and
    each entry, an author for every entry, a link to the entry's page (or its content), a
    rel="self" link; ids are absolute URIs; times are RFC 3339. The feed's root element."""
    root = ET.parse(path).getroot()
    assert root.tag == ATOM + "feed"
    for element in [root, *root.findall(ATOM + "entry")]:
        for tag in ("id", "title", "updated"):
            assert len(element.findall(ATOM + tag)) == 1, (path, tag)
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", child_text(element, "id"))
        assert RFC3339.fullmatch(child_text(element, "updated"))
    assert child_text(root.find(ATOM + "author"), "name")  # type: ignore[arg-type]
    selves = [link for link in root.findall(ATOM + "link") if link.get("rel") == "self"]
    assert len(selves) == 1 and selves[0].get("type") == "application/atom+xml"
    ids = [child_text(entry, "id") for entry in root.findall(ATOM + "entry")]
    assert len(ids) == len(set(ids))
    for entry in root.findall(ATOM + "entry"):
        alternates = [link for link in entry.findall(ATOM + "link") if link.get("rel") == "alternate"]
        assert len(alternates) == 1 and alternates[0].get("href")
        content = entry.find(ATOM + "content")
        assert content is not None and content.get("type") == "html"
    return root


@pytest.mark.build
def test_every_feed_keeps_the_atom_rules(site):
    for name in FEEDS:
        check_atom(site / name)
    entries = check_atom(site / "feed.xml").findall(ATOM + "entry")
    assert [child_text(e, "title") for e in entries] == [
        "今日信息（增刊） 2026年第1期",
        f"{HOSTILE_SERIES} 2026年第2期",
        f"{HOSTILE_SERIES} 2026年第1期",
    ]
    assert [child_text(e, "published") for e in entries] == [
        "2026-03-12T00:00:00+08:00",
        "2026-01-20T00:00:00+08:00",
        "2026-01-05T00:00:00+08:00",
    ]
    assert child_text(check_atom(site / "feed.xml"), "updated") == "2026-03-12T00:00:00+08:00"  # its newest issue
    empty = check_atom(site / "jjxx/feed.xml")
    assert empty.findall(ATOM + "entry") == [] and child_text(empty, "updated") == "2026-03-12T00:00:00+08:00"
    # No documents in this build: no enclosure.
    assert b"enclosure" not in (site / "feed.xml").read_bytes()


def served_under_a_path(site: Path, folder: Path) -> Path:
    """A folder that serves ``site`` at /xinxi/, as an intranet server might."""
    folder.mkdir()
    (folder / "xinxi").symlink_to(site, target_is_directory=True)
    return folder


def fetch(address: str) -> str:
    with urllib.request.urlopen(address, timeout=30) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


class LinkTargets(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


@pytest.mark.build
def test_a_feed_reader_reads_the_issues_and_follows_every_link_under_a_sub_path(site, tmp_path):
    with serve_folder(served_under_a_path(site, tmp_path / "www")) as server:
        address = f"{server}/xinxi/jrxx/feed.xml"
        feed = feedparser.parse(address)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        assert feed.feed.title == f"《{HOSTILE_SERIES}》（中共示例市委办公室）"
        assert feed.feed.author == "中共示例市委办公室"
        assert [link.href for link in feed.feed.links] == [address, f"{server}/xinxi/jrxx/"]
        assert [entry.title for entry in feed.entries] == [
            f"{HOSTILE_SERIES} 2026年第2期",
            f"{HOSTILE_SERIES} 2026年第1期",
        ]
        first = feed.entries[1]
        assert first.link == f"{server}/xinxi/jrxx/2026/001/"
        assert first.published_parsed[:3] == (2026, 1, 4)  # 2026-01-05 00:00 in China is the 4th in UTC
        assert first.tags[0].term == "jrxx"
        assert "第1期" in first.summary and "总第101期" in first.summary and "2026年1月5日" in first.summary
        assert HOSTILE_TITLE in first.summary and "市应急管理局开展岁末年初安全生产大排查" in first.summary
        # Every link resolves, from the feed's own address, to a page that is there.
        assert "2026年第1期" in fetch(first.link)
        links = LinkTargets()
        links.feed(first.content[0].value)
        assert links.hrefs == [
            f"{server}/xinxi/reports/2026/0105-yunling-chalv/",
            f"{server}/xinxi/reports/2026/0105-yingji-paicha/",
        ]
        assert "市应急管理局开展岁末年初安全生产大排查" in fetch(links.hrefs[1])
        # The home page and the series page name their feeds in the head; each is there.
        for page in ("/xinxi/", "/xinxi/jrxx/"):
            heads = AlternateLinks()
            heads.feed(fetch(server + page))
            assert heads.links, page
            for _title, href in heads.links:
                assert not feedparser.parse(urljoin(server + page, href)).bozo


class AlternateLinks(html.parser.HTMLParser):
    """The feeds a page's head names: (title, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate" and values.get("type") == "application/atom+xml":
            self.links.append((values["title"], values["href"]))


@pytest.mark.build
def test_hostile_names_are_text_in_the_feeds_and_the_page_heads(site):
    raw = (site / "jrxx/feed.xml").read_text("utf-8")
    assert "<script" not in raw and "]]>" not in raw
    root = check_atom(site / "jrxx/feed.xml")
    assert child_text(root, "title") == f"《{HOSTILE_SERIES}》（中共示例市委办公室）"
    content = child_text(root.findall(ATOM + "entry")[1], "content")  # the HTML an entry shows
    assert "<script" not in content
    shown = html.unescape(re.sub(r"<[^>]+>", "", content))
    assert HOSTILE_TITLE in shown and f"《{HOSTILE_SERIES}》2026年第1期" in shown
    heads = {}
    for page in ("index.html", "jrxx/index.html"):
        parser = AlternateLinks()
        text = (site / page).read_text("utf-8")
        parser.feed(text)
        heads[page] = parser.links
        assert "<script>alert(1)" not in text
    assert heads["index.html"] == [
        ("中共示例市委办公室信息刊物（全部刊物）", "feed.xml"),
        (f"《{HOSTILE_SERIES}》（中共示例市委办公室）", "jrxx/feed.xml"),
        ("《今日信息（增刊）》（中共示例市委办公室）", "zk/feed.xml"),
        ("《紧急信息》（中共示例市委办公室）", "jjxx/feed.xml"),
    ]
    assert heads["jrxx/index.html"] == [
        (f"《{HOSTILE_SERIES}》（中共示例市委办公室）", "feed.xml"),
        ("中共示例市委办公室信息刊物（全部刊物）", "../feed.xml"),
    ]
    assert "本刊新刊的 Atom 源" in (site / "jrxx/index.html").read_text("utf-8")


def sitemap_entries(site: Path) -> dict[str, str | None]:
    """loc -> lastmod of the built sitemap."""
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == SITEMAP + "urlset"
    return {
        url.findtext(SITEMAP + "loc", ""): url.findtext(SITEMAP + "lastmod") for url in root.findall(SITEMAP + "url")
    }


@pytest.mark.build
def test_sitemap_lists_every_page_but_the_scheduled_ones(site):
    pages = {
        "./" if page.parent == site else page.parent.relative_to(site).as_posix() + "/"
        for page in site.rglob("index.html")
    }
    scheduled = {"jrxx/2026/003/", "reports/2026/1120-yingji-pending/"}
    assert scheduled <= pages  # built, for the editors' preview
    entries = sitemap_entries(site)
    assert set(entries) == pages - scheduled
    assert list(entries) == sorted(entries)
    assert entries["jrxx/2026/001/"] == "2026-01-05"
    assert entries["reports/2026/0105-yingji-paicha/"] == "2026-01-12"  # its adoption, after the issue
    assert entries["jrxx/"] == "2026-01-20" and entries["zk/2026/"] == "2026-03-12"
    assert entries["stats/"] is None and entries["./"] is None  # no date the archive says
    assert not (site / "sitemap.xml.gz").exists()  # MkDocs' own (empty without site_url) is not written


@pytest.mark.build
def test_the_scheduled_issue_is_in_no_feed(site):
    for name in FEEDS:
        text = (site / name).read_text("utf-8")
        assert "第3期" not in text and "冬季森林防火" not in text and "1120-yingji-pending" not in text


@pytest.mark.build
def test_feeds_and_sitemap_follow_site_url_and_keep_their_ids(site, addressed_site):
    for name in FEEDS:
        root = check_atom(addressed_site / name)
        hrefs = [link.get("href", "") for link in root.iter(ATOM + "link")]
        assert hrefs and all(href.startswith(SITE_URL) for href in hrefs)
        ids = [element.text for element in root.iter(ATOM + "id")]
        assert ids == [element.text for element in check_atom(site / name).iter(ATOM + "id")]
    feed = feedparser.parse((addressed_site / "feed.xml").read_bytes())
    assert feed.feed.links[0].href == SITE_URL + "feed.xml"
    assert feed.entries[0].link == SITE_URL + "zk/2026/001/"
    entries = sitemap_entries(addressed_site)
    assert set(entries) == {SITE_URL + loc.removeprefix("./") for loc in sitemap_entries(site)}


# --- the core, without a build -------------------------------------------------------------


def test_a_feed_does_not_change_with_the_build_day(archive_root):
    archive = load_archive(archive_root)
    published = archive.as_of(dt.date(2026, 12, 31))
    assert render_feeds(published, dt.date(2026, 12, 31)) == render_feeds(published, dt.date(2027, 6, 1))


def test_each_entry_encloses_the_pdf_its_issue_page_links_only_with_documents(archive_root):
    archive = load_archive(archive_root)
    feeds = render_feeds(archive, dt.date(2026, 12, 31), documents=True)
    feed_address = "http://intranet.example/xinxi/jrxx/feed.xml"
    root = ET.fromstring(feeds["jrxx/feed.xml"])
    for entry, issue in zip(root.findall(ATOM + "entry"), reversed(archive.issues_of("jrxx")), strict=True):
        [enclosure] = [link for link in entry.findall(ATOM + "link") if link.get("rel") == "enclosure"]
        assert enclosure.get("type") == "application/pdf"
        page = render_issue_page(archive, issue, None, None, documents=True)
        on_page = link_url(issue_src(issue), document_src(issue, "pdf"))
        assert f'href="{on_page}"' in page.html
        page_address = urljoin(feed_address, file_link("jrxx/feed.xml", issue_src(issue)))
        assert urljoin(feed_address, enclosure.get("href", "")) == urljoin(page_address, on_page)
    assert all(b"enclosure" not in feed for feed in render_feeds(archive, dt.date(2026, 12, 31)).values())


def test_a_feed_holds_the_latest_issues_newest_first():
    sample = load_archive(REPO)
    as_of = dt.datetime.fromtimestamp(int(SAMPLE_EPOCH), dt.timezone(dt.timedelta(hours=8))).date()
    published = sample.as_of(as_of)
    feeds = render_feeds(published, as_of)
    every = feedparser.parse(feeds["feed.xml"])
    assert not every.bozo and len(published.issues) > FEED_ISSUES
    assert len(every.entries) == FEED_ISSUES
    days = [entry.published for entry in every.entries]
    assert days == sorted(days, reverse=True)
    newest = max(issue.date for issue in published.issues)
    assert days[0] == f"{newest.isoformat()}T00:00:00+08:00"
    jrxx = feedparser.parse(feeds["jrxx/feed.xml"])
    assert len(jrxx.entries) == min(FEED_ISSUES, len(published.issues_of("jrxx")))


def test_a_sitemap_too_long_for_one_file_is_an_index_of_parts(archive_root):
    archive = load_archive(archive_root)
    pages = ["index.md", "jrxx/index.md", "jrxx/2026/001.md", "jrxx/2026/002.md", "zk/index.md"]
    whole = render_sitemap(archive, dt.date(2026, 12, 31), pages)
    parts = render_sitemap(archive, dt.date(2026, 12, 31), pages, limit=2)
    assert list(whole) == ["sitemap.xml"] and sorted(parts) == [
        "sitemap.xml",
        *(f"sitemaps/{n}.xml" for n in (1, 2, 3)),
    ]
    index = ET.fromstring(parts["sitemap.xml"])
    assert index.tag == SITEMAP + "sitemapindex"
    assert [item.findtext(SITEMAP + "loc") for item in index] == ["sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]
    assert [item.findtext(SITEMAP + "lastmod") for item in index] == ["2026-01-20", "2026-01-20", "2026-03-12"]
    locs = [url.findtext(SITEMAP + "loc") for n in (1, 2, 3) for url in ET.fromstring(parts[f"sitemaps/{n}.xml"])]
    assert locs == [url.findtext(SITEMAP + "loc") for url in ET.fromstring(whole["sitemap.xml"])]
    # Each part's addresses are relative to the site's root (the sitemap's folder), like the index's.
    assert locs == ["./", "jrxx/", "jrxx/2026/001/", "jrxx/2026/002/", "zk/"]


def test_a_control_character_never_reaches_a_feed(archive_root):
    write(
        archive_root,
        "reports/2026/1121-yunling-control.md",
        '---\ntitle: "云岭县\\u000b工作动态"\nunit: yunling\ncategory: 工作动态\n---\n正文。\n',
    )
    problems = [p for p in problems_of(archive_root) if p.path == "reports/2026/1121-yunling-control.md"]
    assert [(p.line, p.field) for p in problems] == [(2, "title")]
    # Whatever reaches the writer, the file stays well-formed XML.
    assert clean_xml_text("a\x0bb\x00c\ufffe\td") == "a\ufffdb\ufffdc\ufffd\td"


def test_addresses_in_a_feed_or_the_sitemap():
    assert file_link("jrxx/feed.xml", "reports/2026/x.md") == "../reports/2026/x/"
    assert file_link("feed.xml", "index.md") == "./"
    assert file_link("jrxx/feed.xml", "jrxx/index.md") == "./"
    assert file_link("jrxx/feed.xml", "jrxx/feed.xml") == "feed.xml"
    assert file_link("sitemap.xml", "guide/使用.md") == "guide/%E4%BD%BF%E7%94%A8/"
    assert file_link("jrxx/feed.xml", "jrxx/2026/001.md", SITE_URL) == SITE_URL + "jrxx/2026/001/"
    assert file_link("sitemap.xml", "index.md", "http://10.1.2.3") == "http://10.1.2.3/"
