"""The ``[voc]`` section of chuhai.toml: themes, alerts and their webhook (read by chuhai.voc)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

__all__ = ["AlertSettings", "ThemeSettings", "VocSettings"]


class ThemeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sample: int = Field(
        default=10_000,
        ge=100,
        le=200_000,
        description="Voices themes are found in; the rest are assigned to the nearest theme",
    )
    min_size: int = Field(default=5, ge=2, description="Fewest voices a discovered theme has")
    assign_threshold: float = Field(
        default=0.25, ge=-1, le=1, description="Below this similarity to every theme: an outlier"
    )
    seed_threshold: float = Field(
        default=0.5, gt=0, le=1, description="Similarity a voice needs to a seed phrase"
    )
    neighbours: int = Field(default=10, ge=0, le=50, description="Neighbours averaged (0: off)")


class AlertSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baseline_weeks: int = Field(
        default=1, ge=1, le=12, description="Weeks before the alert week it is compared with"
    )
    min_count: int = Field(default=10, ge=1, description="Fewest voices an alert is about")
    min_voices: int = Field(default=30, ge=1, description="Fewest voices in the market's week")
    min_lift: float = Field(
        default=1.5, ge=1, description="Share must grow (or shrink) at least this many times"
    )
    fdr: float = Field(
        default=0.05, gt=0, lt=1, description="False discovery rate over all tests of a run"
    )
    channels: list[str] = Field(
        default_factory=lambda: ["review", "email", "call", "survey", "user_test"],
        min_length=1,
        description="Channels alerts watch (live comments: the copilot's room state)",
    )
    webhook_url: HttpUrl | None = Field(default=None, description="POST new alerts here (JSON)")
    webhook_secret_env: str | None = Field(
        default=None, description="Env var holding the HMAC-SHA256 key that signs the body"
    )
    webhook_timeout_s: float = Field(default=10, gt=0, le=120)


class VocSettings(BaseModel):
    """Voice-of-Customer: theme discovery and week-over-week alerts."""

    model_config = ConfigDict(extra="forbid")

    themes: ThemeSettings = Field(default_factory=ThemeSettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
