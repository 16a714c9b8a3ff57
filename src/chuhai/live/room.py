"""The rolling state of a live room: pace, purchase intent, the emotional temperature, the
queue of questions the host has not answered yet (grouped by meaning, most asked first; one
the host marks answered leaves it), complaint spikes, mentions of pinned products and of the
products not on screen (what the host may want to pin now).

The emotional temperature (0-100, 50 = calm) follows docs/COPILOT.md: each comment adds its
sentiment score weighted by how aroused its emotion is, averaged with exponential decay
(half-life 60 s), so a burst of excited praise heats the room and a run of angry complaints
cools it within a minute.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any, Final

from chuhai.enrich.heads import FloatArray
from chuhai.records.labels import QUESTION_INTENTS

__all__ = ["AROUSAL", "QUESTION_INTENTS", "AnsweredQuestion", "RoomState"]

AROUSAL: Final = {
    "joy": 0.8,
    "surprise": 0.9,
    "anger": 0.9,
    "fear": 0.7,
    "anticipation": 0.6,
    "disgust": 0.6,
    "trust": 0.4,
    "sadness": 0.3,
    "neutral": 0.1,
}
COMPLAINTS: Final = frozenset({"complaint_product", "complaint_delivery", "complaint_service"})
HALF_LIFE_S: Final = 60.0
WINDOW_S: Final = 300.0  # questions and rates look back five minutes
SPIKE_RECENT_S: Final = 120.0
SPIKE_MIN: Final = 3  # complaints in two minutes, at three times the usual rate
SPIKE_RATIO: Final = 3.0
GROUP_SIMILARITY: Final = 0.9
MAX_ASKED_AGAIN: Final = 200  # comment ids kept per open question for the answered journal
TOP_QUESTIONS: Final = 8
# Open questions kept at most (the host's queue shows the top 8): a busy room's unique
# questions would otherwise fill five minutes' worth of memory and of comparisons per question.
MAX_OPEN_QUESTIONS: Final = 500
MENTION_WINDOW_S: Final = 180.0  # "pin this now" reads the last three minutes


@dataclass
class _Question:
    text: str
    vector: FloatArray | None
    count: int
    last: float
    has_answer: bool  # the copilot found an FAQ answer or a reply template
    gist_zh: str | None
    gist_kind: str | None
    intent: str
    first: float
    id: str = ""  # the first asking comment's id
    language: str = "und"
    answer: dict[str, Any] | None = None  # the copilot's reply to the first comment with one
    skus: list[str] = field(default_factory=list)  # products named in the question
    # the comments that asked it again (id, time): one answer answers them all
    again: list[tuple[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class AnsweredQuestion:
    id: str
    text: str
    gist_zh: str | None
    count: int
    first: float
    answered_at: float
    again: tuple[tuple[str, float], ...] = ()  # other comments that asked it (id, time)

    @property
    def seconds(self) -> float:
        return round(max(0.0, self.answered_at - self.first), 1)


@dataclass
class RoomState:
    room: str
    market: str
    pinned: list[str] = field(default_factory=list)  # SKUs on screen
    product_names: dict[str, list[str]] = field(default_factory=dict)  # SKU -> names (lower)
    heat: float = 0.0
    _heat_at: float | None = None
    _times: deque[tuple[float, str, bool]] = field(default_factory=deque)  # t, intent, buy
    _questions: list[_Question] = field(default_factory=list)  # not answered by the host yet
    _answered: deque[AnsweredQuestion] = field(default_factory=lambda: deque(maxlen=20))
    _seen: deque[tuple[float, str]] = field(default_factory=deque)  # t, SKU named or asked
    _curve: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=600))
    mentions: Counter[str] = field(default_factory=Counter)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    comments: int = 0
    hidden: int = 0
    collapsed: int = 0
    activity: Counter[str] = field(default_factory=Counter)  # gifts, likes, joins... summed
    gift_value: float = 0.0
    viewers: int | None = None  # as the platform last said
    viewers_peak: int = 0

    def add_activity(self, kind: str, count: int, value: float) -> None:
        """A platform event that is no comment: a viewer count, gifts, likes, joins..."""
        if kind == "viewers":
            self.viewers = count
            self.viewers_peak = max(self.viewers_peak, count)
            return
        self.activity[kind] += max(count, 1)
        if kind == "gift":
            self.gift_value += value

    @property
    def temperature(self) -> float:
        return round(50 + 50 * math.tanh(self.heat), 1)

    def add(
        self,
        when: float,
        *,
        sentiment: float,
        emotion: str,
        intent: str,
        text: str,
        vector: FloatArray | None = None,
        answered: bool = False,
        gist_zh: str | None = None,
        gist_kind: str | None = None,
        hidden: bool = False,
        comment_id: str = "",
        language: str = "und",
        answer: dict[str, Any] | None = None,
        asked_sku: str | None = None,
        muted: bool = False,
    ) -> None:
        """One comment; ``answered``: the copilot has a reply for it (not: the host answered);
        ``asked_sku``: the product of the FAQ entry that answers it."""
        self.comments += 1
        self.hidden += hidden
        if self._heat_at is not None:
            self.heat *= 0.5 ** (max(0.0, when - self._heat_at) / HALF_LIFE_S)
        self._heat_at = when
        self.heat += 0.25 * sentiment * (0.5 + 0.5 * AROUSAL.get(emotion, 0.3))
        self._curve.append((when, self.temperature))
        self._times.append((when, intent, intent == "purchase_intent"))
        while self._times and self._times[0][0] < when - WINDOW_S:
            self._times.popleft()
        lowered = text.casefold()
        named = [s for s, names in self.product_names.items() if any(n in lowered for n in names)]
        for sku in named:
            if sku in self.pinned:
                self.mentions[sku] += 1
        seen = set(named) | ({asked_sku} if asked_sku else set())
        self._seen.extend((when, sku) for sku in sorted(seen))
        while self._seen and self._seen[0][0] < when - MENTION_WINDOW_S:
            self._seen.popleft()
        # a hidden comment, or a muted viewer's, is no open question
        if intent in QUESTION_INTENTS and not hidden and not muted:
            question = _Question(
                text, vector, 1, when, answered, gist_zh, gist_kind, intent, when,
                comment_id, language, answer, named,
            )  # fmt: skip
            self._group_question(when, question)
        if intent in COMPLAINTS:
            self._check_spike(when)

    def _group_question(self, when: float, new: _Question) -> None:
        self._questions = [q for q in self._questions if q.last >= when - WINDOW_S]
        for q in self._questions:
            same = (
                float(q.vector @ new.vector) >= GROUP_SIMILARITY
                if q.vector is not None and new.vector is not None
                else q.text.casefold() == new.text.casefold()
            )
            if same:
                q.count += 1
                q.last = when
                if new.id and len(q.again) < MAX_ASKED_AGAIN:
                    q.again.append((new.id, when))
                q.has_answer = q.has_answer or new.has_answer
                if q.answer is None and new.answer is not None:
                    q.answer, q.language = new.answer, new.language
                q.skus = q.skus or new.skus
                if q.gist_kind != "translation" and new.gist_kind == "translation":
                    q.gist_zh, q.gist_kind = new.gist_zh, new.gist_kind
                return
        self._questions.append(new)
        if len(self._questions) > MAX_OPEN_QUESTIONS:  # the least asked, the oldest of them
            self._questions.remove(min(self._questions, key=lambda q: (q.count, q.last)))

    def answer_question(self, question_id: str, when: float) -> AnsweredQuestion | None:
        """The host answered it: it leaves the queue (asked again, it starts a new one)."""
        found = next((q for q in self._questions if q.id == question_id), None)
        if found is None:
            return None
        self._questions.remove(found)
        done = AnsweredQuestion(
            found.id, found.text, found.gist_zh, found.count, found.first, when, tuple(found.again)
        )
        self._answered.append(done)
        return done

    def amend_answer(self, comment_id: str, answer: dict[str, Any]) -> None:
        """A late translation of the reply to the comment that opened a question."""
        for q in self._questions:
            if q.id == comment_id and q.answer is not None:
                q.answer = answer

    def seen_products(self, now: float) -> Counter[str]:
        """Products named or asked about in the last minutes, with how often."""
        return Counter(sku for t, sku in self._seen if t >= now - MENTION_WINDOW_S)

    def _check_spike(self, when: float) -> None:
        """Complaints in the last two minutes against the rate before them (at most three
        minutes of it); a room too new to have a rate needs twice the complaints."""
        recent = sum(1 for t, i, _ in self._times if i in COMPLAINTS and t >= when - SPIKE_RECENT_S)
        before = sum(1 for t, i, _ in self._times if i in COMPLAINTS and t < when - SPIKE_RECENT_S)
        first = self._times[0][0] if self._times else when
        span_before = min(WINDOW_S - SPIKE_RECENT_S, max(0.0, when - SPIKE_RECENT_S - first))
        if span_before < 60:
            expected = 0.0
            spiking = recent >= 2 * SPIKE_MIN
        else:
            expected = before * SPIKE_RECENT_S / span_before
            spiking = recent >= SPIKE_MIN and recent >= SPIKE_RATIO * max(expected, 1.0)
        quiet_since = not self.alerts or self.alerts[-1]["time"] < when - SPIKE_RECENT_S
        if spiking and quiet_since:
            self.alerts.append(
                {
                    "time": when,
                    "kind": "complaint_spike",
                    "recent": recent,
                    "expected": round(expected, 2),
                }
            )

    def snapshot(self, now: float) -> dict[str, Any]:
        window = [x for x in self._times if x[0] >= now - 60]
        recent = [x for x in self._times if x[0] >= now - WINDOW_S]
        # The host's queue: most asked first (the more viewers wait on it the more it costs),
        # then the one waiting longest.
        top = sorted(
            (q for q in self._questions if q.last >= now - WINDOW_S),
            key=lambda q: (-q.count, q.first),
        )[:TOP_QUESTIONS]
        return {
            "room": self.room,
            "market": self.market,
            "comments": self.comments,
            "comments_per_min": len(window),
            "purchase_rate": round(sum(1 for x in recent if x[2]) / len(recent), 3)
            if recent
            else 0.0,
            "temperature": self.temperature,
            "curve": [(round(t, 1), v) for t, v in list(self._curve)[-120:]],
            "questions": [
                {
                    "id": q.id,
                    "text": q.text,
                    "count": q.count,
                    "has_answer": q.has_answer,
                    "gist_zh": q.gist_zh,
                    "gist_kind": q.gist_kind,
                    "intent": q.intent,
                    "language": q.language,
                    "first": round(q.first, 1),
                    "last": round(q.last, 1),
                    "answer": q.answer,
                    "skus": q.skus,
                }
                for q in top
            ],
            "answered": [
                {
                    "id": a.id,
                    "text": a.text,
                    "gist_zh": a.gist_zh,
                    "count": a.count,
                    "seconds": a.seconds,
                    "at": round(a.answered_at, 1),
                }
                for a in reversed(self._answered)
            ][:5],
            "alerts": self.alerts[-5:],
            "mentions": dict(self.mentions),
            "pinned": self.pinned,
            "hidden": self.hidden,
            "collapsed": self.collapsed,
            "activity": dict(self.activity),
            "gift_value": round(self.gift_value, 2),
            "viewers": self.viewers,
            "viewers_peak": self.viewers_peak,
        }
