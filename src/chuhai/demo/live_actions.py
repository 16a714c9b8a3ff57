"""The demo's host actions: what a host team would have done on /live during the demo's live
sessions (questions answered with their times, a product pinned, a comment hidden, another
deleted and the deletion undone), written to the live journal so that `chuhai live recap` has
them. They are made up: every entry's actor is ``demo`` and its detail says ``demo: true``."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from chuhai.live.room import QUESTION_INTENTS
from chuhai.pipeline import Pipeline
from chuhai.records import Channel, LiveSession, Voice, stable_id
from chuhai.records.journal import JournalEntry

__all__ = ["DEMO_ACTOR", "record_host_actions"]

DEMO_ACTOR: Final = "demo"
ANSWERED: Final = (0.45, 0.75)  # share of questions answered: the latest sessions, earlier ones


def _pick(voice: Voice, salt: str) -> float:
    """A stable number in [0, 1) per comment (the demo's choices repeat run after run)."""
    return int(stable_id(salt, voice.id)[:8], 16) / 0x1_0000_0000


def _entry(
    session: LiveSession, kind: str, voice_time: object, ref: str | None, **fields: object
) -> JournalEntry:
    return JournalEntry.model_validate(
        {
            "id": stable_id("demo-journal", session.id, kind, ref or fields.get("sku")),
            "room": session.room,
            "session_id": session.id,
            "market": session.market,
            "zone": session.zone,
            "time": voice_time,
            "kind": kind,
            "ref": ref,
            "actor": DEMO_ACTOR,
            **fields,
        }
    )


def _session_actions(
    session: LiveSession, comments: list[Voice], latest: bool
) -> list[JournalEntry]:
    out: list[JournalEntry] = []
    share = ANSWERED[0] if latest else ANSWERED[1]
    for v in comments:
        a = v.annotations
        if a is None or a.intent.label not in QUESTION_INTENTS or _pick(v, "answer") >= share:
            continue
        seconds = round(8 + 200 * _pick(v, "seconds") ** 2)  # most fast, a few slow
        out.append(
            _entry(session, "answered", v.time + timedelta(seconds=seconds),
                   v.source.source_id or v.id, detail={"seconds": seconds, "demo": True})
        )  # fmt: skip
    pinned = session.started_at + timedelta(minutes=5)
    for n, sku in enumerate(session.products[:1] if latest else session.products):
        out.append(_entry(session, "pin", pinned + timedelta(minutes=n), None, sku=sku,
                          detail={"demo": True}))  # fmt: skip
    flagged = sorted(
        (v for v in comments if v.annotations and v.annotations.intent.label == "spam_offtopic"),
        key=lambda v: _pick(v, "moderate"),
    )
    if latest and len(flagged) >= 2:
        hide, delete = flagged[0], flagged[1]
        out.append(_entry(session, "moderation", hide.time + timedelta(seconds=20),
                          hide.source.source_id or hide.id,
                          detail={"action": "hide", "demo": True}))  # fmt: skip
        deleted = _entry(session, "moderation", delete.time + timedelta(seconds=15),
                         delete.source.source_id or delete.id,
                         detail={"action": "delete", "demo": True})  # fmt: skip
        out.append(deleted)
        out.append(_entry(session, "undo", delete.time + timedelta(seconds=75), deleted.id,
                          detail={"demo": True}))  # fmt: skip
    return out


def record_host_actions(pipeline: Pipeline) -> int:
    """Write the demo's host actions for every stored session; how many entries were new."""
    entries: list[JournalEntry] = []
    router = pipeline.router
    for zone in router.zones:
        if not router.exists(zone):
            continue
        store = router.store(zone)
        sessions = store.sessions()
        if not sessions:
            continue
        latest = {s.room: s.id for s in sorted(sessions, key=lambda s: s.started_at)}
        voices = [
            v
            for market in store.markets
            for v in store.voices(market=market, channel=Channel.LIVE_COMMENT.value)
        ]
        for session in sessions:
            mine = [v for v in voices if v.conversation_id == session.id]
            entries += _session_actions(session, mine, latest[session.room] == session.id)
    return sum(pipeline.keep_journal(entries).values())
