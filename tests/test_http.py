"""The shared HTTP client against a local server: what is tried again (network errors,
timeouts, 429 and 5xx), how long it waits (backoff, Retry-After), and what is not (4xx, a
wait longer than allowed, a deadline)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest

from chuhai import http

# One scripted answer: a status, its headers, and seconds to wait before answering
Answer = tuple[int, dict[str, str], float]
NO_JITTER = http.Retry(retries=3, backoff_s=0.5, max_wait_s=30.0, jitter=False)


class Server(BaseHTTPRequestHandler):
    script: ClassVar[list[Answer]] = []  # consumed one per request; then 200
    bodies: ClassVar[list[bytes]] = []

    def do_POST(self) -> None:
        Server.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
        status, headers, delay = Server.script.pop(0) if Server.script else (200, {}, 0.0)
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
        except (BrokenPipeError, ConnectionResetError):  # the client stopped waiting
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def url() -> Iterator[str]:
    Server.script, Server.bodies = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Server)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def send(url: str, retry: http.Retry = NO_JITTER, **kwargs: Any) -> tuple[http.Sent, list[float]]:
    """The request's outcome and the waits it would have slept."""
    waits: list[float] = []
    with http.client(timeout=kwargs.pop("timeout", 5.0)) as client:
        sent = http.post(client, url, content=b"hi", retry=retry, sleep=waits.append, **kwargs)
    return sent, waits


@pytest.mark.parametrize(
    ("script", "status", "waits"),
    [
        ([], 200, []),
        ([(500, {}, 0.0)], 200, [0.5]),
        ([(502, {}, 0.0), (503, {}, 0.0), (504, {}, 0.0)], 200, [0.5, 1.0, 2.0]),
        ([(500, {}, 0.0)] * 9, 500, [0.5, 1.0, 2.0]),  # three retries, then the last answer
        ([(429, {"Retry-After": "7"}, 0.0)], 200, [7.0]),
        ([(503, {"Retry-After": "1.5"}, 0.0)], 200, [1.5]),
        ([(429, {"Retry-After": "0"}, 0.0)], 200, [0.0]),
        ([(429, {"Retry-After": "soon"}, 0.0)], 200, [0.5]),  # unreadable: the backoff
        ([(429, {"Retry-After": "31"}, 0.0)], 429, []),  # longer than max_wait_s: not waited
        ([(400, {}, 0.0)], 400, []),  # refused: sending it again would not help
        ([(401, {}, 0.0)], 401, []),
        ([(404, {}, 0.0)], 404, []),
        ([(501, {}, 0.0)], 501, []),
    ],
)
def test_statuses_that_mean_later_are_tried_again(
    url: str, script: list[Answer], status: int, waits: list[float]
) -> None:
    Server.script = list(script)
    sent, waited = send(url)
    assert sent.response is not None and sent.response.status_code == status
    assert sent.ok == (status == 200) and sent.error is None and not sent.expired
    assert waited == waits and sent.retries == len(waits)
    assert Server.bodies == [b"hi"] * (len(waits) + 1)


def test_on_retry_is_called_before_each_wait(url: str) -> None:
    Server.script = [(503, {}, 0.0)] * 2
    calls: list[int] = []
    sent, _ = send(url, on_retry=lambda: calls.append(1))
    assert sent.ok and len(calls) == 2


@pytest.mark.parametrize(
    ("script", "ok", "waits"),
    [
        ([(200, {}, 1.0)], True, [0.5]),  # the second try answers in time
        ([(200, {}, 1.0)] * 4, False, [0.5, 1.0, 2.0]),
    ],
)
def test_a_timeout_is_tried_again(
    url: str, script: list[Answer], ok: bool, waits: list[float]
) -> None:
    Server.script = list(script)
    sent, waited = send(url, timeout=0.2)
    assert sent.ok == ok and waited == waits
    if not ok:
        assert sent.response is None and isinstance(sent.error, httpx.TimeoutException)


def test_an_unreachable_host_is_tried_again_then_reported() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sent, waited = send(f"http://127.0.0.1:{port}/", http.Retry(retries=2, jitter=False))
    assert sent.response is None and isinstance(sent.error, httpx.ConnectError)
    assert waited == [0.5, 1.0] and not sent.ok


@pytest.mark.parametrize(
    ("script", "deadline_s", "expired", "waits"),
    [
        ([], -1.0, True, []),  # past already: nothing is sent
        ([(429, {"Retry-After": "20"}, 0.0)], 10.0, False, []),  # the wait ends after it
        ([(200, {}, 2.0)], 0.3, False, []),  # the try itself is cut at the deadline
    ],
)
def test_a_deadline_bounds_tries_and_waits(
    url: str, script: list[Answer], deadline_s: float, expired: bool, waits: list[float]
) -> None:
    Server.script = list(script)
    sent, waited = send(url, deadline=time.monotonic() + deadline_s, timeout=20.0)
    assert not sent.ok and sent.expired == expired and waited == waits
    assert len(Server.bodies) == (0 if expired else 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("12", 12.0),
        ("0.5", 0.5),
        ("-3", None),
        ("tomorrow", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date gone by: at once
    ],
)
def test_retry_after(value: str, expected: float | None) -> None:
    response = httpx.Response(429, headers={"Retry-After": value} if value else {})
    assert http.retry_after(response) == expected


def test_retry_after_as_a_date_to_come() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    wait = http.retry_after(httpx.Response(503, headers={"Retry-After": when}))
    assert wait is not None and 80 < wait <= 90


@pytest.mark.parametrize(
    ("attempt", "full"),
    [(0, 0.5), (1, 1.0), (2, 2.0), (5, 16.0), (6, 30.0), (20, 30.0)],  # capped at max_wait_s
)
def test_backoff_doubles_up_to_the_cap_with_jitter_below_it(attempt: int, full: float) -> None:
    assert NO_JITTER.backoff(attempt) == full
    jittered = http.Retry(backoff_s=0.5, max_wait_s=30.0)
    assert all(full / 2 <= jittered.backoff(attempt) <= full for _ in range(50))
