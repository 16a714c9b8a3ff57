"""Partners and their profit share: who shares in a market's profit (local teams, agencies,
distributors), the share rules per market and period, and the refunds and returns that a
statement nets out or claws back (docs/PARTNERS.md).

Money in these records is a float as stored (like ``Order.unit_price``); statements compute in
:class:`~decimal.Decimal` from its decimal text and round in the currency's minor units.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chuhai.records.types import MarketCode, Sku, UtcDatetime, ZoneName
from chuhai.records.voice import SourceRef

__all__ = [
    "Fees",
    "OrderLine",
    "Partner",
    "PartnerKind",
    "PartnersSetup",
    "Period",
    "Refund",
    "ShareRule",
    "Tier",
    "parse_period",
]

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
Period = Annotated[str, Field(pattern=_PERIOD.pattern, description="a month, YYYY-MM")]
Rate = Annotated[float, Field(ge=0, le=1)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


def parse_period(text: str) -> tuple[int, int]:
    """``"2026-11"`` -> (2026, 11); ValueError otherwise."""
    match = _PERIOD.match(text.strip())
    if not match:
        raise ValueError(f"period {text!r}: expected a month as YYYY-MM, e.g. 2026-11")
    return int(match[1]), int(match[2])


class Refund(BaseModel):
    """Money given back on (part of) an order line: a refund (goods kept or lost) or a return
    (goods sent back). ``order_id`` is the platform's order id (or the stored line's id);
    ``sku`` picks the line of an order of several. ``amount`` is in the refund's currency."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=128)
    order_id: str = Field(min_length=1, max_length=128)
    sku: Sku | None = None
    market: MarketCode
    zone: ZoneName
    kind: Literal["refund", "return"] = "refund"
    quantity: int = Field(default=1, gt=0)
    amount: float = Field(ge=0)
    currency: Currency
    time: UtcDatetime
    reason: str | None = Field(default=None, max_length=200)
    source: SourceRef


class OrderLine(BaseModel):
    """An order line as a statement reads it: no buyer, nothing personal. ``ref`` is the
    platform's order id (what refunds and creators' orders refer to)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    ref: str | None = None
    sku: Sku
    market: MarketCode
    zone: ZoneName
    quantity: int
    unit_price: float
    currency: Currency
    time: datetime
    session_id: str | None = None


class PartnerKind(StrEnum):
    LOCAL_TEAM = "local_team"
    AGENCY = "agency"
    DISTRIBUTOR = "distributor"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Tier(_Model):
    """``rate`` of the net profit that lies ``above`` this much over the threshold."""

    above: float = Field(ge=0)
    rate: Rate


class Fees(_Model):
    """Costs of selling that come off the profit before it is shared."""

    platform_rate: Rate = Field(default=0, description="platform commission, share of net sales")
    per_line: float = Field(default=0, ge=0, description="fulfilment fee per order line")


class ShareRule(_Model):
    """How a partner shares in the profit of some markets from one month to another."""

    markets: list[MarketCode] = Field(default_factory=list, description="default: the partner's")
    start: Period = Field(alias="from")
    until: Period | None = Field(default=None, description="last month it applies (inclusive)")
    threshold: float = Field(default=0, ge=0, description="net profit kept before any share")
    tiers: list[Tier] = Field(min_length=1)
    cap: float | None = Field(default=None, ge=0, description="most share paid in a month")
    clawback: bool = Field(default=True, description="claw back the share of later refunds")
    clawback_months: int = Field(default=3, ge=0, le=24, description="how far back")
    fees: Fees = Field(default_factory=Fees)
    mode: str | None = Field(default=None, description="shipping mode for landed cost")
    shipment_units: int = Field(default=500, ge=1, description="shipment size for landed cost")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.until is not None and self.until < self.start:
            raise ValueError(f"rule ends ({self.until}) before it starts ({self.start})")
        aboves = [t.above for t in self.tiers]
        if aboves[0] != 0 or aboves != sorted(set(aboves)):
            raise ValueError("tiers start at above = 0 and rise strictly")
        return self

    def covers(self, period: str) -> bool:
        """Whether the rule applies in ``period`` (YYYY-MM)."""
        return self.start <= period and (self.until is None or period <= self.until)


class Partner(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{1,63}$")
    name: str = Field(min_length=1)
    name_zh: str | None = None
    kind: PartnerKind
    markets: list[MarketCode] = Field(min_length=1)
    currency: Currency | None = Field(default=None, description="default: first market's")
    rules: list[ShareRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _rules(self) -> Self:
        for rule in self.rules:
            if extra := set(rule.markets) - set(self.markets):
                raise ValueError(f"partner {self.id}: rule for {', '.join(sorted(extra))}, "
                                 "which is not among the partner's markets")  # fmt: skip
        for i, a in enumerate(self.rules):
            for b in self.rules[i + 1 :]:
                shared = set(a.markets or self.markets) & set(b.markets or self.markets)
                if shared and _overlap(a, b):
                    raise ValueError(
                        f"partner {self.id}: two rules for {', '.join(sorted(shared))} overlap "
                        f"({a.start}.. and {b.start}..)"
                    )
        return self

    def rules_for(self, period: str) -> list[ShareRule]:
        return [r for r in self.rules if r.covers(period)]

    def rule_for(self, market: str, period: str) -> ShareRule | None:
        for r in self.rules_for(period):
            if market in (r.markets or self.markets):
                return r
        return None


def _overlap(a: ShareRule, b: ShareRule) -> bool:
    a_end, b_end = a.until or "9999-12", b.until or "9999-12"
    return a.start <= b_end and b.start <= a_end


class PartnersSetup(_Model):
    """``partners.toml``: the partners, their rules and how money is rounded."""

    rounding: Literal["half_up", "half_even"] = "half_up"
    decimals: dict[Currency, int] = Field(
        default_factory=dict, description="minor units per currency, over the built-in table"
    )
    partners: list[Partner] = Field(default_factory=list)

    @field_validator("decimals")
    @classmethod
    def _decimals(cls, value: dict[str, int]) -> dict[str, int]:
        if bad := [c for c, d in value.items() if not 0 <= d <= 4]:
            raise ValueError(f"decimals of {bad[0]} must be 0..4")
        return value

    @model_validator(mode="after")
    def _unique(self) -> Self:
        ids = [p.id for p in self.partners]
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            raise ValueError(f"partner {dupes[0]} appears twice")
        return self

    def partner(self, partner_id: str) -> Partner | None:
        return next((p for p in self.partners if p.id == partner_id), None)
