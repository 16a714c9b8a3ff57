"""Benchmark: the network plan for 50 factories x 20 warehouses x 30 markets x 500 SKUs.

Generated (seed 5): five industrial belts of ten factories; every SKU is made by three
factories of its belt (ex-works cost per factory, weekly capacity, MOQ 50 on every factory, so
1,500 MOQ binaries); every factory reaches eight warehouses by sea and three of them by air
too; every warehouse serves five markets by last mile, every market is served by at least
three warehouses; every market wants every SKU (15,000 demand rows); four tariff routes.
Timed (wall and this process's CPU): building the program and solving it (``plan_network``,
the solver's limit 50 s), then one re-plan (the busiest factory down).

    .venv/bin/python benchmarks/bench_network.py [--json]

Target (issue 18): the plan within 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from typing import Any

import numpy as np
import scipy

from chuhai.supply.network import NetworkSetup, Scenario, apply_scenario, plan_network

FACTORIES, WAREHOUSES, MARKETS, SKUS = 50, 20, 30, 500
BELTS = ("深圳 3C 电子", "义乌小商品", "东莞五金", "宁波小家电", "广州美妆")


def generate(seed: int = 5) -> NetworkSetup:
    rng = np.random.default_rng(seed)
    markets = [f"{chr(65 + i % 26)}{'Q' if i < 26 else 'R'}" for i in range(MARKETS)]
    base_cost = rng.uniform(1.5, 25.0, SKUS)
    costs: list[dict[str, float]] = [{} for _ in range(FACTORIES)]
    for s in range(SKUS):
        belt = s % len(BELTS)
        for f in rng.choice(10, size=3, replace=False):
            factory = belt * 10 + int(f)
            costs[factory][f"SKU-{s:04d}"] = round(base_cost[s] * rng.uniform(0.9, 1.2), 2)
    demand_units = rng.gamma(2.0, 6.0, (SKUS, MARKETS))
    per_factory = [
        sum(demand_units[int(k[4:])].sum() for k in c) / 3 * 1.4 for c in costs
    ]  # room for a third more than a fair share
    factories = [
        {"name": f"F{i:02d}", "belt": BELTS[i // 10], "city": BELTS[i // 10][:2],
         "capacity_per_week": int(per_factory[i]), "moq": 50, "lead_weeks": int(rng.integers(1, 4)),
         "costs": costs[i], "defect_rate": round(float(rng.uniform(0, 0.05)), 3)}
        for i in range(FACTORIES)
    ]  # fmt: skip
    countries = [markets[i % MARKETS] for i in range(WAREHOUSES)]
    warehouses = [
        {"name": f"W{i:02d}", "country": countries[i], "capacity_units": 40_000,
         "cover_weeks": 4, "inbound_per_week": 9_000,
         "handling_per_unit": round(float(rng.uniform(0.3, 1.0)), 2),
         "storage_per_unit_week": round(float(rng.uniform(0.02, 0.08)), 3)}
        for i in range(WAREHOUSES)
    ]  # fmt: skip
    routes = [f"R{i}" for i in range(4)]
    lanes: list[dict[str, Any]] = []
    for i in range(FACTORIES):
        reach = rng.choice(WAREHOUSES, size=8, replace=False)
        for j, w in enumerate(reach):
            route = routes[int(w) % 4]
            lanes.append({"origin": f"F{i:02d}", "destination": f"W{int(w):02d}", "mode": "sea",
                          "transit_weeks": float(rng.integers(3, 7)),
                          "cost_per_unit": round(float(rng.uniform(0.2, 0.8)), 2),
                          "tariff_route": route})  # fmt: skip
            if j < 3:
                lanes.append({"origin": f"F{i:02d}", "destination": f"W{int(w):02d}",
                              "mode": "air", "transit_weeks": 1.0,
                              "cost_per_unit": round(float(rng.uniform(1.5, 3.0)), 2),
                              "tariff_route": route})  # fmt: skip
    for w in range(WAREHOUSES):
        for k in range(5):
            market = markets[(w * 3 + k * 2) % MARKETS]
            lanes.append({"origin": f"W{w:02d}", "destination": market, "mode": "truck",
                          "transit_weeks": 0.0 if k == 0 else 1.0,
                          "cost_per_unit": round(float(rng.uniform(0.5, 2.5)), 2)})  # fmt: skip
    demand = [
        {"sku": f"SKU-{s:04d}", "market": markets[m],
         "units_per_week": round(float(demand_units[s, m]), 1),
         "price": round(float(base_cost[s] * rng.uniform(2.2, 3.5)), 2)}
        for s in range(SKUS) for m in range(MARKETS)
    ]  # fmt: skip
    tariff_routes = [
        {"name": r, "duty_rate": round(0.05 + 0.05 * i, 2)} for i, r in enumerate(routes)
    ]
    data: dict[str, Any] = {
        "factories": factories, "warehouses": warehouses, "lanes": lanes,
        "tariff_routes": tariff_routes, "demand": demand, "time_limit_s": 50,
    }  # fmt: skip
    return NetworkSetup(**data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    setup = generate()
    generated = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    plan = plan_network(setup)
    planned, planned_cpu = time.perf_counter() - t0, time.process_time() - c0
    made = {u.name: u.used for u in plan.factories}
    biggest = max(made, key=made.__getitem__)
    scenario = Scenario(name="biggest down", kind="factory_down", target=biggest)
    t0, c0 = time.perf_counter(), time.process_time()
    down = plan_network(apply_scenario(setup, scenario))
    replanned, replanned_cpu = time.perf_counter() - t0, time.process_time() - c0
    report = {
        "size": f"{FACTORIES} factories x {WAREHOUSES} warehouses x {MARKETS} markets x "
        f"{SKUS} SKUs",
        "lanes": len(setup.lanes),
        "demand_rows": len(setup.demand),
        "variables": plan.variables,
        "binaries": plan.binaries,
        "status": plan.status,
        "gap": plan.gap,
        "generate_s": round(generated, 2),
        "plan_s": round(planned, 2),
        "plan_cpu_s": round(planned_cpu, 2),
        "total_cost": round(plan.total_cost, 2),
        "fill_rate": round(plan.fill_rate, 4),
        "replan_factory_down_s": round(replanned, 2),
        "replan_cpu_s": round(replanned_cpu, 2),
        "replan_status": down.status,
        "replan_cost_change": round(down.total_cost - plan.total_cost, 2),
        "replan_fill_rate": round(down.fill_rate, 4),
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "machine": f"{platform.machine()} {platform.system()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}, SciPy {scipy.__version__} (HiGHS)",
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for key, value in report.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
