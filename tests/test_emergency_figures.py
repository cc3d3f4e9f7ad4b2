"""紧急信息 in the figures: the monthly notices (通报) and their CSV, the annual view, `bulletin
stats`, the unit pages, the search records and the navigation, on a small fixture whose
timeliness is computed by hand below.

The fixture: tests/fixtures/archive (jjxx《紧急信息》 is an emergency series there, and is not in
its nav) with scoring jrxx 10 per report (jjxx earns nothing for publication), parent share 0.5,
紧急信息 on_time +2, late -2, missing -5, office_first -5, the default time limits
(较大: phone 60, written 120, follow-up 1440 min, 终报 7 days; 一般: 120, 240, 1440, 7 days),
and three events, assessed as of the test builds' moment, 2026-12-31 12:00 (BUILD_EPOCH):

A 0714-qingshi-shanhong, 较大, unit qingshi-town (a town of yunling), occurred 07-14 05:40,
  office learned 06:30, phoned 06:05, ended 07-16 07:00.
    telephone  due 06:40 (05:40 + 60), made 06:05               on time
    初报       due 07:40 (05:40 + 120), made 07:40              on time (exactly at the limit)
    续报一     due 07-15 07:40 (07:40 + 1440), made 07-15 08:00  late by 20
    (no 续报 missing: the next was due 07-16 08:00, after the end at 07:00)
    终报       due 07-23 07:00 (end + 7 days), made 07-20 10:00  on time
    office first? learned 06:30, the phone call was 06:05: no
  -> on time 3, late 1, missing 0: 3 x 2 - 2 = 4 points
B 0728-hefeng-jiaotong, 一般, unit hefeng, occurred 07-28 22:30, office learned 23:00, no
  telephone report recorded, still open.
    初报       due 07-29 02:30 (22:30 + 240, across midnight), made 07-29 03:00  late by 30
    续报       due 07-30 03:00 (03:00 + 1440), not made by 12-31   missing
    office first? learned 23:00, before the 初报 at 03:00: yes
  -> on time 0, late 1, missing 1, office first 1: -2 - 5 - 5 = -12 points
C 0803-yingji-xielou, 一般, unit yingji, occurred 08-03 10:00, office learned 11:00, phoned
  10:30, ended 08-03 18:00.
    telephone  due 12:00, made 10:30 on time; 初报 due 14:00, made 12:00 on time;
    终报       due 08-10 18:00, made 08-05 09:00 on time
  -> on time 3: 6 points

July (events A and B) also has a jrxx report of yunling (+10). July's ranking by hand:
  县（区）: yunling 10 points (jrxx), linked 0.5 x qingshi-town's 4 = 2; hefeng -12 (B)
  市直部门: yingji 0;  镇街信息直报点: qingshi-town 4 (A)
  Year to date (January: yunling 10, yingji 10, the joint report 10 split hefeng 5 / qingshi-town 5):
  yunling 20, hefeng 5 - 12 = -7, yingji 10, qingshi-town 5 + 4 = 9
  本月采用 counts every published report: yunling 1 (jrxx), hefeng 1 (B's 初报), qingshi-town 3 (A's);
  to date also January's and yunling's zk report of March (unscored): yunling 3, hefeng 2, yingji 1, qingshi-town 4.
August: yingji 6 (C), its two reports adopted. January has no event: no 紧急信息 column.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import (
    BUILD_EPOCH,
    CHROMIUM_ARGS,
    copy_fixture,
    find_problem,
    problems_of,
    run_build,
    run_bulletin,
    text_of,
    write,
)

from bulletin.archive import load_archive
from bulletin.model import Series
from bulletin.pages.navigation import add_series_to_nav
from bulletin.pages.search.indextext import decode_index_text
from bulletin.pages.search.records import render_search_record

SETTINGS = """\
    scoring:
      series: {jrxx: 10}
      parent_share: 0.5
      emergency: {on_time: 2, late: -2, missing: -5, office_first: -5}
    series:
