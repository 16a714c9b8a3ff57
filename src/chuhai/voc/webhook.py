"""Alerts to a webhook: one JSON POST of the alerts not delivered to that URL before.

The body holds counts and shares only, never a quote, and only released alerts (counted from
the figures the measures release outside a zone, see :mod:`chuhai.voc.trends`): wherever the
receiver sits, no alert next to the measures gives a hidden group away. With
``webhook_secret_env`` set, the body is signed: ``X-Chuhai-Signature: sha256=<hex HMAC of the
body>``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chuhai import __version__
from chuhai.errors import ConfigError
from chuhai.settings.voc import AlertSettings
from chuhai.store.base import ZoneStore
from chuhai.voc.trends import Alert

__all__ = ["Delivery", "deliver_alerts"]

log = logging.getLogger(__name__)
RETRIES = 3


@dataclass
class Delivery:
    url: str
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)  # counted from rows, not released
    status: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "sent": len(self.sent),
            "already_sent": len(self.already_sent),
            "withheld": len(self.withheld),
            "status": self.status,
            "error": self.error,
        }


def _post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)


def deliver_alerts(
    alerts: Sequence[Alert],
    stores: dict[str, ZoneStore],
    settings: AlertSettings,
    *,
    url: str | None = None,
) -> Delivery:
    """POST the new released alerts (a store per zone remembers what each URL already got);
    alerts counted from a zone's rows are withheld."""
    target = url or (str(settings.webhook_url) if settings.webhook_url else None)
    if not target:
        raise ConfigError("no webhook: set [voc.alerts] webhook_url or pass --webhook URL")
    if not target.startswith(("http://", "https://")):
        raise ConfigError(f"webhook {target!r}: only http:// and https:// URLs")
    delivery = Delivery(target)
    fresh: list[Alert] = []
    for zone, store in stores.items():
        mine = [a for a in alerts if a.zone == zone]
        done = store.delivered_alerts(target, [a.id for a in mine])
        for alert in mine:
            if alert.id in done:
                delivery.already_sent.append(alert.id)
            elif not alert.released:
                delivery.withheld.append(alert.id)
            else:
                fresh.append(alert)
    if not fresh:
        return delivery
    body = json.dumps(
        {"source": "chuhai", "version": __version__, "alerts": [a.as_dict() for a in fresh]},
        ensure_ascii=False,
    ).encode("utf-8")
    headers = {"Content-Type": "application/json", "User-Agent": f"chuhai/{__version__}"}
    if settings.webhook_secret_env:
        secret = os.environ.get(settings.webhook_secret_env)
        if not secret:
            raise ConfigError(f"webhook secret: ${settings.webhook_secret_env} is not set")
        digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
        headers["X-Chuhai-Signature"] = f"sha256={digest}"
    for attempt in range(1, RETRIES + 1):
        try:
            delivery.status = _post(target, body, headers, settings.webhook_timeout_s)
            delivery.error = None
            break
        except urllib.error.HTTPError as exc:
            delivery.status, delivery.error = exc.code, f"HTTP {exc.code} {exc.reason}"
            if exc.code < 500:
                break  # the receiver refused the request: trying again will not help
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            delivery.error = f"cannot reach {target}: {getattr(exc, 'reason', exc)}"
        log.warning("webhook attempt %d failed: %s", attempt, delivery.error)
        if attempt < RETRIES:
            time.sleep(0.5 * 2 ** (attempt - 1))
    if delivery.ok:
        for alert in fresh:
            stores[alert.zone].record_delivery(target, alert.id, delivery.status or 200)
        delivery.sent = [a.id for a in fresh]
    return delivery
