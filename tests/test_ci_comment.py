"""scripts/ci/post_comment.py against a forge of our own (http.server in a thread): one comment per
pull request, updated in place, on Gitea/GitHub and GitLab; a refusal is a Chinese message."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ci_forge import MARKER, TOKEN, StubForge, serve_forge
from helpers import REPO

SCRIPT = REPO / "scripts" / "ci" / "post_comment.py"


@pytest.fixture(params=["gitea", "gitlab"])
def forge(request: pytest.FixtureRequest) -> Iterator[tuple[StubForge, str]]:
    with serve_forge(request.param) as served:
        yield served


def post(
    tmp_path: Path, kind: str, api: str, summary: str, token: str | None = TOKEN, **environment: str
) -> subprocess.CompletedProcess[str]:
    body = tmp_path / "bulletin-diff.md"
    body.write_text(summary, encoding="utf-8")
    repo = "office/bulletin"
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **environment}
    if token is not None:
        env["BULLETIN_BOT_TOKEN"] = token
    arguments = ["--forge", kind, "--api", api, "--repo", repo, "--number", "7", "--body-file", str(body)]
    # -I -S: the runner's bare Python, without the project's .venv or any installed package
    return subprocess.run(
        [sys.executable, "-I", "-S", str(SCRIPT), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_first_run_posts_second_updates_the_same_comment(tmp_path, forge):
    stub, api = forge
    stub.add("看过了，同意。", "信息科编辑")
    stub.add(f"引用一下：\n> {MARKER}", "reviewer")  # the marker not at the start: not ours
    first = post(tmp_path, stub.kind, api, "## 本次变更对网站的影响\n\n- 新增期次：第1期\n")
    assert first.returncode == 0, first.stderr
    assert "已在合并请求上发表评论" in first.stdout
    assert [c["body"].split("\n")[0] for c in stub.comments][-1] == MARKER
    assert len(stub.comments) == 3
    ours = stub.comments[-1]["id"]

    second = post(tmp_path, stub.kind, api, "## 本次变更对网站的影响\n\n- 新增期次：第2期\n")
    assert second.returncode == 0, second.stderr
    assert "已更新合并请求上的评论" in second.stdout and str(ours) in second.stdout
    assert len(stub.comments) == 3  # no second comment
    assert "第2期" in stub.comments[-1]["body"] and "第1期" not in stub.comments[-1]["body"]
    edit = "PUT" if stub.kind == "gitlab" else "PATCH"
    assert [r[0] for r in stub.requests if r[0] != "GET"] == ["POST", edit]
    assert TOKEN not in first.stdout + first.stderr + second.stdout + second.stderr


def test_many_comments_are_read_page_after_page(tmp_path, forge):
    stub, api = forge
    for n in range(120):
        stub.add(f"第{n}条讨论")
    ours = stub.add(f"{MARKER}\n旧的摘要", "bulletin-bot")
    done = post(tmp_path, stub.kind, api, "新的摘要\n")
    assert done.returncode == 0, done.stderr
    assert len(stub.comments) == 121
    assert next(c for c in stub.comments if c["id"] == ours)["body"] == f"{MARKER}\n新的摘要\n"


def test_only_the_bot_users_own_comment_is_edited_when_it_is_named(tmp_path, forge):
    stub, api = forge
    stub.add(f"{MARKER}\n有人抄来的摘要", "someone-else")
    done = post(tmp_path, stub.kind, api, "摘要\n", BULLETIN_BOT_USER="bulletin-bot")
    assert done.returncode == 0, done.stderr
    assert "发表评论" in done.stdout
    assert stub.comments[0]["body"] == f"{MARKER}\n有人抄来的摘要"
    assert len(stub.comments) == 2


@pytest.mark.parametrize(("status", "words"), [(403, "令牌没有这个权限"), (404, "找不到这个仓库"), (500, "内部出错")])
def test_a_refusal_is_a_chinese_message_not_a_traceback(tmp_path, forge, status, words):
    stub, api = forge
    stub.refuse = status
    done = post(tmp_path, stub.kind, api, "摘要\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "评论没有发出" in done.stderr and words in done.stderr and f"HTTP {status}" in done.stderr
    assert "write:issue" in done.stderr  # the forge's own words, on one line of the log
    assert "\n::error" not in done.stderr
    assert stub.comments == []


def test_a_wrong_or_missing_token_is_said(tmp_path, forge):
    stub, api = forge
    wrong = post(tmp_path, stub.kind, api, "摘要\n", token="wrong")
    assert wrong.returncode == 1 and "令牌无效或已过期" in wrong.stderr and "Traceback" not in wrong.stderr
    pasted = post(tmp_path, stub.kind, api, "摘要\n", token=f"{TOKEN}\n")  # a line break pasted with it
    assert pasted.returncode == 0, pasted.stderr
    foreign = post(tmp_path, stub.kind, api, "摘要\n", token="令牌 abc")
    assert foreign.returncode == 1 and "不是一个令牌" in foreign.stderr and "Traceback" not in foreign.stderr
    missing = post(tmp_path, stub.kind, api, "摘要\n", token=None)
    assert missing.returncode == 1 and "没有令牌" in missing.stderr and "BULLETIN_BOT_TOKEN" in missing.stderr
    assert len(stub.comments) == 1  # only the pasted one's


def test_a_forge_that_cannot_be_reached_is_said(tmp_path):
    done = post(tmp_path, "gitea", "http://127.0.0.1:9/api/v1", "摘要\n")
    assert done.returncode == 1
    assert "无法连接代码托管服务器" in done.stderr and "Traceback" not in done.stderr


def test_a_huge_summary_is_cut_at_a_line_with_a_note(tmp_path, forge):
    stub, api = forge
    summary = "".join(f"- 第{n}篇新增待刊稿件的标题写在这里\n" for n in range(10_000))
    done = post(tmp_path, stub.kind, api, summary)
    assert done.returncode == 0, done.stderr
    body = stub.comments[-1]["body"]
    assert len(body) < 65_536
    assert body.startswith(MARKER) and "摘要太长" in body
    assert body.rstrip("\n").split("\n")[-3].endswith("标题写在这里")  # whole lines only
