"""Addresses: every page's URL and the relative links between pages."""

from __future__ import annotations

import posixpath

from bulletin.addresses import link_url, page_url


def test_index_pages_are_their_folders_and_ids_ending_in_index_are_not():
    assert page_url("index.md") == "/"
    assert page_url("units/index.md") == "/units/"
    assert page_url("stats/2026/03/index.md") == "/stats/2026/03/"
    assert page_url("reports/2026/0121-yunling-index.md") == "/reports/2026/0121-yunling-index/"
    assert page_url("units/shindex.md") == "/units/shindex/"


def test_links_are_relative_and_lead_where_the_page_is():
    cases = [
        ("jrxx/2026/001.md", "reports/2026/0105-yunling-index.md", "../../../reports/2026/0105-yunling-index/"),
        ("index.md", "units/index.md", "units/"),
        ("units/yunling.md", "index.md", "../../"),
        ("stats/2026/03/index.md", "stats/2026/03/ranking.csv", "ranking.csv"),
        ("search/index.md", "assets/search.js", "../assets/search.js"),
        ("units/yunling.md", "units/yunling.md", "./"),
    ]
    for source, target, expected in cases:
        url = link_url(source, target)
        assert url == expected, (source, target, url)
        # followed from the page's own URL, the link reaches the target's URL
        reached = posixpath.normpath(posixpath.join(page_url(source), url))
        wanted = page_url(target) if target.endswith(".md") else "/" + target
        assert reached.rstrip("/") == wanted.rstrip("/"), (source, target)
    assert link_url("jrxx/2026/001.md", "jrxx/2026/001.md", "r-x") == "./#r-x"
