"""A partner's profit-share statement for one month (docs/PARTNERS.md).

For each share rule of the partner that covers the month, the order lines of its markets sold
in that month (in the market's local time) make a pool:

    net profit = revenue - refunds - landed cost - creators' commissions - fees

per line, every figure in the partner's currency and rounded to its minor units, so the
statement adds up line by line. The share is the tiers' rates on the net profit above the
threshold (each rate on its slice), at most the cap. Refunds in the month of orders sold in an
earlier month (within ``clawback_months``) are clawed back: the refund times the share's
effective rate in the order's month (share / net profit of that month, as it was then).
Payable = share - clawback, which can be negative (the partner owes it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from chuhai.errors import InputError
from chuhai.markets import MARKET_INFO
from chuhai.partners.ledger import Ledger
from chuhai.partners.money import FxTable, Money, dec
from chuhai.records.partners import OrderLine, Partner, ShareRule, parse_period

__all__ = [
    "ClawbackLine",
    "LandedCosts",
    "Section",
    "Statement",
    "StatementLine",
    "TierShare",
    "compute_statement",
    "period_bounds",
    "shift_period",
]

log = logging.getLogger(__name__)
ZERO = Decimal(0)

LandedCosts = Callable[[str, str, ShareRule], tuple[Decimal, str]]
"""(sku, market, rule) -> landed cost of one unit and its currency."""


def shift_period(period: str, months: int) -> str:
    year, month = parse_period(period)
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def period_bounds(period: str, market: str) -> tuple[datetime, datetime]:
    """The month in the market's local time, as UTC instants [start, end)."""
    year, month = parse_period(period)
    info = MARKET_INFO.get(market)
    tz = ZoneInfo(info.timezone) if info else UTC
    start = datetime(year, month, 1, tzinfo=tz)
    ny, nm = (year + 1, 1) if month == 12 else (year, month + 1)
    return start.astimezone(UTC), datetime(ny, nm, 1, tzinfo=tz).astimezone(UTC)


def period_of(when: datetime, market: str) -> str:
    info = MARKET_INFO.get(market)
    local = when.astimezone(ZoneInfo(info.timezone) if info else UTC)
    return f"{local.year:04d}-{local.month:02d}"


@dataclass(frozen=True)
class StatementLine:
    """One order line of the month, in the statement's currency."""

    order_id: str
    market: str
    zone: str
    sku: str
    time: datetime
    quantity: int
    unit_price: Decimal  # in the order's currency
    order_currency: str
    fx: Decimal  # statement currency per unit of the order's
    revenue: Decimal
    refunds: Decimal
    landed: Decimal
    commission: Decimal
    fees: Decimal
    net: Decimal
    refund_ids: tuple[str, ...] = ()
    creator: str | None = None
    order_ref: str | None = None  # the platform's order id


@dataclass(frozen=True)
class ClawbackLine:
    """A refund this month of an order sold in an earlier month."""

    refund_id: str
    order_id: str
    market: str
    kind: str
    refund_time: datetime
    order_period: str
    refund: Decimal  # in the statement's currency
    rate: Decimal  # the share's effective rate in the order's month
    clawback: Decimal


@dataclass(frozen=True)
class TierShare:
    above: Decimal
    rate: Decimal
    base: Decimal  # the slice of profit above the threshold this tier's rate applies to
    share: Decimal


@dataclass(frozen=True)
class Section:
    """One share rule's pool for the month."""

    markets: tuple[str, ...]
    rule_start: str
    lines: tuple[StatementLine, ...]
    clawbacks: tuple[ClawbackLine, ...]
    revenue: Decimal
    refunds: Decimal
    landed: Decimal
    commission: Decimal
    fees: Decimal
    net_profit: Decimal
    threshold: Decimal
    above_threshold: Decimal
    tiers: tuple[TierShare, ...]
    share_before_cap: Decimal
    cap: Decimal | None
    share: Decimal
    clawback: Decimal

    @property
    def effective_rate(self) -> Decimal:
        return self.share / self.net_profit if self.net_profit > 0 else ZERO

    @property
    def payable(self) -> Decimal:
        return self.share - self.clawback


