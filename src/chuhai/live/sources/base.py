"""What every live source shares: the target it reads, the event dicts it yields, the ways a
connection ends (rate limit, room offline, dropped), and the hooks the runner gives it.

A source's ``events()`` yields our event dicts until the room ends (it returns) or the
connection fails (it raises). It never sleeps for backoff itself: the runner decides when to
try again. Waits the platform asks for (a rate limit) are raised as :class:`RateLimitedError` so
the runner can show them; a source that must wait *inside* a connection (a polling interval)
uses ``self.sleep`` so tests run without real waits.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from chuhai.errors import ChuhaiError

__all__ = [
    "EVENT_TYPES",
    "ConnectionDroppedError",
    "LiveSource",
    "RateLimitedError",
    "ReconnectRequestedError",
    "RoomOfflineError",
    "SourceError",
    "SourceOptions",
    "Target",
    "iso_time",
]

log = logging.getLogger(__name__)

Platform = Literal["tiktok", "youtube", "twitch"]
EVENT_TYPES = frozenset(
    "comment question gift like join follow share subscribe raid viewers product room_end "
    "unknown".split()
)
Sleep = Callable[[float], Awaitable[None]]
StateHook = Callable[..., None]


class SourceError(ChuhaiError):
    """A live source could not go on; the runner retries with backoff."""


class ConnectionDroppedError(SourceError):
    """The platform closed the connection (or asked us to reconnect)."""


class ReconnectRequestedError(ConnectionDroppedError):
    """The platform asks us to connect again now (maintenance): no failure, no backoff."""


class RateLimitedError(SourceError):
    """The platform (or its signing service) asks us to wait ``wait_s`` seconds."""

    def __init__(self, wait_s: float, reason: str) -> None:
        super().__init__(reason)
        self.wait_s = wait_s
        self.reason = reason


class RoomOfflineError(SourceError):
    """The room is not live now (never started, or ended): poll slowly until it is."""


@dataclass(frozen=True)
class Target:
    """``tiktok:@handle`` as the user wrote it; ``room`` names it in our events."""

    platform: Platform
    ident: str
    room: str
    raw: str


@dataclass
class SourceOptions:
    """What a source may be told from outside: base URLs (tests point them at local servers),
    the injectable sleep and clock, and per-platform limits."""

    base_url: str | None = None
    sleep: Sleep = asyncio.sleep
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    sign_per_minute: int = 3  # TikTok: connections the signing service allows per minute
    extra: dict[str, Any] = field(default_factory=dict)


def iso_time(value: datetime | float | None, now: Callable[[], datetime]) -> str:
    """ISO-8601 with offset; ``value`` in seconds since the epoch, or a datetime."""
    if value is None or (isinstance(value, int | float) and value <= 0):
        return now().isoformat()
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    return datetime.fromtimestamp(float(value), UTC).isoformat()


class LiveSource(ABC):
    """One room on one platform. Subclasses set ``platform``, ``example`` and ``summary``
    and implement :meth:`events`."""

    platform: ClassVar[Platform]
    example: ClassVar[str]  # shown in ``chuhai live connect --help``
    summary: ClassVar[str]

    def __init__(
        self,
        target: Target,
        *,
        session: str | None = None,
        market: str | None = None,
        options: SourceOptions | None = None,
    ) -> None:
        self.target = target
        self.session = session
        self.market = market
        self.options = options or SourceOptions()
        self.sleep = self.options.sleep
        # the runner replaces these: tell it the connection is up, or that we wait
        self.on_live: Callable[[], None] = lambda: None
        self.on_wait: Callable[[float, str], None] = lambda seconds, reason: None
        self._ids = itertools.count(1)

    @abstractmethod
    def events(self) -> AsyncIterator[dict[str, Any]]:
        """Our event dicts, until the room ends (returns) or the connection fails (raises)."""

    async def is_live(self) -> bool | None:
        """Whether the room is live now, cheaply (None: this platform cannot tell)."""
        return None

    async def close(self) -> None:
        """Let go of connections (the runner calls it after each attempt)."""
        return None

    def event(
        self,
        kind: str,
        *,
        id: str | None = None,
        time: datetime | float | None = None,
        user: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """One event in our contract: type, room, session, platform, id, time, user, ..."""
        if kind not in EVENT_TYPES:
            raise ValueError(f"not an event type: {kind}")
        event: dict[str, Any] = {
            "type": kind,
            "room": self.target.room,
            "session": self.session,
            "platform": self.platform,
            "id": id or f"{self.platform}-{self.target.ident}-{next(self._ids)}",
            "time": iso_time(time, self.options.now),
            "user": user,
        }
        if self.market:
            event["market"] = self.market
        event.update(fields)
        return event

    def unknown(self, raw_type: str, **fields: Any) -> dict[str, Any]:
        return self.event("unknown", raw_type=raw_type, **fields)
