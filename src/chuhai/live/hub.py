"""The hub: publishes what the copilot made of each event to the rooms' feeds (with ids a
reconnecting page resumes from), keeps each room's rolling state, and stores comments and
rejected events in their zones in batches. The batches are written by the hub's own writer
thread: a room's events never wait on a store transaction (a flush of 200 comments took
0.3-0.8 s on a loaded 2-core machine, the p95 of every request in the batch that paid it).

Embedded (the default), the hub runs the copilot itself. With Redis, workers run it and the
hub only reads their results (see :mod:`chuhai.live.redis_bus`).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from chuhai.closing import Closeable
from chuhai.errors import StoreBusyError
from chuhai.live.copilot import Copilot, CopilotOutput
from chuhai.live.display import reason_zh
from chuhai.live.host import HostDesk
from chuhai.live.room import RoomState
from chuhai.markets import market_info
from chuhai.pipeline import Pipeline
from chuhai.records import Product, Rejection, Voice, stable_id
from chuhai.records.journal import ACTIVITY_KINDS, JournalEntry
from chuhai.settings import Settings
from chuhai.store.shared_file import waiting_at_most

__all__ = ["LiveHub", "RoomFeed"]

log = logging.getLogger(__name__)

FEED_SIZE = 5000  # events a page can resume from, per room
STORE_EVERY = 200  # comments per store transaction
STORE_SECONDS = 2.0
# While another process keeps a zone file: wait this long per flush (the room's events wait
# on it), then keep the comments and try again after the pause.
STORE_BUSY_WAIT = 0.5
STORE_BUSY_PAUSE = 10.0


@dataclass
class RoomFeed:
    state: RoomState
    events: deque[tuple[int, dict[str, Any]]] = field(
        default_factory=lambda: deque(maxlen=FEED_SIZE)
    )
    seq: int = 0
    rejected: int = 0
    session: str | None = None  # the broadcast the room's latest event belonged to


class LiveHub(Closeable):
    def __init__(
        self,
        settings: Settings,
        *,
        copilot: Copilot | None = None,
        pipeline: Pipeline | None = None,
        products: list[Product] | None = None,
        clock: Callable[[], float] = time.time,
        store: bool = True,
    ) -> None:
        self.settings = settings
        self.copilot = copilot
        self.clock = clock
        self.products = products or []
        self._names = {
            p.sku: sorted({n.casefold() for n in p.names.values()} | {p.sku.casefold()})
            for p in self.products
        }
        self.pipeline = pipeline if pipeline is not None or not store else Pipeline(settings)
        self._own_pipeline = pipeline is None and store
        self.rooms: dict[str, RoomFeed] = {}
        self._default_pins: dict[str, list[str]] = {}
        self._lock = threading.RLock()
        self._pending: list[Voice] = []
        self._rejections: list[Rejection] = []
        self._journal: list[JournalEntry] = []
        self._flushed_at = clock()
        self._retry_at = 0.0  # after a zone was kept elsewhere: no flush before
        # one store write at a time; the writer thread flushes when publish asks it to
        self._storing = threading.Lock()
        self._wake = threading.Condition(threading.Lock())
        self._due = False
        self._writer: threading.Thread | None = None
        self._closing = False
        self.counts = {"comment": 0, "rejected": 0, "skipped": 0}
        self._noted = 0
        self._boot = f"{clock():.6f}"  # journal ids differ between runs of the same room
        if copilot is not None:  # translations that come after their comment
            copilot.on_late = self.amend
        self.desk = HostDesk(self)  # the host's queue, pins, moderation log, room settings

    # -- in ---------------------------------------------------------------------------------

    def process(self, raw: bytes | str | Mapping[str, Any]) -> CopilotOutput:
        """Run the copilot on one event and publish the result (embedded mode)."""
        return self.process_many([raw])[0]

    def process_many(self, raws: Sequence[bytes | str | Mapping[str, Any]]) -> list[CopilotOutput]:
        """The same for a backlog of events, analysed together and published in order."""
        if self.copilot is None:
            raise RuntimeError("this hub has no copilot: events go to the Redis stream")
        with self._lock:
            outputs = self.copilot.process_many(raws)
            for o in outputs:
                self.publish(o.kind, o.data, o.room, o.voice, o.rejection, o.vector)
        return outputs

    def warm(self) -> None:
        """Load what the copilot loads on first use (the embedding model, the gist lexicons of
        the rooms' languages): loaded inside a batch, it held every request queued behind it
        for seconds. Under the hub's lock: batches wait for it rather than load it twice."""
        copilot = self.copilot
        if copilot is None:
            return
        with self._lock:
            copilot.analyzer.embedder.embed(["warm up"])
            markets = {*self.settings.live.rooms.values(), *copilot.reader.room_markets.values()}
            for market in sorted(m for m in markets if m):
                for language in market_info(market).languages:
                    copilot.gists.gist("warm up", language=language, market=market)

    def warm_in_background(self) -> threading.Thread:
        """:meth:`warm` in a thread of its own (a failure is only logged)."""

        def run() -> None:
            try:
                self.warm()
            except Exception:
                log.warning("live: warming the copilot's models failed", exc_info=True)

        thread = threading.Thread(target=run, name="chuhai-live-warm", daemon=True)
        thread.start()
        return thread

    def room(self, room: str, market: str | None = None) -> RoomFeed:
        with self._lock:
            feed = self.rooms.get(room)
            if feed is None:
                pinned = self._default_pins.get(room) or (
                    self.copilot.pinned.get(room, []) if self.copilot else []
                )
                market = market or self.settings.live.rooms.get(room) or ""
                feed = RoomFeed(
                    RoomState(room, market, pinned=list(pinned), product_names=self._sold(market))
                )
                self.rooms[room] = feed
            elif not feed.state.market and market:
                self.set_market(room, market)
            return feed

    def known(self, room: str) -> bool:
        """A room with events, or one chuhai.toml names ([live.rooms])."""
        return room in self.rooms or room in self.settings.live.rooms

    def set_market(self, room: str, market: str) -> None:
        """The room's market (its zone, its products); the copilot reads its next events so."""
        with self._lock:
            state = self.room(room).state
            state.market, state.product_names = market, self._sold(market)
            if self.copilot is not None:
                self.copilot.reader.add_room(room, market)

    def _sold(self, market: str) -> dict[str, list[str]]:
        """The names of the products sold in ``market`` (all when there is none yet)."""
        return {
            p.sku: self._names[p.sku] for p in self.products if not market or market in p.markets
        }

    def pinned_default(self, room: str, skus: list[str]) -> None:
        """Products a stored session shows, until someone pins others."""
        self._default_pins[room] = list(skus)

    def pin(self, room: str, skus: list[str]) -> None:
        """Show ``skus`` as the room's products on screen (mentions and FAQ answers follow)."""
        with self._lock:
            self.room(room).state.pinned = list(skus)
            if self.copilot is not None:
                self.copilot.pinned[room] = list(skus)

    def publish(
        self,
        kind: str,
        data: dict[str, Any],
        room: str | None,
        voice: Voice | None = None,
        rejection: Rejection | None = None,
        vector: Any = None,
    ) -> int | None:
        """Add one result to its room's feed and state; returns its feed id."""
        with self._lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            if rejection is not None:
                self._rejections.append(rejection)
            if voice is not None:
                self._pending.append(voice)
            seq = None
            if kind == "comment" and room:
                feed = self.room(room, data.get("market"))
                if voice is not None and voice.conversation_id not in (None, room):
                    feed.session = voice.conversation_id
                state = feed.state
                if data.get("flood") or data.get("duplicate_of"):
                    state.collapsed += 1
                muted = bool(data.get("user")) and data["user"] in self.desk.desk(room).muted()
                if muted:  # a viewer the host muted: the page folds the card
                    data["muted"] = True
                if not data.get("flood"):
                    answer = data.get("answer")
                    state.add(
                        self.clock(),
                        sentiment=float(data.get("sentiment_score") or 0.0),
                        emotion=str(data.get("emotion") or "neutral"),
                        intent=str(data.get("intent") or ""),
                        text=str(data.get("text") or ""),
                        vector=vector,
                        answered=bool(data.get("answer")),
                        gist_zh=data.get("gist_zh"),
                        gist_kind=data.get("gist_kind"),
                        hidden=data.get("action") == "hide",
                        comment_id=str(data.get("id") or ""),
                        language=str(data.get("language") or "und"),
                        answer=answer,
                        asked_sku=answer.get("sku") if answer else None,
                        muted=muted,
                    )
                if data.get("why_hidden"):
                    data["why_zh"] = reason_zh(str(data["why_hidden"]))
                feed.seq += 1
                seq = feed.seq
                data["seq"] = seq
                feed.events.append((seq, data))
            elif kind == "skipped" and room and data.get("type") in ACTIVITY_KINDS:
                self._activity(room, data)
            elif room and room in self.rooms:
                self.rooms[room].rejected += 1
            if len(self._pending) >= STORE_EVERY or self.clock() - self._flushed_at > STORE_SECONDS:
                self._flush_later()
            return seq

    def _activity(self, room: str, data: dict[str, Any]) -> None:
        feed = self.room(room, data.get("market"))
        if data.get("session"):
            feed.session = str(data["session"])
        kind = str(data["type"])
        count = _number(data.get("count"), int)
        value = _number(data.get("value"), float)
        feed.state.add_activity(kind, count, value)
        detail = {k: data[k] for k in ("unit", "gift", "action", "raw_type") if data.get(k)}
        product = data.get("sku") or data.get("product")
        self.note(
            room,
            kind,
            at=_when(data.get("time")),
            ref=str(data["id"]) if data.get("id") else None,
            sku=str(product)[:128] if product else None,
            count=count,
            value=value,
            actor="system",
            detail=detail,
        )

    def note(
        self,
        room: str,
        kind: str,
        *,
        at: float | None = None,
        ref: str | None = None,
        sku: str | None = None,
        count: int = 0,
        value: float = 0.0,
        actor: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> JournalEntry | None:
        """Keep one entry in the room's journal (stored with the comments); None when the room
        has no market yet (nothing can say which zone would hold it)."""
        with self._lock:
            feed = self.room(room)
            market = feed.state.market
            if not market or market not in self.settings.markets:
                return None
            when = self.clock() if at is None else at
            self._noted += 1
            entry = JournalEntry(
                id=stable_id(room, kind, ref or "", f"{when:.6f}", str(self._noted), self._boot),
                room=room,
                session_id=feed.session,
                market=market,
                zone=self.settings.zone_of(market),
                time=datetime.fromtimestamp(when, UTC),
                kind=kind,
                ref=ref,
                sku=sku,
                count=max(0, count),
                value=max(0.0, value),
                actor=actor,
                detail=dict(detail or {}),
            )
            self._journal.append(entry)
            return entry

    def amend(self, room: str, event_id: str, fields: dict[str, Any]) -> int | None:
        """A late translation: the comment's card gets ``fields`` (pages that connect later
        read them in the comment), and the feed an event ``{"kind": "translation", "id"}``
        that open pages apply to the card. Returns its feed id (None: comment gone)."""
        with self._lock:
            feed = self.rooms.get(room)
            if feed is None:
                return None
            found = next((e for _, e in reversed(feed.events) if e.get("id") == event_id), None)
            if found is None:
                return None
            found.update(fields)
            if isinstance(fields.get("answer"), dict):
                feed.state.amend_answer(event_id, fields["answer"])
            feed.seq += 1
            update = {"kind": "translation", "id": event_id, "room": room, "of": found.get("seq")}
            feed.events.append((feed.seq, {**update, "seq": feed.seq, **fields}))
            return feed.seq

    # -- out --------------------------------------------------------------------------------

    def find_event(self, room: str, event_id: str) -> dict[str, Any] | None:
        """The comment ``event_id`` of the room's feed (None: not there, or gone from it)."""
        with self._lock:
            feed = self.rooms.get(room)
            if feed is None:
                return None
            return next(
                (e for _, e in reversed(feed.events)
                 if e.get("id") == event_id and e.get("kind") == "comment"),
                None,
            )  # fmt: skip

    def events_after(self, room: str, after: int, limit: int = 500) -> list[dict[str, Any]]:
        """The room's comments with ids above ``after`` (oldest first), as a page resumes."""
        with self._lock:
            feed = self.rooms.get(room)
            if feed is None:
                return []
            return [event for seq, event in feed.events if seq > after][:limit]

    def snapshot(self, room: str) -> dict[str, Any]:
        with self._lock:
            feed = self.room(room)
            state = feed.state.snapshot(self.clock())
            state["pinned_products"] = [
                {**self._product(sku, state["market"]), "mentions": state["mentions"].get(sku, 0)}
                for sku in state["pinned"]
            ]
            return {
                **self.desk.view(room, state),
                # the page shows times in the market's zone (the operator's beside)
                "timezone": market_info(state["market"]).timezone if state["market"] else None,
                "last_id": feed.seq,
                "rejected": feed.rejected,
            }

    def room_products(self, room: str) -> list[dict[str, Any]]:
        """The products a room can pin: those sold in its market (all when it has none)."""
        with self._lock:
            feed = self.room(room)
            market, pinned = feed.state.market, set(feed.state.pinned)
        return [
            {**self._product(p.sku, market), "pinned": p.sku in pinned}
            for p in self.products
            if not market or market in p.markets
        ]

    def product_names(self, sku: str, market: str) -> dict[str, Any]:
        return self._product(sku, market)

    def _product(self, sku: str, market: str) -> dict[str, Any]:
        """A SKU with its Chinese name and its name in the market's language."""
        product = next((p for p in self.products if p.sku == sku), None)
        if product is None:
            return {"sku": sku, "name_zh": None, "name": None}
        language = market_info(market).languages[0] if market else "en"
        return {
            "sku": sku,
            "name_zh": product.names.get("zh"),
            "name": product.name(language),
        }

    def room_list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                {
                    "room": name,
                    "market": feed.state.market,
                    "comments": feed.state.comments,
                    "last_id": feed.seq,
                }
                for name, feed in sorted(self.rooms.items())
            ]

    # -- storage ----------------------------------------------------------------------------

    def _flush_later(self) -> None:
        """Ask the writer thread to store what is pending (started on first use)."""
        if self.pipeline is None:  # nothing to store into: drops it all, as it did
            self._flush(last=False)
            return
        with self._wake:
            if self._closing:
                return
            self._due = True
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_loop, name="chuhai-live-writer", daemon=True
                )
                self._writer.start()
            self._wake.notify()

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                while not self._due and not self._closing:
                    self._wake.wait()
                if self._closing:
                    return
                self._due = False
            try:
                self.flush()
            except Exception:  # as a flush in the room's thread did: logged, the batch lost
                log.exception("live: storing comments failed")

    def flush(self, *, last: bool = False) -> None:
        """Store the comments and rejections pending (everything published before the call is
        stored, or kept pending, when it returns). While another process (a CLI command)
        keeps a zone file they stay pending, retried after ``STORE_BUSY_PAUSE`` (writes skip
        what is stored); the ``last`` flush waits as long as any store and then raises."""
        with self._storing:
            self._flush(last=last)

    def _flush(self, *, last: bool) -> None:
        with self._lock:
            if not last and self.clock() < self._retry_at:
                return
            voices, rejections, journal = self._pending, self._rejections, self._journal
            self._pending, self._rejections, self._journal = [], [], []
            self._flushed_at = self.clock()
        if self.pipeline is None:
            return
        try:
            with nullcontext() if last else waiting_at_most(STORE_BUSY_WAIT):
                if voices:
                    self.pipeline.store(voices)
                if rejections:
                    self.pipeline.keep_rejections(rejections)
                if journal:
                    self.pipeline.keep_journal(journal)
        except StoreBusyError:
            with self._lock:
                self._pending[:0] = voices
                self._rejections[:0] = rejections
                self._journal[:0] = journal
                self._retry_at = self.clock() + STORE_BUSY_PAUSE
            if last:
                raise
            log.warning("live: %d comment(s) wait for a zone kept by another process", len(voices))

    def close(self) -> None:
        """Store what is pending and close; if a zone is kept elsewhere past the wait, raise
        and keep it all (close again to retry)."""
        with self._wake:
            self._closing = True
            writer, self._writer = self._writer, None
            self._wake.notify_all()
        if writer is not None and writer is not threading.current_thread():
            writer.join()
        self.flush(last=True)
        if self._own_pipeline and self.pipeline is not None:
            self.pipeline.close()


def _number(value: Any, kind: type[int] | type[float]) -> Any:
    """A platform's count or value as ``kind``; 0 for what is missing or unreadable."""
    try:
        number = kind(value) if value is not None else kind(0)
    except (TypeError, ValueError, OverflowError):
        return kind(0)
    return number if math.isfinite(number) else kind(0)


def _when(value: Any) -> float | None:
    """An event's ISO-8601 time (naive = UTC) or epoch seconds; None for the hub's clock."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()
    return None
