"""`bulletin notify`: the duty room's word after a publish, posted to a real local HTTP server.

The archive is the sample, committed in a Git repository; the web folder is made by `bulletin
deploy` (of a one-page site: what the message says comes from the archive, not from the pages).
Every failure of the address or the server is a warning and exit status 0: the publish is done."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import SAMPLE_EPOCH, add_next_issue, commit_all, copy_sample, edit, git, run_bulletin

from bulletin.archive import load_archive
from bulletin.commands.deploy import deploy_site
from bulletin.commands.notify import STATE_FILE
from bulletin.figures.timeliness import assess_events
from bulletin.times import OFFICE_TIMEZONE

TOKEN = "notify-token-0123456789"
OVERDUE_EVENT = "1124-dongjiao-yuchuan-chenmo"  # the sample's open event whose 续报 is overdue on its build date
CORRECTED = "reports/2026/0105-yunling-dongji-lvyou.md"


@dataclass
class DutyRoom:
    """A local HTTP server standing in for the duty room's address: what it received, and how it answers."""

    answer: str = "ok"  # ok, hang, fail (500), refuse-4xx (403), redirect
    elsewhere: str = ""  # where `redirect` sends the client
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    released: threading.Event = field(default_factory=threading.Event)
    url: str = ""


def _handler(room: DutyRoom) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            room.received.append((dict(self.headers.items()), body))
            if room.answer == "hang":
                room.released.wait(30)  # longer than the command waits
                return
            if room.answer == "redirect":
                self.send_response(302)
                self.send_header("Location", room.elsewhere)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = {"ok": 200, "fail": 500, "refuse-4xx": 403}[room.answer]
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def duty_room(answer: str = "ok", host: str = "127.0.0.1") -> Iterator[DutyRoom]:
    room = DutyRoom(answer)
    server = http.server.ThreadingHTTPServer((host, 0), _handler(room))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    room.url = f"http://{host}:{server.server_address[1]}/bulletin/notify"
    try:
        yield room
    finally:
        room.released.set()
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port nothing listens on (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def epoch_of(moment: dt.datetime) -> str:
    return str(int(moment.replace(tzinfo=OFFICE_TIMEZONE).timestamp()))


def publish(repo: Path, web: Path, marker: str) -> None:
    """A release of the web folder, as `bulletin deploy` makes it (the pages are not what this is about)."""
    site = repo.parent / f"site-{marker}"
    site.mkdir()
    (site / "index.html").write_text(f"<p>{marker}</p>", encoding="utf-8")
    deploy_site(site, web, label=marker)


def notify(repo: Path, web: Path, url: str, *args: str, epoch: str = SAMPLE_EPOCH, token: str = TOKEN):
    return run_bulletin(
        "--root", str(repo), "notify", "--to", str(web), *args,
        NOTIFY_URL=url, NOTIFY_TOKEN=token, SOURCE_DATE_EPOCH=epoch,
    )  # fmt: skip


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """The sample in Git, notified once (a first record), then a new issue and a 更正 committed and
    published: a message waits to be sent."""
    repo = copy_sample(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "editor@example.invalid")
    git(repo, "config", "user.name", "信息科编辑")
    commit_all(repo, "sample")
    web = tmp_path / "web"
    publish(repo, web, "first")
    with duty_room() as room:
        first = notify(repo, web, room.url)
    assert first.returncode == 0 and "首次记录" in first.stdout and not room.received
    add_next_issue(repo, instruction=False)
    edit(repo, CORRECTED, "tags:", "corrections:\n  - {date: 2026-11-29, note: 第二段“游客”应为“外地游客”。}\ntags:")
    commit_all(repo, "第23期和一条更正")
    publish(repo, web, "second")
    return repo, web


def test_the_message_says_what_was_published(published):
    repo, web = published
    with duty_room() as room:
        done = notify(repo, web, room.url, "--site-url", "http://xxkw.example.intranet/")
        assert done.returncode == 0, done.output
        assert len(room.received) == 1
        headers, body = room.received[0]
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    message = json.loads(body.decode("utf-8"))
    assert message["新增期次"] == [
        {
            "刊物": "今日信息",
            "系列": "jrxx",
            "年份": 2026,
            "期号": 23,
            "标题": "《今日信息》2026年第23期",
            "日期": "2026-11-27",
            "稿件": ["云岭县组织茶农冬季培训提升茶园管护水平"],
            "网址": "http://xxkw.example.intranet/jrxx/2026/023/",
        }
    ]
    [correction] = message["更正"]
    assert correction["说明"] == "第二段“游客”应为“外地游客”。"
    assert correction["网址"] == "http://xxkw.example.intranet/reports/2026/0105-yunling-dongji-lvyou/"
    # the event overdue before and after: listed, not news
    overdue = {item["网址"].rstrip("/").rsplit("/", 1)[1]: item for item in message["紧急信息"]["逾期未报"]}
    assert overdue[OVERDUE_EVENT]["新近逾期"] is False
    assert message["紧急信息"]["新登记事件"] == []
    assert message["截至"] == "2026-11-30 12:00"
    assert "已通知值班室" in done.stdout and "新增期次 1 期" in done.stdout and "更正 1 条" in done.stdout
    assert TOKEN not in done.output and "/bulletin/notify" in done.stdout
    # delivered once: the next run has nothing new to say
    with duty_room() as room:
        again = notify(repo, web, room.url)
        assert again.returncode == 0 and "没有新的发布" in again.stdout and not room.received


def test_an_event_becoming_overdue_is_news_without_a_commit(tmp_path):
    repo = copy_sample(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "editor@example.invalid")
    git(repo, "config", "user.name", "信息科编辑")
    commit_all(repo, "sample")
    archive = load_archive(repo)
    sample_moment = dt.datetime.fromtimestamp(int(SAMPLE_EPOCH), OFFICE_TIMEZONE).replace(tzinfo=None)
    [record] = [
        r
        for r in assess_events(archive.events, archive.reports, archive.settings.emergency, sample_moment)
        if r.event.id == OVERDUE_EVENT
    ]
    assert record.next_due is not None
    before_due = epoch_of(record.next_due.due - dt.timedelta(minutes=30))
    web = tmp_path / "web"
    publish(repo, web, "before")
    with duty_room() as room:
        assert "首次记录" in notify(repo, web, room.url, epoch=before_due).stdout
        publish(repo, web, "after")  # a scheduled rebuild: the same commit, a later moment
        done = notify(repo, web, room.url)
        assert done.returncode == 0 and "新近逾期 1 起" in done.stdout, done.output
        message = json.loads(room.received[0][1])
    [item] = [i for i in message["紧急信息"]["逾期未报"] if i["新近逾期"]]
    assert item["事件"] == "江屿区一渔船在东礁岛附近海域沉没事故" and item["单位"] == "江屿区委办公室"
    assert message["新增期次"] == [] and message["更正"] == []


def test_nothing_is_sent_without_an_address_or_with_nothing_new(tmp_path, published):
    repo, web = published
    unset = notify(repo, web, "")
    assert unset.returncode == 0 and "没有设置 NOTIFY_URL" in unset.stdout
    nowhere = run_bulletin("notify", "--to", str(tmp_path / "no-web"), NOTIFY_URL="http://duty.example.intranet/")
    assert nowhere.returncode == 0 and "没有线上的发布" in nowhere.stderr


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("duty.example.intranet/notify", "http:// 或 https://"),
        ("ftp://duty.example.intranet/notify", "http:// 或 https://"),
        ("http://", "没有主机名"),
        ("http://duty.example.intranet:port/", "端口不是数字"),
        ("http://duty:s3cret@duty.example.intranet/", "用户名或密码"),
        ("http://duty.example.intranet/a b", "空格"),
    ],
)
def test_a_malformed_address_is_a_warning_and_the_publish_stands(published, url, said):
    repo, web = published
    done = notify(repo, web, url)
    assert done.returncode == 0
    assert "警告：通知没有发出" in done.stderr and said in done.stderr and "网站已照常发布" in done.stderr
    assert "s3cret" not in done.output and TOKEN not in done.output
    assert not (web / STATE_FILE).read_text(encoding="utf-8").count("second")  # not recorded as notified


