"""`bulletin notify`: word to the duty room (值班室) after a publish, as a short JSON message.

CI runs it after ``bulletin deploy`` when ``NOTIFY_URL`` is set (an address of the intranet: no
outside service is assumed). What was published is what the live release of the web folder has
that the release last notified did not: the office's own record of that is
``<target>/.notified.json`` (the release, the commit it was built from and the moment it spoke
for), written after each message delivered. So:

- nothing is sent when the live release is the one last notified (a scheduled publish that
  published nothing), when ``NOTIFY_URL`` is unset, or when what was published has nothing for the
  duty room (no new issue, no new or newly overdue 紧急信息 event, no 更正);
- the message compares the archive at the commit last notified with the one published now,
  each as published on its day (:meth:`Archive.as_of`), with `bulletin diff`'s own finders
  (:mod:`bulletin.commands.diff`), and 紧急信息 as of now (the one clock,
  :func:`bulletin.times.build_moment`) with :mod:`bulletin.figures.timeliness`; an event is
  *newly* overdue when it was not overdue at the moment last notified;
- the first run records the live release and sends nothing: there is nothing to compare with.

Delivery never fails the publish: a POST with a timeout (10 s), one retry after a network error,
a timeout or a 5xx answer, no redirect followed (the token would go to another host), and every
failure a Chinese warning with exit status 0. The record is written only after a delivery, so a
message that did not arrive is sent again, with whatever came since, after the next publish. The
address is printed without its query or user part; the token (``NOTIFY_TOKEN``, sent as
``Authorization: Bearer``) never is.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bulletin.addresses import event_src, issue_src, page_url, report_src
from bulletin.archive import load_archive
from bulletin.commands.deploy import live_release
from bulletin.commands.diff import find_new_corrections, find_new_events, find_new_issues, site_address
from bulletin.errors import BulletinError
from bulletin.figures.timeliness import assess_events
from bulletin.i18n import _
from bulletin.labels import issue_citation, unit_name, unit_names
from bulletin.model import Archive
from bulletin.review.baseline import read_archive_at, run_git
from bulletin.times import MOMENT_FORMAT, build_moment, write_moment

STATE_FILE = ".notified.json"  # in the web folder, beside current (never served: the web root is current/)
TIMEOUT = 10.0  # seconds for each attempt
ATTEMPTS = 2  # the first and one retry
RETRY_PAUSE = 1.0  # seconds between them
MAX_ITEMS = 50  # per list in the message; the rest are counted
MAX_TEXT = 200  # characters of a title or note in the message


@dataclass(frozen=True)
class Notified:
    """The release last notified, the commit it was built from, and the moment the message spoke for."""

    release: str
    commit: str
    moment: dt.datetime


@dataclass(frozen=True)
class Delivery:
    delivered: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What `bulletin notify` did: lines for the log, and warnings (it never fails)."""

    lines: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    sent: bool = False


# --- the record ------------------------------------------------------------------------------------


def read_notified(target: Path) -> Notified | None:
    """The record of the last message delivered; None when there is none or it cannot be read."""
    try:
        raw = json.loads((target / STATE_FILE).read_text(encoding="utf-8"))
        return Notified(str(raw["release"]), str(raw["commit"]), dt.datetime.strptime(raw["moment"], MOMENT_FORMAT))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_notified(target: Path, notified: Notified) -> None:
    """Write the record whole or not at all."""
    temporary = target / f"{STATE_FILE}.tmp"
    record = {"release": notified.release, "commit": notified.commit, "moment": write_moment(notified.moment)}
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target / STATE_FILE)


# --- the message ------------------------------------------------------------------------------------


