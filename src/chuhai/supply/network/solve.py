"""The network plan: which factory makes how much of each SKU a week, through which lane to
which overseas warehouse, and from which warehouse to which market, at the least cost.

A mixed-integer program solved by HiGHS through ``scipy.optimize.milp`` (no solver of our own):

- ``x[f, s, lane]``: units a week of SKU ``s`` made by factory ``f`` and sent along a lane to a
  warehouse; cost: ex-works cost / (1 - defect rate) + freight + duty on the ex-works cost +
  the warehouse's handling and storage for its cover weeks;
- ``y[w, s, lane]``: units a week from warehouse ``w`` along a lane into a market; cost:
  freight + duty on the SKU's mean ex-works cost where the lane crosses a tariff route;
- ``u[s, m]``: demand left unserved; cost: the unit's price there (the lost sale);
- ``z[f, s]`` (binary, only where the factory's weekly minimum is above 1): ``f`` makes ``s``
  at all, and then at least its MOQ / the weeks one order covers (``order_weeks``) a week.

Constraints: each factory's weekly capacity; what a warehouse receives of a SKU it sends on;
the stock a warehouse holds (receipts x cover weeks) within its capacity and its receipts within
its inbound quota; served + unserved = demand for every SKU x market.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from chuhai.errors import InputError
from chuhai.supply.network.models import Lane, NetworkSetup

__all__ = ["Flow", "MarketFill", "NetworkPlan", "Use", "plan_network"]

logger = logging.getLogger(__name__)
_STATUS = {0: "optimal", 1: "time_limit", 2: "infeasible", 3: "unbounded", 4: "other"}


@dataclass(frozen=True)
class Flow:
    origin: str
    destination: str
    mode: str
    sku: str
    units: float
    unit_cost: float  # everything this leg adds per unit (production included on the first)


@dataclass(frozen=True)
class Use:
    name: str
    used: float  # factories: units made a week; warehouses: units held (receipts x cover)
    capacity: float

    @property
    def share(self) -> float:
        return self.used / self.capacity if self.capacity else 0.0


@dataclass(frozen=True)
class MarketFill:
    market: str
    demand: float
    served: float
    lost_sales: float  # value of the demand not served
    lead_weeks: float  # flow-weighted: production + line haul + last mile

    @property
    def fill_rate(self) -> float:
        return self.served / self.demand if self.demand else 1.0


@dataclass
class NetworkPlan:
    currency: str
    status: str
    production: float = 0.0
    freight: float = 0.0
    duty: float = 0.0
    warehousing: float = 0.0
    lost_sales: float = 0.0
    demand: float = 0.0
    served: float = 0.0
    inbound: list[Flow] = field(default_factory=list)
    outbound: list[Flow] = field(default_factory=list)
    factories: list[Use] = field(default_factory=list)
    warehouses: list[Use] = field(default_factory=list)
    markets: list[MarketFill] = field(default_factory=list)
    variables: int = 0
    binaries: int = 0
    seconds: float = 0.0
    gap: float | None = None

    @property
    def supply_cost(self) -> float:
        """A week of making, moving, duty and warehousing (lost sales not included)."""
        return self.production + self.freight + self.duty + self.warehousing

    @property
    def total_cost(self) -> float:
        return self.supply_cost + self.lost_sales

    @property
    def fill_rate(self) -> float:
        return self.served / self.demand if self.demand else 1.0

    def links(self) -> list[tuple[str, str, float]]:
        """Units a week per factory -> warehouse and warehouse -> market, SKUs and modes summed."""
        total: dict[tuple[str, str], float] = defaultdict(float)
        for f in (*self.inbound, *self.outbound):
            total[(f.origin, f.destination)] += f.units
        return [(o, d, round(u, 2)) for (o, d), u in total.items() if u > 0]

    def as_dict(self) -> dict[str, object]:
        def money(v: float) -> float:
            return round(v, 2)

        return {
            "currency": self.currency,
            "status": self.status,
            "cost": {
                "production": money(self.production),
                "freight": money(self.freight),
                "duty": money(self.duty),
                "warehousing": money(self.warehousing),
                "supply": money(self.supply_cost),
                "lost_sales": money(self.lost_sales),
                "total": money(self.total_cost),
            },
            "demand": round(self.demand, 2),
            "served": round(self.served, 2),
            "fill_rate": round(self.fill_rate, 4),
            "markets": [asdict(m) | {"fill_rate": round(m.fill_rate, 4)} for m in self.markets],
            "factories": [asdict(u) | {"share": round(u.share, 4)} for u in self.factories],
            "warehouses": [asdict(u) | {"share": round(u.share, 4)} for u in self.warehouses],
            "links": [{"origin": o, "destination": d, "units": u} for o, d, u in self.links()],
            "inbound": [asdict(f) for f in self.inbound],
            "outbound": [asdict(f) for f in self.outbound],
            "solver": {
                "variables": self.variables,
                "binaries": self.binaries,
                "seconds": round(self.seconds, 3),
                "gap": self.gap,
            },
        }


class _Builder:
    """Columns (variables) with their cost parts, rows as COO triplets."""

    def __init__(self) -> None:
        self.parts: list[tuple[float, float, float, float, float]] = []  # prod, frt, duty, wh, lost
        self.integer: list[int] = []
        self.upper: list[float] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lower_b: list[float] = []
        self.upper_b: list[float] = []

    def var(self, parts: tuple[float, float, float, float, float], *, binary: bool = False) -> int:
        self.parts.append(parts)
        self.integer.append(1 if binary else 0)
        self.upper.append(1.0 if binary else np.inf)
        return len(self.parts) - 1

    def row(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        r = len(self.lower_b)
        for col, val in terms:
            self.rows.append(r)
            self.cols.append(col)
            self.vals.append(val)
        self.lower_b.append(lower)
        self.upper_b.append(upper)


class _Problem(_Builder):
    """The program over one network: variables first, then the rows that tie them."""

    def __init__(self, setup: NetworkSetup) -> None:
        super().__init__()
        self.setup = setup
        self.demand = {(d.sku, d.market): d for d in setup.demand if d.units_per_week > 0}
        if not self.demand:
            raise InputError("no demand to plan for: [[network.demand]] is empty and no orders")
        self.category = {d.sku: d.category for d in setup.demand}
        self.out_cols: dict[tuple[str, str], list[int]] = defaultdict(list)  # (warehouse, sku)
        self.into: dict[tuple[str, str], list[int]] = defaultdict(list)  # (sku, market)
        self.in_cols: dict[tuple[str, str], list[int]] = defaultdict(list)  # (warehouse, sku)
        self.made_cols: dict[tuple[str, str], list[int]] = defaultdict(list)  # (factory, sku)
        self.x_meta: dict[int, tuple[str, str, str, str, float]] = {}
        self.y_meta: dict[int, tuple[str, str, str, str, float]] = {}
        self.binaries = 0
        self._outbound()
        self._inbound()
        self.lost_col = {k: self.var((0.0, 0.0, 0.0, 0.0, d.price)) for k, d in
                         sorted(self.demand.items())}  # fmt: skip
        self._rows()
        self._moq()

    def _duty(self, route_name: str, sku: str, value: float) -> float:
        route = self.setup.route(route_name) if route_name else None
        return route.duty_for(self.category[sku]) * value if route else 0.0

    def _pairs(self, origins: set[str]) -> dict[tuple[str, str], list[Lane]]:
        pairs: dict[tuple[str, str], list[Lane]] = defaultdict(list)
        for lane in self.setup.lanes:
            if lane.origin in origins:
                pairs[(lane.origin, lane.destination)].append(lane)
        return pairs

    def _cheapest(self, lanes: list[Lane], sku: str, value: float) -> tuple[Lane, float]:
        """Lanes carry no limit, so between two places a SKU takes the cheapest (freight +
        duty; the first listed on a tie): the others would never be chosen."""
        costs = [(lane.cost_per_unit + self._duty(lane.tariff_route, sku, value), i)
                 for i, lane in enumerate(lanes)]  # fmt: skip
        _, best = min(costs)
        lane = lanes[best]
        return lane, self._duty(lane.tariff_route, sku, value)

    def _outbound(self) -> None:
        """y: warehouse -> market, for the SKUs the market wants."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for sku, market in self.demand:
            wanted[market].add(sku)
        made: dict[str, list[float]] = defaultdict(list)
        for f in self.setup.factories:
            for sku, cost in f.costs.items():
                made[sku].append(cost)
        value = {sku: sum(c) / len(c) for sku, c in made.items()}  # customs value downstream
        warehouses = {w.name for w in self.setup.warehouses}
        for (_, market), lanes in self._pairs(warehouses).items():
            for sku in sorted(wanted.get(market, ())):
                lane, duty = self._cheapest(lanes, sku, value.get(sku, 0.0))
                col = self.var((0.0, lane.cost_per_unit, duty, 0.0, 0.0))
                self.out_cols[(lane.origin, sku)].append(col)
                self.into[(sku, lane.destination)].append(col)
                self.y_meta[col] = (lane.origin, lane.destination, lane.mode, sku,
                                    lane.transit_weeks)  # fmt: skip

    def _inbound(self) -> None:
        """x: factory -> warehouse, only for SKUs the warehouse sends on."""
        warehouse = {w.name: w for w in self.setup.warehouses}
        factory = {f.name: f for f in self.setup.factories}
        for (origin, destination), lanes in self._pairs(set(factory)).items():
            f, w = factory[origin], warehouse[destination]
            keep = w.handling_per_unit + w.storage_per_unit_week * w.cover_weeks
            for sku, cost in sorted(f.costs.items()):
                if (w.name, sku) not in self.out_cols:
                    continue
                lane, duty = self._cheapest(lanes, sku, cost)
                col = self.var((cost / (1 - f.defect_rate), lane.cost_per_unit, duty, keep, 0.0))
                self.in_cols[(w.name, sku)].append(col)
                self.made_cols[(f.name, sku)].append(col)
                self.x_meta[col] = (f.name, w.name, lane.mode, sku,
                                    f.lead_weeks + lane.transit_weeks)  # fmt: skip

    def _rows(self) -> None:
        made: dict[str, list[int]] = defaultdict(list)
        for (name, _), cols in self.made_cols.items():
            made[name].extend(cols)
        for f in self.setup.factories:
            if made[f.name]:
                self.row([(c, 1.0) for c in made[f.name]], -np.inf, f.capacity_per_week)
        for (w_name, sku), outs in self.out_cols.items():
            ins = self.in_cols.get((w_name, sku), [])
            self.row([(c, 1.0) for c in ins] + [(c, -1.0) for c in outs], 0.0, 0.0)
        received: dict[str, list[int]] = defaultdict(list)
        for (name, _), cols in self.in_cols.items():
            received[name].extend(cols)
        for w in self.setup.warehouses:
            if cols := received[w.name]:
                self.row([(c, w.cover_weeks) for c in cols], -np.inf, w.capacity_units)
                if w.inbound_per_week is not None:
                    self.row([(c, 1.0) for c in cols], -np.inf, w.inbound_per_week)
        for key, d in sorted(self.demand.items()):
            terms = [(c, 1.0) for c in self.into.get(key, [])] + [(self.lost_col[key], 1.0)]
            self.row(terms, d.units_per_week, d.units_per_week)

    def _moq(self) -> None:
        """z: a factory makes a SKU at all, then at least its MOQ a week."""
        total: dict[str, float] = defaultdict(float)
        for (sku, _), d in self.demand.items():
            total[sku] += d.units_per_week
        factory = {f.name: f for f in self.setup.factories}
        for (f_name, sku), cols in sorted(self.made_cols.items()):
            f = factory[f_name]
            least = f.moq / f.order_weeks
            if least <= 1:
                continue
            big = min(float(f.capacity_per_week), total[sku])
            z = self.var((0.0, 0.0, 0.0, 0.0, 0.0), binary=True)
            self.binaries += 1
            self.row([(c, 1.0) for c in cols] + [(z, -big)], -np.inf, 0.0)
            self.row([(c, 1.0) for c in cols] + [(z, -least)], 0.0, np.inf)


