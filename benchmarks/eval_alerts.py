"""Evaluation: how often week-over-week alerts fire on noise, and how often they catch a spike.

Simulated markets (fixed seeds): six weeks of N voices a week in which a share p0 complain
about the battery; in the last week the share becomes p1 (a spike) or stays p0 (noise, with
the volume of the last week also halved in half the runs). Each run tests every series
(aspects, intents, negative voices) with the default settings ([voc.alerts]).

    .venv/bin/python benchmarks/eval_alerts.py [--runs 200] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from chuhai.records import (
    Annotations,
    AspectSentiment,
    Channel,
    Judgement,
    LanguageJudgement,
    SentimentJudgement,
    SourceRef,
    ToxicityJudgement,
    Voice,
)
from chuhai.records.annotations import Polarity
from chuhai.settings.voc import AlertSettings
from chuhai.store import ZoneStore, open_store
from chuhai.voc.trends import find_alerts

MONDAY = datetime(2026, 6, 1, 8, tzinfo=UTC)
WEEKS = 6
SOURCE = SourceRef(system="eval")
INTENTS = ["praise", "spec_question", "complaint_product", "feedback"]


def _voice(vid: str, when: datetime, battery: bool, rng: random.Random) -> Voice:
    sentiment: Polarity = "neg" if battery or rng.random() < 0.2 else rng.choice(["pos", "neu"])
    aspect = AspectSentiment(
        aspect="battery" if battery else "price",
        sentiment="neg" if battery else "pos",
        score=0,
        keyword="x",
        start=0,
        end=1,
    )
    annotations = Annotations(
        language=LanguageJudgement(code="th", confidence=1, method="eval"),
        sentiment=SentimentJudgement(label=sentiment, score=0, confidence=1),
        emotion=Judgement(label="neutral", confidence=1),
        intent=Judgement(label=rng.choice(INTENTS), confidence=1),
        aspects=[aspect],
        toxicity=ToxicityJudgement(score=0, severity="none"),
        tier="full",
        model_version="eval",
    )
    return Voice(
        id=vid,
        channel=Channel.REVIEW,
        market="TH",
        zone="th",
        time=when,
        text="x",
        source=SOURCE,
        author=f"p{rng.randint(0, 100_000)}",
        annotations=annotations,
    )


def market(seed: int, per_week: int, p0: float, p1: float, halve: bool) -> ZoneStore:
    rng = random.Random(seed)
    store = open_store("duckdb://:memory:", zone="th", markets=["TH"])
    voices = []
    for week in range(WEEKS):
        last = week == WEEKS - 1
        rate = p1 if last else p0
        for n in range((per_week // 2) if (last and halve) else per_week):
            when = MONDAY + timedelta(days=7 * week, hours=rng.randint(0, 150))
            voices.append(_voice(f"{week}-{n}", when, rng.random() < rate, rng))
    store.add_voices(voices)
    return store


def run(runs: int) -> list[dict[str, Any]]:
    settings = AlertSettings()
    week = (MONDAY + timedelta(days=7 * (WEEKS - 1))).date()
    rows = []
    for per_week in (100, 300):
        for p0, p1 in ((0.06, 0.06), (0.06, 0.12), (0.06, 0.18), (0.06, 0.30)):
            fired = 0
            for seed in range(runs):
                with market(seed, per_week, p0, p1, halve=p0 == p1 and seed % 2 == 1) as store:
                    alerts = find_alerts([store], settings, week=week)
                if p0 == p1:
                    fired += bool(alerts)  # any alert at all is a false alarm
                else:
                    fired += any(a.key == "battery" and a.direction == "up" for a in alerts)
            rows.append({
                "voices/week": per_week, "battery complaints before": p0, "last week": p1,
                "runs": runs,
                "measured": "runs with any alert (false alarms)" if p0 == p1
                else "runs that caught the spike",
                "share": round(fired / runs, 3),
            })  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="Print JSON on stdout")
    args = parser.parse_args()
    rows = run(args.runs)
    if args.json:
        print(json.dumps(rows))
        return
    print("| voices/week | before | last week | measured | share of runs |\n|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['voices/week']} | {r['battery complaints before']:.0%} | "
              f"{r['last week']:.0%} | {r['measured']} | {r['share']:.3f} |")  # fmt: skip


if __name__ == "__main__":
    main()
