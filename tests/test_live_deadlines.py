"""Deadlines true when they are read: the 紧急信息 board, the event and year pages and the home
page's banner say "还剩…" and "逾期…" by the reader's clock (content/assets/deadlines.js), from the
due moments the pages carry, and say what moment they speak for.

The emergency fixture (see tests/test_emergency_pages.py for its worked figures) is built twice:
at 08:00 on 2026-12-31, when the open event's 续报 (due 09:20) still has 1 hour 20 minutes, and at
12:00 (helpers.BUILD_EPOCH), when it is 2 hours 40 minutes overdue. The 08:00 pages read at 12:00
must say what the 12:00 build says: the script is the build's rule, applied later.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import BUILD_EPOCH, REPO, copy_fixture, run_build, serve_folder
from playwright.sync_api import expect

from bulletin.archive import load_archive
from bulletin.commands.build import CLOCK_READING
from bulletin.pages.emergency import render_emergency_site
from bulletin.pages.home import render_home_blocks

pytestmark = [pytest.mark.build, pytest.mark.browser]

EMERGENCY_FIXTURE = REPO / "tests" / "fixtures" / "emergency"
OFFICE = dt.timezone(dt.timedelta(hours=8))
NOON = dt.datetime(2026, 12, 31, 12, 0, tzinfo=OFFICE)  # BUILD_EPOCH
EARLY = NOON - dt.timedelta(hours=4)  # 08:00: the open event's 续报 is due at 09:20
XIELOU = "/emergency/2026/1230-hefeng-xielou/"
# What the script keeps true on each page: the events' items, the event's facts and timeline, the banner.
LIVE = ".bl-event-item, .bl-facts li, .bl-timeline-entry, .bl-emergency-banner > p:first-child"


def build_at(folder: Path, moment: dt.datetime) -> str:
    root = copy_fixture(folder / "archive", EMERGENCY_FIXTURE)
    result = run_build(root, epoch=str(int(moment.timestamp())))
    assert result.returncode == 0, result.stderr
    return str(root / "site")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    early = build_at(tmp_path_factory.mktemp("early"), EARLY)
    noon = build_at(tmp_path_factory.mktemp("noon"), NOON)
    with serve_folder(Path(early)) as early_address, serve_folder(Path(noon)) as noon_address:
        yield early_address, noon_address


@pytest.fixture
def open_at(browser):
    """A page whose clock reads ``moment`` (None: no script at all)."""
    contexts = []

    def open_page(address: str, moment: dt.datetime | None):
        context = browser.new_context(locale="zh-CN", java_script_enabled=moment is not None)
        contexts.append(context)
        page = context.new_page()
        if moment is not None:
            page.clock.install(time=moment)
        page.goto(address)
        return page

    yield open_page
    for context in contexts:
        context.close()


def live_texts(page) -> list[str]:
    """What every item that depends on the time says, and whether it is marked overdue (its class)."""
    return [f"{item.inner_text().strip()} | {item.get_attribute('class') or ''}" for item in page.locator(LIVE).all()]


def test_pages_built_at_eight_read_at_noon_say_what_a_noon_build_says(servers, open_at):
    early, noon = servers
    for path in ("/emergency/", XIELOU, "/emergency/2026/", "/"):
        built_at_noon = open_at(noon + path, NOON)
        read_at_noon = open_at(early + path, NOON + dt.timedelta(seconds=30))
        expected = live_texts(built_at_noon)
        assert expected, path
        assert live_texts(read_at_noon) == expected, path
    # the figures themselves, as the worked example gives them
    board = open_at(early + "/emergency/", NOON)
    first = board.locator(".bl-event-item").first
    expect(first.locator("[data-bl-left]")).to_have_text("逾期2小时40分")
    expect(first).to_have_class("bl-event-item bl-event-item--bad")
    event = open_at(early + XIELOU, NOON)
    expect(event.locator(".bl-facts")).to_contain_text("缺报 1，先于报告获知；得分 -8")
    expect(event.locator(".bl-timeline-entry").last).to_contain_text("缺报")
    home = open_at(early + "/", NOON)
    expect(home.locator(".bl-emergency-banner")).to_contain_text("其中逾期 2 起")


def test_a_page_left_open_turns_overdue_when_the_deadline_passes(servers, open_at):
    early, _ = servers
    at = EARLY.replace(hour=9, minute=19)
    board, event, home = (open_at(early + path, at) for path in ("/emergency/", XIELOU, "/"))
    item = board.locator(".bl-event-item").first
    expect(item.locator("[data-bl-left]")).to_have_text("还剩1分")
    expect(item).not_to_have_class("bl-event-item bl-event-item--bad")
    expect(event.locator(".bl-facts")).to_contain_text("缺报 0，先于报告获知；得分 -3")
    expect(home.locator(".bl-emergency-banner")).to_contain_text("其中逾期 1 起")
    for page in (board, event, home):
        page.clock.fast_forward("02:00")  # 09:21: one whole minute past 09:20
    expect(item.locator("[data-bl-left]")).to_have_text("逾期1分")
    expect(item).to_have_class("bl-event-item bl-event-item--bad")
    expect(event.locator(".bl-facts")).to_contain_text("缺报 1，先于报告获知；得分 -8")
    expect(event.locator(".bl-timeline-entry--bad [data-bl-step]")).to_have_text("缺报")
    expect(home.locator(".bl-emergency-banner")).to_contain_text("其中逾期 2 起")
    expect(board.locator(".bl-as-of").first).to_contain_text(
        "截至2026年12月31日 08:00（网页生成时）；“还剩”“逾期”已按本机时钟（2026年12月31日 09:21）更新"
        "；网页生成已过1小时21分，其后报送的报告和登记的事件不在其中，请刷新页面看最新情况"
    )


def test_a_page_read_soon_after_its_build_does_not_say_it_is_out_of_date(servers, open_at):
    early, _ = servers
    board = open_at(early + "/emergency/", EARLY.replace(minute=29, second=59))
    expect(board.locator(".bl-as-of").first).to_contain_text("已按本机时钟（2026年12月31日 08:29）更新")
    expect(board.locator(".bl-as-of").first).not_to_contain_text("网页生成已过")


def test_on_the_deadline_minute_it_is_not_yet_overdue(servers, open_at):
    """As the build: to the minute, overdue only once the clock is past the due moment's minute."""
    early, _ = servers
    board = open_at(early + "/emergency/", EARLY.replace(hour=9, minute=20, second=59))
    expect(board.locator(".bl-event-item").first.locator("[data-bl-left]")).to_have_text("还剩0分")


