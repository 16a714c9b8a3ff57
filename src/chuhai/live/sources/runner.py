"""Several live sources in one process: each room's connection is supervised (reconnect with
bounded exponential backoff and jitter, waits the platform asks for, a slow "is it live?" poll
after the room ends), and the events of every room reach one sink in small batches.

The :class:`ConnectionBoard` keeps each room's connection state for the API and the page
(``GET /v1/live/connections``); it is read from other threads, so it locks.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from chuhai.live.sources.base import (
    LiveSource,
    RateLimitedError,
    ReconnectRequestedError,
    RoomOfflineError,
    Sleep,
)

__all__ = ["Backoff", "ConnectionBoard", "LiveRunner", "State"]

log = logging.getLogger(__name__)

State = Literal["connecting", "live", "waiting", "ended", "error", "stopped"]
BATCH_WINDOW_S = 0.02  # events that arrive within this are analysed together
MAX_BATCH = 256
OFFLINE_POLL_S = 60.0  # after a room ends: ask whether it is live again this often


@dataclass(frozen=True)
class Backoff:
    """Delay before retry ``n`` (1, 2, ...): ``base * factor**(n-1)``, at most ``cap``, and
    a random part of it taken off (``jitter``) so rooms that fail together do not retry
    together."""

    base_s: float = 1.0
    factor: float = 2.0
    cap_s: float = 60.0
    jitter: float = 0.5

    def delay(self, retry: int, rand: Callable[[], float] = random.random) -> float:
        step = min(self.cap_s, self.base_s * self.factor ** max(0, retry - 1))
        return step * (1 - self.jitter * rand())


class ConnectionBoard:
    """Each room's connection: ``{room, platform, target, state, since, retries, wait_s,
    events, unknown: {type: count}, last_error}`` (+ market, types, note)."""

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._rooms: dict[str, dict[str, Any]] = {}

    def add(self, source: LiveSource) -> None:
        with self._lock:
            self._rooms[source.target.room] = {
                "room": source.target.room,
                "platform": source.platform,
                "target": source.target.raw,
                "market": source.market,
                "session": source.session,
                "state": "connecting",
                "since": self._now().isoformat(),
                "retries": 0,
                "wait_s": None,
                "events": 0,
                "types": {},
                "unknown": {},
                "last_error": None,
                "note": None,
            }

    def set(self, room: str, state: State, **fields: Any) -> None:
        with self._lock:
            entry = self._rooms[room]
            if entry["state"] != state:
                entry["since"] = self._now().isoformat()
            entry["state"] = state
            entry["wait_s"] = None
            entry["note"] = None
            entry.update(fields)

    def count(self, room: str, events: list[dict[str, Any]]) -> None:
        with self._lock:
            entry = self._rooms[room]
            for event in events:
                entry["events"] += 1
                kind = str(event.get("type"))
                entry["types"][kind] = entry["types"].get(kind, 0) + 1
                if kind == "unknown":
                    raw = str(event.get("raw_type") or "?")
                    entry["unknown"][raw] = entry["unknown"].get(raw, 0) + 1

    def get(self, room: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._rooms[room])

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(e) for _, e in sorted(self._rooms.items())]


Sink = Callable[[list[dict[str, Any]]], Any]


class LiveRunner:
    """Runs ``sources`` until ``stop`` is set; ``sink`` gets lists of events (in a worker
    thread, one batch at a time, so the connections keep being read while it works)."""

    def __init__(
        self,
        sources: list[LiveSource],
        sink: Sink,
        *,
        board: ConnectionBoard | None = None,
        sleep: Sleep = asyncio.sleep,
        backoff: Backoff | None = None,
        offline_poll_s: float = OFFLINE_POLL_S,
        batch_window_s: float = BATCH_WINDOW_S,
        rand: Callable[[], float] = random.random,
    ) -> None:
        rooms = [s.target.room for s in sources]
        if len(set(rooms)) != len(rooms):
            raise ValueError(f"two sources for one room: {sorted(rooms)}")
        self.sources = sources
        self.sink = sink
        self.board = board or ConnectionBoard()
        self.sleep = sleep
        self.backoff = backoff or Backoff()
        self.offline_poll_s = offline_poll_s
        self.batch_window_s = batch_window_s
        self.rand = rand
        self.delivered = 0
        self._queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self._stopping = asyncio.Event()
        for source in sources:  # on the board (connecting) from the start
            self.board.add(source)

    async def run(self, stop: asyncio.Event) -> None:
        drain = asyncio.create_task(self._drain(), name="live-sink")
        rooms = [
            asyncio.create_task(self._supervise(s), name=f"live-{s.target.room}")
            for s in self.sources
        ]
        try:
            await stop.wait()
        finally:
            for task in rooms:
                task.cancel()
            await asyncio.gather(*rooms, return_exceptions=True)
            self._stopping.set()
            self._queue.put_nowait(None)  # what arrived before the stop still reaches the sink
            await drain
            for source in self.sources:
                self.board.set(source.target.room, "stopped")

    async def _supervise(self, source: LiveSource) -> None:
        room = source.target.room
        retries = 0

        def live() -> None:
            nonlocal retries
            retries = 0
            self.board.set(room, "live", retries=0)

        def waiting(seconds: float, reason: str) -> None:
            self.board.set(room, "waiting", wait_s=round(seconds, 1), note=reason)

        source.on_live, source.on_wait = live, waiting
        while True:
            self.board.set(room, "connecting", retries=retries)
            try:
                seen = False
                async for event in source.events():
                    if not seen:
                        seen = True
                        if self.board.get(room)["state"] != "live":
                            live()
                    self.board.count(room, [event])
                    self._queue.put_nowait(event)
                # the source returned: the room ended; ask slowly until it is live again
                self.board.set(room, "ended", note="the room ended")
                await self._until_live(source)
            except RateLimitedError as exc:
                log.info("%s: %s", room, exc.reason)
                self.board.set(room, "waiting", wait_s=round(exc.wait_s, 1), note=exc.reason)
                await self._close(source)
                await self.sleep(exc.wait_s)
            except RoomOfflineError as exc:
                self.board.set(room, "ended", note=str(exc))
                await self._close(source)
                await self._until_live(source)
            except ReconnectRequestedError as exc:  # not a failure: no retry counted
                self.board.set(room, "connecting", retries=retries, note=str(exc))
                await self._close(source)
                await self.sleep(self.backoff.delay(1, self.rand))
            except asyncio.CancelledError:
                await self._close(source)
                raise
            except Exception as exc:  # any failure of one room: retry it
                retries += 1
                delay = self.backoff.delay(retries, self.rand)
                first_line = (str(exc).splitlines() or [""])[0]
                error = f"{type(exc).__name__}: {first_line}"[:300]
                log.warning("%s: %s; again in %.1f s", room, error, delay)
                self.board.set(
                    room, "error", retries=retries, wait_s=round(delay, 1), last_error=error
                )
                await self._close(source)
                await self.sleep(delay)
            else:
                await self._close(source)

    async def _until_live(self, source: LiveSource) -> None:
        room = source.target.room
        while True:
            note = self.board.get(room)["note"]
            self.board.set(room, "ended", wait_s=self.offline_poll_s, note=note)
            await self.sleep(self.offline_poll_s)
            try:
                live = await source.is_live()
            except Exception as exc:  # unsure: try connecting
                log.debug("%s: is it live? %s", room, exc)
                live = None
            if live is not False:
                return

    async def _close(self, source: LiveSource) -> None:
        try:
            await source.close()
        except Exception as exc:  # a dead link may fail to close; go on
            log.debug("%s: close: %s", source.target.room, exc)

    async def _drain(self) -> None:
        """Deliver in batches until the end marker (None) comes through the queue."""
        while True:
            first = await self._queue.get()
            if first is None:
                return
            batch = [first]
            with contextlib.suppress(TimeoutError):  # real time: what comes with it
                await asyncio.wait_for(self._stopping.wait(), self.batch_window_s)
            end = False
            while len(batch) < MAX_BATCH and not self._queue.empty():
                item = self._queue.get_nowait()
                if item is None:
                    end = True
                    break
                batch.append(item)
            await self._deliver(batch)
            if end:
                return

    async def _deliver(self, batch: list[dict[str, Any]]) -> None:
        try:
            await asyncio.to_thread(self.sink, batch)
        except Exception:  # the rooms go on; the hub keeps its own rejections
            log.exception("live: %d event(s) could not be processed", len(batch))
        self.delivered += len(batch)
