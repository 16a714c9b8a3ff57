"""Alerts reach a webhook once, signed, with counts only, and only counted from released
figures (a local HTTP server receives them)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest

from chuhai.errors import ConfigError
from chuhai.settings.voc import AlertSettings
from chuhai.store import ZoneStore
from chuhai.voc.trends import Alert, find_alerts
from chuhai.voc.webhook import deliver_alerts
from tests.voc.test_trends import LAST, simulate


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    status = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(Receiver.status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.received = []
    Receiver.status = 200
    server = HTTPServer(("127.0.0.1", 0), Receiver)
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
