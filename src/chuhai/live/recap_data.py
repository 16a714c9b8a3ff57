"""The stored data of a live session and of its room's earlier sessions, for the recap.

A comment belongs to a session when it names the session (``conversation_id``), or when it
names only its room and was written between the session's start and the next one's (the end
of the session plus ``GRACE`` when the record has one). Journal entries likewise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final, Protocol

from chuhai.records import Channel, LiveSession, Order, Voice
from chuhai.records.journal import JournalEntry
from chuhai.store.interfaces import JournalStore, RecordStore

__all__ = ["GRACE", "PREVIOUS", "RAW_STEP_S", "Comment", "SessionData", "gather"]

GRACE: Final = timedelta(minutes=10)  # comments a little after the end still belong
PREVIOUS: Final = 5  # earlier sessions of the room compared
RAW_STEP_S: Final = 60


@dataclass
class Comment:
    voice: Voice
    at: float
    intent: str | None
    sentiment: str | None
    score: float
    emotion: str
    shown: Sequence[str] = ()  # the session's products: which one "the fan" is


@dataclass
class SessionData:
    """One session's stored data, and its timeline steps."""

    record: LiveSession
    comments: list[Comment]
    orders: list[Order]
    journal: list[JournalEntry]
    start: float = 0.0
    seconds: float = 0.0
    bucket_s: int = RAW_STEP_S
    steps: int = 1
    counts: Counter[int] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.start = self.record.started_at.timestamp()
        times = [c.at for c in self.comments] + [e.time.timestamp() for e in self.journal]
        if self.record.ended_at is not None:
            self.seconds = self.record.ended_at.timestamp() - self.start
        else:
            self.seconds = max([0.0, *(t - self.start for t in times)])

    def timeline(self, bucket_s: int) -> None:
        self.bucket_s = bucket_s
        last = max([self.seconds, *(c.at - self.start for c in self.comments)])
        self.steps = max(1, -int(-last // bucket_s))
        self.counts = Counter(self.step(c.at) for c in self.comments)

    def step(self, when: float) -> int:
        return min(self.steps - 1, max(0, int((when - self.start) // self.bucket_s)))

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


def _comment(voice: Voice, shown: Sequence[str]) -> Comment:
    a = voice.annotations
    return Comment(
        voice,
        voice.time.timestamp(),
        a.intent.label if a else None,
        a.sentiment.label if a else None,
        a.sentiment.score if a else 0.0,
        a.emotion.label if a else "neutral",
        shown,
    )


class RecapSource(RecordStore, JournalStore, Protocol):
    """What a recap reads of a zone: sessions, comments, orders and the room's journal."""


def gather(store: RecapSource, session: LiveSession) -> list[SessionData]:
    """This session and the room's earlier ones (newest first after this one)."""
    room = sorted(
        (s for s in store.sessions() if s.room == session.room), key=lambda s: s.started_at
    )
    at = room.index(next(s for s in room if s.id == session.id))
    chosen = [room[at], *reversed(room[max(0, at - PREVIOUS) : at])]
    ids = {s.id for s in room}
    windows = {}
    for i, s in enumerate(room):
        upto = room[i + 1].started_at if i + 1 < len(room) else None
        end = s.ended_at + GRACE if s.ended_at is not None else upto
        windows[s.id] = (s.started_at - GRACE, min(end, upto) if end and upto else end or upto)

    def belongs(s: LiveSession, named: str | None, room_name: object, when: datetime) -> bool:
        if named == s.id:
            return True
        if named in ids or (named not in (None, s.room) and room_name != s.room):
            return False
        low, high = windows[s.id]
        return low <= when and (high is None or when < high)

    voices = store.voices(market=session.market, channel=Channel.LIVE_COMMENT.value)
    orders = store.orders()
    journal = store.journal(room=session.room)
    out = []
    for s in chosen:
        mine = [
            _comment(v, s.products)
            for v in voices
            if belongs(s, v.conversation_id, v.metadata.get("room"), v.time)
        ]
        mine.sort(key=lambda c: (c.at, c.voice.id))
        out.append(
            SessionData(
                s,
                mine,
                [o for o in orders if o.session_id == s.id],
                [e for e in journal if belongs(s, e.session_id, e.room, e.time)],
            )
        )
    return out
