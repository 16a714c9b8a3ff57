"""The 直播复盘 (post-live review) as data: what ``chuhai live recap --json`` prints and
``GET /v1/live/sessions/{id}/recap`` answers. Computed by :mod:`chuhai.live.recap`.

A figure is ``None`` where it may not be shown: the reader may only see aggregates of the
session's zone and the figure describes fewer than k people (or would give such a group away).
Quotes (a comment's redacted text) are empty lists then.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Action",
    "Activity",
    "Complaint",
    "Moderation",
    "ModerationAction",
    "Point",
    "ProductLine",
    "Questions",
    "Quote",
    "Recap",
    "Revenue",
    "SessionFigures",
    "SessionInfo",
    "SlowAnswer",
    "Spike",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SessionInfo(_Model):
    id: str
    room: str
    market: str
    zone: str
    platform: str
    host: str | None
    started_at: datetime
    ended_at: datetime | None
    minutes: float = Field(description="length: the session record's, else first to last event")
    length_from: str = Field(description="session (its start and end) or events")


class Quote(_Model):
    """One comment as stored (redacted), with the offline Chinese gist beside it."""

    id: str
    time: datetime
    language: str
    text: str
    gist_zh: str | None = Field(description="a gist, not a translation; None for Chinese text")
    intent: str | None
    sentiment: str | None


class Point(_Model):
    """One step of the session's timeline (``bucket_s`` seconds from ``minute``)."""

    minute: int = Field(description="minutes from the start of the session")
    comments: int | None
    temperature: float | None = Field(description="0-100, 50 = calm, at the end of the step")
    viewers: int | None = Field(description="the most viewers the platform reported in the step")
    spike: bool = False


class Spike(_Model):
    minute: int
    minutes: int = Field(description="how many steps in a row were above the threshold")
    comments: int
    intents: dict[str, int] = Field(description="the intents of the comments behind the spike")
    quotes: list[Quote]


class Revenue(_Model):
    currency: str
    orders: int | None
    units: int | None
    gmv: float | None
    buyers: int | None


class SlowAnswer(_Model):
    question_id: str
    seconds: float
    intent: str | None
    quote: Quote | None


class Questions(_Model):
    asked: int | None
    answered: int
    answer_rate: float | None
    median_seconds: float | None
    slowest: list[SlowAnswer]
    top_unanswered: dict[str, int] = Field(description="unanswered questions per intent")


class Complaint(_Model):
    intent: str
    comments: int | None
    people: int | None
    quotes: list[Quote]


class ProductLine(_Model):
    sku: str
    name_zh: str | None
    name: str | None
    shown: bool = Field(description="listed among the session's products")
    pinned: int = Field(description="times the host pinned it (live journal)")
    mentions: int | None = Field(description="comments naming it")
    units: int | None = Field(description="units ordered in the session")


class ModerationAction(_Model):
    id: str
    time: datetime
    action: str
    comment_id: str | None
    actor: str | None
    undone: bool


class Moderation(_Model):
    actions: dict[str, int] = Field(description="per action, those undone left out")
    undone: int
    log: list[ModerationAction]


class Activity(_Model):
    gifts: int
    gift_value: dict[str, float] = Field(description="per unit (diamonds, bits, a currency)")
    likes: int
    joins: int
    follows: int
    shares: int
    other: dict[str, int]
    viewers_peak: int | None
    viewers_mean: float | None
    viewers_last: int | None


class SessionFigures(_Model):
    """The figures compared across a room's sessions."""

    id: str
    started_at: datetime
    host: str | None
    minutes: float
    comments: int | None
    comments_per_min: float | None
    purchase_rate: float | None
    gmv: dict[str, float | None]
    answer_rate: float | None
    temperature: float | None


class Action(_Model):
    """A recommendation for the next session, with the figure behind it."""

    key: str
    text_zh: str
    text_en: str
    evidence_zh: str
    evidence_en: str
    value: float | None = None


class Recap(_Model):
    session: SessionInfo
    generated_at: datetime
    raw: bool = Field(description="whether the reader may read this zone's comments (quotes)")
    k: int = Field(description="the fewest people a shown figure describes where raw is false")
    reason: str | None = Field(description="why quotes stay in the zone, where they do")
    bucket_s: int = Field(description="seconds per timeline step (300 where raw is false)")
    comments: int | None
    commenters: int | None
    comments_per_min: float | None
    timeline: list[Point]
    spike_rule: str
    spike_threshold: float | None
    spikes: list[Spike]
    purchase_intent: int | None
    purchase_rate: float | None
    revenue: list[Revenue]
    by_host: list[dict[str, str | float | int | None]] = Field(
        description="GMV per host and currency over this and the compared sessions"
    )
    questions: Questions
    complaints: list[Complaint]
    temperature_mean: float | None
    temperature_end: float | None
    products: list[ProductLine]
    moderation: Moderation
    activity: Activity
    previous: list[SessionFigures] = Field(description="the room's earlier sessions, newest first")
    this: SessionFigures
    actions: list[Action]
    hidden: int = Field(description="groups left out: fewer than k people, or giving one away")
    demo_actions: int = Field(default=0, description="the host's actions made up by `chuhai demo`")
