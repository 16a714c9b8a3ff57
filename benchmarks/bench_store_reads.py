"""Benchmark: the VOC stage's reads of one zone through the store interfaces (issue 16), at p50
and p95 over rotating filters, on generated voices (bench_dashboard's generator).

    .venv/bin/python benchmarks/bench_store_reads.py [--voices 200000] [--runs 30]

Run it on two checkouts (``PYTHONPATH=<checkout>/src``) to compare the reads before and after a
change of the store; the released summary uses calendar months and ISO weeks, the scopes a
release accepts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bench_dashboard as dashboard
from chuhai.settings import load_settings
from chuhai.store import ZoneRouter
from chuhai.voc.measures import Measures
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService
from chuhai.voc.trends import find_alerts

PERIODS = ["last-4w", "last-1w", "last-13w", None, "last-30d"]
RELEASED = ["2026-10", "2026-09", "2026-W40", None]
SKUS = [None, "SKU-3", "SKU-17", None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voices", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"duckdb:///{tmp}/th.duckdb?threads=1"
        settings = load_settings(
            data_dir=Path(tmp), markets=["TH"], zones={"th": {"markets": ["TH"], "store": url}}
        )
        with ZoneRouter(settings) as router:
            dashboard.generate(router.store("th"), args.voices)
            router.store("th").refresh_analytics(force=True)
        with VocService(settings, reader="TH") as svc:
            store = svc.router.store("th")
            measures, released = Measures(store), Measures(store, min_people=10)

            def scope(i: int, **more: Any) -> Scope:
                return Scope.build(market="TH", period=PERIODS[i % 5], sku=SKUS[i % 4], **more)

            def alerts(i: int) -> object:
                week = dashboard._MONDAY - timedelta(days=7 * (1 + i % 3))
                return find_alerts([store], settings.voc.alerts, week=week)

            reads: dict[str, Callable[[int], object]] = {
                "market summary": lambda i: measures.summary(scope(i)),
                "released summary (k >= 10)": lambda i: released.summary(
                    Scope.build(market="TH", period=RELEASED[i % 4])
                ),
                "aspect matrix": lambda i: measures.aspect_matrix(scope(i)),
                "themes with counts": lambda i: svc.themes(scope(i), quotes=2),
                "quotes drill-down": lambda i: svc.quotes(
                    scope(i, aspect="battery", sentiment="neg"), limit=30
                ),
                "week-over-week alerts": alerts,
            }
            print(f"{args.voices:,} voices | p50 ms | p95 ms |\n|---|---|---|")
            for name, read in reads.items():
                took = dashboard.timed(read, args.runs)
                print(f"| {name} | {took['p50_ms']} | {took['p95_ms']} |")


if __name__ == "__main__":
    main()
