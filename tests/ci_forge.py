"""A forge of our own for the CI tests: the comments of one pull request (Gitea/GitHub issues-comments
API, GitLab merge-request notes) behind http.server in a thread, and every request made to it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MARKER = "<!-- bulletin-diff -->"
TOKEN = "s3cr3t-token-0123456789abcdef"
REPOSITORY = "office/bulletin"
NUMBER = 7


@dataclass
class StubForge:
    """The comments of one pull request, and every request the script made."""

    kind: str
    comments: list[dict] = field(default_factory=list)
    requests: list[tuple[str, str, dict]] = field(default_factory=list)
    refuse: int = 0  # answer every request with this status
    next_id: int = 100

    def add(self, body: str, author: str = "someone") -> int:
        self.next_id += 1
        person = {"username": author} if self.kind == "gitlab" else {"login": author}
        self.comments.append({"id": self.next_id, "body": body, "author" if self.kind == "gitlab" else "user": person})
        return self.next_id


def make_handler(forge: StubForge) -> type[BaseHTTPRequestHandler]:
    list_path = (
        f"/api/v4/projects/{REPOSITORY.replace('/', '%2F')}/merge_requests/{NUMBER}/notes"
        if forge.kind == "gitlab"
        else f"/api/v1/repos/{REPOSITORY}/issues/{NUMBER}/comments"
    )
    item_prefix = f"{list_path}/" if forge.kind == "gitlab" else f"/api/v1/repos/{REPOSITORY}/issues/comments/"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def answer(self, status: int, data: object) -> None:
            payload = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def handle_any(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else {}
            forge.requests.append((self.command, self.path, body))
            auth = self.headers.get("PRIVATE-TOKEN") if forge.kind == "gitlab" else self.headers.get("Authorization")
            expected = TOKEN if forge.kind == "gitlab" else f"token {TOKEN}"
            if auth != expected:
                self.answer(401, {"message": "token is required"})
                return
            if forge.refuse:
                self.answer(forge.refuse, {"message": "user does not have permission <b>write:issue</b>\n::error x"})
                return
            if url.path == list_path and self.command == "GET":
                page = int(parse_qs(url.query)["page"][0])
                size = int(parse_qs(url.query)["per_page"][0])
                self.answer(200, forge.comments[(page - 1) * size : page * size])
            elif url.path == list_path and self.command == "POST":
                made = forge.add(body["body"], "bulletin-bot")
                self.answer(201, next(c for c in forge.comments if c["id"] == made))
            elif url.path.startswith(item_prefix) and self.command == ("PUT" if forge.kind == "gitlab" else "PATCH"):
                number = int(url.path.removeprefix(item_prefix))
                comment = next((c for c in forge.comments if c["id"] == number), None)
                if comment is None:
                    self.answer(404, {"message": "not found"})
                    return
                comment["body"] = body["body"]
                self.answer(200, comment)
            else:
                self.answer(404, {"message": f"no route {self.command} {url.path}"})

        do_GET = do_POST = do_PATCH = do_PUT = handle_any

    return Handler


@contextmanager
def serve_forge(kind: str) -> Iterator[tuple[StubForge, str]]:
    """A stub forge of ``kind`` (gitea or gitlab) and its API address, while the block runs."""
    stub = StubForge(kind)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(stub))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub, f"http://127.0.0.1:{server.server_address[1]}/api/{'v4' if kind == 'gitlab' else 'v1'}"
    finally:
        server.shutdown()
        server.server_close()
