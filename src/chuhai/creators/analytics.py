"""Per creator and market: what they sold, what it cost, what their buyers said.

All money is :class:`~decimal.Decimal` in the market's currency; figures are summed unrounded
and rounded once, per creator, to the currency's minor unit (:func:`round_money`).

For one creator's attributed order lines (cancelled lines count for nothing):

- **GMV** = Σ quantity x unit price;
- **refunds** = Σ the refund reported, or the whole line when it is refunded or returned
  without an amount;
- **net revenue** = GMV - refunds;
- **commission** = Σ the commission reported per line, else the line's rate (or the creator's)
  x the line's value not refunded;
- **landed cost** = Σ units that stayed with the buyer x the SKU's landed unit cost in the
  market (supply's landed cost: product + freight + duty + VAT, converted at [fx]); returned
  units are back in stock and cost nothing;
- **net margin** = net revenue - commission - landed cost; **margin rate** = net margin /
  net revenue;
- **sample cost** = the creator's sample cost, else samples sent x the sample SKU's landed
  cost; **sample ROI** = (net margin - sample cost) / sample cost;
- **conversion** = orders / product clicks on the creator's content (none without clicks);
- **VOC** from their buyers' voices (linked by order id or buyer pseudonym): complaint rate
  (a rated voice at 40% of its scale or less, e.g. one or two stars; an unrated one, such as
  a mail or a live comment, with a complaint or refund intent), the emotion mix
  (confident emotions only) and the themes they fall in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from chuhai.records.creators import (
    AffiliateOrder,
    Attribution,
    Creator,
    CreatorContent,
    commission_of,
)
from chuhai.store.rows import BuyerVoice

__all__ = [
    "COMPLAINT_INTENTS",
    "CreatorFigures",
    "UnitCost",
    "VocFigures",
    "creator_figures",
    "minor_units",
    "round_money",
]

COMPLAINT_INTENTS: Final = frozenset(
    {"complaint_product", "complaint_delivery", "complaint_service", "refund_return"}
)
CONFIDENT_EMOTION: Final = 0.5  # as the VOC emotion mix (enrich.decisions.CONFIDENT_EMOTION)

# ISO 4217 minor units of the currencies chuhai's markets use (2 unless listed).
_MINOR_UNITS: Final = {"IDR": 0, "VND": 0, "JPY": 0, "KRW": 0, "CLP": 0}

UnitCost = Callable[[str, str], Decimal | None]
"""(market, sku) -> landed cost of one unit in the market's currency, or None if unknown."""


def minor_units(currency: str) -> int:
    return _MINOR_UNITS.get(currency, 2)