@dataclass(frozen=True)
class Statement:
    partner: Partner
    period: str
    currency: str
    sections: tuple[Section, ...]
    fx: dict[str, Decimal] = field(default_factory=dict)  # statement currency per unit
    notes: tuple[str, ...] = ()

    @property
    def share(self) -> Decimal:
        return sum((s.share for s in self.sections), ZERO)

    @property
    def clawback(self) -> Decimal:
        return sum((s.clawback for s in self.sections), ZERO)

    @property
    def payable(self) -> Decimal:
        return self.share - self.clawback

    @property
    def net_profit(self) -> Decimal:
        return sum((s.net_profit for s in self.sections), ZERO)

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe: amounts as decimal text, times as ISO 8601."""
        p = self.partner
        found: dict[str, Any] = _jsonable(
            {
                "partner": {
                    "id": p.id,
                    "name": p.name,
                    "name_zh": p.name_zh,
                    "kind": p.kind.value,
                    "markets": p.markets,
                },
                "period": self.period,
                "currency": self.currency,
                "net_profit": self.net_profit,
                "share": self.share,
                "clawback": self.clawback,
                "payable": self.payable,
                "fx": self.fx,
                "notes": list(self.notes),
                "sections": [
                    {**asdict(s), "effective_rate": s.effective_rate, "payable": s.payable}
                    for s in self.sections
                ],
            }
        )
        return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass
class _Context:
    partner: Partner
    currency: str
    ledger: Ledger
    landed: LandedCosts
    fx: FxTable
    money: Money
    used_fx: dict[str, Decimal] = field(default_factory=dict)

    def rate(self, source: str) -> Decimal:
        rate = self.fx.rate(source, self.currency)
        self.used_fx[source] = rate
        return rate

    def round(self, amount: Decimal) -> Decimal:
        return self.money.round(amount, self.currency)


def compute_statement(
    partner: Partner,
    period: str,
    *,
    ledger: Ledger,
    landed: LandedCosts,
    fx: FxTable,
    money: Money,
) -> Statement:
    """The partner's statement for ``period`` (YYYY-MM)."""
    try:
        parse_period(period)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    currency = partner.currency or _currency_of(partner.markets[0])
    ctx = _Context(partner, currency, ledger, landed, fx, money)
    pool = cache(lambda rule_index, month: _pool(ctx, partner.rules[rule_index], month))
    sections = []
    for rule in partner.rules_for(period):
        index = partner.rules.index(rule)
        lines, tiers, totals = pool(index, period)
        clawbacks = _clawbacks(ctx, rule, period, pool)
        sections.append(_section(ctx, rule, lines, tiers, totals, clawbacks))
    if not sections:
        log.info("partner %s has no share rule for %s", partner.id, period)
    notes = [
        "landed cost per unit from supply.toml (landed_cost: product + freight + duty + VAT), "
        "kept on refunds and returns",
        "commissions: creators' attributed orders (affiliate exports)",
        f"amounts in {currency}, rounded per line ({money.rounding}, "
        f"{money.places(currency)} decimals)",
    ]
    return Statement(partner, period, currency, tuple(sections), dict(ctx.used_fx), tuple(notes))


def _currency_of(market: str) -> str:
    info = MARKET_INFO.get(market)
    if info is None:
        raise InputError(f"set the currency of partners of {market} (currency = ...)")
    return info.currency


_Totals = dict[str, Decimal]


def _pool(
    ctx: _Context, rule: ShareRule, period: str
) -> tuple[tuple[StatementLine, ...], tuple[TierShare, ...], _Totals]:
    markets = tuple(rule.markets or ctx.partner.markets)
    orders = []
    ends = {}
    for market in markets:
        start, end = period_bounds(period, market)
        ends[market] = end
        orders.extend(ctx.ledger.order_lines([market], start, end))
    keys = sorted({o.id for o in orders} | {o.ref for o in orders if o.ref})
    refunds: dict[str, list[Any]] = {}
    for r in ctx.ledger.refunds_of(markets, keys):
        line = _line_of(r.order_id, r.sku, orders)
        if line is not None and r.time < ends[r.market]:  # later ones: clawed back then
            refunds.setdefault(line.id, []).append(r)
    commissions: dict[str, list[Any]] = {}
    for c in ctx.ledger.commissions(markets, keys):
        line = _line_of(c.order_id, c.sku, orders)
        if line is not None:
            commissions.setdefault(line.id, []).append(c)
    per_line = ctx.round(dec(rule.fees.per_line))
    lines = []
    for o in sorted(orders, key=lambda o: (o.time, o.id)):
        fx = ctx.rate(o.currency)
        revenue = ctx.round(o.quantity * dec(o.unit_price) * fx)
        mine = refunds.get(o.id, [])
        refunded = ctx.round(sum((dec(r.amount) * ctx.rate(r.currency) for r in mine), ZERO))
        unit, unit_currency = ctx.landed(o.sku, o.market, rule)
        landed = ctx.round(o.quantity * unit * ctx.rate(unit_currency))
        paid = commissions.get(o.id, [])
        commission = ctx.round(sum((c.amount * ctx.rate(c.currency) for c in paid), ZERO))
        fees = ctx.round((revenue - refunded) * dec(rule.fees.platform_rate) + per_line)
        net = revenue - refunded - landed - commission - fees
        lines.append(
            StatementLine(
                o.id,
                o.market,
                o.zone,
                o.sku,
                o.time,
                o.quantity,
                dec(o.unit_price),
                o.currency,
                fx,
                revenue,
                refunded,
                landed,
                commission,
                fees,
                net,
                tuple(r.id for r in mine),
                paid[0].creator if paid else None,
                o.ref,
            )
        )
    totals = {k: sum((getattr(x, k) for x in lines), ZERO)
              for k in ("revenue", "refunds", "landed", "commission", "fees", "net")}  # fmt: skip
    tiers, share_before_cap = _tiers(ctx, rule, totals["net"])
    totals["share_before_cap"] = share_before_cap
    cap = None if rule.cap is None else ctx.round(dec(rule.cap))
    totals["share"] = share_before_cap if cap is None else min(share_before_cap, cap)
    return tuple(lines), tiers, totals


