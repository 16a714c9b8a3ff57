"""Voices with annotations, written straight into a zone store, for the VOC tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from chuhai.records import (
    Annotations,
    AspectSentiment,
    Judgement,
    LanguageJudgement,
    SentimentJudgement,
    SourceRef,
    ToxicityJudgement,
    Voice,
)
from chuhai.settings import Settings
from chuhai.store import ZoneStore, open_store

SOURCE = SourceRef(system="test", file="fixture.csv")
MONDAY = datetime(2026, 10, 5, 10, tzinfo=UTC)  # ISO week 2026-W41


def annotated(
    id: str,
    *,
    market: str = "TH",
    zone: str = "th",
    when: datetime = MONDAY,
    sentiment: str = "neu",
    emotion: str = "neutral",
    intent: str = "feedback",
    aspects: Sequence[tuple[str, str]] = (),
    language: str = "th",
    text: str | None = None,
    **fields: Any,
) -> Voice:
    """A voice whose annotations say exactly what the test needs."""
    score = {"pos": 0.8, "neu": 0.0, "neg": -0.8}[sentiment]
    annotations = Annotations(
        language=LanguageJudgement(code=language, confidence=1.0, method="test"),
        sentiment=SentimentJudgement(label=sentiment, score=score, confidence=0.9),  # type: ignore[arg-type]
        emotion=Judgement(label=emotion, confidence=0.9),
        intent=Judgement(label=intent, confidence=0.9),
        aspects=[
            AspectSentiment(aspect=a, sentiment=p, score=0.5, keyword=a, start=0, end=1)  # type: ignore[arg-type]
            for a, p in aspects
        ],
        toxicity=ToxicityJudgement(score=0.0, severity="none"),
        tier="full",
        model_version="test",
    )
    values: dict[str, Any] = {
        "channel": "review", "market": market, "zone": zone, "time": when,
        "text": text or f"voice {id}", "source": SOURCE, "language": language,
        "annotations": annotations,
    }  # fmt: skip
    values.update(fields)
    return Voice(id=id, **values)


def memory_store(zone: str = "th", markets: Sequence[str] = ("TH",)) -> ZoneStore:
    return open_store("duckdb://:memory:", zone=zone, markets=markets)


def two_zone_settings(data_dir: Any, **overrides: Any) -> Settings:
    """US (no transfer basis to CN) and TH (a recorded basis), read from CN."""
    from chuhai.settings import load_settings

    base: dict[str, Any] = {
        "data_dir": data_dir,
        "markets": ["US", "TH"],
        "compliance": {
            "headquarters": "CN",
            "transfers": [{"from": "TH", "to": "CN", "mechanism": "scc"}],
        },
    }
    base.update(overrides)
    return load_settings(**base)


def populate(settings: Settings, *, weeks: int = 6, per_week: int = 60, seed: int = 5) -> None:
    """Reviews in both markets for ``weeks`` weeks from MONDAY; Thai battery complaints jump in
    the last week."""
    import random
    from datetime import timedelta

    from chuhai.store import ZoneRouter

    rng = random.Random(seed)
    texts = {
        "TH": {"battery": "แบตหมดเร็วมาก", "price": "ราคาดีมาก", "shipping": "ส่งของช้ามาก"},
        "US": {"battery": "battery died fast", "price": "great price", "shipping": "slow shipping"},
    }
    with ZoneRouter(settings) as router:
        for market, zone in (("US", "us"), ("TH", "th")):
            voices = []
            for week in range(weeks):
                spike = market == "TH" and week == weeks - 1
                for n in range(per_week):
                    aspect = (
                        "battery"
                        if rng.random() < (0.5 if spike else 0.08)
                        else rng.choice(["price", "shipping"])
                    )
                    sentiment = "pos" if aspect == "price" else "neg"
                    voices.append(annotated(
                        f"{market}-{week}-{n}", market=market, zone=zone,
                        when=MONDAY + timedelta(days=7 * week, hours=rng.randint(0, 150)),
                        sentiment=sentiment, aspects=[(aspect, sentiment)],
                        intent="praise" if sentiment == "pos" else "complaint_product",
                        emotion="joy" if sentiment == "pos" else "anger",
                        language="th" if market == "TH" else "en",
                        text=f"{texts[market][aspect]} #{n % 7}", author=f"{market}-p{n % 40}",
                        sku=rng.choice(["PB-400", "FN-300"]), rating=5 if sentiment == "pos" else 1,
                        rating_max=5,
                    ))  # fmt: skip
            router.store(zone).add_voices(voices)


LIVE_K = 3
ALERT_WEEK = "2026-W42"  # the week after MONDAY's


def live_comment_zone(data_dir: Any, *, reader: str | None = None) -> Settings:
    """DE (zone eu, no transfer basis to CN, k = 3): 40 reviews by 40 people a week; complaints
    rise from 8 to 24 in 2026-W42, when one person ("lone") also posts one live comment, a
    battery complaint: a group of one that alerts, which leave live comments out, must not
    give away next to the measures (which count it)."""
    from datetime import timedelta

    from chuhai.settings import load_settings
    from chuhai.store import ZoneRouter

    compliance: dict[str, Any] = {"headquarters": "CN", "k_anonymity": LIVE_K}
    if reader:
        compliance["reader"] = reader
    settings = load_settings(
        data_dir=data_dir, markets=["DE", "FR"], zones={"eu": {"markets": ["DE", "FR"]}},
        compliance=compliance,
    )  # fmt: skip
    complaint: dict[str, Any] = {
        "sentiment": "neg",
        "intent": "complaint_product",
        "aspects": [("battery", "neg")],
    }
    praise: dict[str, Any] = {"sentiment": "pos", "intent": "praise", "aspects": [("price", "pos")]}
    voices = [
        annotated(
            f"w{week}-{n}", market="DE", zone="eu", language="de", author=f"p{week}-{n}",
            when=MONDAY + timedelta(days=7 * week, hours=n),
            **(complaint if n < complaints else praise),
        )
        for week, complaints in ((0, 8), (1, 24))
        for n in range(40)
    ]  # fmt: skip
    voices.append(annotated(
        "lone", market="DE", zone="eu", language="de", author="lone", channel="live_comment",
        when=MONDAY + timedelta(days=9), sentiment="neg", intent="complaint_product",
        aspects=[("battery", "neg")],
    ))  # fmt: skip
    with ZoneRouter(settings) as router:
        router.store("eu").add_voices(voices)
    return settings
