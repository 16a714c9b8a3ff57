"""What ``/v1/partners/statements`` answers: statements with amounts as decimal text in the
statement's currency (never floats), every line traceable to its order."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from chuhai.api.models.common import Out

__all__ = ["StatementOut", "StatementsOut"]

Amount = str


class PartnerOut(Out):
    id: str
    name: str
    name_zh: str | None
    kind: str = Field(description="local_team, agency or distributor")
    markets: list[str]


class LineOut(Out):
    order_id: str
    order_ref: str | None = Field(description="The platform's order id")
    market: str
    zone: str
    sku: str
    time: datetime
    quantity: int
    unit_price: Amount
    order_currency: str
    fx: Amount = Field(description="Statement currency per unit of the order's")
    revenue: Amount
    refunds: Amount
    landed: Amount
    commission: Amount
    fees: Amount
    net: Amount
    refund_ids: list[str]
    creator: str | None


class ClawbackOut(Out):
    refund_id: str
    order_id: str
    market: str
    kind: str
    refund_time: datetime
    order_period: str
    refund: Amount
    rate: Amount = Field(description="The share's effective rate in the order's month")
    clawback: Amount


class TierOut(Out):
    above: Amount
    rate: Amount
    base: Amount
    share: Amount


class SectionOut(Out):
    markets: list[str]
    rule_start: str
    lines: list[LineOut]
    clawbacks: list[ClawbackOut]
    revenue: Amount
    refunds: Amount
    landed: Amount
    commission: Amount
    fees: Amount
    net_profit: Amount
    threshold: Amount
    above_threshold: Amount
    tiers: list[TierOut]
    share_before_cap: Amount
    cap: Amount | None
    share: Amount
    clawback: Amount
    effective_rate: Amount
    payable: Amount


class StatementOut(Out):
    partner: PartnerOut
    period: str
    currency: str
    net_profit: Amount
    share: Amount
    clawback: Amount
    payable: Amount = Field(description="share - clawback; negative: the partner owes it")
    fx: dict[str, Amount]
    notes: list[str]
    sections: list[SectionOut]


class StatementsOut(Out):
    period: str
    statements: list[StatementOut]
