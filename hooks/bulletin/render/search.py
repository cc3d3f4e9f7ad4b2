"""The /search/ page: the form, its filters (from the archive) and the script that asks the index."""

from __future__ import annotations

import json

from bulletin.model import Archive
from bulletin.render.addresses import SEARCH_BUNDLE_DIR, SEARCH_SRC
from bulletin.render.pages import Page, escape_html, front_matter
from bulletin.search.dictionary import build_dictionary
from bulletin.search.parts import plan_search_parts
from bulletin.stats.figures import order_units


def render_search_page(archive: Archive) -> Page:
    """The /search/ page: form, filters (from the archive) and the script that starts the search
    worker (content/assets/search-worker.js), which asks the index."""
    options = {
        "bundle": f"../{SEARCH_BUNDLE_DIR}/",
        "worker": "../assets/search-worker.js",
        "indexes": [{"name": part.name, "years": list(part.years)} for part in plan_search_parts(archive)],
        "dictionary": build_dictionary(archive),
    }

    def choice(name: str, label: str, values: list[str]) -> str:
        items = "".join(f'<option value="{escape_html(v)}">{escape_html(v)}</option>' for v in values)
        return (
            f'<label class="bl-search-filter"><span>{label}</span>'
            f'<select name="{name}"><option value="">全部</option>{items}</select></label>'
        )

    filters = "".join(
        [
            choice("series", "刊物", [s.name for s in archive.settings.series if archive.issues_of(s.key)]),
            choice("year", "年份", sorted({str(i.date.year) for i in archive.issues}, reverse=True)),
            choice("unit", "单位", [u.name for u in order_units(archive.units.values())]),
            choice("category", "类别", list(archive.settings.categories)),
        ]
    )
    sort = (
        '<label class="bl-search-filter"><span>排序</span><select name="sort">'
        '<option value="">相关度（近年优先）</option><option value="all">相关度（全部年份）</option>'
        '<option value="desc">日期（新→旧）</option>'
        '<option value="asc">日期（旧→新）</option></select></label>'
    )
    data = json.dumps(options, ensure_ascii=False).replace("</", "<\\/")
    html = (
        '<form id="bl-search" class="bl-search" role="search" action="./" method="get">\n'
        '<div class="bl-search-box"><input type="search" name="q" aria-label="搜索词" '
        'placeholder="输入词语，如：防汛物资、信息直报点；多个词用空格分开" autocomplete="off">'
        '<button type="submit" class="md-button md-button--primary">搜索</button></div>\n'
        f'<div class="bl-search-filters">{filters}{sort}</div>\n'
        "</form>\n"
        '<p id="bl-search-status" class="bl-search-status" role="status" aria-live="polite"></p>\n'
        '<ol id="bl-search-results" class="bl-search-results"></ol>\n'
        '<p><button id="bl-search-more" class="md-button" type="button" hidden>更多结果</button></p>\n'
        f'<script type="application/json" id="bl-search-options">{data}</script>\n'
        # A plain script, not deferred: it starts the search worker while the page is being read.
        '<script src="../assets/search.js"></script>\n'
        "<noscript>搜索需要浏览器启用 JavaScript。</noscript>\n"
    )
    return Page(SEARCH_SRC, front_matter("搜索", ("navigation", "toc")) + "# 搜索\n\n" + html, sanitize=False)