"""

EVENTS = {
    "reports/events/2026/0714-qingshi-shanhong.yml": """
        name: 云岭县青石镇山洪灾害
        type: 自然灾害
        grade: 较大
        place: 云岭县青石镇
        unit: qingshi-town
        occurred: 2026-07-14 05:40
        office_learned: 2026-07-14 06:30
        phoned: 2026-07-14 06:05
        ended: 2026-07-16 07:00
        """,
    "reports/events/2026/0728-hefeng-jiaotong.yml": """
        name: 禾丰县城郊路段交通事故
        type: 事故灾难
        grade: 一般
        place: 禾丰县城郊
        unit: hefeng
        occurred: 2026-07-28 22:30
        office_learned: 2026-07-28 23:00
        """,
    "reports/events/2026/0803-yingji-xielou.yml": """
        name: 高新大道危险化学品运输车辆泄漏
        type: 事故灾难
        grade: 一般
        place: 示例市高新大道
        unit: yingji
        occurred: 2026-08-03 10:00
        office_learned: 2026-08-03 11:00
        phoned: 2026-08-03 10:30
        ended: 2026-08-03 18:00
        """,
}

# id, unit, jjxx issue, issue date, event, stage, reported, title
REPORTS = (
    ("0714-qingshi-shanhong-1", "qingshi-town", 1, "2026-07-14", "0714-qingshi-shanhong", "初报", "2026-07-14 07:40", "青石镇发生山洪灾害"),
    ("0715-qingshi-shanhong-2", "qingshi-town", 2, "2026-07-15", "0714-qingshi-shanhong", "续报一", "2026-07-15 08:00", "青石镇山洪灾害救援进展"),
    ("0720-qingshi-shanhong-3", "qingshi-town", 3, "2026-07-20", "0714-qingshi-shanhong", "终报", "2026-07-20 10:00", "青石镇山洪灾害处置完毕"),
    ("0729-hefeng-jiaotong-1", "hefeng", 4, "2026-07-29", "0728-hefeng-jiaotong", "初报", "2026-07-29 03:00", "禾丰县城郊发生交通事故"),
    ("0803-yingji-xielou-1", "yingji", 5, "2026-08-03", "0803-yingji-xielou", "初报", "2026-08-03 12:00", "高新大道发生危化品车辆泄漏"),
    ("0805-yingji-xielou-2", "yingji", 6, "2026-08-05", "0803-yingji-xielou", "终报", "2026-08-05 09:00", "危化品车辆泄漏处置完毕"),
)  # fmt: skip


def make_emergency_archive(root: Path) -> Path:
    """The fixture archive with scoring, the three events and their reports (see above)."""
    copy_fixture(root)
    settings = root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("    series:\n", SETTINGS, 1), encoding="utf-8")
    for path, event in EVENTS.items():
        write(root, path, event)
    for report_id, unit, issue, date, event, stage, reported, title in REPORTS:
        write(
            root,
            f"reports/2026/{report_id}.md",
            f"""
            ---
            title: {title}
            unit: {unit}
            series: jjxx
            issue: {issue}
            date: {date}
            category: 工作动态
            emergency:
              event: {event}
              stage: {stage}
              reported: {reported}
            ---
            {title}，现将有关情况报告如下。
            """,
        )
    write(
        root,
        "reports/2026/0720-yunling-fangxun.md",
        """
        ---
        title: 云岭县扎实做好汛期防汛工作
        unit: yunling
        issue: 3
        date: 2026-07-20
        category: 工作动态
        ---
        云岭县全面落实防汛责任。
        """,
    )
    return root


class Tables(HTMLParser):
    """Every <table> of a page as rows of cell texts, and the links in each cell."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[list[list[list[str]]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
            self.links.append([])
        elif tag == "tr":
            self.tables[-1].append([])
            self.links[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
            self.links[-1][-1].append([])
        elif tag == "a" and self._cell is not None:
            self.links[-1][-1][-1].append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> Tables:
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_emergency_archive(tmp_path_factory.mktemp("emergency-figures") / "archive")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


MONTH_HEADER = [
    "名次",
    "单位",
    "本月采用",
    "本年累计采用",
    "本月得分",
    "本年累计得分",
    "领导批示",
    "上级采用",
    "关联得分",
    "紧急事件",
    "按时",
    "迟报",
    "缺报",
    "先于报告获知",
    "紧急信息得分",
]
# The hand computation above, row by row in the page's order (groups: 县（区）, 市直部门, 镇街信息直报点).
JULY_ROWS = [
    ["1", "云岭县委办公室", "1", "3", "10", "20", "0", "0", "2", "0", "0", "0", "0", "0", "0"],
    ["2", "禾丰县委办公室", "1", "2", "-12", "-7", "0", "0", "0", "1", "0", "1", "1", "1", "-12"],
    ["1", "市应急管理局", "0", "1", "0", "10", "0", "0", "—", "0", "0", "0", "0", "0", "0"],
    ["1", "云岭县青石镇", "3", "4", "4", "9", "0", "0", "—", "1", "3", "1", "0", "0", "4"],
]


@pytest.mark.build
def test_july_notice_has_the_hand_computed_figures_and_points(site):
    page = parse(site / "stats/2026/07/index.html")
    rankings = page.tables[:3]
    assert [table[0] for table in rankings] == [MONTH_HEADER] * 3
    assert [row for table in rankings for row in table[1:]] == JULY_ROWS
    events = page.tables[3]
    assert events[0] == ["事件", "发生时间", "等级", "负责报告单位", "按时", "迟报", "缺报", "先于报告获知", "得分"]
    assert events[1:] == [
        ["云岭县青石镇山洪灾害", "2026年7月14日 05:40", "较大（Ⅲ级）", "云岭县青石镇", "3", "1", "0", "否", "4"],
        ["禾丰县城郊路段交通事故", "2026年7月28日 22:30", "一般（Ⅳ级）", "禾丰县委办公室", "0", "1", "1", "是", "-12"],
    ]
    # each event leads to its page /emergency/<year>/<id>/ (relative to /stats/2026/07/)
    assert page.links[3][1][0] == ["../../../emergency/2026/0714-qingshi-shanhong/"]
    assert page.links[3][2][0] == ["../../../emergency/2026/0728-hefeng-jiaotong/"]
    for event in ("0714-qingshi-shanhong", "0728-hefeng-jiaotong"):  # the event pages are there
        assert (site / "emergency/2026" / event / "index.html").is_file()
    text = text_of(site / "stats/2026/07/index.html")
    assert (
        "紧急信息按报告时限计分，计入事件发生的月份和负责报告的单位：按时报告每份得2分，迟报每份扣2分，"
        "缺报每份扣5分，办公室先于单位报告获知的事件每起扣5分" in text
    )
    assert "五、紧急信息报送情况" not in text and "三、紧急信息报送情况 本月发生紧急事件2起" in text


@pytest.mark.build
def test_a_month_without_events_shows_no_emergency_columns(site):
    january = site / "stats/2026/01/index.html"
    assert parse(january).tables[0][0] == MONTH_HEADER[:9]
    text = text_of(january)
    assert "紧急" not in text
    header = (site / "stats/2026/01/ranking.csv").read_bytes().decode("utf-8-sig").splitlines()[0]
    assert "emergency" not in header
    august = parse(site / "stats/2026/08/index.html")
    department = next(t for t in august.tables if t[1][1] == "市应急管理局")
    assert department[1] == ["1", "市应急管理局", "2", "3", "6", "16", "0", "0", "—", "1", "3", "0", "0", "0", "6"]


@pytest.mark.build
def test_the_csv_of_the_notice_equals_the_page(site):
    data = (site / "stats/2026/07/ranking.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0])[-7:] == [
        "emergency_events",
        "emergency_on_time",
        "emergency_late",
        "emergency_missing",
        "emergency_office_first",
        "emergency_points",
        "rank",
    ]
    keys = ["rank", "name", "adopted_month", "adopted_ytd", "points_month", "points_ytd"]
    keys += ["instructions_month", "higher_adoptions_month", "linked_points_month"]
    keys += [key for key in rows[0] if key.startswith("emergency_")]
    from_csv = [[row[key] for key in keys] for row in rows]
    for row in from_csv:  # the page shows linked points for counties only; the file for every unit
        if row[1] not in ("云岭县委办公室", "禾丰县委办公室"):
            assert row[8] == "0"
            row[8] = "—"
    assert from_csv == JULY_ROWS


@pytest.mark.build
def test_bulletin_stats_equals_the_page(site):
    root = str(site.parent)
    as_csv = run_bulletin(
        "--root", root, "stats", "--month", "2026-07", "--format", "csv", SOURCE_DATE_EPOCH=BUILD_EPOCH
    )
    assert as_csv.returncode == 0, as_csv.stderr
    page_csv = (site / "stats/2026/07/ranking.csv").read_bytes().decode("utf-8-sig")
    assert as_csv.stdout.replace("\r\n", "\n") == page_csv.replace("\r\n", "\n")
    table = run_bulletin("--root", root, "stats", "--month", "2026-07", SOURCE_DATE_EPOCH=BUILD_EPOCH).stdout
    lines = table.splitlines()
    assert lines[3].split() == MONTH_HEADER
    assert lines[4].split() == JULY_ROWS[0] and lines[5].split() == JULY_ROWS[1]
    assert (
        "紧急事件：禾丰县城郊路段交通事故（一般（Ⅳ级），禾丰县委办公室）按时0、迟报1、缺报1、先于报告获知是，得分-12"
        in table
    )
    as_json = json.loads(
        run_bulletin(
            "--root", root, "stats", "--month", "2026-07", "--format", "json", SOURCE_DATE_EPOCH=BUILD_EPOCH
        ).stdout
    )
    hefeng = as_json["groups"][0]["ranking"][1]
    assert (hefeng["unit"], hefeng["points_month"], hefeng["emergency_missing"]) == ("hefeng", -12, 1)
    assert [(e["event"], e["points"], e["office_first"]) for e in as_json["emergency_events"]] == [
        ("0714-qingshi-shanhong", 4, False),
        ("0728-hefeng-jiaotong", -12, True),
    ]
    year = run_bulletin("--root", root, "stats", "--year", "2026", "--format", "csv", SOURCE_DATE_EPOCH=BUILD_EPOCH)
    rows = {row["unit"]: row for row in csv.DictReader(io.StringIO(year.stdout))}
    annual = parse(site / "stats/2026/index.html")
    hefeng_row = next(row for table in annual.tables[:4] for row in table[1:] if row[1] == "禾丰县委办公室")
    assert hefeng_row[-6:] == [rows["hefeng"][k] for k in rows["hefeng"] if k.startswith("emergency_")]
    assert rows["hefeng"]["points"] == hefeng_row[3] == "-7"


@pytest.mark.build
def test_annual_view_counts_the_events_in_the_year_and_their_quarter(site):
    annual = parse(site / "stats/2026/index.html")
    assert annual.tables[0][0][-6:] == ["紧急事件", "按时", "迟报", "缺报", "先于报告获知", "紧急信息得分"]
    # yunling: January 10 + July 10; linked 0.5 x (qingshi-town: 5 + 4)
    assert annual.tables[0][1] == ["1", "云岭县委办公室", "3", "20", "0", "0", "4.5", "0", "0", "0", "0", "0", "0"]
    months = next(t for t in annual.tables if t[0][0] == "月份")
    assert months[7] == ["7月", "5", "2", "0", "0"]  # 10 + 4 - 12
    assert months[8] == ["8月", "2", "6", "0", "0"]
    text = text_of(site / "stats/2026/index.html")
    first, third = text.index("第一季度"), text.index("第三季度")
    quarter_tables = [t for t in annual.tables if t[0][0] == "名次"][4:]  # after the year's four groups
    assert "紧急事件" not in quarter_tables[0][0]  # the first quarter had none
    assert quarter_tables[-1][0][-1] == "紧急信息得分"
    assert first < third < text.index("紧急信息报送情况 本年发生紧急事件3起")


@pytest.mark.build
def test_unit_page_shows_its_timeliness_with_links_to_its_events(site):
    unit = site / "units/hefeng/index.html"
    text = text_of(unit)
    assert "2026年紧急信息 负责报告的紧急事件1起：按时报告0份，迟报1份，缺报1份，先于报告获知1起；得分-12" in text
    page = parse(unit)
    events = next(t for t, links in zip(page.tables, page.links, strict=True) if t[0][0] == "事件")
    assert events[1] == ["禾丰县城郊路段交通事故", "2026年7月28日 22:30", "一般（Ⅳ级）", "0", "1", "1", "是", "-12"]
    assert 'href="../../emergency/2026/0728-hefeng-jiaotong/"' in unit.read_text(encoding="utf-8")
    months = page.tables[0]
    assert ["7月", "1", "-12", "0", "0"] in months and months[-1] == [
        "合计（截至12月31日）",
        "2",
        "-7",
        "0",
        "0",
    ]  # the year is not over
    town = text_of(site / "units/qingshi-town/index.html")
    assert "负责报告的紧急事件1起：按时报告3份，迟报1份，缺报0份，先于报告获知0起；得分4" in town
    assert "紧急" not in text_of(site / "units/yunling/index.html")  # no event of its own


@pytest.mark.build
def test_a_series_only_in_the_settings_appears_in_the_navigation(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<a href="([^"#][^"]*)" class="md-nav__link[^"]*">\s*(?:<[^>]+>\s*)*([^<]+?)\s*<', home)
    assert [title for _, title in entries][:4] == ["首页", "今日信息", "增刊", "紧急信息"]
    assert ("jjxx/", "紧急信息") in entries and [t for _, t in entries].count("紧急信息") == 1
    assert "《紧急信息》" in text_of(site / "jjxx/index.html")


def test_navigation_adds_each_missing_series_once_after_the_last_series():
    series = (Series("jrxx", "今日信息"), Series("zk", "增刊"), Series("jjxx", "紧急信息", emergency=True))
    nav = [{"首页": "index.md"}, {"今日信息": "jrxx/index.md"}, {"通报": "stats/index.md"}]
    assert add_series_to_nav(nav, series) == [
        {"首页": "index.md"},
        {"今日信息": "jrxx/index.md"},
        {"增刊": "zk/index.md"},
        {"紧急信息": "jjxx/index.md"},
        {"通报": "stats/index.md"},
    ]
    # listed anywhere, under any title, in any spelling: left where it is, never twice
    nested = [{"首页": "index.md"}, {"刊物": [{"今日": "./jrxx/index.md"}, "zk/index.md"]}, {"急": "jjxx/"}]
    assert add_series_to_nav(nested, series) == nested
    assert add_series_to_nav(add_series_to_nav(nav, series), series) == add_series_to_nav(nav, series)
    # no series listed yet: after the home page; no nav at all: MkDocs lists every page itself
    assert add_series_to_nav([{"首页": "index.md"}, {"关于": "about.md"}], series[2:]) == [
        {"首页": "index.md"},
        {"紧急信息": "jjxx/index.md"},
        {"关于": "about.md"},
    ]
    assert add_series_to_nav(None, series) is None
    # a title the nav gives another page (the 紧急信息 board): the series is named as a publication
    board = [{"首页": "index.md"}, {"今日信息": "jrxx/index.md"}, {"紧急信息": "emergency/index.md"}]
    assert add_series_to_nav(board, series[::2]) == [
        {"首页": "index.md"},
        {"今日信息": "jrxx/index.md"},
        {"《紧急信息》": "jjxx/index.md"},
        {"紧急信息": "emergency/index.md"},
    ]


def test_search_record_of_an_emergency_report_carries_its_filters_and_event(tmp_path):
    archive = load_archive(make_emergency_archive(tmp_path / "archive"))
    report = next(r for r in archive.reports if r.id == "0715-qingshi-shanhong-2")
    issue = next(i for i in archive.issues if report in i.reports)
    source = render_search_record(archive, report, issue)
    filters = re.findall(r'data-pagefind-filter="([^"]+)"', source)
    assert filters == ["series:紧急信息", "year:2026", "category:工作动态", "category:紧急信息", "unit:云岭县青石镇"]
    head = re.search(r"</span>([^<⁂]*)⁂", source).group(1)
    assert decode_index_text(head) == "·云岭县青石镇·云岭县青石镇山洪灾害·云岭县青石镇·续报一"


def read_index_entries(bundle: Path) -> list[dict]:
    """What Pagefind stored of each indexed page (its fragments: gzip, a signature, JSON)."""
    return [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in sorted(bundle.glob("fragment/*.pf_fragment"))
    ]


@pytest.mark.build
def test_the_index_and_the_search_page_offer_the_emergency_filters(site):
    entries = {e["url"]: e for e in read_index_entries(site / "pagefind/2026")}
    entry = entries["/reports/2026/0729-hefeng-jiaotong-1.html"]
    assert entry["filters"]["series"] == ["紧急信息"]
    assert sorted(entry["filters"]["category"]) == ["工作动态", "紧急信息"]
    search = (site / "search/index.html").read_text(encoding="utf-8")
    assert '<option value="jjxx">紧急信息</option>' in search.split('name="series"')[1].split("</select>")[0]
    assert '<option value="jinji-xinxi">紧急信息</option>' in search.split('name="category"')[1].split("</select>")[0]


@pytest.mark.build
def test_a_series_name_with_markup_shows_as_text_in_the_navigation(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    settings = root / "mkdocs.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("name: 紧急信息", 'name: "紧急<b>信息</b>&"'), encoding="utf-8"
    )
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "紧急&lt;b&gt;信息&lt;/b&gt;&amp;" in home and "<b>信息" not in home


def test_deductions_are_negative_numbers_and_only_where_allowed(tmp_path):
    root = make_emergency_archive(tmp_path / "archive")
    assert load_archive(root).settings.scoring.emergency == {
        "on_time": 2,
        "late": -2,
        "missing": -5,
        "office_first": -5,
    }
    settings = root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("series: {jrxx: 10}", "series: {jrxx: -10}").replace("missing: -5", "missing: -1001"),
        encoding="utf-8",
    )
    line = text.splitlines().index("      series: {jrxx: 10}") + 1
    problems = problems_of(root)
    find_problem(problems, "mkdocs.yml", line, "extra.bulletin.scoring.series.jrxx", "不能小于 0")
    find_problem(problems, "mkdocs.yml", line + 2, "extra.bulletin.scoring.emergency.missing", "不能小于 -1000")


@pytest.fixture(scope="module")
def browser_page(site, chromium_path):
    """The built fixture site served on localhost, and a headless Chromium page (as test_browser.py)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        page.base = f"http://127.0.0.1:{httpd.server_address[1]}"
        yield page
        browser.close()
    httpd.shutdown()


def search_titles(page, query_string: str) -> list[str]:
    page.goto(f"{page.base}/search/?{query_string}")
    page.wait_for_function(
        "() => { const t = document.getElementById('bl-search-status').textContent;"
        " return t && !t.startsWith('正在'); }",
        timeout=20000,
    )
    return page.locator(".bl-search-result .bl-search-title").all_text_contents()


@pytest.mark.build
@pytest.mark.browser
def test_a_reader_finds_emergency_reports_by_event_series_and_category(browser_page):
    # "城郊路段" is only in the event's name, not in the report's title or text
    assert search_titles(browser_page, "q=城郊路段") == ["禾丰县城郊发生交通事故"]
    flood = sorted(search_titles(browser_page, "q=山洪&category=jinji-xinxi"))
    assert flood == ["青石镇发生山洪灾害", "青石镇山洪灾害处置完毕", "青石镇山洪灾害救援进展"]
    assert search_titles(browser_page, "q=山洪&category=经验做法") == []  # a name works as well as a key
    assert len(search_titles(browser_page, "q=山洪&category=紧急信息")) == 3
    assert sorted(search_titles(browser_page, "q=处置完毕&series=jjxx")) == [
        "危化品车辆泄漏处置完毕",
        "青石镇山洪灾害处置完毕",
    ]
    assert search_titles(browser_page, "q=续报一") == ["青石镇山洪灾害救援进展"]  # its stage


@pytest.mark.build
@pytest.mark.browser
def test_the_notice_with_emergency_columns_reads_on_a_desktop_and_a_phone(browser_page, tmp_path):
    page = browser_page
    page.goto(f"{page.base}/stats/2026/07/")
    first = page.locator(".bl-ranking table").first
    assert first.locator("th").all_text_contents()[-6:] == MONTH_HEADER[-6:]
    page.screenshot(path=str(tmp_path / "notice-desktop.png"), full_page=True)
    assert first.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")  # fits a desktop page
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(f"{page.base}/stats/2026/07/")
        # on a phone the table scrolls inside its box; the page itself does not
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(tmp_path / "notice-phone.png"), full_page=True)
        page.goto(f"{page.base}/units/hefeng/")
        page.get_by_role("link", name="禾丰县城郊路段交通事故").wait_for()
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=str(tmp_path / "unit-phone.png"), full_page=True)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_the_preview_leaves_out_events_older_than_its_months(tmp_path):
    """`make serve` builds the last months only: an event of before them would have lost its
    reports and look unreported, so it is left out with them."""
    from bulletin.archive import limit_to_recent
    from bulletin.figures.scoring import collect_credits

    root = make_emergency_archive(tmp_path / "archive")
    write(
        root,
        "reports/2026/0820-yunling-later.md",
        """
        ---
        title: 云岭县做好灾后重建工作
        unit: yunling
        issue: 4
        date: 2026-08-20
        category: 工作动态
        ---
        云岭县有序推进灾后重建。
        """,
    )
    archive = load_archive(root)
    recent = limit_to_recent(archive, 1)  # 31 days before the latest issue (2026-08-20): since 07-20
    assert [e.id for e in recent.events] == ["0728-hefeng-jiaotong", "0803-yingji-xielou"]
    assert "0714-qingshi-shanhong-1" not in {r.id for r in recent.reports}  # A's 初报 is left out
    credits = collect_credits(recent, dt.datetime(2026, 12, 31, 12, 0))
    assert [(r.event.id, r.count("missing")) for r in credits.events] == [
        ("0728-hefeng-jiaotong", 1),
        ("0803-yingji-xielou", 0),
    ]
