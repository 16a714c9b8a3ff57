"""Affiliate creators, their content and the orders the platform attributes to them.

A creator (达人) sells the brand's products in their own videos and lives for a commission.
TikTok Shop reports, per order line, which creator it is attributed to and how: ``direct``
(bought through the creator's own video, live or showcase link) or ``attributed`` (credited to
the creator inside the attribution window without a direct click-through). Creators are
personal data of their market's zone, like buyers: their records carry a market and a zone and
only that zone's store accepts them. A buyer is a keyed pseudonym, as on every order.

Money is :class:`~decimal.Decimal` in the record's currency, stored as text, never float.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from chuhai.records.ids import stable_id
from chuhai.records.types import MarketCode, Sku, UtcDatetime, ZoneName
from chuhai.records.voice import SourceRef

__all__ = [
    "AffiliateOrder",
    "Attribution",
    "ContentKind",
    "Creator",
    "CreatorContent",
    "CreatorRecord",
    "OrderStatus",
    "commission_of",
    "creator_id",
    "normalise_handle",
]

Money = Annotated[Decimal, Field(ge=0, max_digits=20, decimal_places=6)]
Rate = Annotated[Decimal, Field(ge=0, le=1, max_digits=9, decimal_places=6)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Handle = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[^\s]+$")]


class ContentKind(StrEnum):
    VIDEO = "video"
    LIVE = "live"
    SHOWCASE = "showcase"  # the creator's product showcase (橱窗), no piece of content


class Attribution(StrEnum):
    DIRECT = "direct"
    ATTRIBUTED = "attributed"


class OrderStatus(StrEnum):
    PENDING = "pending"  # not settled yet
    SETTLED = "settled"  # completed, commission payable
    REFUNDED = "refunded"  # money back, goods kept by the buyer (or lost)
    RETURNED = "returned"  # money back, goods back in stock
    CANCELLED = "cancelled"  # never shipped: no GMV, no cost


def normalise_handle(handle: str) -> str:
    """``@Rina.Review `` -> ``rina.review``: how handles are compared and keyed."""
    return handle.strip().lstrip("@").lower()


def creator_id(platform: str, market: str, handle: str) -> str:
    """The derived id of a creator on a platform in a market."""
    return stable_id("creator", platform, market, normalise_handle(handle))


class Creator(BaseModel):
    """An affiliate creator of one market, with the terms agreed with them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=128)
    handle: Handle = Field(description="the public handle, without @ (personal data)")
    platform: str = "tiktok_shop"
    market: MarketCode
    zone: ZoneName
    commission_rate: Rate = Field(description="share of the order value paid to the creator")
    agency: str | None = Field(default=None, max_length=128, description="agency or MCN")
    samples_sent: int = Field(default=0, ge=0)
    sample_sku: Sku | None = None
    sample_cost: Money | None = Field(
        default=None, description="what the samples cost, in ``currency``; else from landed cost"
    )
    currency: Currency
    followers: int | None = Field(default=None, ge=0)
    source: SourceRef

    @model_validator(mode="after")
    def _keyed(self) -> Self:
        if self.handle != normalise_handle(self.handle):
            raise ValueError(f"handle {self.handle!r} is not normalised (lower case, no @)")
        return self


class CreatorContent(BaseModel):
    """A video or live of a creator that showed the brand's products."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=128)
    content_id: str = Field(min_length=1, max_length=128, description="the platform's id")
    creator_id: str = Field(min_length=1, max_length=128)
    market: MarketCode
    zone: ZoneName
    kind: ContentKind
    time: UtcDatetime = Field(description="posted, or the live's start")
    views: int = Field(default=0, ge=0)
    clicks: int | None = Field(default=None, ge=0, description="product clicks")
    skus: list[Sku] = Field(default_factory=list)
    source: SourceRef


class AffiliateOrder(BaseModel):
    """One order line the platform attributes to a creator, as its affiliate export says."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=128)
    order_id: str = Field(min_length=1, max_length=128, description="the platform's order id")
    creator_id: str = Field(min_length=1, max_length=128)
    content_id: str | None = Field(default=None, max_length=128)
    content_kind: ContentKind | None = None
    attribution: Attribution = Attribution.DIRECT
    sku: Sku
    market: MarketCode
    zone: ZoneName
    quantity: int = Field(gt=0)
    unit_price: Money
    currency: Currency
    commission_rate: Rate | None = None
    commission: Money | None = Field(default=None, description="as reported; else rate x net")
    status: OrderStatus = OrderStatus.SETTLED
    refund_amount: Money = Decimal(0)
    returned_units: int = Field(default=0, ge=0)
    time: UtcDatetime
    buyer: str | None = Field(default=None, max_length=64, description="keyed pseudonym")
    source: SourceRef

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.returned_units > self.quantity:
            raise ValueError(
                f"returned_units {self.returned_units} is above the quantity {self.quantity}"
            )
        if self.refund_amount > self.unit_price * self.quantity:
            raise ValueError(
                f"refund {self.refund_amount} is above the line's value "
                f"{self.unit_price * self.quantity}"
            )
        return self

    @property
    def gmv(self) -> Decimal:
        """The line's value; nothing for a cancelled line."""
        if self.status is OrderStatus.CANCELLED:
            return Decimal(0)
        return self.unit_price * self.quantity

    @property
    def refunded(self) -> Decimal:
        """Money given back: the refund reported, or the whole line when refunded or
        returned without an amount."""
        if self.status is OrderStatus.CANCELLED:
            return Decimal(0)
        if self.refund_amount:
            return self.refund_amount
        if self.status in (OrderStatus.REFUNDED, OrderStatus.RETURNED):
            return self.gmv
        return Decimal(0)

    @property
    def units_kept(self) -> int:
        """Units that left the warehouse for good (landed cost is spent on them)."""
        if self.status is OrderStatus.CANCELLED:
            return 0
        if self.status is OrderStatus.RETURNED and not self.returned_units:
            return 0
        return self.quantity - self.returned_units


CreatorRecord = Creator | CreatorContent | AffiliateOrder


def commission_of(order: AffiliateOrder, creator_rate: Decimal) -> Decimal:
    """The commission of one line: as reported, else (the line's rate, or the creator's) x the
    value not refunded; a cancelled line owes none. Unrounded: round per creator and currency."""
    if order.status is OrderStatus.CANCELLED:
        return Decimal(0)
    if order.commission is not None:
        return order.commission
    rate = order.commission_rate if order.commission_rate is not None else creator_rate
    return rate * (order.gmv - order.refunded)
