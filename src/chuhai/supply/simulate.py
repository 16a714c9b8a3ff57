"""Replays real demand through ordering policies and compares fill rate, average inventory,
leftover stock and cost.

- ``quick_response``: SHEIN-style. A first batch of at least the MOQ, then every period an
  order up to the forecast of lead time + review at the service level, by a fast mode.
- ``monthly``: the same rule every four periods by sea.
- ``big_order``: one order before the season, the newsvendor quantity for the whole season
  (events included), by sea; no reorders.

Every policy forecasts with what it knows when it orders: a smoothed base level learnt from
the history, times each known event's lift (a deal, a live session). Sales lost when the
shelf is empty are lost, not back-ordered.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from chuhai.errors import InputError
from chuhai.supply.policy import newsvendor_quantity, order_up_to, round_order
from chuhai.supply.series import DemandData

__all__ = ["POLICIES", "Economics", "PolicyResult", "simulate"]

POLICIES = ("quick_response", "monthly", "big_order")


@dataclass(frozen=True)
class Economics:
    unit_cost: float = 1.0
    price: float = 1.6
    salvage_rate: float = 0.3
    holding_rate: float = 0.25  # per year, share of unit cost
    service_level: float = 0.95
    moq: int = 100
    case_pack: int = 1
    fast_lead: int = 2  # periods, production + air
    fast_freight: float = 0.12  # per unit
    slow_lead: int = 8  # production + sea
    slow_freight: float = 0.03
    cost_per_order: float = 40.0

    def __post_init__(self) -> None:
        if self.price <= self.unit_cost:
            raise InputError("the price must be above the unit cost")
        if self.fast_lead < 0 or self.slow_lead < 0:
            raise InputError("lead times must not be negative")


@dataclass
class PolicyResult:
    policy: str
    demand: float = 0.0
    sold: float = 0.0
    ordered: float = 0.0
    orders: int = 0
    inventory_sum: float = 0.0  # end-of-period stock, summed over periods and series
    periods: int = 0
    leftover: float = 0.0
    purchase: float = 0.0  # goods bought: not a cost of the policy itself
    # freight and ordering, holding, margin lost on empty shelves, unsold stock's lost value
    costs: dict[str, float] = field(default_factory=dict)

    @property
    def fill_rate(self) -> float:
        return self.sold / self.demand if self.demand else 1.0

    @property
    def average_inventory(self) -> float:
        """End-of-period stock per series and period."""
        return self.inventory_sum / self.periods if self.periods else 0.0

    @property
    def periods_of_cover(self) -> float:
        per_period = self.demand / self.periods if self.periods else 0.0
        return self.average_inventory / per_period if per_period else 0.0

    @property
    def leftover_share(self) -> float:
        return self.leftover / self.ordered if self.ordered else 0.0

    @property
    def total_cost(self) -> float:
        return sum(self.costs.values())

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out.update(
            fill_rate=round(self.fill_rate, 4),
            average_inventory=round(self.average_inventory, 1),
            periods_of_cover=round(self.periods_of_cover, 2),
            leftover_share=round(self.leftover_share, 4),
            total_cost=round(self.total_cost, 2),
        )
        out["costs"] = {k: round(v, 2) for k, v in self.costs.items()}
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in out.items()}


class _Demand:
    """A series' base level and event lifts, learnt from its history only. Lifts are per
    combination of events (a deal with a feature ad lifts more than the two apart), as medians
    in log space; the spread is robust (MAD), so past spikes do not inflate it."""

    def __init__(self, y: np.ndarray, events: np.ndarray) -> None:
        self.patterns = events > 0
        logs = np.log1p(y)
        plain = ~self.patterns.any(axis=1)
        base_log = float(np.median(logs[plain] if plain.sum() >= 2 else logs))
        self.lifts: dict[tuple[bool, ...], float] = {}
        for key in {tuple(row) for row in self.patterns}:
            on = (self.patterns == np.array(key)).all(axis=1)
            n = int(on.sum())
            if any(key) and n >= 2:  # shrunk toward no lift when seen only a few times
                log_lift = (np.median(logs[on]) - base_log) * n / (n + 3)
                self.lifts[key] = min(max(math.exp(log_lift), 0.5), 8.0)
        base = y / self.multiplier(events)
        recent = base[-26:]
        self.level = float(np.median(base[-8:])) if len(base) else 0.0
        mad = float(np.median(np.abs(recent - np.median(recent)))) if len(recent) else 0.0
        # MAD is 0 when most periods are equal (or zero): fall back to the plain spread
        self.sd = 1.4826 * mad if mad > 0 else (float(recent.std()) if len(recent) else 0.0)

    def multiplier(self, events: np.ndarray) -> np.ndarray:
        return np.array([self.lifts.get(tuple(row > 0), 1.0) for row in events], dtype=float)

    def update(self, actual: float, events: np.ndarray, alpha: float = 0.3) -> None:
        base = actual / float(self.multiplier(events[None, :])[0])
        error = min(abs(base - self.level), 3 * self.sd) if self.sd > 0 else abs(base - self.level)
        self.sd = math.sqrt((1 - alpha) * self.sd**2 + alpha * error**2)
        self.level = (1 - alpha) * self.level + alpha * base

    def outlook(self, events: np.ndarray) -> tuple[float, float]:
        """Mean and sd of the total demand of the periods whose events are given."""
        mult = self.multiplier(events)
        return float(self.level * mult.sum()), float(self.sd * math.sqrt(float((mult**2).sum())))


def _replay(
    name: str, y: np.ndarray, events: np.ndarray, history: int, econ: Economics, r: PolicyResult
) -> None:
    demand_model = _Demand(y[:history], events[:history])
    season = range(history, len(y))
    fast = name == "quick_response"
    lead = econ.fast_lead if fast else econ.slow_lead
    review = 1 if fast else 4
    freight = econ.fast_freight if fast else econ.slow_freight
    pipeline: dict[int, float] = {}
    stock = 0.0

    def order(t: int, qty: float, *, arrives: int | None = None, fixed_cost: bool = True) -> None:
        if qty <= 0:
            return
        at = t + lead if arrives is None else arrives
        pipeline[at] = pipeline.get(at, 0.0) + qty
        r.ordered += qty
        r.orders += 1
        per_order = econ.cost_per_order if fixed_cost else 0.0
        r.costs["freight"] = r.costs.get("freight", 0.0) + qty * freight + per_order
        r.purchase += qty * econ.unit_cost

    if name == "big_order":
        mean, sd = demand_model.outlook(events[history:])
        overage = econ.unit_cost * (1 - econ.salvage_rate)
        q = newsvendor_quantity(mean, sd, econ.price - econ.unit_cost, overage)
        order(history - lead, round_order(q, econ.moq, econ.case_pack))
    for t in season:
        stock += pipeline.pop(t, 0.0)
        if name != "big_order" and (t - history) % review == 0 and t + lead < len(y):
            # the order placed now arrives at t + lead and must last until the next arrives
            # or the season ends (the season's end is known, as it is to the big order)
            window = events[t : t + lead + review]
            mean, sd = demand_model.outlook(window)
            position = stock + sum(pipeline.values())
            target = order_up_to(mean, sd, econ.service_level)
            qty = round_order(target - position, econ.moq, econ.case_pack)
            if t == history and lead:  # the first batch is placed ahead, like the big order
                order(t, qty, arrives=t, fixed_cost=False)
                stock += pipeline.pop(t, 0.0)
            else:
                order(t, qty)
        sold = min(stock, float(y[t]))
        stock -= sold
        r.demand += float(y[t])
        r.sold += sold
        r.inventory_sum += stock
        demand_model.update(float(y[t]), events[t])
    r.periods += len(season)
    r.leftover += stock + sum(pipeline.values())


def simulate(
    data: DemandData,
    season: int,
    econ: Economics | None = None,
    policies: Sequence[str] = POLICIES,
) -> list[PolicyResult]:
    """Replays the last ``season`` periods of every series through each policy."""
    econ = econ or Economics()
    unknown = [p for p in policies if p not in POLICIES]
    if unknown:
        raise InputError(f"unknown policy {', '.join(unknown)}; choose from {', '.join(POLICIES)}")
    results = {p: PolicyResult(p) for p in policies}
    holding = econ.holding_rate / 52 * econ.unit_cost
    for _, group in data.history.groupby("unique_id", sort=True):
        frame = group.sort_values("ds")
        history = len(frame) - season
        if history < 8:
            raise InputError(
                f"{frame['unique_id'].iloc[0]}: {len(frame)} periods leave fewer than 8 of "
                f"history before a {season}-period season"
            )
        y = frame["y"].to_numpy(dtype=float)
        events = frame[data.events].to_numpy(dtype=float) if data.events else np.zeros((len(y), 0))
        for name, result in results.items():
            before = (result.demand, result.sold, result.inventory_sum, result.leftover)
            _replay(name, y, events, history, econ, result)
            lost = (result.demand - before[0]) - (result.sold - before[1])
            result.costs["lost margin"] = result.costs.get("lost margin", 0.0) + lost * (
                econ.price - econ.unit_cost
            )
            result.costs["holding"] = result.costs.get("holding", 0.0) + holding * (
                result.inventory_sum - before[2]
            )
            result.costs["leftover loss"] = result.costs.get("leftover loss", 0.0) + (
                result.leftover - before[3]
            ) * econ.unit_cost * (1 - econ.salvage_rate)
    return list(results.values())


def simulation_table(results: Sequence[PolicyResult]) -> pd.DataFrame:
    return pd.DataFrame([r.as_dict() for r in results])
