"""TikTok LIVE through the maintained ``TikTokLive`` library (its WebSocket client and the
betterproto classes of every webcast message); we map each of its events to ours.

TikTok's connection needs a signature from a signing service that allows only a few
connections a minute: every TikTok room of the process takes its turn through one
:class:`SignLimiter` (``[live.connect] sign_per_minute``), says that it waits, and a rate
limit the service answers anyway is raised for the runner to wait out, never retried at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any, Protocol

from chuhai.live.sources.base import (
    ConnectionDroppedError,
    LiveSource,
    RateLimitedError,
    RoomOfflineError,
)
from chuhai.live.sources.registry import register

__all__ = ["SignLimiter", "TikTokSource", "tiktok_client_class"]

log = logging.getLogger(__name__)

SIGN_WINDOW_S = 60.0
DEFAULT_SIGN_WAIT_S = 60.0  # the service said "rate limited" without saying how long
MAX_SIGN_WAIT_S = 3600.0
DISCONNECT_TIMEOUT_S = 5.0

# The library's own events that restate the proto event right behind them (same payload):
# ours comes from the custom one, the proto event after it is skipped.
_CUSTOM: dict[str, tuple[str, str | None]] = {
    # custom event: (the proto event it restates, our type or None = counted as unknown)
    "FollowEvent": ("SocialEvent", "follow"),
    "ShareEvent": ("SocialEvent", "share"),
    "LiveEndEvent": ("ControlEvent", "room_end"),
    "LivePauseEvent": ("ControlEvent", None),
    "LiveUnpauseEvent": ("ControlEvent", None),
    "SuperFanEvent": ("BarrageEvent", "subscribe"),
    "SuperFanJoinEvent": ("BarrageEvent", "join"),
    "SuperFanBoxEvent": ("EnvelopeEvent", None),
}
# Plumbing, not room activity: the raw envelope of each message, the connection itself.
_PLUMBING = frozenset({"WebsocketResponseEvent", "ConnectEvent", "DisconnectEvent"})


class TikTokClient(Protocol):
    async def start(self, **kwargs: Any) -> asyncio.Task[Any]: ...
    async def disconnect(self, close_client: bool = False) -> None: ...

    @property
    def connected(self) -> bool: ...
    async def is_live(self, unique_id: str | int | None = None) -> bool: ...

    @property
    def web(self) -> Any: ...


EventSink = Callable[[Any, str | None], None]
ClientFactory = Callable[[str, EventSink], TikTokClient]


def tiktok_client_class() -> type[Any]:
    """TikTokLiveClient whose every emitted event (with the webcast method it came from)
    goes to ``sink``: no event type slips past a listener we forgot to add."""
    from TikTokLive import TikTokLiveClient

    class _Client(TikTokLiveClient):  # type: ignore[misc]
        def __init__(self, unique_id: str, sink: EventSink, **kwargs: Any) -> None:
            super().__init__(unique_id, **kwargs)
            self._chuhai_sink = sink
            self._chuhai_method: str | None = None

        async def _parse_webcast_response_message(
            self, webcast_response: Any, webcast_response_message: Any
        ) -> Any:
            # the library's UnknownEvent does not say its message type: remember it here
            self._chuhai_method = getattr(webcast_response_message, "method", None)
            return await super()._parse_webcast_response_message(
                webcast_response=webcast_response,
                webcast_response_message=webcast_response_message,
            )

        def emit(self, event: str, *args: Any, **kwargs: Any) -> bool:
            if args:
                self._chuhai_sink(args[0], self._chuhai_method)
            return bool(super().emit(event, *args, **kwargs))

    return _Client


def _default_factory(handle: str, sink: EventSink) -> TikTokClient:
    client: TikTokClient = tiktok_client_class()(handle, sink)
    return client


class SignLimiter:
    """At most ``per_minute`` connection attempts in any 60 s, for all TikTok rooms."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = max(1, per_minute)
        self._times: deque[float] = deque()

    async def turn(self, source: LiveSource) -> None:
        clock = source.options.now
        while True:
            now = clock().timestamp()
            while self._times and now - self._times[0] >= SIGN_WINDOW_S:
                self._times.popleft()
            if len(self._times) < self.per_minute:
                self._times.append(now)
                return
            wait = SIGN_WINDOW_S - (now - self._times[0])
            reason = (
                f"waiting for the sign server, {wait:.0f} s "
                f"(it allows {self.per_minute} connections a minute)"
            )
            log.info("%s: %s", source.target.room, reason)
            source.on_wait(wait, reason)
            await source.sleep(wait)


