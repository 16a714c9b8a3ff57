"""What the live copilot's routes answer (``/v1/live/...``) and the host's requests."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chuhai.api.models.common import Out

__all__ = [
    "Answered",
    "ConnectionOut",
    "ModerationEntry",
    "ModerationLog",
    "ModerationRequest",
    "OutcomesOut",
    "PinRequest",
    "Pinned",
    "ProductsOut",
    "RoomEventsOut",
    "RoomSettings",
    "RoomSettingsRequest",
    "RoomStateOut",
    "RoomsOut",
]

Sku = Annotated[str, Field(min_length=1, max_length=128)]
# an event's own id comes as the platform sent it
EventId = str | int | float | bool | None


class OutcomeOut(Out):
    """What became of one pushed event; a key that does not apply to its kind is absent."""

    kind: str = Field(description="comment, rejected, skipped, refused, queued, error, ...")
    id: EventId = None
    room: str | None = None
    seq: int | None = Field(default=None, description="Its place in the room's feed")
    action: str | None = None
    reason: str | None = None
    stream_id: str | None = Field(default=None, description="queued: its id in the Redis inbox")


class OutcomesOut(Out):
    outcomes: list[OutcomeOut] = Field(description="One per event, in the order sent")


class RoomOut(Out):
    room: str
    market: str | None
    comments: int
    last_id: int


class RoomsOut(Out):
    rooms: list[RoomOut]


class ProductOut(Out):
    sku: str
    name_zh: str | None
    name: str | None
    pinned: bool


class ProductsOut(Out):
    room: str
    products: list[ProductOut]


class RoomEventsOut(Out):
    room: str
    events: list[dict[str, Any]] = Field(description="The feed's events, oldest first")


class RoomStateOut(Out):
    """The room's gauges, the host's queue and desk, as the copilot page shows them."""

    room: str
    market: str | None
    comments: int
    comments_per_min: int
    purchase_rate: float
    temperature: float
    curve: list[list[float]] = Field(description="[seconds, temperature] pairs, last 120")
    questions: list[dict[str, Any]] = Field(description="The host's queue, with drafts")
    answered: list[dict[str, Any]]
    alerts: list[dict[str, Any]]
    mentions: dict[str, int]
    pinned: list[str]
    hidden: int
    collapsed: int
    activity: dict[str, int]
    gift_value: float
    viewers: int | None
    viewers_peak: int
    pinned_products: list[dict[str, Any]]
    autonomy: str
    moderation: str
    pin_suggestions: list[dict[str, Any]]
    moderation_log: list[dict[str, Any]]
    muted: list[str]
    timezone: str | None
    last_id: int
    rejected: int


class ConnectionOut(Out):
    """One room of ``chuhai live connect``."""

    room: str
    platform: str
    target: str
    market: str | None
    session: str | None
    state: str = Field(description="connecting, live, waiting, ended, error, stopped")
    since: str
    retries: int
    wait_s: float | None
    events: int
    types: dict[str, int] = Field(description="Events per type")
    unknown: dict[str, int] = Field(description="Events of types not understood, per type")
    last_error: str | None
    note: str | None


# -- the host's desk ----------------------------------------------------------------------


class PinRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    skus: list[Sku] = Field(max_length=50, description="Products shown in the room now")


class Pinned(Out):
    room: str
    pinned: list[str]


class Answered(Out):
    room: str
    question_id: str
    seconds: float = Field(description="From the first time it was asked to answered")
    journal_id: str | None = Field(description="None while the room has no market")


class ModerationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment_id: str = Field(min_length=1, max_length=256)
    action: Literal["hide", "delete", "mute", "warn"] = Field(
        description="Recorded and shown on the page; nothing is posted to the platform"
    )


class ModerationEntry(Out):
    id: str
    comment_id: str
    action: str
    actor: str
    time: float
    text: str
    user: str | None
    suggested: str | None = Field(description="What the copilot had suggested for the comment")
    undone: bool
    undone_by: str | None
    undone_at: float | None


class ModerationLog(Out):
    room: str
    entries: list[ModerationEntry] = Field(description="Newest first")
    muted: list[str]


class RoomSettingsRequest(BaseModel):
    """What to change; a field left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    market: str | None = Field(default=None, min_length=2, max_length=8)
    pinned: list[Sku] | None = Field(default=None, max_length=50)
    moderation: Literal["strict", "normal", "relaxed"] | None = Field(
        default=None, description="strict hides mild language and spam; relaxed allows mild"
    )
    autonomy: Literal["observe", "suggest"] | None = Field(
        default=None, description="observe: cards and counts only; suggest: drafts and actions"
    )


class RoomSettings(Out):
    room: str
    market: str | None
    pinned: list[str]
    moderation: str
    autonomy: str
    markets: list[str] = Field(description="The markets a room may be set to")
    moderation_levels: list[str]
    changed: dict[str, Any] = Field(default_factory=dict)
