"""The purchase plan from the zone stores, for the API and the web page.

Only aggregates leave a zone here (units per SKU, market and week; no buyer, no text), so the
plan may be read from headquarters like any other aggregate.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from chuhai.errors import InputError
from chuhai.settings import Settings
from chuhai.store.registry import ZoneRouter
from chuhai.supply.forecast import make_forecaster
from chuhai.supply.planner import PlanLine, plan_orders
from chuhai.supply.setup import SupplySetup, load_setup
from chuhai.supply.sources import demand_from_stores

__all__ = ["PlanResult", "plan_from_stores"]

logger = logging.getLogger(__name__)
_lock = threading.Lock()  # one plan at a time: the forecaster uses every core


@dataclass
class PlanResult:
    setup: SupplySetup
    lines: list[PlanLine]
    horizon: int
    model: str

    def as_dict(self) -> dict[str, object]:
        return {
            "currency": self.setup.currency,
            "horizon": self.horizon,
            "model": self.model,
            "unverified_tariffs": sorted(t.market for t in self.setup.tariffs if not t.verified),
            "lines": [line.as_dict() for line in self.lines],
        }


def plan_from_stores(
    settings: Settings,
    router: ZoneRouter,
    markets: Sequence[str] | None = None,
    horizon: int | None = None,
    model: str = "chuhai",
) -> PlanResult:
    setup = load_setup(settings.supply.setup)
    h = horizon or setup.policy.horizon
    if h < 2 or h > 104:
        raise InputError(f"horizon {h} must be between 2 and 104 periods")
    with _lock:
        data = demand_from_stores(router, "W", markets)
        setup.check_skus(data.skus())
        frame = make_forecaster(model).forecast(data, h)
        frame = frame.merge(
            data.history[["unique_id", "sku", "market"]].drop_duplicates(), on="unique_id"
        )
        lines = plan_orders(setup, frame)
    return PlanResult(setup, lines, h, model)
