"""A customer Voice: one thing a customer said, on any channel."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chuhai.records.annotations import Annotations
from chuhai.records.types import Language, MarketCode, Metadata, Sku, UtcDatetime, ZoneName

__all__ = ["Channel", "SourceRef", "Voice"]


class Channel(StrEnum):
    """Where a voice came from."""

    REVIEW = "review"
    EMAIL = "email"
    CALL = "call"
    SURVEY = "survey"
    USER_TEST = "user_test"
    LIVE_COMMENT = "live_comment"


class SourceRef(BaseModel):
    """Where exactly a record was read: connector, file and position, and the source's own id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    system: str = Field(min_length=1, description="e.g. tiktok_shop, amazon, mbox, webvtt")
    file: str | None = None
    locator: str | None = Field(default=None, description="line 12, message 3, cue 7, $[4]")
    source_id: str | None = Field(default=None, description="the id the source system gave it")


class Voice(BaseModel):
    """One customer utterance: a review, a mail, a call turn, a survey answer, a live comment.

    ``author`` is a keyed pseudonym (HMAC with the zone's secret), never a raw handle, so the
    same person links across channels of a zone without being exposed.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=64)
    channel: Channel
    market: MarketCode
    zone: ZoneName
    language: Language = "und"
    sku: Sku | None = None
    time: UtcDatetime
    author: str | None = Field(default=None, max_length=64)
    text: str = Field(max_length=100_000)
    rating: float | None = Field(default=None, ge=0)
    rating_max: float | None = Field(default=None, gt=0)
    conversation_id: str | None = Field(
        default=None, description="call id, e-mail thread or live session the voice belongs to"
    )
    source: SourceRef
    metadata: Metadata = Field(default_factory=dict)
    annotations: Annotations | None = Field(
        default=None, description="set by the enrich stage; stored beside the voice"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.text.strip() and self.rating is None:
            raise ValueError("empty text and no rating")
        if (
            self.rating is not None
            and self.rating_max is not None
            and self.rating > self.rating_max
        ):
            raise ValueError(
                f"rating {self.rating:g} is above the scale maximum {self.rating_max:g}"
            )
        return self