def plan_network(setup: NetworkSetup, *, time_limit_s: float | None = None) -> NetworkPlan:
    """The least-cost weekly plan over ``setup`` (its ``demand`` must be filled in)."""
    started = time.perf_counter()
    p = _Problem(setup)
    parts = np.asarray(p.parts, dtype=float)
    n = len(parts)
    matrix = coo_array((p.vals, (p.rows, p.cols)), shape=(len(p.lower_b), n)).tocsr()
    limit = time_limit_s if time_limit_s is not None else setup.time_limit_s
    result = milp(
        parts.sum(axis=1),
        integrality=np.asarray(p.integer),
        bounds=Bounds(np.zeros(n), np.asarray(p.upper)),
        constraints=LinearConstraint(matrix, np.asarray(p.lower_b), np.asarray(p.upper_b)),
        options={"time_limit": limit, "mip_rel_gap": 1e-4, "presolve": True},
    )
    status = _STATUS.get(result.status, "other")
    if result.x is None:
        raise InputError(
            f"the solver found no plan ({status}: {result.message}); raise "
            "[network] time_limit_s or make the network smaller"
        )
    x = np.where(np.abs(result.x) < 1e-7, 0.0, result.x)
    production, freight, duty, warehousing, lost = (float(v) for v in parts.T @ x)
    plan = NetworkPlan(setup.currency, status, production, freight, duty, warehousing, lost)
    plan.variables, plan.binaries = n, p.binaries
    gap = getattr(result, "mip_gap", None)
    plan.gap = None if gap is None or not p.binaries else float(gap)
    _read_flows(plan, p, x, parts.sum(axis=1))
    plan.seconds = time.perf_counter() - started
    logger.info(
        "network plan: %d variables (%d binary), %s, %.2f s, cost %.2f %s, fill %.1f%%",
        n, p.binaries, status, plan.seconds, plan.total_cost, setup.currency,
        100 * plan.fill_rate,
    )  # fmt: skip
    return plan


