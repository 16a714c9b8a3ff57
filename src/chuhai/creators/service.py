"""The creators' report over the zone stores, behind the residency guard and team scoping.

Creators are personal data of their market's zone. Figures are computed inside each zone; a
reader may see the creators of a zone (handles, per-creator figures) when they sit in that
zone's country or a transfer basis covers the route (the read is audited); otherwise only the
market's totals leave the zone, and only over at least k creators (``compliance.k_anonymity``),
recorded in the audit log as an aggregate release. A market team sees its own markets only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from chuhai.creators.analytics import CreatorFigures, creator_figures, round_money
from chuhai.creators.ranking import Ranked, Thresholds, rank
from chuhai.errors import ChuhaiError
from chuhai.markets import market_info
from chuhai.supply.landed import landed_cost
from chuhai.supply.setup import SupplySetup
from chuhai.voc.service import VocService

__all__ = ["CreatorReport", "MarketBlock", "SupplyCosts", "creator_report"]

log = logging.getLogger(__name__)


class SupplyCosts:
    """Landed unit costs and exchange rates from the supply setup (supply.toml).

    A unit's landed cost (product + freight + duty + VAT, supply's :func:`landed_cost`) by
    the cheapest shipping mode that reaches the market's warehouse, in the setup's currency,
    converted to the market's currency at ``[fx]`` (units of the setup currency per unit of
    the other). Unknown SKU, market or rate: ``None`` (the report lists it)."""

    def __init__(self, setup: SupplySetup | None) -> None:
        self.setup = setup
        self.currency = setup.currency if setup else None
        self._costs: dict[tuple[str, str], Decimal | None] = {}

    def unit_cost(self, market: str, sku: str) -> Decimal | None:
        if (market, sku) not in self._costs:
            self._costs[market, sku] = self._unit_cost(market, sku)
        return self._costs[market, sku]

    def _unit_cost(self, market: str, sku: str) -> Decimal | None:
        setup = self.setup
        if setup is None:
            return None
        try:
            item = setup.sku(sku)
            factory = setup.factory(item.factory)
            reach = setup.warehouse_for(market).modes
            modes = [m for m in factory.modes if reach is None or m in reach] or factory.modes
            mode = min(modes, key=lambda name: setup.mode(name).cost_per_unit)
            total = Decimal(repr(landed_cost(setup, sku, market, mode).total))
        except ChuhaiError as exc:
            log.info("no landed cost for %s in %s: %s", sku, market, exc)
            return None
        currency = market_info(market).currency
        if currency == setup.currency:
            return total
        rate = setup.fx.get(currency)
        return None if not rate else total / Decimal(repr(rate))

    def to_common(self, amount: Decimal, currency: str) -> Decimal | None:
        """``amount`` in the setup's currency (None without a rate)."""
        if self.setup is None:
            return None
        if currency == self.setup.currency:
            return amount
        rate = self.setup.fx.get(currency)
        if not rate:
            return None
        return round_money(amount * Decimal(repr(rate)), self.setup.currency)


@dataclass
class MarketBlock:
    """One market: its creators where the reader may see them, else its totals (or nothing)."""

    market: str
    zone: str
    currency: str
    access: str  # "local", "basis" (read through a transfer basis) or "aggregate"
    reason: str
    creators: int = 0
    totals: dict[str, str] | None = None  # None: fewer than k creators (withheld)
    ranked: list[Ranked] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "market": self.market,
            "zone": self.zone,
            "currency": self.currency,
            "access": self.access,
            "reason": self.reason,
            "creators": self.creators,
            "totals": self.totals,
            "ranked": [r.as_dict() for r in self.ranked],
        }


@dataclass
class CreatorReport:
    reader: str
    common_currency: str | None
    start: datetime | None
    end: datetime | None
    markets: list[MarketBlock]
    ranked: list[Ranked]  # every creator the reader may see, ranked across markets

    def as_dict(self) -> dict[str, object]:
        return {
            "reader": self.reader,
            "common_currency": self.common_currency,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "markets": [m.as_dict() for m in self.markets],
            "ranked": [r.as_dict() for r in self.ranked],
        }


def _totals(figures: Sequence[CreatorFigures], currency: str) -> dict[str, str]:
    def total(name: str) -> Decimal:
        return sum((getattr(f, name) for f in figures), Decimal(0))

    out = {name: str(round_money(total(name), currency))
           for name in ("gmv", "refunds", "commission", "landed_cost", "net_margin")}  # fmt: skip
    out["orders"] = str(sum(f.orders for f in figures))
    return out


def creator_report(
    voc: VocService,
    costs: SupplyCosts,
    *,
    markets: Sequence[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    thresholds: Thresholds | None = None,
) -> CreatorReport:
    """Figures, verdicts and ranking of the creators of ``markets`` (default: the reader's)."""
    k = voc.settings.compliance.k_anonymity
    blocks: list[MarketBlock] = []
    visible: list[CreatorFigures] = []
    for market in [m.upper() for m in markets] if markets else voc.markets:
        zone = voc.zone_of(market)  # refuses a market outside the team's
        currency = market_info(market).currency
        access = voc.access(zone)
        if not voc.router.exists(zone):
            blocks.append(MarketBlock(market, zone, currency, "local", "no store yet"))
            continue
        store = voc.router.store(zone)
        figures = creator_figures(
            store.creators(market=market),
            store.affiliate_orders(market=market, start=start, end=end),
            store.creator_content(market=market),
            store.buyer_voices(market=market),
            costs.unit_cost,
        )
        if access.allowed:
            if not access.local:
                voc.guard.check(zone, voc.reader, "cross_zone_read", "creators",
                                f"creators of {market}")  # fmt: skip
            block = MarketBlock(market, zone, currency, "local" if access.local else "basis",
                                access.reason, len(figures), _totals(figures, currency),
                                rank(figures, costs.to_common, thresholds))  # fmt: skip
            visible += figures
        else:
            shown = len(figures) >= k
            if shown:
                voc.guard.note_release(zone, voc.reader, purpose="creators",
                                       what="market totals", creators=len(figures))  # fmt: skip
            totals = _totals(figures, currency) if shown else None
            block = MarketBlock(
                market, zone, currency, "aggregate", access.reason, len(figures), totals
            )
        blocks.append(block)
    return CreatorReport(
        voc.reader, costs.currency, start, end, blocks, rank(visible, costs.to_common, thresholds)
    )
