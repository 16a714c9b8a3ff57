"""The replenishment planner: for each SKU x warehouse, what to order, when, from which
factory and by which mode, so that the target service level is met at the lowest cost.

Per mode the protection interval is production + transit + the review period; the order-up-to
level covers the forecast over it at the service level (normal demand, the spread read from
the forecast's quantiles). The order is the gap to that level, at least the EOQ and the MOQ,
in whole cases. Modes compete on freight + holding + the margin expected to be lost before the
goods arrive. A warehouse's capacity quota then cuts orders in proportion, dropping those that
fall below their MOQ.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from chuhai.errors import InputError
from chuhai.supply.forecast import quantile_column
from chuhai.supply.landed import landed_cost
from chuhai.supply.policy import eoq, expected_shortfall, order_up_to, round_order, z_value
from chuhai.supply.setup import Mode, SupplySetup

__all__ = ["Inventory", "PlanLine", "plan_orders", "spread"]

logger = logging.getLogger(__name__)
_Z90 = 1.2815515655446004  # standard normal 0.9 quantile

_REASONS = {
    "need": "",
    "eoq": "economic order quantity: fewer, larger orders",
    "moq": "the factory's minimum order of {moq}",
    "": "",
}
Inventory = Mapping[tuple[str, str], tuple[float, float]]  # (sku, market) -> on hand, on order


@dataclass
class PlanLine:
    sku: str
    market: str
    warehouse: str
    factory: str
    mode: str
    order_qty: int
    order_date: date | None  # None: no order needed within the horizon
    arrival_date: date | None
    on_hand: float
    on_order: float
    demand_protection: float  # forecast over lead time + review
    safety_stock: float
    order_up_to: float
    unit_landed_cost: float
    order_cost: float
    capacity_cut: int = 0  # units removed by the warehouse quota
    basis: str = ""  # what set the quantity: need (the gap to the level), eoq, moq
    reason: str = ""
    alternatives: dict[str, float] = field(default_factory=dict)  # mode -> cost per unit
    # "先核查批次" (check the batch first) where a quality alert of the market is about this
    # SKU (chuhai.supply.quality); the alert's id, link, week, series and lift beside it
    quality_flag: str = ""
    alert_id: str = ""
    alert_url: str = ""
    alert_week: str = ""
    alert_dimension: str = ""
    alert_key: str = ""
    alert_lift: float | None = None

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        for key in ("order_date", "arrival_date"):
            out[key] = out[key].isoformat() if out[key] else None
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in out.items()}


def spread(forecast: pd.DataFrame) -> np.ndarray:
    """Each period's standard deviation from its quantiles (normal): (q0.9 - q0.1) / 2.563,
    else (q0.95 - q0.5) / 1.645, else 0."""
    q = {c: forecast[c].to_numpy(dtype=float) for c in forecast.columns if c.startswith("q")}
    lo, hi = q.get(quantile_column(0.1)), q.get(quantile_column(0.9))
    sd: np.ndarray = np.zeros(len(forecast))
    mid, top = q.get(quantile_column(0.5)), q.get(quantile_column(0.95))
    if lo is not None and hi is not None:
        sd = np.maximum(0.0, (hi - lo) / (2 * _Z90))
    elif mid is not None and top is not None:
        sd = np.maximum(0.0, (top - mid) / 1.6448536269514722)
    return sd


@dataclass
class _Option:
    mode: Mode
    lead: int  # periods until goods arrive
    start: int  # period index of the order
    qty: int
    protection: float
    safety: float
    level: float
    landed: float
    cost: float
    basis: str = ""  # what set the quantity: need, eoq or moq


class _Series:
    """One SKU x market forecast and what the planner needs to know about it."""

    def __init__(self, setup: SupplySetup, frame: pd.DataFrame, per_week: int) -> None:
        first = frame.iloc[0]
        self.sku, self.market = str(first["sku"]), str(first["market"])
        self.item = setup.sku(self.sku)
        self.factory = setup.factory(self.item.factory)
        self.warehouse = setup.warehouse_for(self.market)
        self.mean = frame["mean"].to_numpy(dtype=float)
        self.sd = spread(frame)
        self.dates = [pd.Timestamp(d).date() for d in frame["ds"]]
        self.per_week = per_week
        reach = set(self.warehouse.modes or [m.name for m in setup.modes])
        self.modes = [setup.mode(m) for m in self.factory.modes if m in reach]
        if not self.modes:
            raise InputError(
                f"no mode of factory {self.factory.name} reaches warehouse {self.warehouse.name}"
            )


def _option(
    setup: SupplySetup, s: _Series, mode: Mode, position: float, lost_per_unit: float
) -> _Option | None:
    policy = setup.policy
    h = len(s.mean)
    lead = (s.factory.production_weeks + mode.lead_weeks) * s.per_week
    protect = lead + policy.review_periods * s.per_week
    if protect > h:
        return None
    cumulative = np.concatenate([[0.0], np.cumsum(s.mean)])
    variance = np.concatenate([[0.0], np.cumsum(s.sd**2)])
    # the first period at which the projected position falls below the order-up-to level
    for start in range(0, h - protect + 1):
        mu = cumulative[start + protect] - cumulative[start]
        sd = math.sqrt(max(0.0, variance[start + protect] - variance[start]))
        level = order_up_to(mu, sd, policy.service_level)
        projected = position - cumulative[start]
        if projected < level:
            break
    else:
        return _Option(mode, lead, -1, 0, 0.0, 0.0, 0.0, 0.0, 0.0)
    periods_per_year = 52 * s.per_week
    unit = s.item.unit_cost
    holding_year = policy.holding_rate * unit
    need = level - projected
    economic = (
        eoq(float(s.mean.mean()) * periods_per_year, mode.cost_per_order, holding_year)
        if policy.use_eoq
        else 0.0
    )
    qty = round_order(max(need, economic), s.factory.moq, s.factory.case_pack)
    basis = "moq" if s.factory.moq > max(need, economic) else "eoq" if economic > need else "need"
    landed = landed_cost(setup, s.sku, s.market, mode.name, max(qty, 1)).total
    safety = level - mu
    per_period = max(float(s.mean.mean()), 1e-9)
    cycle = min(qty / per_period, periods_per_year)  # periods the order lasts
    holding = (safety + qty / 2) * holding_year / periods_per_year * cycle
    mu_lead = cumulative[start + lead] - cumulative[start]
    sd_lead = math.sqrt(max(0.0, variance[start + lead] - variance[start]))
    short = expected_shortfall(mu_lead, sd_lead, max(0.0, projected))
    cost = qty * (landed - unit) + mode.cost_per_order + holding + short * lost_per_unit
    return _Option(mode, lead, start, qty, mu, safety, level, landed, cost, basis)


def plan_orders(
    setup: SupplySetup,
    forecast: pd.DataFrame,
    inventory: Inventory | None = None,
    *,
    per_week: int = 1,
    as_of: date | None = None,
) -> list[PlanLine]:
    """The purchase plan for every series of ``forecast`` (unique_id, sku, market, ds, mean,
    quantiles), given stock on hand and on order per (sku, market) on ``as_of``.

    With ``as_of`` (today, for a real plan) the periods over by then are left out (the stock
    is counted that day), and no order is dated before it: the period under way orders on
    ``as_of`` itself, and arrivals count from the order's date."""
    inventory = inventory or {}
    z_value(setup.policy.service_level)  # validates
    setup.check_skus(set(forecast["sku"]))
    if as_of is not None:
        ends = pd.to_datetime(forecast["ds"]) + pd.Timedelta(days=7 // per_week)
        forecast = forecast[ends > pd.Timestamp(as_of)]
        if forecast.empty:
            raise InputError(f"the forecast ends before {as_of}: nothing left to plan")
    lines = []
    for _, frame in forecast.sort_values(["unique_id", "ds"]).groupby("unique_id", sort=True):
        s = _Series(setup, frame, per_week)
        on_hand, on_order = inventory.get((s.sku, s.market), (0.0, 0.0))
        if on_hand < 0 or on_order < 0:
            raise InputError(f"{s.sku} in {s.market}: negative stock ({on_hand:g}, {on_order:g})")
        price = s.item.prices.get(s.market)
        lost = (price - s.item.unit_cost) if price else s.item.unit_cost  # margin lost per unit
        options = [_option(setup, s, m, on_hand + on_order, max(lost, 0.0)) for m in s.modes]
        feasible = [o for o in options if o is not None]
        if not feasible:
            shortest = min(s.factory.production_weeks + m.lead_weeks for m in s.modes)
            raise InputError(
                f"{s.sku} to {s.warehouse.name}: every mode takes longer (production + transit "
                f"+ review) than the {len(s.mean)}-period horizon; use --horizon "
                f"{(shortest + setup.policy.review_periods) * per_week} or more"
            )
        ordering = [o for o in feasible if o.qty > 0]
        best = min(ordering, key=lambda o: o.cost / o.qty) if ordering else feasible[0]
        order_date = s.dates[best.start] if best.qty else None
        if order_date is not None and as_of is not None:
            order_date = max(order_date, as_of)
        arrival = order_date + timedelta(weeks=best.lead / per_week) if order_date else None
        lines.append(
            PlanLine(
                sku=s.sku,
                market=s.market,
                warehouse=s.warehouse.name,
                factory=s.factory.name,
                mode=best.mode.name if best.qty else "",
                order_qty=best.qty,
                order_date=order_date,
                arrival_date=arrival,
                on_hand=on_hand,
                on_order=on_order,
                demand_protection=best.protection,
                safety_stock=best.safety,
                order_up_to=best.level,
                unit_landed_cost=best.landed,
                order_cost=best.qty * best.landed + best.mode.cost_per_order if best.qty else 0.0,
                basis=best.basis if best.qty else "",
                reason=_REASONS[best.basis].format(moq=s.factory.moq)
                if best.qty
                else "stock covers the horizon",
                alternatives={o.mode.name: round(o.cost / o.qty, 4) for o in ordering},
            )
        )
    _apply_capacity(setup, lines, inventory)
    return lines


def _apply_capacity(setup: SupplySetup, lines: list[PlanLine], inventory: Inventory) -> None:
    """Cuts orders in proportion where a warehouse's stock would exceed its quota. While a cut
    order falls below its MOQ, the smallest such order is dropped and the room is shared
    again among the rest."""
    for warehouse in setup.warehouses:
        mine = [line for line in lines if line.warehouse == warehouse.name]
        held = sum(line.on_hand + line.on_order for line in mine)
        room = warehouse.capacity_units - held
        active = [line for line in mine if line.order_qty > 0]
        if sum(line.order_qty for line in active) <= room:
            continue
        wanted = {id(line): line.order_qty for line in active}
        while active:
            factor = max(0.0, room) / sum(wanted[id(line)] for line in active)
            short = []
            for line in active:
                factory = setup.factory(line.factory)
                qty = math.floor(wanted[id(line)] * factor / factory.case_pack) * factory.case_pack
                line.order_qty = qty
                if qty < factory.moq:
                    short.append(line)
            if not short:
                break
            # drop the smallest order below its MOQ (then the first SKU by name), share again
            drop = min(short, key=lambda line: (wanted[id(line)], line.sku, line.market))
            drop.order_qty = 0
            active.remove(drop)
        for line in mine:
            if id(line) in wanted and line.order_qty < wanted[id(line)]:
                line.capacity_cut = wanted[id(line)] - line.order_qty
                line.reason = f"cut by the {warehouse.name} quota of {warehouse.capacity_units:,}"
                per_order = setup.mode(line.mode).cost_per_order if line.order_qty else 0.0
                line.order_cost = line.order_qty * line.unit_landed_cost + per_order
                if line.order_qty == 0:
                    line.mode, line.order_date, line.arrival_date = "", None, None
        logger.info("warehouse %s: orders cut to fit %d units", warehouse.name, room)