def _line_of(key: str, sku: str | None, orders: Sequence[OrderLine]) -> OrderLine | None:
    """The order line a refund or commission refers to: by the stored line's id, or by the
    platform's order id and (for orders of several lines) the SKU."""
    for o in orders:
        if o.id == key or (o.ref == key and (sku is None or o.sku == sku)):
            return o
    return None


def _tiers(
    ctx: _Context, rule: ShareRule, net_profit: Decimal
) -> tuple[tuple[TierShare, ...], Decimal]:
    base = max(ZERO, net_profit - ctx.round(dec(rule.threshold)))
    out = []
    for i, tier in enumerate(rule.tiers):
        low = dec(tier.above)
        high = dec(rule.tiers[i + 1].above) if i + 1 < len(rule.tiers) else None
        part = max(ZERO, (base if high is None else min(base, high)) - low)
        out.append(TierShare(low, dec(tier.rate), part, part * dec(tier.rate)))
    return tuple(out), ctx.round(sum((t.share for t in out), ZERO))


def _clawbacks(
    ctx: _Context,
    rule: ShareRule,
    period: str,
    pool: Callable[[int, str], tuple[Any, Any, _Totals]],
) -> tuple[ClawbackLine, ...]:
    if not rule.clawback:
        return ()
    markets = tuple(rule.markets or ctx.partner.markets)
    refunds = []
    for market in markets:
        start, end = period_bounds(period, market)
        refunds.extend(ctx.ledger.refunds([market], start, end))
    if not refunds:
        return ()
    orders = ctx.ledger.order_lines_by_id(markets, sorted({r.order_id for r in refunds}))
    earliest = shift_period(period, -rule.clawback_months)
    out = []
    for r in sorted(refunds, key=lambda r: (r.time, r.id)):
        order = _line_of(r.order_id, r.sku, orders)
        if order is None:
            log.warning("refund %s: order %s not found; not clawed back", r.id, r.order_id)
            continue
        sold = period_of(order.time, order.market)
        if not earliest <= sold < period:
            continue  # this month's orders net their refunds; older ones are settled
        then = ctx.partner.rule_for(order.market, sold)
        if then is None:
            continue  # no share was paid on it
        totals = pool(ctx.partner.rules.index(then), sold)[2]
        net, share = totals["net"], totals["share"]
        rate = share / net if net > 0 else ZERO
        amount = ctx.round(dec(r.amount) * ctx.rate(r.currency))
        out.append(ClawbackLine(r.id, r.order_id, r.market, r.kind, r.time, sold, amount,
                                rate, ctx.round(amount * rate)))  # fmt: skip
    return tuple(out)


def _section(
    ctx: _Context,
    rule: ShareRule,
    lines: Sequence[StatementLine],
    tiers: tuple[TierShare, ...],
    totals: _Totals,
    clawbacks: tuple[ClawbackLine, ...],
) -> Section:
    threshold = ctx.round(dec(rule.threshold))
    return Section(
        markets=tuple(rule.markets or ctx.partner.markets),
        rule_start=rule.start,
        lines=tuple(lines),
        clawbacks=clawbacks,
        revenue=totals["revenue"],
        refunds=totals["refunds"],
        landed=totals["landed"],
        commission=totals["commission"],
        fees=totals["fees"],
        net_profit=totals["net"],
        threshold=threshold,
        above_threshold=max(ZERO, totals["net"] - threshold),
        tiers=tiers,
        share_before_cap=totals["share_before_cap"],
        cap=None if rule.cap is None else ctx.round(dec(rule.cap)),
        share=totals["share"],
        clawback=sum((c.clawback for c in clawbacks), ZERO),
    )
