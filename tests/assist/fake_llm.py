"""A chat-completions server on 127.0.0.1 for the drafting tests: it speaks the OpenAI
protocol, answers from a script (one answer per request, the last one repeated) and records
every request, so a test sees exactly what went out and where."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeLLM", "answer", "fake_llm"]


def answer(text: str, zh: str | None = None) -> str:
    """The JSON object the drafting prompt asks for."""
    return json.dumps({"text": text, "zh": zh or f"中文：{text}"}, ensure_ascii=False)


@dataclass
class FakeLLM:
    url: str = ""
    script: list[str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reply(self, body: dict[str, Any], path: str) -> str:
        with self.lock:
            self.requests.append({"path": path, "body": body})
            if len(self.script) > 1:
                return self.script.pop(0)
            return self.script[0] if self.script else answer("ok")

    @property
    def paths(self) -> list[str]:
        return [r["path"] for r in self.requests]

    def messages(self, n: int) -> list[dict[str, str]]:
        messages: list[dict[str, str]] = self.requests[n]["body"]["messages"]
        return messages


def _handler(llm: FakeLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            content = llm.reply(body, self.path)
            if llm.status == 200:
                message = {"role": "assistant", "content": content}
                data = json.dumps({"choices": [{"index": 0, "message": message}]}).encode()
            else:
                data = b'{"error": "down"}'
            self.send_response(llm.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # nothing but chat completions is served
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def fake_llm() -> Iterator[FakeLLM]:
    llm = FakeLLM()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(llm))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    llm.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    try:
        yield llm
    finally:
        httpd.shutdown()
        httpd.server_close()
