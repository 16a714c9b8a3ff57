"""A chat-completions server on 127.0.0.1 for the provider tests: it speaks the OpenAI
protocol, translates by a table, and can be told to be slow, fail, or answer badly."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeChat", "Reply", "fake_chat", "table_answer"]

WORDS = {
    "kirim cepat": "发货快",
    "ada warna putih?": "有白色吗？",
    "⟦0⟧ sangat bagus": "⟦0⟧ 非常好",
    "มีสีขาวไหมคะ": "有白色的吗？",
    "Sampai 12 jam di kecepatan terendah, kak.": "最低档可用12小时。",
}


def table_answer(text: str) -> str:
    return WORDS.get(text, f"译[{text}]")


@dataclass
class Reply:
    """One scripted answer: a status, headers, a body (JSON or text) and a delay."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content: str | None = None  # the assistant message; None: translate the request
    raw: bytes | None = None  # the whole HTTP body instead of an envelope
    delay: float = 0.0


@dataclass
class FakeChat:
    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    script: list[Reply] = field(default_factory=list)  # consumed one per request
    # decides a reply from the request's texts when the script is empty
    policy: Callable[[dict[str, str]], Reply] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def texts_sent(self) -> list[list[str]]:
        return [list(r["items"].values()) for r in self.requests]

    def answer(self, body: dict[str, Any]) -> Reply:
        items = json.loads(body["messages"][-1]["content"])
        with self.lock:
            self.requests.append({"body": body, "items": items})
            if self.script:
                return self.script.pop(0)
        if self.policy is not None:
            return self.policy(items)
        return Reply()


def translate_all(items: dict[str, str]) -> str:
    return json.dumps({k: table_answer(v) for k, v in items.items()}, ensure_ascii=False)


def _handler(chat: FakeChat) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            reply = chat.answer(body)
            chat.requests[-1] |= {"path": self.path, "auth": self.headers.get("Authorization")}
            if reply.delay:
                time.sleep(reply.delay)
            if reply.raw is not None:
                data = reply.raw
            else:
                items = json.loads(body["messages"][-1]["content"])
                content = reply.content if reply.content is not None else translate_all(items)
                message = {"role": "assistant", "content": content}
                data = json.dumps({"choices": [{"index": 0, "message": message}]}).encode()
            try:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                pass

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def fake_chat() -> Iterator[FakeChat]:
    chat = FakeChat()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(chat))
    httpd.daemon_threads = True
    httpd.block_on_close = False  # a test that gave up on a slow answer does not wait for it
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    chat.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    try:
        yield chat
    finally:
        httpd.shutdown()
        httpd.server_close()