def test_a_clock_behind_the_build_keeps_the_build_figures_and_says_so(servers, open_at):
    _, noon = servers
    board = open_at(noon + "/emergency/", NOON - dt.timedelta(days=3))
    expect(board.locator(".bl-event-item").first.locator("[data-bl-left]")).to_have_text("逾期2小时40分")
    expect(board.locator(".bl-as-of").first).to_contain_text(
        "本机时钟（2026年12月28日 12:00）早于网页生成时间，仍按生成时计算"
    )


def test_without_script_the_page_shows_the_build_figures_as_of_the_build(servers, open_at):
    early, _ = servers
    for path in ("/emergency/", "/"):
        page = open_at(early + path, None)
        expect(page.locator(".bl-event-item").first.locator("[data-bl-left]")).to_have_text("还剩1小时20分")
        as_of = page.locator(".bl-as-of").first
        expect(as_of).to_contain_text("截至2026年12月31日 08:00（网页生成时）")
        expect(as_of).not_to_contain_text("本机时钟")


def test_the_home_page_has_no_banner_when_nothing_is_owed_and_escapes_event_names(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    quiet = load_archive(copy_fixture(tmp_path / "quiet"))  # no events
    assert "bl-emergency-banner" not in render_home_blocks(quiet, moment=NOON.replace(tzinfo=None)).html
    root = copy_fixture(tmp_path / "archive", EMERGENCY_FIXTURE)
    path = root / "reports/events/2026/1230-hefeng-xielou.yml"
    text = path.read_text(encoding="utf-8").replace("name: 禾丰县化工园区氯气泄漏", "name: '<script>alert(1)</script>'")
    path.write_text(text, encoding="utf-8")
    html = render_home_blocks(load_archive(root), moment=NOON.replace(tzinfo=None)).html
    assert "bl-emergency-banner" in html and "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("later", "same"),
    [
        (NOON + dt.timedelta(minutes=10), True),  # still overdue: only the readings moved
        (EARLY + dt.timedelta(minutes=10), True),  # still due: only the readings moved
        (EARLY.replace(hour=9, minute=21), False),  # the 续报 fell overdue: its mark and class changed
    ],
)
def test_a_scheduled_rebuild_sees_only_the_clock_moved_or_a_status_changed(tmp_path, monkeypatch, later, same):
    """What `bulletin build --if-changed` leaves out (bulletin.commands.build.CLOCK_READING) is all
    that moves with the clock on the pages as the templates write them, the build moment the
    script reads (data-bl-built) included; a status that changes is still a change."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))
    archive = load_archive(copy_fixture(tmp_path / "archive", EMERGENCY_FIXTURE))
    first = EARLY if later.hour < 12 else NOON

    def pages(moment: dt.datetime) -> dict[str, bytes]:
        naive = moment.replace(tzinfo=None)
        rendered = render_emergency_site(archive, naive)[0]
        home = render_home_blocks(archive, moment=naive).html
        return {page.src: CLOCK_READING.sub(b"", page.html.encode()) for page in rendered} | {
            "home": CLOCK_READING.sub(b"", home.encode())
        }

    before, after = pages(first), pages(later)
    assert (before == after) is same
    if same:
        assert pages(first) != dict.fromkeys(before, b"")  # the pages were compared, not emptied
