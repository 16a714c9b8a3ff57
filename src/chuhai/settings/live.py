"""The ``[live]`` section of chuhai.toml: the copilot, moderation and ``live connect``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from chuhai.settings.base import Section, expand_or_raise

__all__ = ["LiveConnectSettings", "LiveSettings", "ModerationSettings"]


class ModerationSettings(Section):
    """What the live copilot does with a comment, by toxicity severity and kind."""

    strong: Literal["hide", "flag", "allow"] = "hide"
    mild: Literal["hide", "flag", "allow"] = "flag"
    spam: Literal["hide", "flag", "allow"] = "flag"
    contact_details: Literal["hide", "flag", "allow"] = Field(
        default="hide",
        description="A viewer posting a phone number, e-mail or messaging-app handle or link "
        "(LINE, WhatsApp, Telegram, WeChat, Zalo): off-platform contact (TikTok Shop rule)",
    )


class LiveConnectSettings(Section):
    """``chuhai live connect``: the rooms to read when none are named on the command line."""

    rooms: list[str] = Field(
        default_factory=list,
        description="Targets: tiktok:@handle, youtube:VIDEO_OR_CHANNEL, twitch:channel; "
        "NAME=target names the room",
    )
    market: str | None = Field(default=None, description="Market of the rooms' events")
    session: str | None = Field(default=None, description="Live session id of the events")
    sign_per_minute: int = Field(
        default=3, ge=1, le=60, description="TikTok: connections a minute, all rooms together"
    )
    offline_poll_s: float = Field(default=60, ge=1, description="A room ended: ask this often")
    base_urls: dict[str, str] = Field(
        default_factory=dict, description="Platform -> base URL (a proxy, a test server)"
    )


class LiveSettings(Section):
    """The live-room copilot."""

    rooms: dict[str, str] = Field(
        default_factory=dict, description="Room id -> market, for rooms no session names"
    )
    cascade: Literal["accurate", "balanced", "fast"] = "fast"
    duplicate_window_s: float = Field(default=30, gt=0, description="Same text again: collapsed")
    flood_limit: int = Field(default=6, ge=1, description="Comments per user per flood window")
    flood_window_s: float = Field(default=10, gt=0)
    answer_min_score: float = Field(
        default=0.91, ge=0, le=1, description="Cosine similarity a KB answer needs"
    )
    max_comment_chars: int = Field(default=2000, ge=50)
    analyze_chars: int = Field(
        default=160, ge=20, description="A comment's first characters are what gets analysed"
    )
    batch_window_ms: float = Field(
        default=10,
        ge=0,
        le=1000,
        description="Events pushed one per request wait this long to be analysed together",
    )
    batch_size: int = Field(default=128, ge=1, le=5000, description="Most events per batch")
    queue_size: int = Field(
        default=4096,
        ge=1,
        description="Events waiting at most; beyond, pushes are answered 429 with Retry-After",
    )
    moderation: ModerationSettings = Field(default_factory=ModerationSettings)
    moderation_by_market: dict[str, ModerationSettings] = Field(default_factory=dict)
    connect: LiveConnectSettings = Field(default_factory=LiveConnectSettings)

    @field_validator("rooms")
    @classmethod
    def _room_markets(cls, value: dict[str, str]) -> dict[str, str]:
        return {room: expand_or_raise([m])[0] for room, m in value.items()}

    def policy(self, market: str) -> ModerationSettings:
        return self.moderation_by_market.get(market, self.moderation)
