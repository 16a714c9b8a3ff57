"""Benchmark: ``chuhai enrich`` over stored voices, in process and on a local Ray cluster.

A DuckDB zone gets N unannotated voices; then each engine annotates all of them, in a fresh
copy of the zone, and the throughput is reported. Two workloads (``--texts``):

* ``unique``: texts of up to 120 characters drawn from the public Twitch chat, Thai social,
  Indonesian review and support sets, each made unique so that no cache helps (zone ``id``):
  the cost of analysing a text the first time;
* ``livechat``: the two real live-chat sets (YouTube M-Emoji, 192 streams, and Twitch) replayed
  in order, session after session, into zone ``us``: chat repeats itself, so the analyzer's
  caches answer the repeats, as they do in a real room.

    .venv/bin/python benchmarks/bench_enrich_engines.py --datasets ../shared/datasets \\
        [--texts unique|livechat] [--voices 1000000] [--engines inprocess,ray] [--workers 2] \\
        [--cascade fast] [--json]
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
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_enrich import load_chat
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


Workload = tuple[str, str, Callable[[int], str]]  # zone, market, voice number -> text


def workload(kind: str, datasets: Path) -> Workload:
    if kind == "livechat":
        sets = load_chat(datasets)
        chat = sets["youtube-m-emoji"] + sets["en-twitch"]
        return "us", "US", lambda i: chat[i % len(chat)]
    pool, rng = texts(datasets), random.Random(11)
    return "id", "ID", lambda i: f"{rng.choice(pool)} {rng.randint(0, 10**9):x}"


def generate(settings_dir: Path, n: int, work: Workload) -> int:
    """Store ``n`` unannotated voices; returns how many distinct texts they hold."""
    zone, market, text_of = work
    settings = load_settings(data_dir=settings_dir, markets=[market])
    start = datetime(2026, 6, 1, tzinfo=UTC)
    distinct: set[str] = set()
    with ZoneRouter(settings) as router:
        store = router.store(zone)
        for first in range(0, n, 20_000):
            voices = [
                Voice(id=f"v{i:08d}", channel=Channel.LIVE_COMMENT, market=market, zone=zone,
                      language="und", time=start + timedelta(seconds=i), text=text_of(i),
                      source=SourceRef(system="bench"))
                for i in range(first, min(n, first + 20_000))
            ]  # fmt: skip
            distinct.update(v.text for v in voices)
            store.add_voices(voices)
    return len(distinct)


def run_cli(data: Path, engine: str, market: str, args: argparse.Namespace) -> dict[str, Any]:
    """``chuhai enrich --engine ENGINE --json`` over the zone in ``data``, as a user runs it;
    its own report plus the command's wall time (start-up and model loading included)."""
    config = data / "chuhai.toml"
    config.write_text(
        f'data_dir = "."\nmarkets = ["{market}"]\n\n'
        '[pipeline]\nprivacy = "passthrough"\nenrich = ["multilingual"]\n',
        encoding="utf-8",
    )
    command = [str(Path(sys.executable).with_name("chuhai")), "-c", str(config), "enrich",
               "--engine", engine, "--workers", str(args.workers), "--cascade", args.cascade,
               "--batch-size", str(args.batch_size), "--json"]  # fmt: skip
    print(f"running chuhai {' '.join(command[1:])} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    report: dict[str, Any] = json.loads(done.stdout)
    report["wall_s"] = round(time.perf_counter() - started, 1)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--datasets",
        type=Path,
        default=Path(os.environ.get("CHUHAI_DATASETS", "../shared/datasets")),
    )
    parser.add_argument("--texts", choices=["unique", "livechat"], default="unique")
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
        work = workload(args.texts, args.datasets)
        distinct = generate(seed, args.voices, work)
        generated = time.perf_counter() - started
        for name in args.engines.split(","):
            data = Path(tmp) / name
            shutil.copytree(seed, data)
            results.append(run_cli(data, name, work[1], args))
            shutil.rmtree(data)
    report = {
        "voices": args.voices, "texts": args.texts, "distinct_texts": distinct,
        "cascade": args.cascade, "generate_s": round(generated, 1),
        "runs": results, "machine": f"{platform.machine()} {platform.system()}, "
        f"{os.cpu_count()} cpus, Python {platform.python_version()}",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    if args.json:
        print(json.dumps(report))
        return
    print(
        f"{args.voices:,} voices, {distinct:,} distinct ({args.texts}, cascade "
        f"{args.cascade}); {report['machine']}"
    )
    print("| engine | workers | seconds (job) | voices/s | command wall s |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r['engine']} | {r['workers']} | {r['seconds']} | {r['per_second']} | "
              f"{r['wall_s']} |")  # fmt: skip


if __name__ == "__main__":
    main()
