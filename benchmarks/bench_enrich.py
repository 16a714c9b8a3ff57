"""Benchmark: the multilingual enrich stage (no translation) on real live chat.

Replays the Twitch chat set (en-twitch-emote-controlled) and the YouTube live-chat set
(youtube-livechat-m-emoji, 192 streams) from the shared datasets folder and reports:

* batch throughput: every message through ``Analyzer.analyze`` in batches, from a cold start
  (models loaded, caches empty), with the share of each cascade tier;
* single-comment latency: messages one at a time in replay order on a warm analyzer, as the
  live room sends them (p50 / p95 / p99).

    python benchmarks/bench_enrich.py --datasets ../shared/datasets [--cascade fast] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from chuhai.enrich.analyzer import CASCADES, Analyzer, Cascade
from chuhai.enrich.evaluation.sets import youtube_chat


def load_chat(datasets: Path) -> dict[str, list[str]]:
    """Messages of each set, in the order they were sent."""
    twitch_csv = datasets / "en-twitch-emote-controlled" / "labeled_dev_half.csv"
    with twitch_csv.open(encoding="utf-8") as handle:
        twitch = [row["message"] for row in csv.DictReader(handle)]
    youtube = [message.text for message in youtube_chat(datasets)]
    return {"en-twitch": twitch, "youtube-m-emoji": youtube}


def batch_run(texts: list[str], batch: int, cascade: Cascade) -> dict[str, object]:
    analyzer = Analyzer(cascade=cascade)
    analyzer.analyze(["warm up the model"], "US")  # loading is not throughput
    analyzer.embedder.clear()
    tiers: Counter[str] = Counter()
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        tiers.update(a.tier for a in analyzer.analyze(texts[i : i + batch], "US"))
    seconds = time.perf_counter() - start
    return {
        "texts": len(texts),
        "seconds": round(seconds, 2),
        "texts_per_s": round(len(texts) / seconds, 1),
        "tiers": {k: round(v / len(texts), 3) for k, v in sorted(tiers.items())},
    }


def single_run(texts: list[str], warmup: int, cascade: Cascade) -> dict[str, object]:
    analyzer = Analyzer(cascade=cascade)
    for text in texts[:warmup]:
        analyzer.analyze_one(text, "US")
    times = []
    for text in texts[warmup:]:
        start = time.perf_counter()
        analyzer.analyze_one(text, "US")
        times.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(times, n=100)
    return {
        "comments": len(times),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "max_ms": round(max(times), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("CHUHAI_DATASETS", "../shared/datasets")
    parser.add_argument("--datasets", type=Path, default=Path(default))
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--single", type=int, default=3000, help="comments timed one by one")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--cascade", choices=CASCADES, action="append", help="cascade(s) to measure (default: all)"
    )
    args = parser.parse_args()
    if not args.datasets.is_dir():
        print(f"datasets folder not found: {args.datasets}", file=sys.stderr)
        sys.exit(2)
    sets = load_chat(args.datasets)
    runs: dict[str, object] = {}
    for cascade in args.cascade or CASCADES:
        runs[cascade] = {
            "batch": {name: batch_run(texts, args.batch, cascade) for name, texts in sets.items()},
            "single": {
                name: single_run(texts[: args.single + 200], 200, cascade)
                for name, texts in sets.items()
            },
        }
    result = {
        "machine": f"{platform.machine()} {platform.system()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}",
        "cascades": runs,
    }
    if args.json:
        print(json.dumps(result))
        return
    for cascade, run in runs.items():
        for name, r in run["batch"].items():  # type: ignore[index]
            print(
                f"{cascade:8} batch  {name:16} {r['texts']:>6} texts "
                f"{r['texts_per_s']:>8} texts/s  {r['tiers']}"
            )
        for name, r in run["single"].items():  # type: ignore[index]
            print(
                f"{cascade:8} single {name:16} {r['comments']:>6} comments p50 {r['p50_ms']} ms "
                f"p95 {r['p95_ms']} ms p99 {r['p99_ms']} ms"
            )


if __name__ == "__main__":
    main()