def test_a_server_that_hangs_refuses_or_fails_gets_one_retry_and_a_warning(published):
    repo, web = published
    with duty_room("hang") as room:
        done = notify(repo, web, room.url, "--timeout", "0.5")
        assert len(room.received) == 2  # the first attempt and one retry
    assert done.returncode == 0 and "0.5 秒内没有回答" in done.stderr
    assert "通知没有送到值班室" in done.stderr and "下次发布后会连同新的内容再发" in done.stderr

    refused = notify(repo, web, f"http://127.0.0.1:{free_port()}/notify", "--timeout", "2")
    assert refused.returncode == 0
    assert refused.stderr.count("无法送到") == 2 and "Connection refused" in refused.stderr

    with duty_room("fail") as room:
        failed = notify(repo, web, room.url)
        assert len(room.received) == 2
    assert failed.returncode == 0 and "HTTP 500" in failed.stderr

    with duty_room("refuse-4xx") as room:
        forbidden = notify(repo, web, room.url)
        assert len(room.received) == 1  # a refusal is not tried again: it would be refused again
    assert forbidden.returncode == 0 and "HTTP 403" in forbidden.stderr
    assert TOKEN not in refused.output + failed.output + forbidden.output + done.output

    # none of them was delivered: the message goes out after the next publish, or now
    with duty_room() as room:
        assert "已通知值班室" in notify(repo, web, room.url).stdout and len(room.received) == 1


def test_a_redirect_to_another_host_is_not_followed_and_the_token_stays(published):
    repo, web = published
    with duty_room(host="127.0.0.2") as elsewhere, duty_room("redirect") as room:
        room.elsewhere = elsewhere.url + "?key=hidden"
        done = notify(repo, web, room.url)
        assert len(room.received) == 1 and not elsewhere.received  # neither the message nor the token went on
    assert done.returncode == 0 and "HTTP 302" in done.stderr and "没有跟随" in done.stderr
    assert "127.0.0.2" in done.stderr and "hidden" not in done.stderr
