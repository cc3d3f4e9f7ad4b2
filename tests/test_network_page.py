"""The network page (/network/) and 《社情民意》 in a real build of the sample archive: the page's
figures as a reader reads them, the CSV against the page, and the page in headless Chromium at
1280 and 390 px."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import CHROMIUM_ARGS, serve_folder
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.build


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts (th and td alike), with its caption."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._caption = False
        self._skip = 0  # inside the kind line under a name (class bl-net-kind)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "span" and ("class", "bl-net-kind") in attrs:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._caption = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "span" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._caption:
            self.tables[-1]["caption"] += data.strip()
        elif self._cell is not None and not self._skip:
            self._cell.append(data)


def read_tables(page: Path) -> list[dict]:
    parser = Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tables


def page_rows(site: Path) -> dict[str, list[str]]:
    """Each point's row on the page, by its name: 状态, 本年报送, 本年采用, 最后报送."""
    rows = {}
    for table in read_tables(site / "network" / "index.html"):
        if table["rows"] and table["rows"][0][:2] == ["名称", "状态"]:
            for row in table["rows"][1:]:
                if row[1] != "未设点":
                    rows[row[0]] = row[1:]
    return rows


def test_coverage_per_county_and_for_the_city(sample_site):
    coverage = next(t for t in read_tables(sample_site / "network" / "index.html") if "覆盖" in t["caption"])
    assert coverage["rows"][0] == ["县（区）", "乡镇（街道）", "已设点", "覆盖率", "直报点"]
    # each county's name leads to its section
    html = (sample_site / "network" / "index.html").read_text(encoding="utf-8")
    anchor = re.search(r'<a href="#([^"]+)">云岭县委办公室</a>', html)
    assert anchor and f'<h2 id="{anchor[1]}">云岭县委办公室</h2>' in html
    # Hand-counted from reports/units.yml: towns listed, town points among them, all points.
    assert coverage["rows"][1:] == [
        ["禾丰县委办公室", "6", "1", "16.7%", "1"],
        ["江屿区委办公室", "4", "0", "0.0%", "0"],
        ["柳溪县委办公室", "5", "1", "20.0%", "1"],
        ["明川区委办公室", "5", "1", "20.0%", "1"],
        ["云岭县委办公室", "8", "5", "62.5%", "10"],  # 5 towns + 红岩村, 上坪村, 石门村, 茶乡社区, 云雾茶业
        ["全市", "28", "8", "28.6%", "13"],  # 8 / 28
    ]


def test_the_sample_points_figures_and_silent_ones(sample_site):
    rows = page_rows(sample_site)
    # Counted by hand from reports/submissions/2026/*/<unit>.yml (window 2026-08-01 … 2026-11-30).
    assert rows["云岭县特约信息员（县委党校）"] == ["正常", "15", "5", "2026年11月24日"]  # 4 采用 + 1 上级采用
    assert rows["云岭县雾溪镇"] == ["正常", "6", "1", "2026年10月21日"]
    assert rows["云岭县松坪乡"] == ["长期未报送", "4", "0", "2026年6月18日"]  # nothing since June
    assert rows["云岭县龙潭镇"] == ["新设点", "0", "0", "无"]  # set up 2026-10-15: not yet three months
    assert rows["云岭县高桥乡石门村"] == ["正常", "2", "0", "2026年8月3日"]  # inside the window
    assert rows["云岭县云雾茶业有限公司"] == ["正常", "3", "1", "2026年11月18日"]
    page = (sample_site / "network" / "index.html").read_text(encoding="utf-8")
    silent = page[page.index(">长期未报送</h2>") : page.index(">禾丰县委办公室</h2>")]
    assert "云岭县松坪乡" in silent and "最后一次报送在2026年6月18日" in silent
    assert "云岭县龙潭镇" not in silent


def test_the_csv_says_what_the_page_says(sample_site):
    raw = (sample_site / "network" / "points.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: a spreadsheet opens it in Chinese
    records = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    rows = page_rows(sample_site)
    assert {r["名称"] for r in records} == set(rows)  # every point and correspondent, nothing else
    for record in records:
        state, received, adopted, last = rows[record["名称"]]
        assert (record["状态"], record["本年报送"], record["本年采用"]) == (state, received, adopted), record
        shown = "无" if not record["最后报送"] else "{}年{}月{}日".format(*map(int, record["最后报送"].split("-")))
        assert shown == last, record
    village = next(r for r in records if r["代码"] == "shangping-village")
    assert (village["县（区）"], village["类型"], village["所在乡镇（街道）"], village["上级"]) == (
        "云岭县委办公室",
        "村居信息直报点",
        "雾溪镇",  # its town, through its parent the town point
        "云岭县雾溪镇",
    )
    assert village["采用率"] == "0.0%"
    assert next(r for r in records if r["代码"] == "correspondent-yunling")["采用率"] == "33.3%"  # 5 / 15


def test_sqmy_is_a_series_of_its_own(sample_site):
    issue = (sample_site / "sqmy" / "2026" / "001" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="bl-name"[^>]*>社情民意<', issue)
    assert "总第187期" in issue  # total_offset 186
    assert "市委政研室，市信访局，各县（区）委办公室" in issue  # its own 发 line
    index = (sample_site / "sqmy" / "2026" / "index.html").read_text(encoding="utf-8")
    assert index.count('href="00') >= 8  # eight issues in 2026
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "社情民意" in home and "2026年第8期" in home
    search = (sample_site / "search" / "index.html").read_text(encoding="utf-8")
    assert 'value="sqmy">社情民意<' in search


@pytest.mark.browser
def test_the_network_page_reads_on_a_desktop_and_a_phone(sample_site, chromium_path, tmp_path):
    with serve_folder(sample_site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        outside: list[str] = []  # any request to another host, at either width
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
            page = context.new_page()
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
            page.goto(f"{server}/network/")
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            page.screenshot(path=str(tmp_path / f"network-{width}.png"), full_page=True)
            expect(page.locator("h1")).to_have_text("信息网络")
            # the silent point's state is in red, next to its name, visible without scrolling sideways
            silent = page.locator("tr.bl-net-silent").first
            expect(silent).to_contain_text("云岭县松坪乡")
            status = silent.locator(".bl-status--bad")
            expect(status).to_have_text("长期未报送")
            assert (
                status.evaluate("e => getComputedStyle(e).color") == "rgb(200, 22, 29)"
            )  # --bl-red, as 逾期 on the 紧急信息 board
            box = status.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width, box
            # a town without a point is greyed, a village under its town indented
            none = page.locator("tr.bl-net-none").first
            assert none.evaluate("e => getComputedStyle(e.querySelector('th')).color") == "rgb(92, 92, 92)"
            town = page.locator("tr", has_text="云岭县青石镇").first.locator(".bl-net-name").bounding_box()
            village = page.locator("tr", has_text="云岭县青石镇红岩村").locator(".bl-net-name").bounding_box()
            assert town and village and village["x"] >= town["x"] + 10, (town, village)
            # the page itself never scrolls sideways; a name keeps room for several characters
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            name = page.locator("tr.bl-net-depth-0 th").first.bounding_box()
            assert name is not None and name["width"] >= 120, name  # seven characters a line at least
            assert outside == []
            context.close()
        browser.close()
