"""Benchmark: `chuhai ingest` of N reviews from a TikTok-Shop-like CSV export.

Generates the CSV (Indonesian review text from the demo's phrase tables, unique review ids),
then runs the real command line in a subprocess against a fresh data directory and reports:

* wall time of the whole command (process start, imports, reading, validation, storing);
* rows/s over that wall time;
* the same for a second run of the same file (everything is a duplicate: the idempotent path).

    python benchmarks/bench_ingest.py --rows 100000 [--workers N] [--enrich NAME] [--json]

The enrich stage is ``passthrough`` unless --enrich names another: this measures ingestion;
``benchmarks/bench_enrich.py`` measures the multilingual enrich stage. The privacy stage is
``redact`` (the default) unless --privacy passthrough.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from chuhai.demo.catalog import PRODUCTS
from chuhai.demo.tables import TIKTOK_COLUMNS, handle, review_text, star_rating, tiktok_row

OUT = Path(__file__).resolve().parent / "out"


def write_csv(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    start = datetime.now(UTC) - timedelta(days=60)
    # 40 texts per product and rating, reused: generating 100,000 would dominate the setup
    texts = {
        (p["sku"], s): [review_text(rng, "id", p["category"], s) for _ in range(40)]
        for p in PRODUCTS
        for s in range(1, 6)
    }
    with path.open("w", encoding="utf-8", newline="") as handle_:
        writer = csv.writer(handle_)
        writer.writerow(TIKTOK_COLUMNS)
        for n in range(rows):
            product = PRODUCTS[n % len(PRODUCTS)]
            stars = star_rating(rng)
            when = start + timedelta(seconds=rng.randint(0, 59 * 86400))
            text = rng.choice(texts[(product["sku"], stars)])
            writer.writerow(tiktok_row("ID", n, product, stars, text, when, handle(rng)))


def run_ingest(
    csv_path: Path, data_dir: Path, workers: int, enrich: str, privacy: str
) -> tuple[float, dict[str, object]]:
    env = {
        **os.environ,
        "CHUHAI_DATA_DIR": str(data_dir),
        "CHUHAI_MARKETS": "US,ID,TH",
        "CHUHAI_PIPELINE__WORKERS": str(workers),
        "CHUHAI_PIPELINE__ENRICH": enrich,
        "CHUHAI_PIPELINE__PRIVACY": privacy,
    }
    command = [
        sys.executable,
        "-m",
        "chuhai",
        "ingest",
        str(csv_path),
        "--kind",
        "reviews",
        "--mapping",
        "tiktok-shop-reviews",
        "--market",
        "ID",
        "--json",
    ]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workers", type=int, default=0, help="worker processes (0: one per core, 1: in-process)"
    )
    parser.add_argument("--enrich", default="passthrough", help="enrich stage(s), comma-separated")
    parser.add_argument(
        "--privacy", default="redact", help="privacy stage: redact (the default) or passthrough"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / f"tiktok-reviews-{args.rows}.csv"
    if not csv_path.exists():
        write_csv(csv_path, args.rows, args.seed)
    data_dir = OUT / "data"
    shutil.rmtree(data_dir, ignore_errors=True)
    first_wall, first = run_ingest(csv_path, data_dir, args.workers, args.enrich, args.privacy)
    second_wall, second = run_ingest(csv_path, data_dir, args.workers, args.enrich, args.privacy)
    result = {
        "rows": args.rows,
        "workers": args.workers,
        "enrich": args.enrich,
        "privacy": args.privacy,
        "file_mb": round(csv_path.stat().st_size / 1e6, 1),
        "first_run": {
            "wall_s": round(first_wall, 2),
            "rows_per_s": round(args.rows / first_wall),
            "accepted": first["accepted"],
            "quarantined": first["quarantined"],
        },
        "re_import": {
            "wall_s": round(second_wall, 2),
            "rows_per_s": round(args.rows / second_wall),
            "accepted": second["accepted"],
            "duplicates": second["duplicates"],
        },
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.rows:,} rows ({result['file_mb']} MB) on {result['machine']}")
    for label, key in (("first import", "first_run"), ("re-import   ", "re_import")):
        r = result[key]
        assert isinstance(r, dict)
        print(f"{label}: {r['wall_s']} s wall, {r['rows_per_s']:,} rows/s  {r}")


if __name__ == "__main__":
    main()
