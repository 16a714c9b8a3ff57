"""Demand and revenue from the zone stores: orders per SKU x market and period, with live
sessions that showed the SKU as the ``live`` event (past sessions explain spikes; sessions
already scheduled after the last order are the future events)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence

import pandas as pd

from chuhai.errors import InputError
from chuhai.store.registry import ZoneRouter
from chuhai.supply.series import FREQS, DemandData, Freq, period_start, series_id
from chuhai.supply.setup import SupplySetup

__all__ = ["demand_from_stores", "revenue_from_stores"]

logger = logging.getLogger(__name__)


def _zones(router: ZoneRouter, markets: Sequence[str] | None) -> list[str]:
    zones = [router.zone_of(m) for m in markets] if markets else router.zones
    return [z for z in dict.fromkeys(zones) if router.exists(z)]


def demand_from_stores(
    router: ZoneRouter, freq: Freq = "W", markets: Sequence[str] | None = None
) -> DemandData:
    """Units ordered per SKU x market and period; periods without orders count as zero."""
    wanted = {m.upper() for m in markets} if markets else None
    rows: dict[tuple[str, str, object], float] = defaultdict(float)
    live: dict[tuple[str, str, object], float] = {}
    for zone in _zones(router, markets):
        store = router.store(zone)
        for order in store.order_quantities():
            if wanted is None or order.market in wanted:
                rows[(order.sku, order.market, period_start(order.time, freq))] += order.quantity
        for session in store.session_products():
            if wanted is None or session.market in wanted:
                for sku in session.products:
                    live[(sku, session.market, period_start(session.started_at, freq))] = 1.0
    if not rows:
        raise InputError("no orders in the zone stores (chuhai ingest orders.csv --kind orders)")
    history = pd.DataFrame(
        [
            {"unique_id": series_id(s, m), "sku": s, "market": m, "ds": pd.Timestamp(d), "y": y,
             "live": live.get((s, m, d), 0.0)}
            for (s, m, d), y in rows.items()
        ]
    )  # fmt: skip
    last = history["ds"].max()
    filled = []
    for uid, group in history.groupby("unique_id"):
        full = pd.date_range(group["ds"].min(), last, freq=FREQS[freq])
        g = group.set_index("ds").reindex(full).rename_axis("ds").reset_index()
        sku, market = group["sku"].iloc[0], group["market"].iloc[0]
        g["unique_id"], g["sku"], g["market"] = uid, sku, market
        g["y"] = g["y"].fillna(0.0)
        g["live"] = [live.get((sku, market, d.date()), 0.0) for d in g["ds"]]
        filled.append(g)
    future = pd.DataFrame(
        [
            {"unique_id": series_id(s, m), "ds": pd.Timestamp(d), "live": 1.0}
            for (s, m, d) in live
            if pd.Timestamp(d) > last
        ],
        columns=["unique_id", "ds", "live"],
    )
    data = DemandData(pd.concat(filled, ignore_index=True), freq, ["live"], future)
    logger.info("demand from stores: %d series, %d planned sessions", len(data.ids), len(future))
    return data


def revenue_from_stores(
    router: ZoneRouter, setup: SupplySetup, markets: Sequence[str] | None = None
) -> dict[str, float]:
    """Revenue per market in the setup's currency, from every order in the stores."""
    revenue: dict[str, float] = defaultdict(float)
    for zone in _zones(router, markets):
        for found in router.store(zone).revenue():
            if markets is None or found.market in markets:
                revenue[found.market] += setup.to_currency(found.amount, found.currency)
    if not revenue:
        raise InputError("no orders in the zone stores to measure revenue by")
    return dict(revenue)