def _read_flows(plan: NetworkPlan, p: _Problem, x: np.ndarray, unit: np.ndarray) -> None:
    setup = p.setup
    made: dict[str, float] = defaultdict(float)
    received: dict[str, float] = defaultdict(float)
    weeks_in: dict[str, float] = defaultdict(float)
    for col, (f_name, w_name, mode, sku, weeks) in p.x_meta.items():
        if x[col] > 0:
            plan.inbound.append(Flow(f_name, w_name, mode, sku, float(x[col]), float(unit[col])))
            made[f_name] += x[col]
            received[w_name] += x[col]
            weeks_in[w_name] += x[col] * weeks
    lead_in = {w: weeks_in[w] / received[w] for w in received if received[w] > 0}
    served: dict[str, float] = defaultdict(float)
    weeks_to: dict[str, float] = defaultdict(float)
    for col, (w_name, market, mode, sku, weeks) in p.y_meta.items():
        if x[col] > 0:
            plan.outbound.append(Flow(w_name, market, mode, sku, float(x[col]), float(unit[col])))
            served[market] += x[col]
            weeks_to[market] += x[col] * (lead_in.get(w_name, 0.0) + weeks)
    wanted: dict[str, float] = defaultdict(float)
    lost: dict[str, float] = defaultdict(float)
    for (sku, market), d in p.demand.items():
        wanted[market] += d.units_per_week
        lost[market] += x[p.lost_col[(sku, market)]] * d.price
    plan.markets = [
        MarketFill(m, round(wanted[m], 4), round(served[m], 4), round(lost[m], 2),
                   round(weeks_to[m] / served[m], 2) if served[m] else 0.0)
        for m in sorted(wanted)
    ]  # fmt: skip
    plan.demand = sum(wanted.values())
    plan.served = sum(served.values())
    plan.factories = [
        Use(f.name, round(made[f.name], 4), f.capacity_per_week) for f in setup.factories
    ]
    plan.warehouses = [
        Use(w.name, round(received[w.name] * w.cover_weeks, 4), w.capacity_units)
        for w in setup.warehouses
    ]
