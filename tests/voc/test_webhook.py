"""Alerts reach a webhook once, signed, with counts only, and only counted from released
figures; a receiver that is down, slow or busy is tried again (a local HTTP server receives
them)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from chuhai import http
from chuhai.errors import ConfigError
from chuhai.settings.voc import AlertSettings
from chuhai.store import ZoneStore
from chuhai.voc.trends import Alert, find_alerts
from chuhai.voc.webhook import deliver_alerts
from tests.voc.test_trends import LAST, simulate

# One scripted answer: a status, its headers, and seconds to wait before answering
Answer = tuple[int, dict[str, str], float]
SLOW: Answer = (200, {}, 1.0)  # later than the 0.2 s the tests wait


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    script: ClassVar[list[Answer]] = []  # consumed one per request; then ``status``
    status = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        status, headers, delay = (
            Receiver.script.pop(0) if Receiver.script else (Receiver.status, {}, 0.0)
        )
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):  # the sender stopped waiting
            pass

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.received = []
    Receiver.script = []
    Receiver.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.daemon_threads = True
    server.block_on_close = False  # a slow answer nobody waits for any more
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


@pytest.fixture
def store() -> Iterator[ZoneStore]:
    with simulate(7, spike=0.2) as opened:
        yield opened


def released(store: ZoneStore, settings: AlertSettings) -> list[Alert]:
    """The alerts of the simulated Thai zone as they may leave it."""
    return find_alerts([store], settings, week=LAST, released={"th"}, k=10)


def test_new_alerts_are_posted_once_and_signed(
    receiver: str, store: ZoneStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOOK_KEY", "s3cret")
    settings = AlertSettings(webhook_secret_env="HOOK_KEY")
    alerts = released(store, settings)
    first = deliver_alerts(alerts, {"th": store}, settings, url=receiver)
    assert first.ok and first.status == 200 and len(first.sent) == len(alerts) >= 1
    [(headers, body)] = Receiver.received
    expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Chuhai-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["source"] == "chuhai"
    assert {a["id"] for a in payload["alerts"]} == {a.id for a in alerts}
    assert all("text" not in a for a in payload["alerts"])  # counts, never quotes
    assert all(a["released"] and a["people"] is None for a in payload["alerts"])
    again = deliver_alerts(alerts, {"th": store}, settings, url=receiver)
    assert again.sent == [] and len(again.already_sent) == len(alerts)
    assert len(Receiver.received) == 1


def test_alerts_counted_from_rows_are_withheld(receiver: str, store: ZoneStore) -> None:
    """Raw counts, next to the measures, can give a hidden group away: they never leave."""
    raw = find_alerts([store], AlertSettings(), week=LAST)
    result = deliver_alerts(raw, {"th": store}, AlertSettings(), url=receiver)
    assert raw and result.sent == [] and len(result.withheld) == len(raw)
    assert Receiver.received == []


def test_a_failing_receiver_is_reported_and_retried_later(receiver: str, store: ZoneStore) -> None:
    Receiver.status = 400
    alerts = released(store, AlertSettings())
    failed = deliver_alerts(alerts, {"th": store}, AlertSettings(), url=receiver)
    assert not failed.ok and failed.status == 400 and "HTTP 400" in (failed.error or "")
    assert len(Receiver.received) == 1  # a 4xx is not retried
    Receiver.status = 200
    retried = deliver_alerts(alerts, {"th": store}, AlertSettings(), url=receiver)
    assert retried.ok and len(retried.sent) == len(alerts)  # nothing was marked as sent


def test_unreachable_and_unconfigured(store: ZoneStore) -> None:
    alerts = released(store, AlertSettings())
    with pytest.raises(ConfigError, match="no webhook"):
        deliver_alerts(alerts, {"th": store}, AlertSettings())
    with pytest.raises(ConfigError, match="only http"):
        deliver_alerts(alerts, {"th": store}, AlertSettings(), url="file:///etc")
    gone = deliver_alerts(alerts, {"th": store}, AlertSettings(webhook_timeout_s=1),
                          url="http://127.0.0.1:9/hook")  # fmt: skip
    assert not gone.ok and "cannot reach" in (gone.error or "")


@pytest.fixture
def no_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between tries, recorded instead of slept."""
    waits: list[float] = []
    real = http.post

    def post(*args: Any, **kwargs: Any) -> http.Sent:
        return real(*args, **kwargs, sleep=waits.append)

    monkeypatch.setattr(http, "post", post)  # as the webhook calls it
    return waits


@pytest.mark.parametrize(
    ("script", "ok", "status", "error", "waits"),
    [
        ([(500, {}, 0.0)], True, 200, None, [0.5]),
        ([(503, {}, 0.0), (502, {}, 0.0)], True, 200, None, [0.5, 1.0]),
        ([(503, {}, 0.0)] * 3, False, 503, "HTTP 503 Service Unavailable", [0.5, 1.0]),
        ([(429, {"Retry-After": "7"}, 0.0)], True, 200, None, [7.0]),
        ([(429, {"Retry-After": "120"}, 0.0)], False, 429, "HTTP 429", []),  # too long to wait
        ([(404, {}, 0.0)], False, 404, "HTTP 404 Not Found", []),  # refused: not sent again
        ([SLOW], True, 200, None, [0.5]),
        ([SLOW] * 3, False, None, "ReadTimeout", [0.5, 1.0]),
    ],
)
def test_a_receiver_down_slow_or_busy_is_tried_again(
    receiver: str,
    store: ZoneStore,
    no_waits: list[float],
    script: list[Answer],
    ok: bool,
    status: int | None,
    error: str | None,
    waits: list[float],
) -> None:
    Receiver.script = list(script)
    settings = AlertSettings(webhook_timeout_s=0.2)
    alerts = released(store, settings)
    result = deliver_alerts(alerts, {"th": store}, settings, url=receiver)
    assert (result.ok, result.status) == (ok, status)
    assert (result.error is None) == (error is None)
    assert (error or "") in (result.error or "")
    assert no_waits == waits
    assert len(Receiver.received) == len(waits) + 1
    assert len(result.sent) == (len(alerts) if ok else 0)
    bodies = {body for _, body in Receiver.received}
    assert len(bodies) == 1  # every try sends the same alerts, signed the same
