"""Small demand tables and setups with answers that can be worked out by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from chuhai.supply.forecast import quantile_column
from chuhai.supply.series import DemandData, series_id
from chuhai.supply.setup import SupplySetup

MONDAY = pd.Timestamp("2026-01-05")


def weekly(values: dict[tuple[str, str], list[float]], live: dict[tuple[str, str], list[float]]
           | None = None) -> DemandData:  # fmt: skip
    rows = []
    for (sku, market), ys in values.items():
        flags = (live or {}).get((sku, market), [0.0] * len(ys))
        for i, (y, flag) in enumerate(zip(ys, flags, strict=True)):
            rows.append({"unique_id": series_id(sku, market), "sku": sku, "market": market,
                         "ds": MONDAY + pd.Timedelta(weeks=i), "y": float(y), "live": flag})  # fmt: skip
    return DemandData(pd.DataFrame(rows), "W", ["live"])


def flat_forecast(
    series: dict[tuple[str, str], float], weeks: int, sd: float = 0.0
) -> pd.DataFrame:
    """A forecast of constant mean per series, with q0.1/q0.9 at mean -/+ 1.2816 sd."""
    rows = []
    for (sku, market), mean in series.items():
        for i in range(weeks):
            rows.append({"unique_id": series_id(sku, market), "sku": sku, "market": market,
                         "ds": MONDAY + pd.Timedelta(weeks=i), "mean": mean,
                         quantile_column(0.1): mean - 1.2815515655446004 * sd,
                         quantile_column(0.5): mean,
                         quantile_column(0.9): mean + 1.2815515655446004 * sd})  # fmt: skip
    return pd.DataFrame(rows)


def setup(**changes: Any) -> SupplySetup:
    """Two SKUs from one factory (MOQ 100, cases of 10), air (2 weeks, 1.0/unit) and sea
    (6 weeks, 0.2/unit), one Thai warehouse; no duty or VAT unless changed."""
    data: dict[str, Any] = {
        "currency": "USD",
        "policy": {
            "service_level": 0.95,
            "review_periods": 1,
            "horizon": 12,
            "holding_rate": 0.25,
            "use_eoq": False,
        },
        "modes": [
            {"name": "air", "lead_weeks": 2, "cost_per_unit": 1.0},
            {"name": "sea", "lead_weeks": 6, "cost_per_unit": 0.2},
        ],
        "factories": [
            {
                "name": "F",
                "country": "CN",
                "production_weeks": 0,
                "moq": 100,
                "case_pack": 10,
                "modes": ["air", "sea"],
            }
        ],
        "skus": [
            {"sku": "A", "factory": "F", "unit_cost": 10.0, "prices": {"TH": 20.0}},
            {"sku": "B", "factory": "F", "unit_cost": 10.0, "prices": {"TH": 20.0}},
        ],
        "warehouses": [{"name": "BKK", "market": "TH", "capacity_units": 100_000}],
        "tariffs": [{"market": "TH", "duty_rate": 0.0, "vat_rate": 0.0}],
    }
    data.update(changes)
    return SupplySetup(**data)


def periodic(weeks: int, pattern: list[float]) -> list[float]:
    return [pattern[i % len(pattern)] for i in range(weeks)]


def noisy(weeks: int, level: float, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).poisson(level, weeks).astype(float)
