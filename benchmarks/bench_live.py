"""Benchmark: the live copilot, event in to annotated event out, on real live chat.

Replays the YouTube live-chat set (youtube-livechat-m-emoji, 192 streams, each its own room)
and the Twitch set (en-twitch-emote-controlled) through the embedded hub: the copilot (PII
redaction, fast-cascade analysis, moderation, FAQ retrieval for questions), the room state and
the zone store writes, with the demo catalog as the knowledge base. Two measurements:

* sustained: every event as fast as the hub takes them (events/s);
* paced: events offered at a fixed rate (default 500/s) from one thread to the hub in another;
  latency is from the moment an event is offered to the moment its result is published
  (queueing included), as the live room sees it.

    python benchmarks/bench_live.py --datasets ../shared/datasets [--rate 500] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import queue
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from chuhai.demo.catalog import PRODUCTS
from chuhai.live.copilot import Copilot
from chuhai.live.hub import LiveHub
from chuhai.records import KnowledgeEntry, Product
from chuhai.settings import Settings, load_settings
from chuhai_tools.evaluation.sets import youtube_chat

START = "2026-11-08T20:00:00+00:00"


def load_events(datasets: Path) -> list[dict[str, Any]]:
    """The 192 YouTube streams as rooms live at the same time (their comments merged by the
    second they were sent in each stream), then the Twitch messages in their order."""
    timed: list[tuple[float, int, dict[str, Any]]] = []
    for message in youtube_chat(datasets):
        room = "yt-" + message.stream
        event = {
            "id": f"{room}-{message.index}",
            "room": room,
            "time": START,
            "user": message.user,
            "text": message.text,
        }
        timed.append((message.second, len(timed), event))
    events = [event for _, _, event in sorted(timed)]
    twitch = datasets / "en-twitch-emote-controlled" / "labeled_dev_half.csv"
    with twitch.open(encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f)):
            events.append(
                {
                    "id": f"tw-{n}",
                    "room": f"tw-{row['channel']}",
                    "time": row["date"],
                    "user": row["user"],
                    "text": row["message"],
                }
            )
    return events


def products() -> list[Product]:
    return [
        Product(
            sku=p["sku"],
            names=p["names"],
            category=p.get("category"),
            markets=p["markets"],
            attributes=p.get("attributes", {}),
            knowledge=[
                KnowledgeEntry(language=f["lang"], question=f["q"], answer=f["a"])
                for f in p.get("faq", [])
            ],
        )
        for p in PRODUCTS
    ]


def make_hub(data_dir: Path, events: list[dict[str, Any]]) -> LiveHub:
    rooms = {e["room"]: "US" for e in events}
    settings: Settings = load_settings(data_dir=data_dir, markets=["US"], live={"rooms": rooms})
    catalog = products()
    return LiveHub(settings, copilot=Copilot(settings, products=catalog), products=catalog)


def warm_up(hub: LiveHub, room: str) -> None:
    """Load models and caches so the first timed event does not pay for them."""
    hub.process(
        {
            "id": "warm",
            "room": room,
            "time": START,
            "user": "w",
            "text": "warm up, how long does the battery last?",
        }
    )


def sustained(events: list[dict[str, Any]]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, make_hub(Path(tmp), events) as hub:
        warm_up(hub, events[0]["room"])
        start = time.perf_counter()
        for start_at in range(0, len(events), 64):  # a backlog, cleared 64 at a time
            hub.process_many(events[start_at : start_at + 64])
        hub.flush()
        seconds = time.perf_counter() - start
        return {
            "events": len(events),
            "seconds": round(seconds, 2),
            "events_per_s": round(len(events) / seconds, 1),
            "outcomes": dict(hub.counts),
        }


def paced(events: list[dict[str, Any]], rate: float) -> dict[str, Any]:
    inbox: queue.Queue[tuple[float, dict[str, Any]] | None] = queue.Queue()
    latencies: list[float] = []
    by_set: dict[str, list[float]] = {"youtube": [], "twitch": []}
    with tempfile.TemporaryDirectory() as tmp, make_hub(Path(tmp), events) as hub:
        warm_up(hub, events[0]["room"])

        def work() -> None:
            # What a live worker does: take everything waiting (up to 64), analyse it together.
            running = True
            while running:
                batch = [inbox.get()]
                while len(batch) < 64 and not inbox.empty():
                    batch.append(inbox.get())
                if batch[-1] is None:
                    running = False
                    batch.pop()
                items = [b for b in batch if b is not None]
                hub.process_many([event for _, event in items])
                done = time.perf_counter()
                for offered, event in items:
                    latency = (done - offered) * 1000
                    latencies.append(latency)
                    by_set["twitch" if event["id"].startswith("tw-") else "youtube"].append(latency)

        worker = threading.Thread(target=work)
        worker.start()
        start = time.perf_counter()
        for n, event in enumerate(events):
            pause = start + n / rate - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            inbox.put((time.perf_counter(), event))
        inbox.put(None)
        worker.join()
        seconds = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100)
    per_set = {
        name: {
            "events": len(values),
            "p50_ms": round(statistics.quantiles(values, n=100)[49], 2),
            "p95_ms": round(statistics.quantiles(values, n=100)[94], 2),
        }
        for name, values in by_set.items()
        if len(values) > 1
    }
    return {
        "per_set": per_set,
        "offered_per_s": rate,
        "events": len(events),
        "seconds": round(seconds, 2),
        "delivered_per_s": round(len(events) / seconds, 1),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "max_ms": round(max(latencies), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("CHUHAI_DATASETS", "../shared/datasets")
    parser.add_argument("--datasets", type=Path, default=Path(default))
    parser.add_argument("--rate", type=float, default=500.0, help="events/s offered when paced")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.datasets.is_dir():
        print(f"datasets folder not found: {args.datasets}", file=sys.stderr)
        sys.exit(2)
    events = load_events(args.datasets)
    result = {
        "machine": f"{platform.machine()} {platform.system()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}",
        "sustained": sustained(events),
        "paced": paced(events, args.rate),
    }
    if args.json:
        print(json.dumps(result))
        return
    s: dict[str, Any] = result["sustained"]  # type: ignore[assignment]
    p: dict[str, Any] = result["paced"]  # type: ignore[assignment]
    print(f"sustained: {s['events']:,} events in {s['seconds']} s = {s['events_per_s']:,}/s")
    print(
        f"paced at {p['offered_per_s']:.0f}/s: delivered {p['delivered_per_s']:,}/s, "
        f"latency p50 {p['p50_ms']} ms, p95 {p['p95_ms']} ms, p99 {p['p99_ms']} ms, "
        f"max {p['max_ms']} ms; {p['per_set']}"
    )


if __name__ == "__main__":
    main()
