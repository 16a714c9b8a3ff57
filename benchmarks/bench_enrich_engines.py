"""Benchmark: ``chuhai enrich`` over stored voices, in process and on a local Ray cluster.

A DuckDB zone gets N unannotated live comments (texts of up to 120 characters drawn from the
public Twitch chat, Thai social, Indonesian review and support sets in the datasets folder,
each made unique so that no cache helps); then each
engine annotates all of them, in a fresh copy of the zone, and the throughput is reported.

    .venv/bin/python benchmarks/bench_enrich_engines.py --datasets ../shared/datasets \\
        [--voices 1000000] [--engines inprocess,ray] [--workers 2] [--cascade fast] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from chuhai.enrich.engines import InProcessEngine, RayEngine, enrich_stores
from chuhai.records import Channel, SourceRef, Voice
from chuhai.settings import load_settings
from chuhai.store import ZoneRouter

SOURCES = (  # file, how to read a text from it
    ("en-twitch-emote-controlled/labeled_dev_half.csv", "message"),
    ("id-indonlu-smsa/train_preprocess.tsv", "tsv"),
    ("th-wisesight-sentiment/neg.txt", "line"),
    ("th-wisesight-sentiment/pos.txt", "line"),
    ("th-wisesight-sentiment/neu.txt", "line"),
    ("en-bitext-customer-support/TrainingdatasetBitextsample.csv", "utterance"),
)


def texts(datasets: Path, limit: int = 60_000) -> list[str]:
    found: list[str] = []
    for name, how in SOURCES:
        path = datasets / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            if how == "line":
                rows = (line.strip() for line in handle)
            elif how == "tsv":
                rows = (line.split("\t")[0].strip() for line in handle)
            else:
                rows = ((r.get(how) or "").strip() for r in csv.DictReader(handle))
            found += [t for t in rows if 3 <= len(t) <= 120]  # live-comment lengths
    if not found:
        raise SystemExit(f"no texts under {datasets}: pass --datasets")
    random.Random(5).shuffle(found)
    return found[:limit]


def generate(settings_dir: Path, n: int, pool: list[str]) -> None:
    settings = load_settings(data_dir=settings_dir, markets=["ID"])
    rng = random.Random(11)
    start = datetime(2026, 6, 1, tzinfo=UTC)
    with ZoneRouter(settings) as router:
        store = router.store("id")
        for first in range(0, n, 20_000):
            store.add_voices([
                Voice(id=f"v{i:08d}", channel=Channel.LIVE_COMMENT, market="ID", zone="id",
                      language="und", time=start + timedelta(seconds=i),
                      text=f"{rng.choice(pool)} {rng.randint(0, 10**9):x}",
                      source=SourceRef(system="bench"))
                for i in range(first, min(n, first + 20_000))
            ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--datasets",
        type=Path,
        default=Path(os.environ.get("CHUHAI_DATASETS", "../shared/datasets")),
    )
    parser.add_argument("--voices", type=int, default=1_000_000)
    parser.add_argument("--engines", default="inprocess,ray")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cascade", default="fast", choices=["accurate", "balanced", "fast"])
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--json", action="store_true", help="Print JSON on stdout")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed"
        started = time.perf_counter()
        generate(seed, args.voices, texts(args.datasets))
        generated = time.perf_counter() - started
        for name in args.engines.split(","):
            data = Path(tmp) / name
            shutil.copytree(seed, data)
            pipeline = {"privacy": "passthrough", "enrich": ["multilingual"],
                        "cascade": args.cascade}  # fmt: skip
            settings = load_settings(data_dir=data, markets=["ID"], pipeline=pipeline)
            engine = (RayEngine(settings, args.workers) if name == "ray"
                      else InProcessEngine(settings))  # fmt: skip
            try:
                with ZoneRouter(settings) as router:
                    run = enrich_stores(
                        {"id": router.store("id")}, engine, batch_size=args.batch_size
                    )
            finally:
                engine.close()
            results.append(run.as_dict())
            shutil.rmtree(data)
    report = {
        "voices": args.voices, "cascade": args.cascade, "generate_s": round(generated, 1),
        "runs": results, "machine": f"{platform.machine()} {platform.system()}, "
        f"{os.cpu_count()} cpus, Python {platform.python_version()}",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    if args.json:
        print(json.dumps(report))
        return
    print(f"{args.voices:,} voices (cascade {args.cascade}); {report['machine']}")
    print("| engine | workers | seconds | voices/s |\n|---|---|---|---|")
    for r in results:
        print(f"| {r['engine']} | {r['workers']} | {r['seconds']} | {r['per_second']} |")


if __name__ == "__main__":
    main()
