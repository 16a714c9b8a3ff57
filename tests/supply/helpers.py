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


# -- a shop whose power bank has a battery alert in Thailand ----------------------------------

ALERT_WEEK = "2026-W42"  # Monday 2026-10-12
PLAN_DAY = "2026-10-21"  # a Wednesday of the week after: the alert week is the last complete


def shop_with_quality_alert(settings: Any) -> None:
    """Weekly orders of PB-400 and FN-300 in TH and NL-200 in US from 2026-06-01; reviews in
    TH for 2026-W41 and W42, in which PB-400's battery complaints (product complaints) rise
    from 3 to 20 of 30; FN-300 is praised both weeks (one battery complaint in W42)."""
    from datetime import UTC, datetime, timedelta

    from chuhai.records import Order, SourceRef
    from chuhai.store import ZoneRouter
    from tests.voc.factory import annotated

    start, source = datetime(2026, 6, 1, 12, tzinfo=UTC), SourceRef(system="test")
    orders: dict[str, list[Order]] = {"th": [], "us": []}
    for week in range(20):
        for sku, market in (("PB-400", "TH"), ("FN-300", "TH"), ("NL-200", "US")):
            zone = market.lower()
            orders[zone] += [
                Order(id=f"O-{sku}-{market}-{week}-{i}", sku=sku, market=market, zone=zone,
                      quantity=1, unit_price=10, currency="USD", source=source,
                      time=start + timedelta(weeks=week, hours=i))
                for i in range(20)
            ]  # fmt: skip
    voices = []
    for week, bad in ((0, 3), (1, 20)):
        monday = datetime(2026, 10, 5, 9, tzinfo=UTC) + timedelta(weeks=week)
        for n in range(30):
            battery = n < bad
            voices.append(annotated(
                f"PB-{week}-{n}", sku="PB-400", author=f"pb{week}-{n}",
                when=monday + timedelta(hours=n), sentiment="neg" if battery else "pos",
                aspects=[("battery", "neg" if battery else "pos")],
                intent="complaint_product" if battery else "praise",
            ))  # fmt: skip
            odd = week == 1 and n == 0  # one complaint: not the SKU behind the alert
            voices.append(annotated(
                f"FN-{week}-{n}", sku="FN-300", author=f"fn{week}-{n}",
                when=monday + timedelta(hours=n), sentiment="neg" if odd else "pos",
                aspects=[("battery", "neg") if odd else ("quality", "pos")],
                intent="complaint_product" if odd else "praise",
            ))  # fmt: skip
    with ZoneRouter(settings) as router:
        for zone, batch in orders.items():
            router.store(zone).add_orders(batch)
        router.store("th").add_voices(voices)
