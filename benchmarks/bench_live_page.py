"""Benchmark: does the copilot page stay responsive while its room takes 500 comments/s?

Runs the real command, ``chuhai live replay --serve``, in its own process on 10,000 YouTube
live-chat comments (one room) timed ``--rate`` per second, and meanwhile, in Debian's
Chromium driven by Playwright from this process, clicks the language switch every 250 ms and
times how long until the page shows the other language (script and layout included): the
time an operator waits for the page to react.

    python benchmarks/bench_live_page.py --datasets ../shared/datasets [--rate 500] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench_live import load_events

CHROMIUM = os.environ.get("CHUHAI_CHROMIUM", "/usr/bin/chromium")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--datasets",
        type=Path,
        default=Path(os.environ.get("CHUHAI_DATASETS", "../shared/datasets")),
    )
    parser.add_argument("--rate", type=float, default=500.0)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.datasets.is_dir():
        print(f"datasets folder not found: {args.datasets}", file=sys.stderr)
        sys.exit(2)
    from playwright.sync_api import sync_playwright

    events = load_events(args.datasets)[: args.events]
    with tempfile.TemporaryDirectory() as tmp:
        recording = Path(tmp) / "busy.jsonl"
        start = datetime(2026, 11, 8, 20, 0, tzinfo=UTC)
        with recording.open("w", encoding="utf-8") as handle:
            for n, event in enumerate(events):
                when = (start + timedelta(seconds=n / args.rate)).isoformat()
                handle.write(json.dumps({**event, "room": "busy", "time": when}) + "\n")
        config = Path(tmp) / "chuhai.toml"
        config.write_text(f'data_dir = "{tmp}/data"\nmarkets = ["US"]\n', encoding="utf-8")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chuhai",
                "-c",
                str(config),
                "live",
                "replay",
                str(recording),
                "--market",
                "US",
                "--speed",
                "1",
                "--serve",
                "--port",
                str(port),
                "--linger",
                "3",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        waits: list[float] = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            page = browser.new_page()
            for _ in range(200):
                try:
                    page.goto(f"http://127.0.0.1:{port}/live?room=busy")
                    break
                except Exception:  # the server is still loading its models
                    time.sleep(0.1)
            page.wait_for_selector(".comment", timeout=60_000)
            while server.poll() is None:
                before = page.inner_text("h1")
                clicked = time.perf_counter()
                page.click("#lang")
                page.wait_for_function(
                    f"document.querySelector('h1').textContent !== {json.dumps(before)}"
                )
                waits.append((time.perf_counter() - clicked) * 1000)
                time.sleep(0.25)
            shown = page.eval_on_selector_all(".comment", "c => c.length")
            browser.close()
    cuts = statistics.quantiles(waits, n=20)
    result = {
        "rate": args.rate,
        "events": len(events),
        "clicks": len(waits),
        "p50_ms": round(statistics.median(waits), 1),
        "p95_ms": round(cuts[18], 1),
        "max_ms": round(max(waits), 1),
        "cards_on_page": shown,
    }
    print(
        json.dumps(result)
        if args.json
        else f"{len(waits)} clicks while {len(events):,} comments arrived at {args.rate:.0f}/s: "
        f"page reacted in p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"max {result['max_ms']} ms ({shown} cards kept)"
    )


if __name__ == "__main__":
    main()
