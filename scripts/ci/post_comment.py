#!/usr/bin/env python3
"""One comment per pull request, updated in place: the `bulletin diff` summary on Gitea, GitHub or GitLab.

    python3 scripts/ci/post_comment.py --forge gitea --api "$GITHUB_API_URL" \\
        --repo "$GITHUB_REPOSITORY" --number 12 --body-file bulletin-diff.md

The comment starts with a hidden marker (``<!-- bulletin-diff -->``). The script reads the
pull request's comments (Gitea and GitHub: the issues-comments API; GitLab: the merge
request's notes), and the first comment that starts with the marker (written by
``BULLETIN_BOT_USER``, when that is set) is edited (PATCH; GitLab: PUT); when there is none, a
new one is posted. The token is read from the variable ``BULLETIN_BOT_TOKEN`` (another with
``--token-variable``) and never printed.

Standard library only (urllib), so it runs with the runner's own python3, before or without
the project's .venv. What a refusal gets: a Chinese message naming the status, the likely
cause and the forge's own words, and exit status 1, never a traceback. A summary longer than
the forges accept (GitHub: 65,536 characters) is cut at a line, with a note saying so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

MARKER = "<!-- bulletin-diff -->"
MAX_BODY = 60_000  # characters; GitHub refuses more than 65,536, Gitea and GitLab allow more
MAX_PAGES = 50  # pages of comments read at most (a forge that ignores `page` would loop forever)
PAGE_SIZE = 50  # Gitea's default maximum per page
TIMEOUT = 30.0  # seconds per request
_UNSEEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


class ForgeError(Exception):
    """A request the forge refused or could not answer; the message is for the CI log."""


@dataclass(frozen=True)
class Comment:
    id: int
    author: str
    body: str


@dataclass(frozen=True)
class Forge:
    """Where a pull request's comments are, and how the forge is spoken to."""

    kind: str  # gitea, github or gitlab
    api: str  # e.g. http://git.example.intranet/api/v1 or http://gitlab.example.intranet/api/v4
    repo: str  # owner/name; GitLab: the project's id or path
    number: int  # the pull request's number; GitLab: the merge request's iid
    token: str

    @property
    def comments_url(self) -> str:
        if self.kind == "gitlab":
            project = urllib.parse.quote(self.repo, safe="")
            return f"{self.api}/projects/{project}/merge_requests/{self.number}/notes"
        return f"{self.api}/repos/{self.repo}/issues/{self.number}/comments"

    def comment_url(self, comment_id: int) -> str:
        if self.kind == "gitlab":
            return f"{self.comments_url}/{comment_id}"
        return f"{self.api}/repos/{self.repo}/issues/comments/{comment_id}"

    @property
    def edit_method(self) -> str:
        return "PUT" if self.kind == "gitlab" else "PATCH"

    @property
    def headers(self) -> dict[str, str]:
        auth = {"PRIVATE-TOKEN": self.token} if self.kind == "gitlab" else {"Authorization": f"token {self.token}"}
        return {**auth, "Accept": "application/json", "Content-Type": "application/json; charset=utf-8"}


def visible(text: str, limit: int = 300) -> str:
    """Text from the forge as one line of the log: controls shown as escapes, cut at ``limit``."""
    text = _UNSEEN.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    return text if len(text) <= limit else text[:limit] + "…"


def explain_status(status: int) -> str:
    if status == 401:
        return "令牌无效或已过期：请在 CI 的密钥（变量）里换一个新的令牌"
    if status == 403:
        return (
            "令牌没有这个权限：Gitea 令牌需要 write:issue（或 repo）权限，GitLab 令牌需要 api 权限；"
            "从复刻仓库（fork）来的合并请求，CI 的令牌通常只能读"
        )
    if status == 404:
        return "找不到这个仓库或合并请求：请检查 API 地址、仓库名和编号，以及令牌能否看到这个仓库"
    if status == 413:
        return "评论太长，服务器拒收"
    if status == 422:
        return "服务器认为请求的内容不对"
    if status >= 500:
        return "代码托管服务器内部出错，请稍后重试或请管理员查看服务器日志"
    return "服务器拒绝了请求"


def forge_words(payload: bytes) -> str:
    """The forge's own explanation in an error response (``message`` or ``error``), if any."""
    try:
        data = json.loads(payload.decode("utf-8", "replace"))
    except ValueError:
        return visible(payload.decode("utf-8", "replace").strip())
    if isinstance(data, dict):
        for key in ("message", "error", "errors"):
            if data.get(key):
                return visible(str(data[key]))
    return ""