def shorten(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def limit(items: Sequence[dict[str, Any]], name: str, left_out: dict[str, int]) -> list[dict[str, Any]]:
    """The first MAX_ITEMS of ``items``; how many more there were goes into ``left_out``."""
    if len(items) > MAX_ITEMS:
        left_out[name] = len(items) - MAX_ITEMS
    return list(items[:MAX_ITEMS])


def compose_message(
    before: Archive, then: dt.datetime, after: Archive, now: dt.datetime, site_url: str, release: str, commit: str
) -> dict[str, Any] | None:
    """The message for what ``after`` (published on ``now``'s day, 紧急信息 as of ``now``) has that
    ``before`` (as of ``then``) did not; None when there is nothing for the duty room."""
    old, new = before.as_of(then.date()), after.as_of(now.date())
    issues = find_new_issues(old, new)
    published = {report.id for issue in new.issues for report in issue.reports}
    corrections = [(r, c) for r, c in find_new_corrections(old, new) if r.id in published]
    opened = [e for e in find_new_events(old, new) if e.occurred <= now]
    rules = new.settings.emergency
    overdue_then = {
        r.event.id for r in assess_events(old.events, old.reports, before.settings.emergency, then) if r.overdue
    }
    overdue = [r for r in assess_events(new.events, new.reports, rules, now) if r.overdue]
    newly = [r for r in overdue if r.event.id not in overdue_then]
    if not (issues or corrections or opened or newly):
        return None

    def url(src: str) -> str:
        return site_address(site_url, page_url(src))

    left_out: dict[str, int] = {}
    message: dict[str, Any] = {
        "消息": "信息刊物网站有新的发布",
        "截至": write_moment(now),
        "网站": site_url,
        "发布": release,
        "提交": commit[:12],
        "新增期次": limit(
            [
                {
                    "刊物": i.series.name,
                    "系列": i.series.key,
                    "年份": i.year,
                    "期号": i.number,
                    "标题": issue_citation(i),
                    "日期": i.date.isoformat(),
                    "稿件": [shorten(r.title) for r in i.reports[:MAX_ITEMS]],
                    "网址": url(issue_src(i)),
                }
                for i in issues
            ],
            "新增期次",
            left_out,
        ),
        "紧急信息": {
            "新登记事件": limit(
                [
                    {
                        "事件": shorten(e.name),
                        "类型": e.type,
                        "等级": e.grade,
                        "单位": unit_name(new, e.unit),
                        "发生时间": write_moment(e.occurred),
                        "网址": url(event_src(e)),
                    }
                    for e in opened
                ],
                "新登记事件",
                left_out,
            ),
            "逾期未报": limit(
                [
                    {
                        "事件": shorten(r.event.name),
                        "单位": unit_name(new, r.event.unit),
                        "应报": r.next_due.stage if r.next_due else "",
                        "应报时间": write_moment(r.next_due.due) if r.next_due else "",
                        "新近逾期": r.event.id not in overdue_then,
                        "网址": url(event_src(r.event)),
                    }
                    for r in overdue
                ],
                "逾期未报",
                left_out,
            ),
        },
        "更正": limit(
            [
                {
                    "稿件": shorten(r.title),
                    "单位": unit_names(new, r),
                    "日期": c.date.isoformat(),
                    "说明": shorten(c.note),
                    "网址": url(report_src(r)),
                }
                for r, c in corrections
            ],
            "更正",
            left_out,
        ),
    }
    if left_out:
        message["未列出"] = left_out
    return message


def summarize_message(message: dict[str, Any]) -> str:
    """One line for the log: how many of each, no title (a title is the archive's text, not the log's)."""
    emergency = message["紧急信息"]
    more = message.get("未列出", {})
    return _("新增期次 {issues} 期，新登记紧急事件 {opened} 起，新近逾期 {overdue} 起，更正 {corrections} 条").format(
        issues=len(message["新增期次"]) + more.get("新增期次", 0),
        opened=len(emergency["新登记事件"]) + more.get("新登记事件", 0),
        overdue=sum(1 for item in emergency["逾期未报"] if item["新近逾期"]),
        corrections=len(message["更正"]) + more.get("更正", 0),
    )


# --- the delivery ------------------------------------------------------------------------------------


def show_address(url: str) -> str:
    """The address as the log may show it: no user, password, query or fragment."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return _("（无法解析的地址）")
    shown = f"{parts.scheme}://{host}{port}{parts.path}"
    return "".join(ch if ch.isprintable() and not ch.isspace() else "?" for ch in shown)[:200]


def explain_address(url: str) -> str | None:
    """Why ``url`` cannot be the notify address, or None."""
    if any(not ch.isprintable() or ch.isspace() for ch in url):
        return _("地址里有空格、换行或控制字符")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return _("地址的格式不对（端口不是数字？）")
    if parts.scheme not in ("http", "https"):
        return _("地址须以 http:// 或 https:// 开头")
    if not parts.hostname:
        return _("地址里没有主机名")
    if parts.username is not None or parts.password is not None:
        return _("地址里写了用户名或密码，会出现在日志里；请去掉它们，令牌放在 NOTIFY_TOKEN 里")
    return None


def explain_token(token: str) -> str | None:
    if token and any(not ("\x21" <= ch <= "\x7e") for ch in token):
        return _("NOTIFY_TOKEN 里有空格、换行或中文等字符，不是一个令牌；请重新复制令牌本身")
    return None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is not followed: it would carry the message, and the token, to another address."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def post_message(
    url: str, message: dict[str, Any], token: str = "", timeout: float = TIMEOUT, pause: float = RETRY_PAUSE
) -> Delivery:
    """POST the message as JSON; one retry after a network error, a timeout or a 5xx answer."""
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "bulletin-notify"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    opener = urllib.request.build_opener(_NoRedirects)
    shown = show_address(url)
    warnings: list[str] = []
    for attempt in range(1, ATTEMPTS + 1):
        request = urllib.request.Request(url, data=body, method="POST", headers=headers)
        try:
            with opener.open(request, timeout=timeout) as response:
                response.read(10_000)
            return Delivery(True, tuple(warnings))
        except urllib.error.HTTPError as error:
            if 300 <= error.code < 400:
                where = show_address(error.headers.get("Location", "") or "")
                warnings.append(
                    _(
                        "{address} 把通知转到了 {location}（HTTP {status}）：为了不把令牌交给别的地址，没有跟随。"
                    ).format(address=shown, location=where, status=error.code)
                )
                return Delivery(False, tuple(warnings))
            warnings.append(
                _("第 {attempt} 次发送：{address} 回答 HTTP {status}。").format(
                    attempt=attempt, address=shown, status=error.code
                )
            )
            if error.code < 500:
                return Delivery(False, tuple(warnings))  # the same request would be refused again
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError):
                why = _("{seconds} 秒内没有回答").format(seconds=f"{timeout:g}")
            else:
                why = str(getattr(reason, "strerror", None) or reason)
            warnings.append(
                _("第 {attempt} 次发送：无法送到 {address}（{reason}）。").format(
                    attempt=attempt, address=shown, reason=why
                )
            )
        if attempt < ATTEMPTS:
            time.sleep(pause)
    return Delivery(False, tuple(warnings))


# --- the command ------------------------------------------------------------------------------------


def notify_duty_room(
    root: Path,
    target: Path,
    url: str,
    token: str = "",
    site_url: str | None = None,
    timeout: float = TIMEOUT,
    pause: float = RETRY_PAUSE,
) -> Outcome:
    """Tell the duty room what the web folder ``target`` published since the last message (see the
    module's docstring). Never raises for the notification's sake: every failure is a warning."""
    url = url.strip()
    if not url:
        return Outcome(lines=(_("没有设置 NOTIFY_URL：不通知值班室。"),))
    problem = explain_address(url) or explain_token(token)
    if problem:
        return Outcome(
            warnings=(
                _(
                    "通知没有发出：NOTIFY_URL 或 NOTIFY_TOKEN 不对（{problem}）。网站已照常发布；请在 CI 变量里改正。"
                ).format(problem=problem),
            )
        )
    release = live_release(target)
    if release is None:
        return Outcome(warnings=(_("{target} 里没有线上的发布（current）：没有可通知的内容。").format(target=target),))
    last = read_notified(target)
    if last is not None and last.release == release:
        return Outcome(
            lines=(_("自上次通知以来没有新的发布（线上仍是 {release}）：不通知值班室。").format(release=release),)
        )
    now = build_moment()
    try:
        commit = run_git(root, "rev-parse", "HEAD").decode().strip()
        if last is None:
            write_notified(target, Notified(release, commit, now))
            return Outcome(
                lines=(
                    _("首次记录线上的发布 {release}：这次不发通知，以后每次发布新内容后通知值班室。").format(
                        release=release
                    ),
                )
            )
        after = load_archive(root)
        try:
            before = read_archive_at(root, last.commit)
        except BulletinError:
            write_notified(target, Notified(release, commit, now))
            return Outcome(
                warnings=(
                    _(
                        "读不出上次通知时的提交 {commit}（历史被改写，或检出不完整）：这次不发通知，"
                        "已从线上的发布 {release} 重新记起。"
                    ).format(commit=last.commit[:12], release=release),
                )
            )
        address = after.settings.site_url if site_url is None else site_url
        message = compose_message(before, last.moment, after, now, address, release, commit)
        if message is None:
            write_notified(target, Notified(release, commit, now))
            return Outcome(
                lines=(
                    _(
                        "发布了 {release}，但没有要告诉值班室的内容（没有新的期次、更正，没有新登记或新近逾期的紧急事件）：不发通知。"
                    ).format(release=release),
                )
            )
        delivery = post_message(url, message, token, timeout, pause)
        if not delivery.delivered:
            return Outcome(
                warnings=(
                    *delivery.warnings,
                    _("通知没有送到值班室（{address}）；网站已照常发布。下次发布后会连同新的内容再发。").format(
                        address=show_address(url)
                    ),
                )
            )
        write_notified(target, Notified(release, commit, now))
        return Outcome(
            lines=(
                _("已通知值班室（{address}）：{summary}。").format(
                    address=show_address(url), summary=summarize_message(message)
                ),
            ),
            warnings=delivery.warnings,
            sent=True,
        )
    except BulletinError as error:
        first = error.problems[0] if error.problems else None
        reason = f"{first.path}: {first.message}" if first else str(error)
        return Outcome(warnings=(_("通知没有发出（{reason}）；网站已照常发布。").format(reason=reason),))
    except OSError as error:
        return Outcome(
            warnings=(
                _("通知的记录 {file} 写不进去（{reason}）；网站已照常发布。").format(
                    file=target / STATE_FILE, reason=error.strerror or error
                ),
            )
        )
