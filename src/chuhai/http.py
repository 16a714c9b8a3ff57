"""Outgoing HTTP, one way for every caller (translation providers, alert webhooks).

:func:`client` is an ``httpx.Client`` with timeouts whose transport tries a failed connection
once more. :func:`post` sends with a small retry policy on top: network errors, timeouts and
the statuses that mean "later" (429, 5xx, ...) are tried again with exponential backoff,
honouring ``Retry-After``, within a deadline. httpx has no retry on statuses (its transport
retries connects only), so that part stays here, in one place.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Final

import httpx

__all__ = ["RETRY_STATUS", "Retry", "Sent", "client", "post", "retry_after"]

log = logging.getLogger(__name__)

# statuses that say "not now": the same request may well succeed later
RETRY_STATUS: Final = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
CONNECT_S: Final = 5.0  # a host that does not accept a connection in 5 s is not there
_MIN_TRY_S: Final = 0.05  # less time than this left before the deadline: not worth a try


def client(
    *,
    timeout: float,
    headers: Mapping[str, str] | None = None,
    connect_retries: int = 1,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """A client whose requests time out after ``timeout`` seconds (connecting: at most
    :data:`CONNECT_S`) and whose transport retries a failed connection ``connect_retries``
    times; ``transport`` replaces it (tests)."""
    return httpx.Client(
        headers=dict(headers or {}),
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_S)),
        transport=transport or httpx.HTTPTransport(retries=connect_retries),
    )


@dataclass(frozen=True)
class Retry:
    """How often and how long to try again: up to ``retries`` more tries, waiting
    ``backoff_s`` * 2^attempt (with jitter), or what ``Retry-After`` asks up to ``max_wait_s``."""

    retries: int = 3
    backoff_s: float = 0.5
    max_wait_s: float = 30.0
    jitter: bool = True  # many clients retrying in step would hit the server together

    def backoff(self, attempt: int) -> float:
        wait = min(self.max_wait_s, self.backoff_s * 2.0**attempt)
        return wait * (0.5 + random.random() / 2) if self.jitter else wait


@dataclass(frozen=True)
class Sent:
    """What came of a request after its retries."""

    response: httpx.Response | None  # the last answer, whatever its status
    error: httpx.HTTPError | None = None  # the last try raised this (network, timeout)
    retries: int = 0
    expired: bool = False  # the deadline came before a try could be made

    @property
    def ok(self) -> bool:
        return self.response is not None and self.response.is_success


def post(
    http: httpx.Client,
    url: str,
    *,
    retry: Retry,
    deadline: float | None = None,
    on_retry: Callable[[], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    **kwargs: Any,
) -> Sent:
    """POST ``kwargs`` (``json=``, ``content=``, ``headers=``) to ``url``, trying again as
    ``retry`` says; ``deadline`` (``time.monotonic()``) bounds every try and every wait.
    ``on_retry`` is called before each wait (to count retries)."""
    attempt = 0
    while True:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left < _MIN_TRY_S:
                return Sent(None, retries=attempt, expired=True)
            kwargs["timeout"] = _within(http.timeout, left)
        response: httpx.Response | None = None
        error: httpx.HTTPError | None = None
        wait: float | None = None
        try:
            response = http.post(url, **kwargs)
        except httpx.HTTPError as exc:
            error = exc
            wait = retry.backoff(attempt)
            why = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code in RETRY_STATUS:
                wait = retry_after(response)
                wait = retry.backoff(attempt) if wait is None else wait
            why = f"HTTP {response.status_code}"
        late = deadline is not None and time.monotonic() + (wait or 0.0) > deadline
        if wait is None or attempt >= retry.retries or wait > retry.max_wait_s or late:
            return Sent(response, error, retries=attempt)
        log.info("POST %s: %s; trying again in %.2f s", url, why, wait)
        if on_retry is not None:
            on_retry()
        sleep(wait)
        attempt += 1


def retry_after(response: httpx.Response) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait (a number or an HTTP date)."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _within(timeout: httpx.Timeout, left: float) -> httpx.Timeout:
    """``timeout`` with no part longer than the ``left`` seconds before a deadline."""

    def cut(part: float | None) -> float:
        return left if part is None else min(part, left)

    return httpx.Timeout(
        connect=cut(timeout.connect), read=cut(timeout.read),
        write=cut(timeout.write), pool=cut(timeout.pool),
    )  # fmt: skip
