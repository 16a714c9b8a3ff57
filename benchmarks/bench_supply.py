"""Benchmark: forecast + purchase plan for 10,000 SKU x market series (generated).

Weekly demand over two years for 2,500 SKUs in four markets: 70 % regular series with live
sessions lifting demand 2-4x, 20 % intermittent (most weeks without a sale), 10 % new SKUs
with 4-12 weeks of history. Timed: chuhai's forecaster (12 weeks, quantiles) and the planner
over the example setup's factories, modes and warehouses.

    .venv/bin/python benchmarks/bench_supply.py [--series 10000] [--json]

Target (issue 7): forecast + plan for 10,000 series in <= 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from chuhai.supply.forecast import make_forecaster
from chuhai.supply.planner import plan_orders
from chuhai.supply.series import DemandData, series_id
from chuhai.supply.setup import EXAMPLE_SETUP, SkuSetup, SupplySetup, Warehouse, load_setup

MARKETS = ("US", "ID", "TH", "MY")
WEEKS = 104


def generate(n: int, seed: int = 3) -> DemandData:
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2024-12-02")
    frames = []
    future = []
    for i in range(n):
        sku, market = f"SKU-{i // len(MARKETS):05d}", MARKETS[i % len(MARKETS)]
        kind = rng.choice(["regular", "intermittent", "new"], p=[0.7, 0.2, 0.1])
        weeks = int(rng.integers(4, 13)) if kind == "new" else WEEKS
        live = (rng.random(weeks + 12) < 0.15).astype(float)
        base = rng.gamma(2.0, 20.0)
        if kind == "intermittent":
            y = rng.poisson(1.5, weeks) * (rng.random(weeks) < 0.3)
        else:
            season = 1 + 0.2 * np.sin(np.arange(weeks) * 2 * np.pi / 52)
            lift = 1 + live[:weeks] * rng.uniform(1, 3)
            y = rng.poisson(base * season * lift)
        uid = series_id(sku, market)
        ds = pd.date_range(start + pd.Timedelta(weeks=WEEKS - weeks), periods=weeks, freq="W-MON")
        frames.append(pd.DataFrame({"unique_id": uid, "sku": sku, "market": market, "ds": ds,
                                    "y": y.astype(float), "live": live[:weeks]}))  # fmt: skip
        after = pd.date_range(ds[-1] + pd.Timedelta(weeks=1), periods=12, freq="W-MON")
        future.append(pd.DataFrame({"unique_id": uid, "ds": after, "live": live[weeks:]}))
    return DemandData(pd.concat(frames, ignore_index=True), "W", ["live"],
                      pd.concat(future, ignore_index=True))  # fmt: skip


def setup_for(data: DemandData) -> SupplySetup:
    example = load_setup(EXAMPLE_SETUP)
    skus = [SkuSetup(sku=s, factory=example.factories[0].name, unit_cost=5.0,
                     prices=dict.fromkeys(MARKETS, 12.0)) for s in sorted(data.skus())]  # fmt: skip
    warehouses = [Warehouse(name=f"{m}-1", market=m, capacity_units=2_000_000) for m in MARKETS]
    tariffs = [*example.tariffs, example.tariffs[-1].model_copy(update={"market": "MY"})]
    return example.model_copy(update={"skus": skus, "warehouses": warehouses, "tariffs": tariffs})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--series", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="Print JSON on stdout")
    args = parser.parse_args()
    data = generate(args.series)
    setup = setup_for(data)
    started = time.perf_counter()
    forecast = make_forecaster("chuhai").forecast(data, 12)
    forecast = forecast.merge(
        data.history[["unique_id", "sku", "market"]].drop_duplicates(), on="unique_id"
    )
    forecasted = time.perf_counter() - started
    lines = plan_orders(setup, forecast)
    total = time.perf_counter() - started
    report = {
        "series": args.series,
        "rows": len(data.history),
        "models": forecast.groupby("model")["unique_id"].nunique().to_dict(),
        "forecast_s": round(forecasted, 1),
        "plan_s": round(total - forecasted, 1),
        "total_s": round(total, 1),
        "orders": sum(1 for line in lines if line.order_qty),
        "machine": f"{platform.machine()} {platform.system()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if args.json:
        print(json.dumps(report))
        return
    print(
        f"{args.series:,} series ({report['rows']:,} weekly rows; {report['models']}): forecast "
        f"{forecasted:.1f} s + plan {total - forecasted:.1f} s = {total:.1f} s; "
        f"{report['orders']:,} orders; {report['machine']}"
    )


if __name__ == "__main__":
    main()