def round_money(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half-up to the currency's minor unit (IDR 0 decimals, USD 2)."""
    return amount.quantize(Decimal(1).scaleb(-minor_units(currency)), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class VocFigures:
    voices: int = 0
    complaints: int = 0
    negative: int = 0
    emotions: dict[str, int] = field(default_factory=dict)
    themes: dict[str, int] = field(default_factory=dict)

    @property
    def complaint_rate(self) -> float | None:
        return self.complaints / self.voices if self.voices else None

    @property
    def negative_share(self) -> float | None:
        return self.negative / self.voices if self.voices else None

    @property
    def top_emotion(self) -> str | None:
        return max(self.emotions, key=lambda e: (self.emotions[e], e)) if self.emotions else None

    def as_dict(self) -> dict[str, object]:
        rate, negative = self.complaint_rate, self.negative_share
        return {
            "voices": self.voices,
            "complaints": self.complaints,
            "complaint_rate": None if rate is None else round(rate, 4),
            "negative_share": None if negative is None else round(negative, 4),
            "top_emotion": self.top_emotion,
            "emotions": dict(self.emotions),
            "themes": dict(self.themes),
        }


@dataclass(frozen=True)
class CreatorFigures:
    """One creator's figures in one market (money rounded to the currency's minor unit)."""

    creator_id: str
    handle: str
    market: str
    currency: str
    agency: str | None
    commission_rate: Decimal
    orders: int
    direct_orders: int
    units: int
    gmv: Decimal
    refunds: Decimal
    refunded_orders: int
    returned_units: int
    net_revenue: Decimal
    commission: Decimal
    landed_cost: Decimal
    net_margin: Decimal
    samples_sent: int
    sample_cost: Decimal | None
    videos: int
    lives: int
    views: int
    clicks: int | None
    voc: VocFigures
    missing_costs: tuple[str, ...] = ()  # SKUs without a landed cost (counted as 0)

    @property
    def margin_rate(self) -> Decimal | None:
        if not self.net_revenue:
            return None
        return (self.net_margin / self.net_revenue).quantize(Decimal("0.0001"))

    @property
    def refund_rate(self) -> Decimal | None:
        return (self.refunds / self.gmv).quantize(Decimal("0.0001")) if self.gmv else None

    @property
    def conversion(self) -> Decimal | None:
        if not self.clicks:
            return None
        return (Decimal(self.orders) / self.clicks).quantize(Decimal("0.0001"))

    @property
    def margin_after_samples(self) -> Decimal:
        return self.net_margin - (self.sample_cost or Decimal(0))

    @property
    def sample_roi(self) -> Decimal | None:
        if not self.sample_cost:
            return None
        return (self.margin_after_samples / self.sample_cost).quantize(Decimal("0.01"))

    def as_dict(self) -> dict[str, object]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "creator_id": self.creator_id,
            "handle": self.handle,
            "market": self.market,
            "currency": self.currency,
            "agency": self.agency,
            "commission_rate": str(self.commission_rate),
            "orders": self.orders,
            "direct_orders": self.direct_orders,
            "units": self.units,
            "gmv": str(self.gmv),
            "refunds": str(self.refunds),
            "refunded_orders": self.refunded_orders,
            "returned_units": self.returned_units,
            "refund_rate": text(self.refund_rate),
            "net_revenue": str(self.net_revenue),
            "commission": str(self.commission),
            "landed_cost": str(self.landed_cost),
            "net_margin": str(self.net_margin),
            "margin_rate": text(self.margin_rate),
            "samples_sent": self.samples_sent,
            "sample_cost": text(self.sample_cost),
            "sample_roi": text(self.sample_roi),
            "videos": self.videos,
            "lives": self.lives,
            "views": self.views,
            "clicks": self.clicks,
            "conversion": text(self.conversion),
            "voc": self.voc.as_dict(),
            "missing_costs": list(self.missing_costs),
        }


def _voc(voices: Iterable[BuyerVoice]) -> VocFigures:
    n = complaints = negative = 0
    emotions: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    for v in voices:
        n += 1
        if v.rating is not None and v.rating_max:  # the buyer's own rating decides
            complaints += v.rating / v.rating_max <= 0.4
        else:
            complaints += v.intent in COMPLAINT_INTENTS
        negative += v.sentiment == "neg"
        confident = (v.emotion_confidence or 0) >= CONFIDENT_EMOTION
        if v.emotion and v.emotion != "neutral" and confident:
            emotions[v.emotion] += 1
        themes.update(v.themes)
    return VocFigures(n, complaints, negative, dict(emotions.most_common()),
                      dict(themes.most_common(5)))  # fmt: skip


def creator_figures(
    creators: Sequence[Creator],
    orders: Sequence[AffiliateOrder],
    content: Sequence[CreatorContent] = (),
    voices: Sequence[BuyerVoice] = (),
    unit_cost: UnitCost | None = None,
) -> list[CreatorFigures]:
    """The figures of every creator that has orders, content or terms, largest GMV first.
    Orders of a creator not listed are kept under their creator id (handle unknown)."""
    cost = unit_cost or (lambda _market, _sku: None)
    by_creator: dict[str, list[AffiliateOrder]] = defaultdict(list)
    for order in orders:
        by_creator[order.creator_id].append(order)
    posts: dict[str, list[CreatorContent]] = defaultdict(list)
    for item in content:
        posts[item.creator_id].append(item)
    heard: dict[str, list[BuyerVoice]] = defaultdict(list)
    for voice in voices:
        heard[voice.creator_id].append(voice)
    known: Mapping[str, Creator] = {c.id: c for c in creators}
    out = []
    for cid in dict.fromkeys([*known, *by_creator]):
        creator = known.get(cid)
        lines = by_creator.get(cid, [])
        market = creator.market if creator else lines[0].market
        currency = creator.currency if creator else lines[0].currency
        rate = creator.commission_rate if creator else Decimal(0)
        out.append(
            _figures(cid, creator, market, currency, rate, lines, posts[cid], heard[cid], cost)
        )
    out.sort(key=lambda f: (-f.gmv, f.handle))
    return out


def _figures(
    cid: str,
    creator: Creator | None,
    market: str,
    currency: str,
    rate: Decimal,
    lines: list[AffiliateOrder],
    posts: list[CreatorContent],
    voices: list[BuyerVoice],
    cost: UnitCost,
) -> CreatorFigures:
    live = [o for o in lines if o.gmv]
    gmv = sum((o.gmv for o in live), Decimal(0))
    refunds = sum((o.refunded for o in live), Decimal(0))
    commission = sum((commission_of(o, rate) for o in live), Decimal(0))
    landed = Decimal(0)
    missing: set[str] = set()
    for o in live:
        unit = cost(o.market, o.sku)
        if unit is None:
            missing.add(o.sku)
        elif o.units_kept:
            landed += unit * o.units_kept
    sample_cost = creator.sample_cost if creator else None
    if creator and sample_cost is None and creator.samples_sent and creator.sample_sku:
        unit = cost(market, creator.sample_sku)
        if unit is None:
            missing.add(creator.sample_sku)
        else:
            sample_cost = unit * creator.samples_sent
    orders = {o.order_id for o in live}
    clicked = [p.clicks for p in posts if p.clicks is not None]
    r = round_money
    net_revenue = gmv - refunds
    return CreatorFigures(
        creator_id=cid,
        handle=creator.handle if creator else cid,
        market=market,
        currency=currency,
        agency=creator.agency if creator else None,
        commission_rate=rate,
        orders=len(orders),
        direct_orders=len({o.order_id for o in live if o.attribution is Attribution.DIRECT}),
        units=sum(o.quantity for o in live),
        gmv=r(gmv, currency),
        refunds=r(refunds, currency),
        refunded_orders=len({o.order_id for o in live if o.refunded}),
        returned_units=sum(o.quantity - o.units_kept for o in live),
        net_revenue=r(net_revenue, currency),
        commission=r(commission, currency),
        landed_cost=r(landed, currency),
        net_margin=r(net_revenue - commission - landed, currency),
        samples_sent=creator.samples_sent if creator else 0,
        sample_cost=None if sample_cost is None else r(sample_cost, currency),
        videos=sum(p.kind == "video" for p in posts),
        lives=sum(p.kind == "live" for p in posts),
        views=sum(p.views for p in posts),
        clicks=sum(clicked) if clicked else None,
        voc=_voc(voices),
        missing_costs=tuple(sorted(missing)),
    )
