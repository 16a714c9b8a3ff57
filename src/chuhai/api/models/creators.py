"""Response models of ``/v1/creators``: money as decimal strings in the market's currency."""

from __future__ import annotations

from pydantic import Field

from chuhai.api.models.common import Out

__all__ = ["CreatorReportOut"]


class ReasonOut(Out):
    code: str = Field(description="too_few_orders, losing_money, refunds_high, ...")
    params: dict[str, str]


class CreatorVocOut(Out):
    voices: int
    complaints: int
    complaint_rate: float | None
    negative_share: float | None
    top_emotion: str | None
    emotions: dict[str, int]
    themes: dict[str, int]


class RankedCreatorOut(Out):
    rank: int
    verdict: str = Field(description="keep, renegotiate or stop")
    reasons: list[ReasonOut]
    score: str | None = Field(description="Net margin after samples in the common currency")
    creator_id: str
    handle: str
    market: str
    currency: str
    agency: str | None
    commission_rate: str
    orders: int
    direct_orders: int
    units: int
    gmv: str
    refunds: str
    refunded_orders: int
    returned_units: int
    refund_rate: str | None
    net_revenue: str
    commission: str
    landed_cost: str
    net_margin: str
    margin_rate: str | None
    samples_sent: int
    sample_cost: str | None
    sample_roi: str | None
    videos: int
    lives: int
    views: int
    clicks: int | None
    conversion: str | None
    voc: CreatorVocOut
    missing_costs: list[str]


class CreatorMarketOut(Out):
    market: str
    zone: str
    currency: str
    access: str = Field(description="local, basis (a transfer basis, audited) or aggregate")
    reason: str
    creators: int
    totals: dict[str, str] | None = Field(description="None: fewer than k creators")
    ranked: list[RankedCreatorOut]


class CreatorReportOut(Out):
    reader: str
    common_currency: str | None
    start: str | None
    end: str | None
    markets: list[CreatorMarketOut]
    ranked: list[RankedCreatorOut]
