"""Benchmark: VOC dashboard queries on one zone with 1,000,000 voices (generated).

The zone (a DuckDB file) gets a million annotated voices over 26 weeks: six channels, 40
products, 150,000 people, about 1.3 aspect mentions and 0.8 theme assignments per voice. Each
dashboard query then runs repeatedly with rotating filters; the report gives p50 / p95 per
query and for whole pages served over HTTP.

    .venv/bin/python benchmarks/bench_dashboard.py [--voices 1000000] [--threads 2] [--json]

Target (issue 6): every dashboard query <= 200 ms at p95 with 1,000,000 voices in a zone.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from chuhai.records.theme import Theme
from chuhai.settings import Settings, load_settings
from chuhai.store import ZoneRouter, ZoneStore
from chuhai.voc.measures import Measures
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService
from chuhai.voc.trends import find_alerts

WEEKS = 26
_MONDAY = date.today() - timedelta(days=date.today().weekday())
START = datetime.combine(_MONDAY - timedelta(weeks=WEEKS), datetime.min.time())  # up to now
CHANNELS = ["review", "email", "call", "survey", "user_test", "live_comment"]
CHANNEL_P = [0.45, 0.08, 0.05, 0.12, 0.02, 0.28]
SENTIMENTS = ["pos", "neu", "neg"]
EMOTIONS = ["joy", "trust", "anticipation", "surprise", "neutral", "sadness", "fear", "anger",
            "disgust"]  # fmt: skip
INTENTS = ["praise", "complaint_product", "complaint_delivery", "complaint_service",
           "spec_question", "price_question", "stock_question", "shipping_question",
           "purchase_intent", "greeting", "feedback", "refund_return"]  # fmt: skip
ASPECTS = ["quality", "price", "shipping", "packaging", "service", "battery", "noise",
           "performance", "size_fit", "appearance", "usability", "authenticity"]  # fmt: skip
THEMES = 30
TEXTS = [f"แบตหมดเร็ว ส่งช้า รีวิวที่ {i}" if i % 2 else f"สวยมาก ราคาดี รีวิวที่ {i}"
         for i in range(500)]  # fmt: skip


def _strings(prefix: str, values: np.ndarray[Any, Any]) -> pa.Array:
    return pa.array([f"{prefix}{v}" for v in values.tolist()], type=pa.string())


def generate(store: ZoneStore, voices: int, seed: int = 0, batch: int = 250_000) -> None:
    """Write ``voices`` annotated voices with aspects and theme assignments, in batches."""
    rng = np.random.default_rng(seed)
    now = datetime(2026, 11, 1)
    themes = [
        Theme(id=f"theme-{t}", zone="th", kind="discovered", name=f"theme {t}", markets=["TH"])
        for t in range(THEMES)
    ]
    store.save_themes(themes, pa.table({}), replace=[])
    for first in range(0, voices, batch):
        n = min(batch, voices - first)
        index = np.arange(first, first + n)
        ids = _strings("v", index)
        seconds = rng.integers(0, WEEKS * 7 * 86400, n)
        times = pa.array(
            (np.datetime64(START) + seconds.astype("timedelta64[s]")).astype("datetime64[us]")
        )
        channel = rng.choice(CHANNELS, n, p=CHANNEL_P)
        has_rating = channel == "review"
        rating = np.where(
            has_rating, rng.choice([1, 2, 3, 4, 5], n, p=[0.1, 0.07, 0.1, 0.25, 0.48]), np.nan
        )
        sku = np.where(rng.random(n) < 0.8, rng.integers(0, 40, n).astype(str), "")
        texts = [TEXTS[i] for i in rng.integers(0, len(TEXTS), n).tolist()]
        voices_table = pa.table({
            "id": ids, "channel": pa.array(channel.tolist()), "market": pa.array(["TH"] * n),
            "zone": pa.array(["th"] * n), "language": pa.array(["th"] * n),
            "sku": pa.array([f"SKU-{s}" if s else None for s in sku.tolist()]),
            "time": times, "author": _strings("p", rng.integers(0, 150_000, n)),
            "text": pa.array(texts), "rating": pa.array(rating, from_pandas=True),
            "rating_max": pa.array(np.where(has_rating, 5.0, np.nan), from_pandas=True),
            "conversation_id": pa.nulls(n, pa.string()), "source_system": pa.array(["bench"] * n),
            "source_file": pa.nulls(n, pa.string()), "source_locator": pa.nulls(n, pa.string()),
            "source_id": pa.nulls(n, pa.string()), "metadata": pa.array(["{}"] * n),
            "ingested_at": pa.array([now] * n, type=pa.timestamp("us")),
        })  # fmt: skip
        sentiment = rng.choice(SENTIMENTS, n, p=[0.45, 0.3, 0.25])
        annotations = pa.table({
            "voice_id": ids, "market": pa.array(["TH"] * n), "zone": pa.array(["th"] * n),
            "language": pa.array(["th"] * n), "language_confidence": pa.array(np.ones(n)),
            "sentiment": pa.array(sentiment.tolist()), "sentiment_score": pa.array(rng.random(n)),
            "sentiment_confidence": pa.array(rng.random(n)),
            "emotion": pa.array(rng.choice(EMOTIONS, n).tolist()),
            "emotion_confidence": pa.array(rng.random(n)),
            "intent": pa.array(rng.choice(INTENTS, n).tolist()),
            "intent_confidence": pa.array(rng.random(n)), "toxicity_score": pa.array(np.zeros(n)),
            "toxicity_severity": pa.array(["none"] * n), "tier": pa.array(["full"] * n),
            "model_version": pa.array(["bench"] * n), "detail": pa.array(["{}"] * n),
            "annotated_at": pa.array([now] * n, type=pa.timestamp("us")),
        })  # fmt: skip
        mentions = rng.poisson(1.3, n)
        owner = np.repeat(index, mentions)
        m = len(owner)
        aspects = pa.table({
            "id": _strings("a", np.arange(m) + first * 4), "voice_id": _strings("v", owner),
            "market": pa.array(["TH"] * m), "zone": pa.array(["th"] * m),
            "aspect": pa.array(rng.choice(ASPECTS, m).tolist()),
            "sentiment": pa.array(rng.choice(SENTIMENTS, m, p=[0.4, 0.2, 0.4]).tolist()),
            "score": pa.array(rng.random(m)), "keyword": pa.array(["kw"] * m),
        })  # fmt: skip
        themed = index[rng.random(n) < 0.8]
        t = len(themed)
        assignments = pa.table({
            "id": _strings("t", themed), "voice_id": _strings("v", themed),
            "theme_id": pa.array([f"theme-{k}" for k in rng.integers(0, THEMES, t).tolist()]),
            "market": pa.array(["TH"] * t), "zone": pa.array(["th"] * t),
            "score": pa.array(rng.random(t)),
        })  # fmt: skip
        store.add_table("voices", voices_table)
        store.add_table("voice_annotations", annotations)
        store.add_table("voice_aspects", aspects)
        store.save_themes([], assignments)
        print(f"  {first + n:,} voices written", file=sys.stderr)


def timed(run: Callable[[int], object], runs: int) -> dict[str, float]:
    run(0)  # the first run warms DuckDB's caches; it is not counted
    times = []
    for i in range(runs):
        start = time.perf_counter()
        run(i + 1)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "max_ms": round(times[-1], 1),
    }


def queries(settings: Settings, runs: int) -> dict[str, dict[str, float]]:
    periods = ["last-4w", "last-1w", "last-13w", None, "last-30d"]
    skus = [None, "SKU-3", "SKU-17", None]
    with VocService(settings, reader="TH") as svc, ZoneRouter(settings) as router:
        store = svc.router.store("th")
        measures = Measures(store)
        released = Measures(store, min_people=10)

        def scope(i: int, **more: Any) -> Scope:
            return Scope.build(market="TH", period=periods[i % len(periods)],
                               sku=skus[i % len(skus)], **more)  # fmt: skip

        out = {
            "market summary (every breakdown, aspects, themes)": timed(
                lambda i: measures.summary(scope(i)), runs),
            "cross-market summary (k >= 10 suppression)": timed(
                lambda i: released.summary(scope(i)), runs),
            "aspect x sentiment matrix": timed(lambda i: measures.aspect_matrix(scope(i)), runs),
            "themes with counts": timed(lambda i: svc.themes(scope(i), quotes=2), runs),
            "quotes drill-down (battery complaints, 30)": timed(
                lambda i: svc.quotes(scope(i, aspect="battery", sentiment="neg"), limit=30), runs),
            "week-over-week alerts (every series)": timed(
                lambda i: find_alerts([store], settings.voc.alerts,
                                      week=_MONDAY - timedelta(days=7 * (1 + i % 3))), runs),
        }  # fmt: skip
        del router
    return out


def pages(settings: Settings, runs: int) -> dict[str, dict[str, float]]:
    from fastapi.testclient import TestClient

    from chuhai.api import create_app

    urls = {
        "page /voc/market/TH": "/voc/market/TH?period={p}",
        "page /voc (overview)": "/voc?period={p}",
        "page /voc/quotes": "/voc/quotes?market=TH&aspect=battery&sentiment=neg&period={p}",
        "api /v1/voc/measures": "/v1/voc/measures?market=TH&period={p}",
    }
    periods = ["", "last-4w", "last-13w", "last-1w"]
    out = {}
    local = settings.model_copy(
        update={"compliance": settings.compliance.model_copy(update={"reader": "TH"})}
    )
    with TestClient(create_app(settings=local)) as client:
        for name, url in urls.items():

            def get(i: int, url: str = url) -> None:
                response = client.get(url.format(p=periods[i % len(periods)]))
                assert response.status_code == 200, response.text[:200]

            out[name] = timed(get, max(5, runs // 3))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voices", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--threads", type=int, default=1, help="DuckDB threads (?threads=)")
    parser.add_argument("--json", action="store_true", help="Print JSON on stdout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"duckdb:///{tmp}/th.duckdb?threads={args.threads}"
        settings = load_settings(
            data_dir=Path(tmp), markets=["TH"], zones={"th": {"markets": ["TH"], "store": url}}
        )
        started = time.perf_counter()
        with ZoneRouter(settings) as router:
            generate(router.store("th"), args.voices)
        generated = time.perf_counter() - started
        with ZoneRouter(settings) as router:
            started = time.perf_counter()
            router.store("th").refresh_analytics(force=True)
            refreshed = time.perf_counter() - started
        results = {"queries": queries(settings, args.runs), "pages": pages(settings, args.runs)}
    report = {
        "machine": f"{platform.machine()} {platform.system()}, {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}",
        "voices": args.voices, "duckdb_threads": args.threads, "generate_s": round(generated, 1),
        "analytics_refresh_s": round(refreshed, 2), **results,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(
        f"{args.voices:,} voices in one zone, generated in {generated:.0f} s, analytics "
        f"tables rebuilt in {refreshed:.1f} s; DuckDB threads {args.threads}; {report['machine']}"
    )
    print("| query | p50 ms | p95 ms | max ms |\n|---|---|---|---|")
    for group in ("queries", "pages"):
        for name, r in report[group].items():
            print(f"| {name} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |")


if __name__ == "__main__":
    main()
