"""The rolling state of a live room: pace, purchase intent, the emotional temperature, open
questions grouped by meaning (the unanswered ones first: the host has to answer those),
complaint spikes, mentions of pinned products.

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

__all__ = ["AROUSAL", "QUESTION_INTENTS", "RoomState"]

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
QUESTION_INTENTS: Final = frozenset(
    {
        "price_question",
        "shipping_question",
        "spec_question",
        "stock_question",
        "order_status",
        "payment",
        "refund_return",
        "account",
        "contact_agent",
    }
)
COMPLAINTS: Final = frozenset({"complaint_product", "complaint_delivery", "complaint_service"})
HALF_LIFE_S: Final = 60.0
WINDOW_S: Final = 300.0  # questions and rates look back five minutes
SPIKE_RECENT_S: Final = 120.0
SPIKE_MIN: Final = 3  # complaints in two minutes, at three times the usual rate
SPIKE_RATIO: Final = 3.0
GROUP_SIMILARITY: Final = 0.9
TOP_QUESTIONS: Final = 8


@dataclass
class _Question:
    text: str
    vector: FloatArray | None
    count: int
    last: float
    answered: bool
    gist_zh: str | None
    gist_kind: str | None
    intent: str
    first: float


@dataclass
class RoomState:
    room: str
    market: str
    pinned: list[str] = field(default_factory=list)  # SKUs on screen
    product_names: dict[str, list[str]] = field(default_factory=dict)  # SKU -> names (lower)
    heat: float = 0.0
    _heat_at: float | None = None
    _times: deque[tuple[float, str, bool]] = field(default_factory=deque)  # t, intent, buy
    _questions: list[_Question] = field(default_factory=list)
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
    ) -> None:
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
        if intent in QUESTION_INTENTS and not hidden:  # a hidden comment is no open question
            self._group_question(
                when, _Question(text, vector, 1, when, answered, gist_zh, gist_kind, intent, when)
            )
        if intent in COMPLAINTS:
            self._check_spike(when)
        lowered = text.casefold()
        for sku, names in self.product_names.items():
            if sku in self.pinned and any(n in lowered for n in names):
                self.mentions[sku] += 1

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
                q.answered = q.answered or new.answered
                if q.gist_kind != "translation" and new.gist_kind == "translation":
                    q.gist_zh, q.gist_kind = new.gist_zh, new.gist_kind
                return
        self._questions.append(new)

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
        # Unanswered first: a question with a suggested answer the host can read out; one
        # without waits on the host, and the more viewers asked it the more it costs.
        top = sorted(
            (q for q in self._questions if q.last >= now - WINDOW_S),
            key=lambda q: (q.answered, -q.count, -q.last),
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
                    "text": q.text,
                    "count": q.count,
                    "answered": q.answered,
                    "gist_zh": q.gist_zh,
                    "gist_kind": q.gist_kind,
                    "intent": q.intent,
                    "first": round(q.first, 1),
                    "last": round(q.last, 1),
                }
                for q in top
            ],
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
