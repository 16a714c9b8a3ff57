"""What the VOC routes answer (``/v1/voc/...``): measures, themes, quotes, journeys, alerts."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from chuhai.api.models.common import Out

__all__ = [
    "AlertOut",
    "AlertsOut",
    "JourneyOut",
    "MeasuresOut",
    "OverviewOut",
    "QuoteOut",
    "QuotesOut",
    "SummaryOut",
    "ThemeDetailOut",
    "ThemeViewOut",
    "ThemesOut",
]


class RowOut(Out):
    key: str
    voices: int
    people: int | None = Field(description="None: not counted (at least k inside the zone)")
    pos: int
    neu: int
    neg: int
    share: float
    net_sentiment: float | None


class BreakdownOut(Out):
    rows: list[RowOut]
    suppressed: int = Field(description="Groups left out: fewer than k people")


class PeriodOut(Out):
    label: str
    start: str
    end: str


class ScopeOut(Out):
    """The filters applied; a filter not used is absent."""

    markets: list[str] | None = None
    sku: str | None = None
    channel: str | None = None
    language: str | None = None
    period: PeriodOut | None = None
    theme: str | None = None
    aspect: str | None = None
    sentiment: str | None = None
    intent: str | None = None
    emotion: str | None = None


class SentimentOut(Out):
    pos: int
    neu: int
    neg: int


class RatingOut(Out):
    count: int
    mean: float | None
    distribution: dict[str, int] = Field(description="Voices per star, 1 to 5")


class AspectOut(Out):
    aspect: str
    pos: int
    neu: int
    neg: int
    total: int
    net_sentiment: float | None


class SummaryOut(Out):
    """Every measure of a scope in one zone; a hidden scope shows no figure at all."""

    zone: str
    scope: ScopeOut
    hidden: bool
    min_people: int
    volume: int | None
    people: int | None
    net_sentiment: float | None
    sentiment: SentimentOut | None
    rating: RatingOut | None
    breakdowns: dict[str, BreakdownOut]
    aspects: list[AspectOut]
    aspects_suppressed: int | None
    themes: BreakdownOut | None


class MeasuresOut(SummaryOut):
    raw_access: bool = Field(description="Whether the reader may read the zone's raw text")


class OverviewOut(Out):
    reader: str
    k: int
    markets: list[SummaryOut]


class QuoteOut(Out):
    id: str
    time: str
    market: str
    channel: str
    sku: str | None
    language: str
    text: str
    rating: float | None
    person: str | None
    sentiment: str | None
    emotion: str | None
    intent: str | None


class QuotesOut(Out):
    market: str
    quotes: list[QuoteOut]


class _ThemeFields(Out):
    id: str
    zone: str
    kind: str
    name: str
    name_zh: str | None
    name_zh_terms: list[str]
    key_phrases: list[str]
    seeds: list[str]
    threshold: float | None
    markets: list[str]
    size: int
    aspect: str | None
    intent: str | None
    net_sentiment: float | None
    run_id: str
    created_at: str


class ThemeViewOut(_ThemeFields):
    voices: int
    people: int | None
    quotes: list[QuoteOut] = Field(description="Empty where the reader may not read the zone")


class ThemesOut(Out):
    market: str
    themes: list[ThemeViewOut]


class ThemeDetailOut(_ThemeFields):
    representatives: list[str] = Field(description="Voice ids, best first")


class VoiceStep(QuoteOut):
    kind: Literal["voice"]


class OrderStep(Out):
    kind: Literal["order"]
    id: str
    time: str
    market: str
    sku: str
    quantity: int
    unit_price: float
    currency: str
    session_id: str | None


Step = Annotated[VoiceStep | OrderStep, Field(discriminator="kind")]


class JourneyOut(Out):
    zone: str
    person: str
    channels: list[str]
    steps: list[Step] = Field(description="What the person said and bought, in time order")


class AlertOut(Out):
    id: str
    zone: str
    market: str
    week: str
    dimension: Literal["aspect_negative", "intent", "theme", "negative"]
    key: str
    direction: Literal["up", "down"]
    severity: Literal["warning", "info"]
    count: int
    people: int | None = Field(description="None: counted from released figures")
    voices: int
    share: float
    baseline_count: int
    baseline_voices: int
    baseline_share: float
    lift: float | None = Field(description="share / baseline share; None from a zero baseline")
    p_value: float
    q_value: float
    label: str = Field(description="A theme's name")
    released: bool


class AlertsOut(Out):
    alerts: list[AlertOut]
