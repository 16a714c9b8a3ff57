"""The host's desk in each live room: what the people running the room decide on /live.

* the question queue with a reply draft each (:mod:`chuhai.live.drafts`); "answered" takes a
  question off the queue;
* "pin this product now": products of the room's market named or asked about in the last
  minutes that are not on screen;
* moderation decisions (hide, delete, mute the viewer, warn) with a log and undo;
* the room's settings: market, pinned products, moderation level, autonomy.

Autonomy: ``suggest`` shows drafts and suggested actions for a person to click; ``observe``
shows cards and counts only. Nothing is ever posted to the platform: a decision is recorded
in the room's journal (``answered``, ``moderation``, ``undo``, ``pin``, ``settings``: see
:mod:`chuhai.records.journal`), which the post-live review reads, and the page shows it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from chuhai.errors import InputError
from chuhai.live.copilot import MODERATION_LEVELS
from chuhai.live.drafts import DraftMaker
from chuhai.records import stable_id

if TYPE_CHECKING:
    from chuhai.live.hub import LiveHub

__all__ = ["AUTONOMY", "MODERATION_ACTIONS", "HostDesk", "ModerationRecord", "RoomDesk"]

log = logging.getLogger(__name__)

Autonomy = Literal["observe", "suggest"]
AUTONOMY: Final[tuple[Autonomy, ...]] = ("observe", "suggest")
ModerationAction = Literal["hide", "delete", "mute", "warn"]
MODERATION_ACTIONS: Final[tuple[ModerationAction, ...]] = ("hide", "delete", "mute", "warn")
PIN_MIN_MENTIONS: Final = 2  # one mention is chat; two in three minutes is interest
PIN_SUGGESTIONS: Final = 3
LOG_SHOWN: Final = 50


@dataclass
class ModerationRecord:
    id: str
    comment_id: str
    action: str
    actor: str
    time: float
    text: str  # the comment as the page shows it (redacted)
    user: str | None = None  # the viewer's pseudonym, for mute (never in the journal)
    suggested: str | None = None  # what the copilot had suggested for the comment
    undone_by: str | None = None
    undone_at: float | None = None

    def view(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "comment_id": self.comment_id,
            "action": self.action,
            "actor": self.actor,
            "time": round(self.time, 1),
            "text": self.text[:140],
            "user": self.user,
            "suggested": self.suggested,
            "undone": self.undone_by is not None,
            "undone_by": self.undone_by,
            "undone_at": round(self.undone_at, 1) if self.undone_at is not None else None,
        }


@dataclass
class RoomDesk:
    autonomy: Autonomy = "suggest"
    moderation: str = "normal"
    log: list[ModerationRecord] = field(default_factory=list)
    _muted: set[str] = field(default_factory=set)  # read for every comment: kept, not derived

    def muted(self) -> set[str]:
        return self._muted

    def record(self, entry: ModerationRecord) -> None:
        self.log.append(entry)
        self._recount()

    def _recount(self) -> None:
        self._muted = {
            r.user for r in self.log if r.action == "mute" and r.user and r.undone_by is None
        }


class HostDesk:
    """The host's actions on a hub's rooms; every one is noted in the room's journal."""

    def __init__(self, hub: LiveHub) -> None:
        self.hub = hub
        translator = hub.copilot.translator if hub.copilot is not None else None
        self.drafts = DraftMaker(hub.products, translator)
        self.rooms: dict[str, RoomDesk] = {}
        self._made = 0

    def desk(self, room: str) -> RoomDesk:
        with self.hub._lock:
            return self.rooms.setdefault(room, RoomDesk())

    # -- what the page shows ----------------------------------------------------------------

    def view(self, room: str, state: dict[str, Any]) -> dict[str, Any]:
        """The room's snapshot with the desk: drafts on the queue (``suggest`` only), pin
        suggestions, the moderation log, the settings."""
        desk = self.desk(room)
        market, pinned = state["market"], state["pinned"]
        suggest = desk.autonomy == "suggest"
        questions = []
        for q in state["questions"]:
            shown = {k: v for k, v in q.items() if k != "answer"}
            shown["draft"] = self.drafts.draft(q, market, pinned) if suggest else None
            questions.append(shown)
        return {
            **state,
            "questions": questions,
            "autonomy": desk.autonomy,
            "moderation": desk.moderation,
            "pin_suggestions": self.pin_suggestions(room) if suggest else [],
            "moderation_log": [r.view() for r in reversed(desk.log[-LOG_SHOWN:])],
            "muted": sorted(desk.muted()),
        }

    def pin_suggestions(self, room: str) -> list[dict[str, Any]]:
        """Products of the room's market named or asked about lately and not pinned, the most
        mentioned first."""
        hub = self.hub
        with hub._lock:
            state = hub.room(room).state
            seen = state.seen_products(hub.clock())
            market, pinned = state.market, set(state.pinned)
        sold = {p.sku for p in hub.products if not market or market in p.markets}
        ranked = sorted(
            ((sku, n) for sku, n in seen.items() if sku in sold and sku not in pinned),
            key=lambda item: (-item[1], item[0]),
        )
        return [
            {**hub.product_names(sku, market), "mentions": n}
            for sku, n in ranked
            if n >= PIN_MIN_MENTIONS
        ][:PIN_SUGGESTIONS]

    # -- actions ----------------------------------------------------------------------------

    def answer(self, room: str, question_id: str, actor: str) -> dict[str, Any] | None:
        """The host answered a question: off the queue, noted with the seconds it waited.
        None: no such question open in the room."""
        hub = self.hub
        with hub._lock:
            done = hub.room(room).state.answer_question(question_id, hub.clock())
            if done is None:
                return None
            entry = hub.note(
                room, "answered", ref=question_id, actor=actor, detail={"seconds": done.seconds}
            )
            for comment_id, asked in done.again:  # the recap counts every asking comment
                seconds = round(max(0.0, done.answered_at - asked), 1)
                hub.note(
                    room,
                    "answered",
                    ref=comment_id,
                    actor=actor,
                    detail={"seconds": seconds, "question": question_id},
                )
        return {
            "room": room,
            "question_id": question_id,
            "seconds": done.seconds,
            "journal_id": entry.id if entry else None,
        }

    def moderate(
        self, room: str, comment_id: str, action: str, actor: str
    ) -> ModerationRecord | None:
        """A person's decision on a comment (recorded; nothing is posted to the platform).
        None: no such comment in the room's feed."""
        if action not in MODERATION_ACTIONS:
            raise InputError(f"unknown moderation action {action!r}")
        hub = self.hub
        with hub._lock:
            event = hub.find_event(room, comment_id)
            if event is None:
                return None
            entry = hub.note(
                room, "moderation", ref=comment_id, actor=actor, detail={"action": action}
            )
            now = hub.clock()
            record = ModerationRecord(
                id=entry.id if entry else self._local_id(room, comment_id, now),
                comment_id=comment_id,
                action=action,
                actor=actor,
                time=now,
                text=str(event.get("text") or ""),
                user=str(event["user"]) if event.get("user") else None,
                suggested=event.get("action") if event.get("action") != "allow" else None,
            )
            self.desk(room).record(record)
        log.info("live %s: %s %s by %s", room, action, comment_id, actor)
        return record

    def undo(self, room: str, record_id: str, actor: str) -> ModerationRecord | None:
        """Takes a moderation decision back. None: no such entry; InputError: undone already."""
        hub = self.hub
        with hub._lock:
            record = next((r for r in self.desk(room).log if r.id == record_id), None)
            if record is None:
                return None
            if record.undone_by is not None:
                raise InputError(f"moderation entry {record_id} is undone already")
            hub.note(room, "undo", ref=record_id, actor=actor, detail={"action": record.action})
            record.undone_by, record.undone_at = actor, hub.clock()
            self.desk(room)._recount()
        return record

    def set_pins(self, room: str, skus: list[str], actor: str) -> list[str]:
        """The room's pinned products become ``skus``; each one put on or taken off screen is
        noted (``pin``, with ``unpinned`` for the latter)."""
        hub = self.hub
        wanted = list(dict.fromkeys(skus))
        with hub._lock:
            before = list(hub.room(room).state.pinned)
            hub.pin(room, wanted)
            for sku in wanted:
                if sku not in before:
                    hub.note(room, "pin", sku=sku, actor=actor)
            for sku in before:
                if sku not in wanted:
                    hub.note(room, "pin", sku=sku, actor=actor, detail={"unpinned": True})
        return wanted

    def configure(
        self,
        room: str,
        actor: str,
        *,
        market: str | None = None,
        pinned: list[str] | None = None,
        moderation: str | None = None,
        autonomy: str | None = None,
    ) -> dict[str, Any]:
        """Applies the settings given (None: unchanged); returns what changed. The change of
        market, moderation level and autonomy is noted as ``settings``, pins as ``pin``."""
        hub = self.hub
        if market is not None and market not in hub.settings.markets:
            raise InputError(f"market {market!r} is not enabled (enabled: {hub.settings.markets})")
        if moderation is not None and moderation not in MODERATION_LEVELS:
            raise InputError(f"moderation level must be one of {', '.join(MODERATION_LEVELS)}")
        if autonomy is not None and autonomy not in AUTONOMY:
            raise InputError(f"autonomy must be one of {', '.join(AUTONOMY)}")
        known = {p.sku for p in hub.products}
        unknown = [s for s in pinned or () if known and s not in known]
        if unknown:
            raise InputError(f"unknown product(s): {', '.join(unknown[:5])}")
        changed: dict[str, Any] = {}
        with hub._lock:
            desk, state = self.desk(room), hub.room(room).state
            if market is not None and market != state.market:
                changed["market"] = market
                changed["previous_market"] = state.market or None
                hub.set_market(room, market)
            if moderation is not None and moderation != desk.moderation:
                desk.moderation = changed["moderation"] = moderation
                if hub.copilot is not None:
                    hub.copilot.levels[room] = moderation
            if autonomy is not None and autonomy != desk.autonomy:
                desk.autonomy = changed["autonomy"] = autonomy
            if changed:
                hub.note(room, "settings", actor=actor, detail=changed)
            if pinned is not None and pinned != state.pinned:
                changed["pinned"] = self.set_pins(room, pinned, actor)
        return changed

    def settings_of(self, room: str) -> dict[str, Any]:
        with self.hub._lock:
            desk, state = self.desk(room), self.hub.room(room).state
            return {
                "room": room,
                "market": state.market or None,
                "pinned": list(state.pinned),
                "moderation": desk.moderation,
                "autonomy": desk.autonomy,
                "markets": list(self.hub.settings.markets),
                "moderation_levels": list(MODERATION_LEVELS),
            }

    def _local_id(self, room: str, ref: str, when: float) -> str:
        """An id for a log entry the journal could not keep (the room has no market yet)."""
        self._made += 1
        return stable_id("desk", room, ref, f"{when:.6f}", str(self._made))
