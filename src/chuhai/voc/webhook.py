"""Alerts to a webhook: one JSON POST of the alerts not delivered to that URL before.

The body holds counts and shares only, never a quote, and only released alerts (counted from
the figures the measures release outside a zone, see :mod:`chuhai.voc.trends`): wherever the
receiver sits, no alert next to the measures gives a hidden group away. With
``webhook_secret_env`` set, the body is signed: ``X-Chuhai-Signature: sha256=<hex HMAC of the
body>``. A receiver that is down, slow or busy (5xx, 429) is tried again (:mod:`chuhai.http`);
one that refuses the request (4xx) is not.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chuhai import __version__, http
from chuhai.errors import ConfigError
from chuhai.settings.voc import AlertSettings
from chuhai.store.interfaces import AlertLog
from chuhai.voc.trends import Alert

__all__ = ["Delivery", "deliver_alerts"]

log = logging.getLogger(__name__)
# three tries, 0.5 s and 1 s apart; a Retry-After longer than 30 s is not waited for
RETRY = http.Retry(retries=2, backoff_s=0.5, max_wait_s=30.0, jitter=False)


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


def deliver_alerts(
    alerts: Sequence[Alert],
    stores: Mapping[str, AlertLog],
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
    with http.client(timeout=settings.webhook_timeout_s, headers=headers) as client:
        sent = http.post(client, target, content=body, retry=RETRY)
    if sent.response is not None:
        delivery.status = sent.response.status_code
        if not sent.ok:
            phrase = sent.response.reason_phrase
            delivery.error = f"HTTP {delivery.status} {phrase}".rstrip()
    else:
        delivery.error = f"cannot reach {target}: {type(sent.error).__name__}: {sent.error}"
    if delivery.error:
        log.warning("webhook %s failed after %d tries: %s", target, sent.retries + 1,
                    delivery.error)  # fmt: skip
    if delivery.ok:
        for alert in fresh:
            stores[alert.zone].record_delivery(target, alert.id, delivery.status or 200)
        delivery.sent = [a.id for a in fresh]
    return delivery
