"""Benchmark: live comments of many rooms through ``chuhai live worker`` processes sharing
Redis Streams (a consumer group), with one worker killed mid-way.

Ten rooms in two markets (Indonesian and Thai chat) send a burst of comments at once; N
workers take them from the group. Reported: comments per second from the first push to the
last comment published, and whether every comment was published exactly once.

    .venv/bin/python benchmarks/bench_live_workers.py [--workers 3] [--events 3000] [--kill]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import redis

from chuhai.live.redis_bus import RedisBus

ROOMS = {f"shop{i}.{m.lower()}": m for i, m in enumerate(["ID"] * 5 + ["TH"] * 5)}
TEXTS = {
    "ID": ["kak harga yang nomor {n} berapa?", "barangnya ready kak? {n}", "mantap kak {n}"],
    "TH": ["ตัวที่ {n} ราคาเท่าไหร่คะ", "มีสีอื่นไหมคะ {n}", "สวยมากค่ะ {n}"],
}


def start(config: Path, url: str, prefix: str, name: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "chuhai", "-c", str(config), "live", "worker", "--redis",
               url, "--prefix", prefix, "--name", name, "--claim-after-ms", "1500",
               "--threads", str(THREADS)]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def consumers(client: redis.Redis, bus: RedisBus) -> int:
    try:
        return len(client.xinfo_consumers(bus.inbox, "copilot"))
    except redis.ResponseError:
        return 0


def measure(args: argparse.Namespace) -> tuple[float, bool]:
    """Seconds from the first push to the last comment published; exactly once or not."""
    client = redis.Redis.from_url(args.redis)
    prefix = f"chuhai-bench-{uuid.uuid4().hex[:8]}"
    bus = RedisBus(client, prefix)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "chuhai.toml"
        rooms = "".join(f'"{r}" = "{m}"\n' for r, m in ROOMS.items())
        config.write_text(f'data_dir = "{tmp}/data"\nmarkets = ["ID", "TH"]\n[live.rooms]\n{rooms}',
                          encoding="utf-8")  # fmt: skip
        # a warm-up comment makes each worker join the group and load its models
        workers = [start(config, args.redis, prefix, f"w{i}") for i in range(args.workers)]
        try:
            bus.push({"id": "warm", "room": "shop0.id", "text": "halo", "user": "u"})
            deadline = time.monotonic() + 120
            while (consumers(client, bus) < args.workers or client.xlen(bus.outbox) < 1) and (
                time.monotonic() < deadline
            ):
                time.sleep(0.2)
            time.sleep(3)  # the others finish loading
            started = time.perf_counter()
            names = list(ROOMS)
            for n in range(args.events):
                room = names[n % len(names)]
                text = TEXTS[ROOMS[room]][n % 3].format(n=n)
                bus.push({"id": f"ev{n}", "room": room, "user": f"viewer{n % 251}", "text": text,
                          "time": "2026-11-08T20:00:00+07:00"})  # fmt: skip
            killed = False
            while client.xlen(bus.outbox) < args.events + 1:
                if args.kill and not killed and client.xlen(bus.outbox) > args.events // 3:
                    workers[0].send_signal(signal.SIGKILL)
                    killed = True
                if time.perf_counter() - started > 900:
                    break
                time.sleep(0.05)
            elapsed = time.perf_counter() - started
            entries: list[Any] = client.xrange(bus.outbox)  # type: ignore[assignment]
            published = [json.loads(f[b"data"]) for _, f in entries]
            ids = [p["data"].get("id") for p in published if p["kind"] == "comment"]
            ids = [i for i in ids if i != "warm"]
            exact = sorted(ids) == sorted(f"ev{n}" for n in range(args.events))
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.send_signal(signal.SIGTERM)
                    worker.wait(timeout=30)
            for key in client.scan_iter(f"{prefix}*"):
                client.delete(key)
    return elapsed, exact


THREADS = 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--redis", default=os.environ.get("CHUHAI_TEST_REDIS", "redis://127.0.0.1:6379/15")
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--kill", action="store_true", help="Kill one worker a third of the way")
    parser.add_argument("--json", action="store_true", help="Print JSON on stdout")
    parser.add_argument("--threads", type=int, default=1, help="Model threads per worker")
    args = parser.parse_args()
    global THREADS  # noqa: PLW0603 - read by start()
    THREADS = args.threads
    elapsed, exact = measure(args)
    machine = f"{platform.machine()} {platform.system()}, {os.cpu_count()} cpus"
    report = {"workers": args.workers, "rooms": len(ROOMS), "events": args.events,
              "killed_one": args.kill, "seconds": round(elapsed, 2),
              "per_second": round(args.events / elapsed, 1), "exactly_once": exact,
              "machine": machine}  # fmt: skip
    if args.json:
        print(json.dumps(report))
    else:
        killed_note = " (one killed)" if args.kill else ""
        print(f"{args.events:,} comments from {len(ROOMS)} rooms through {args.workers} workers"
              f"{killed_note}: {elapsed:.1f} s, {report['per_second']:,}/s; exactly once: "
              f"{exact}; {machine}")  # fmt: skip


if __name__ == "__main__":
    main()
