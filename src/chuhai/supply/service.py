"""The purchase plan from the zone stores, for the API and the web page.

Only aggregates leave a zone here (units per SKU, market and week; no buyer, no text), so the
plan may be read from headquarters like any other aggregate.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from chuhai.errors import InputError
from chuhai.settings import Settings
from chuhai.store.registry import ZoneRouter
from chuhai.supply.calendar_events import add_calendar
from chuhai.supply.forecast import make_forecaster
from chuhai.supply.planner import Inventory, PlanLine, plan_orders
from chuhai.supply.series import DemandData, period_start
from chuhai.supply.setup import SupplySetup, load_setup
from chuhai.supply.sources import demand_from_stores

__all__ = ["PlanResult", "plan_demand", "plan_from_stores"]

logger = logging.getLogger(__name__)
_lock = threading.Lock()  # one plan at a time: the forecaster uses every core
_STALE_DAYS = 14  # data ending this long before the plan's day is worth a warning


@dataclass
class PlanResult:
    setup: SupplySetup
    lines: list[PlanLine]
    horizon: int
    model: str
    as_of: date | None = None  # the day the plan starts from (today unless asked otherwise)
    data_ends: date | None = None  # the last day the demand data covers
    stale_weeks: int = 0  # whole weeks between that day and the plan's week
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "currency": self.setup.currency,
            "horizon": self.horizon,
            "model": self.model,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "data_ends": self.data_ends.isoformat() if self.data_ends else None,
            "warnings": list(self.warnings),
            "unverified_tariffs": sorted(t.market for t in self.setup.tariffs if not t.verified),
            "lines": [line.as_dict() for line in self.lines],
        }


def plan_demand(
    setup: SupplySetup,
    data: DemandData,
    *,
    horizon: int,
    model: str = "chuhai",
    as_of: date | None = None,
    inventory: Inventory | None = None,
) -> PlanResult:
    """The purchase plan for ``horizon`` periods from ``as_of`` (default today): the history
    before that day's period, a forecast that reaches over any weeks the data does not
    cover, orders dated from ``as_of`` on; a warning where the data ends weeks before."""
    today = as_of or date.today()
    start = period_start(today, data.freq)
    step = timedelta(days=1 if data.freq == "D" else 7)
    data = data.before(start)
    ended = data.last_period() + step - timedelta(days=1)  # the data's last day
    gap = (start - ended).days - 1  # days between the data and the plan's period
    warnings = []
    if gap >= _STALE_DAYS:
        warnings.append(
            f"the demand data ends {ended}, {gap // 7} weeks before {today}: the forecast "
            "bridges the gap as if nothing changed; import recent orders or plan as of an "
            "earlier day (--as-of)"
        )
    # every series must reach `horizon` periods past `start`: the earliest-ending sets h
    earliest = pd.Timestamp(data.history.groupby("unique_id")["ds"].max().min()).date()
    h = (start - earliest) // step - 1 + horizon
    frame = make_forecaster(model).forecast(data, h)
    frame = frame[frame["ds"] < pd.Timestamp(start + horizon * step)]
    frame = frame.merge(
        data.history[["unique_id", "sku", "market"]].drop_duplicates(), on="unique_id"
    )
    per_week = 7 if data.freq == "D" else 1
    lines = plan_orders(setup, frame, inventory, per_week=per_week, as_of=today)
    for warning in warnings:
        logger.info("%s", warning)  # the CLI, API and page show it to the user
    stale = gap // 7 if warnings else 0
    return PlanResult(setup, lines, horizon, model, today, ended, stale, warnings)


def plan_from_stores(
    settings: Settings,
    router: ZoneRouter,
    markets: Sequence[str] | None = None,
    horizon: int | None = None,
    model: str = "chuhai",
    as_of: date | None = None,
) -> PlanResult:
    setup = load_setup(settings.supply.setup)
    h = horizon or setup.policy.horizon
    if h < 2 or h > 104:
        raise InputError(f"horizon {h} must be between 2 and 104 periods")
    with _lock:
        data = add_calendar(demand_from_stores(router, "W", markets), settings)
        setup.check_skus(data.skus())
        return plan_demand(setup, data, horizon=h, model=model, as_of=as_of)
