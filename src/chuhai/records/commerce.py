"""Live sessions and orders: what was sold, where and during which live room."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chuhai.records.types import MarketCode, Sku, UtcDatetime, ZoneName
from chuhai.records.voice import SourceRef

__all__ = ["LiveSession", "Order"]


class LiveSession(BaseModel):
    """One broadcast of a live room, with the products shown in it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=128)
    room: str = Field(min_length=1, max_length=256)
    market: MarketCode
    zone: ZoneName
    platform: str = "tiktok_shop"
    host: str | None = None
    started_at: UtcDatetime
    ended_at: UtcDatetime | None = None
    products: list[Sku] = Field(default_factory=list)
    source: SourceRef

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("session ends before it starts")
        return self


class Order(BaseModel):
    """One order line. ``session_id`` ties it to the live session that sold it, if any."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=128)
    sku: Sku
    market: MarketCode
    zone: ZoneName
    quantity: int = Field(gt=0)
    unit_price: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    time: UtcDatetime
    session_id: str | None = None
    buyer: str | None = Field(default=None, max_length=64, description="keyed pseudonym")
    source: SourceRef