def call(forge: Forge, method: str, url: str, body: dict | None = None) -> object:
    """One request to the forge's API; its JSON answer, or ForgeError."""
    data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=forge.headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            payload = response.read()
    except urllib.error.HTTPError as error:
        words = forge_words(error.read())
        said = f"；服务器说：{words}" if words else ""
        raise ForgeError(
            f"{method} {visible(url)} 被拒绝（HTTP {error.code}）：{explain_status(error.code)}{said}"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ForgeError(
            f"无法连接代码托管服务器 {visible(url)}（{visible(str(reason))}）：请检查 API 地址和网络"
        ) from None
    try:
        return json.loads(payload.decode("utf-8")) if payload.strip() else None
    except ValueError:
        raise ForgeError(
            f"{method} {visible(url)} 的回答不是 JSON：请检查 API 地址（应以 /api/v1 或 /api/v4 结尾）"
        ) from None


def read_comment(item: object) -> Comment | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), int):
        return None
    person = item.get("user") or item.get("author") or {}
    author = (person.get("login") or person.get("username") or "") if isinstance(person, dict) else ""
    body = item.get("body")
    return Comment(item["id"], str(author), body if isinstance(body, str) else "")


def list_comments(forge: Forge) -> list[Comment]:
    """Every comment of the pull request, page after page."""
    comments: list[Comment] = []
    seen: set[int] = set()
    for page in range(1, MAX_PAGES + 1):
        query = urllib.parse.urlencode({"page": page, "limit": PAGE_SIZE, "per_page": PAGE_SIZE})
        answer = call(forge, "GET", f"{forge.comments_url}?{query}")
        if not isinstance(answer, list):
            raise ForgeError(f"GET {visible(forge.comments_url)} 的回答不是评论的列表：请检查 API 地址")
        found = [c for c in map(read_comment, answer) if c is not None and c.id not in seen]
        if not found:
            break
        comments += found
        seen.update(c.id for c in found)
    return comments


def find_own_comment(comments: list[Comment], bot_user: str) -> Comment | None:
    """The first comment that starts with the marker (by ``bot_user``, when given)."""
    for comment in comments:
        if comment.body.lstrip().startswith(MARKER) and (not bot_user or comment.author == bot_user):
            return comment
    return None


def make_body(summary: str) -> str:
    """The comment: the marker, then the summary, cut at a line if the forge would refuse it."""
    if len(summary) > MAX_BODY:
        cut = summary.rfind("\n", 0, MAX_BODY)
        summary = summary[: cut if cut > 0 else MAX_BODY] + (
            "\n\n……（摘要太长，以上只是开头；完整内容见 CI 日志里的 bulletin-diff.md）\n"
        )
    return f"{MARKER}\n{summary}"


def post_or_update(forge: Forge, summary: str, bot_user: str = "") -> tuple[str, int]:
    """Edit the pull request's own comment, or post one; ("updated" or "posted", its id)."""
    body = {"body": make_body(summary)}
    own = find_own_comment(list_comments(forge), bot_user)
    if own is not None:
        call(forge, forge.edit_method, forge.comment_url(own.id), body)
        return "updated", own.id
    answer = call(forge, "POST", forge.comments_url, body)
    made = read_comment(answer)
    return "posted", made.id if made else 0


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="把 bulletin diff 的摘要发到合并请求上：每个合并请求只有一条评论，之后每次推送都更新这一条。",
    )
    parser.add_argument("--forge", choices=("gitea", "github", "gitlab"), required=True, help="代码托管平台")
    parser.add_argument(
        "--api", required=True, help="API 地址，如 http://git.example.intranet/api/v1（GitLab：…/api/v4）"
    )
    parser.add_argument("--repo", required=True, help="仓库 owner/name；GitLab：项目编号或路径")
    parser.add_argument("--number", type=int, required=True, help="合并请求的编号（GitLab：iid）")
    parser.add_argument("--body-file", required=True, help="摘要文件（bulletin diff 的输出）")
    parser.add_argument(
        "--token-variable", default="BULLETIN_BOT_TOKEN", help="放令牌的环境变量名（默认 BULLETIN_BOT_TOKEN）"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    token = os.environ.get(arguments.token_variable, "").strip()  # a pasted token often ends with a line break
    if token and not re.fullmatch(r"[\x21-\x7e]+", token):
        print(
            f"环境变量 {arguments.token_variable} 里的令牌有空格、换行或中文等字符，不是一个令牌；"
            "请重新复制令牌本身（只有英文字母、数字和符号）。评论没有发出。",
            file=sys.stderr,
        )
        return 1
    if not token:
        print(
            f"没有令牌：环境变量 {arguments.token_variable} 是空的。请在 CI 的密钥（变量）里设置一个能评论合并请求的令牌；"
            "评论没有发出。",
            file=sys.stderr,
        )
        return 1
    try:
        with open(arguments.body_file, encoding="utf-8") as file:
            summary = file.read()
    except (OSError, UnicodeDecodeError) as error:
        print(f"无法读取摘要文件 {arguments.body_file}（{visible(str(error))}）；评论没有发出。", file=sys.stderr)
        return 1
    forge = Forge(arguments.forge, arguments.api.rstrip("/"), arguments.repo, arguments.number, token)
    try:
        done, comment_id = post_or_update(forge, summary, os.environ.get("BULLETIN_BOT_USER", ""))
    except ForgeError as error:
        print(f"评论没有发出：{error}", file=sys.stderr)
        return 1
    what = "已更新合并请求上的评论" if done == "updated" else "已在合并请求上发表评论"
    print(f"{what}（编号 {comment_id}）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
