"""What happens in a live room besides comments: viewers, gifts, likes, questions answered,
moderation actions, pins. The 直播复盘 (post-live review) is computed from these, the stored
comments and the orders.

An entry holds no personal data: no viewer ids and no text (comments are stored as voices,
redacted; an entry refers to one by its id in ``ref``). ``actor`` is the operator's user name
for actions taken on the page, "system" for what the platform reported.
"""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel, ConfigDict, Field

from chuhai.records.types import MarketCode, UtcDatetime, ZoneName

__all__ = ["ACTION_KINDS", "ACTIVITY_KINDS", "JournalEntry"]

ACTIVITY_KINDS: Final = frozenset(
    {
        "viewers",  # count = viewers now
        "gift",  # count = gifts, value in detail["unit"] (diamonds, bits, a currency)
        "like",  # count = likes
        "join",
        "follow",
        "share",
        "subscribe",
        "raid",  # count = viewers brought
        "product",  # sku, detail["action"]: what the platform said happened to it
        "room_end",
        "unknown",  # detail["raw_type"]: a platform event we do not map, counted
    }
)
"""What the platform reports, one entry per event (``count`` sums repeats)."""
ACTION_KINDS: Final = frozenset(
    {
        "answered",  # ref = the question's comment id; detail["seconds"]: time to answer
        "moderation",  # ref = comment id; detail["action"]: hide | delete | mute | warn
        "undo",  # ref = the id of the moderation entry undone
        "pin",  # sku pinned; detail["unpinned"]: true when taken off screen
        "settings",  # detail: the room settings changed (market, autonomy, moderation level)
    }
)
"""What the host team did on the /live page."""

Scalar = str | int | float | bool | None


class JournalEntry(BaseModel):
    """One thing that happened in a live room at ``time`` (kinds: see the module)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=128)
    room: str = Field(min_length=1, max_length=256)
    session_id: str | None = Field(default=None, max_length=128)
    market: MarketCode
    zone: ZoneName
    time: UtcDatetime
    kind: str = Field(min_length=1, max_length=32)
    ref: str | None = Field(default=None, max_length=256)
    sku: str | None = Field(default=None, max_length=128)
    count: int = Field(default=0, ge=0)
    value: float = Field(default=0.0, ge=0)
    actor: str | None = Field(default=None, max_length=128)
    detail: dict[str, Scalar] = Field(default_factory=dict)
