"""Untrusted text never reaches the output as markup: escaping, sanitising, classified refusal."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from helpers import STATS_FIXTURE, copy_fixture, run_build, write

from bulletin.markup.reportbody import escape_md, shift_headings
from bulletin.markup.sanitize import sanitize_html


class UnsafeMarkup(HTMLParser):
    """Collects script-capable markup: script/img/iframe tags, on* handlers, script URLs."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed", "style"):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if (
                name in ("href", "src")
                and value
                and value.replace(" ", "").lower().startswith(("javascript:", "data:"))
            ):
                self.found.append(f"{tag}[{name}={value}]")


def find_unsafe_markup(source: str) -> list[str]:
    parser = UnsafeMarkup()
    parser.feed(source)
    return parser.found


def test_sanitizer_drops_scripts_handlers_and_unsafe_urls_but_keeps_layout():
    dirty = (
        '<header class="bl-masthead"><h1 class="bl-name">今日信息</h1></header>'
        '<p onclick="steal()">正文<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)" class="x">链接</a><a href="../002/">下一期</a>'
        '<img src="https://cdn.example.com/x.png"><iframe src="https://example.com"></iframe>'
    )
    clean = sanitize_html(dirty)
    assert '<header class="bl-masthead"><h1 class="bl-name">今日信息</h1></header>' in clean
    assert "onclick" not in clean and "<script" not in clean and "alert" not in clean
    assert "javascript" not in clean and "<img" not in clean and "<iframe" not in clean
    assert '<a href="../002/">下一期</a>' in clean


def test_escape_md_keeps_titles_literal():
    assert escape_md("关于“三资”管理*问题*[链接](x)") == r"关于“三资”管理\*问题\*\[链接\]\(x\)"
    assert escape_md("<b>粗</b>{: onclick=x}") == r"&lt;b&gt;粗&lt;/b&gt;\{: onclick=x\}"


def test_shift_headings_skips_code_blocks():
    body = "# 一级\n\n```\n# 注释\n```\n\n###### 六级"
    assert shift_headings(body, 2) == "### 一级\n\n```\n# 注释\n```\n\n###### 六级"


@pytest.mark.build
def test_hostile_title_and_names_are_shown_as_text(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    title = "标题*强调*[链接](javascript:alert(1)){: onclick=alert(2)}&amp;\"'"
    write(
        root,
        "reports/2026/0120-yingji-hostile.md",
        f"""
        ---
        title: '{title.replace("'", "''")}'
        unit: yingji
        issue: 2
        date: 2026-01-20
        category: 工作动态
        authors: ["<script>alert(3)</script>"]
        instructions:
          - by: "<b>市委书记</b>"
            level: city
            date: 2026-01-21
            text: "<a href='javascript:alert(4)'>点此</a>"
        ---
        正文。
    """,
    )
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    for page in (
        "site/jrxx/2026/002/index.html",
        "site/reports/2026/0120-yingji-hostile/index.html",
        "site/index.html",
    ):
        source = (root / page).read_text(encoding="utf-8")
        article = source[source.index("<article") : source.rindex("</article>")]
        assert find_unsafe_markup(article) == []
        assert [f for f in find_unsafe_markup(source) if f != "<script>"] == []  # the theme's own scripts only
        # as text, however the quotes are written (the home page's blocks are escaped by Jinja: &#34;)
        assert "标题*强调*[链接](javascript:alert(1)){: onclick=alert(2)}&amp;amp;\"'" in re.sub(
            "&#3[49];", lambda m: {"&#34;": '"', "&#39;": "'"}[m[0]], article
        )
    report = (root / "site/reports/2026/0120-yingji-hostile/index.html").read_text(encoding="utf-8")
    assert "<title>标题*强调*[链接](javascript:alert(1)){: onclick=alert(2)}&amp;amp;&quot;&#x27; - " in report
    assert "&lt;b&gt;市委书记&lt;/b&gt;" in report and "&lt;script&gt;alert(3)&lt;/script&gt;" in report


@pytest.mark.build
def test_hostile_unit_names_and_topics_on_figure_pages_are_text(tmp_path):
    """Names and 约稿 topics are shown as text on the notices, charts, unit pages and 约稿 page,
    and a name a spreadsheet would run as a formula stays text in the CSV file."""
    root = copy_fixture(tmp_path / "archive", STATS_FIXTURE)
    units = root / "reports/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8")
        .replace("name: 云岭县委办公室", "name: '<script>alert(1)</script>云岭'")
        .replace("name: 示例经济技术开发区党工委办公室", "name: '=HYPERLINK(\"x\")'"),
        encoding="utf-8",
    )
    commissions = root / "reports/commissions.yml"
    commissions.write_text(
        commissions.read_text(encoding="utf-8").replace("topic: 汛期准备情况", "topic: '<b onclick=x>汛期</b>'"),
        encoding="utf-8",
    )
    result = run_build(root, epoch="1774915200")
    assert result.returncode == 0, result.stderr
    for page in (
        "stats/2026/01/index.html",
        "stats/2026/index.html",
        "stats/index.html",
        "units/index.html",
        "units/yunling/index.html",
        "units/qingshi-town/index.html",
        "commissions/index.html",
    ):
        source = (root / "site" / page).read_text(encoding="utf-8")
        article = source[source.index("<article") : source.rindex("</article>")]
        assert find_unsafe_markup(article) == [], page
        assert "<b onclick" not in source, page
    notice = (root / "site/stats/2026/01/index.html").read_text(encoding="utf-8")
    assert notice.count("&lt;script&gt;alert(1)&lt;/script&gt;云岭") >= 3  # table, lists, chart
    assert '<desc id="chart-202601-desc">&lt;script&gt;alert(1)&lt;/script&gt;云岭：40；' in notice
    unit = (root / "site/units/yunling/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;云岭 - " in unit
    assert "&lt;b onclick=x&gt;汛期&lt;/b&gt;" in (root / "site/commissions/index.html").read_text(encoding="utf-8")
    data = (root / "site/stats/2026/01/ranking.csv").read_bytes().decode("utf-8-sig")
    names = [row["name"] for row in csv.DictReader(io.StringIO(data))]
    assert "<script>alert(1)</script>云岭" in names and '\'=HYPERLINK("x")' in names


def test_problems_show_unseen_characters_on_one_line():
    from bulletin.errors import Problem, make_visible

    assert (
        make_visible("标题\n::error x\r\t\u202e\u200b\x85\udcff")
        == "标题\\n::error x\\r\\t\\u202e\\u200b\\u0085\\udcff"
    )
    shown = str(Problem("reports/2026/a\n.md", 3, "k\u2028ey", "消息"))
    assert shown == "reports/2026/a\\n.md:3: k\\u2028ey: 消息" and "\n" not in shown


def test_escape_md_keeps_a_field_on_one_line_without_mentions_or_links():
    assert escape_md("第一行\r\n<!--第二行\n\n@张三 见 https://x.example") == (
        r"第一行 &lt;\!\-\-第二行 ＠张三 见 https：//x\.example"
    )