@register("tiktok")
class TikTokSource(LiveSource):
    platform = "tiktok"
    example = "tiktok:@shop_th"
    summary = "TikTok LIVE by handle (TikTokLive; a few connections a minute)"

    def __init__(self, *args: Any, client_factory: ClientFactory | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.client_factory = client_factory or self.options.extra.get(
            "tiktok_client_factory", _default_factory
        )
        self.limiter: SignLimiter = self.options.extra.setdefault(
            "tiktok_sign_limiter", SignLimiter(self.options.sign_per_minute)
        )
        self._client: TikTokClient | None = None
        self._task: asyncio.Task[Any] | None = None
        self._skip_next: str | None = None

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        from TikTokLive.client.errors import SignatureRateLimitError, UserOfflineError

        queue: asyncio.Queue[tuple[Any, str | None] | None] = asyncio.Queue()
        await self.limiter.turn(self)
        client = self.client_factory(self.target.ident, lambda e, m: queue.put_nowait((e, m)))
        self._client = client
        self._skip_next = None
        try:
            task = await client.start(fetch_live_check=True)
        except UserOfflineError as exc:
            raise RoomOfflineError(f"@{self.target.ident} is not live") from exc
        except SignatureRateLimitError as exc:
            wait = _retry_after(exc)
            raise RateLimitedError(
                wait, f"waiting for the sign server, {wait:.0f} s (it said: rate limited)"
            ) from exc
        self._task = task
        task.add_done_callback(lambda _: queue.put_nowait(None))
        self.on_live()
        ended = False
        while True:
            item = await queue.get()
            if item is None:
                break
            for mapped in self.map(*item):
                ended = ended or mapped["type"] == "room_end"
                yield mapped
        if ended:
            return
        problem = task.exception() if not task.cancelled() else None
        raise ConnectionDroppedError(f"TikTok closed the connection: {problem or 'no reason'}")

    async def is_live(self) -> bool | None:
        client = self.client_factory(self.target.ident, lambda e, m: None)
        try:
            return bool(await client.is_live())
        finally:
            await client.web.close()

    async def close(self) -> None:
        client, task = self._client, self._task
        self._client = self._task = None
        if client is None:
            return
        try:
            if client.connected:  # closing the socket ends the library's receive loop
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(client.disconnect(), DISCONNECT_TIMEOUT_S)
            if task is not None and not task.done():
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        finally:
            await client.web.close()

    # -- mapping ----------------------------------------------------------------------------

    def map(self, ev: Any, method: str | None = None) -> list[dict[str, Any]]:
        """Our events for one of the library's (none: plumbing, or a streak's middle)."""
        name = type(ev).__name__
        if name in _PLUMBING:
            return []
        if self._skip_next == name:  # restated by the custom event just before
            self._skip_next = None
            return []
        self._skip_next = None
        common = getattr(ev, "common", None)
        base: dict[str, Any] = {
            "id": str(common.msg_id) if common is not None and common.msg_id else None,
            "time": common.create_time / 1000 if common is not None else None,
            "user": _user(getattr(ev, "user", None)),
        }
        if name in _CUSTOM:
            self._skip_next, kind = _CUSTOM[name]
            if kind is None:
                return [self.unknown(name, **base)]
            if kind == "share":
                return [self.event(kind, **base, count=max(1, getattr(ev, "share_count", 1)))]
            return [self.event(kind, **base)]
        mapper = _MAPPERS.get(name)
        if mapper is None:
            raw_type = method if name == "UnknownEvent" and method else name
            return [self.unknown(raw_type, **base)]
        found = mapper(self, ev, base)
        return [] if found is None else [found]


def _user(user: Any) -> str | None:
    if user is None:
        return None
    return str(getattr(user, "display_id", "") or getattr(user, "id", "") or "") or None


def _retry_after(exc: Any) -> float:
    try:
        wait = float(exc.retry_after)
    except (TypeError, ValueError, AttributeError, KeyError, AssertionError):
        return DEFAULT_SIGN_WAIT_S
    return min(MAX_SIGN_WAIT_S, max(1.0, wait))


Mapper = Callable[[TikTokSource, Any, dict[str, Any]], dict[str, Any] | None]


def _comment(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    return src.event("comment", **base, text=ev.content)


def _question(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    data = ev.data
    if data is None:
        return src.unknown("QuestionNewEvent", **base)
    base["id"] = str(data.question_id) if data.question_id else base["id"]
    base["user"] = _user(data.user) or base["user"]
    return src.event("question", **base, text=data.content)


def _gift(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any] | None:
    gift = ev.gift
    if gift is None:
        return src.unknown("GiftEvent", **base)
    if gift.type == 1 and not ev.repeat_end:  # a streak goes on: its last repeat counts all
        return None
    count = max(1, ev.repeat_count)
    return src.event(
        "gift",
        **base,
        gift=gift.name or str(gift.id),
        count=count,
        value=float(gift.diamond_count * count),
        unit="diamonds",
    )


def _like(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    return src.event("like", **base, count=max(1, ev.count))


def _join(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    return src.event("join", **base)


def _viewers(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    return src.event("viewers", **base, count=int(ev.total))


def _subscribe(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    return src.event("subscribe", **base)


def _control(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    # the library turns ended/suspended into LiveEndEvent; what reaches here is the rest
    return src.unknown(f"ControlEvent:{getattr(ev.action, 'name', ev.action)}", **base)


def _shopping(src: TikTokSource, ev: Any, base: dict[str, Any]) -> dict[str, Any]:
    pop, snap = ev.pop_product, ev.product_snap_shot
    if pop is not None and (pop.product_id or pop.title):
        product, sku, action = pop.title, str(pop.product_id or ""), "pinned"
    elif snap is not None and (snap.product_id or snap.title):
        product, sku, action = snap.title, str(snap.product_id or ""), "shown"
    else:
        return src.unknown(f"OecLiveShoppingEvent:{ev.action_type}", **base)
    return src.event("product", **base, sku=sku or None, product=product or sku, action=action)


_MAPPERS: dict[str, Mapper] = {
    "CommentEvent": _comment,
    "QuestionNewEvent": _question,
    "GiftEvent": _gift,
    "LikeEvent": _like,
    "JoinEvent": _join,
    "RoomUserSeqEvent": _viewers,
    "SubNotifyEvent": _subscribe,
    "ControlEvent": _control,
    "OecLiveShoppingEvent": _shopping,
}
