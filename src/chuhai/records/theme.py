"""A theme: what a group of voices is about, found by clustering or defined by seed phrases.

A theme lives in one residency zone. It names itself with key phrases (never a whole quote)
and points at representative voices by id, so quotes are read where they are stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from chuhai.records.ids import stable_id
from chuhai.records.types import MarketCode, UtcDatetime, ZoneName

__all__ = ["Theme", "ThemeKind", "theme_id"]

ThemeKind = Literal["discovered", "seeded"]


def theme_id(zone: str, kind: str, name: str, run_id: str = "") -> str:
    """Seeded themes keep their id across runs (by name); discovered ones are per run."""
    return stable_id("theme", zone, kind, name, run_id if kind == "discovered" else "")


class Theme(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=64)
    zone: ZoneName
    kind: ThemeKind
    name: str = Field(min_length=1, max_length=200, description="Key phrases, or the user's name")
    name_zh: str | None = Field(
        default=None, max_length=200, description="Its name in Chinese, from the phrase bank"
    )
    name_zh_terms: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, description="The original words the Chinese name stands for"
    )
    key_phrases: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list)
    seeds: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(default_factory=list)
    threshold: float | None = Field(default=None, ge=0, le=1)
    markets: list[MarketCode] = Field(default_factory=list)
    size: int = Field(default=0, ge=0, description="Voices assigned to the theme")
    representatives: list[str] = Field(default_factory=list, description="Voice ids, best first")
    aspect: str | None = Field(default=None, description="The aspect most of its voices name")
    intent: str | None = Field(default=None, description="The most common intent of its voices")
    net_sentiment: float | None = Field(default=None, ge=-100, le=100)
    run_id: str = ""
    created_at: UtcDatetime = Field(default_factory=lambda: datetime.now(UTC))
