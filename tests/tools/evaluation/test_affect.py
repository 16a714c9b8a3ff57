"""The sentiment and emotion sections of ``chuhai eval`` on a stand-in analyzer (no models, no
shared datasets): rows per set and per language, neutral answers counted wrong, calibration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pytest

from chuhai.enrich.analyzer import Analyzer
from chuhai.records.annotations import (
    Annotations,
    Judgement,
    LanguageJudgement,
    SentimentJudgement,
    ToxicityJudgement,
)
from chuhai_tools.evaluation.affect import (
    by_market,
    calibration_rows,
    confident_emotion,
    emotion_rows,
    sentiment_rows,
)
from chuhai_tools.evaluation.sets import Item

# text -> (sentiment label, score, confidence, emotion label, emotion confidence, tier)
Answer = tuple[str, float, float, str, float, str]


def _annotations(answer: Answer) -> Annotations:
    label, score, confidence, emotion, emotion_confidence, tier = answer
    return Annotations.model_validate(
        {
            "language": LanguageJudgement(code="und", confidence=1.0, method="test"),
            "sentiment": SentimentJudgement(
                label=label,  # type: ignore[arg-type]
                score=score,
                confidence=confidence,
            ),
            "emotion": Judgement(label=emotion, confidence=emotion_confidence),
            "intent": Judgement(label="feedback", confidence=0.5),
            "toxicity": ToxicityJudgement(score=0.0, severity="none"),
            "tier": tier,
            "model_version": "test",
        }
    )


class FakeAnalyzer:
    """Answers each text from a table; records the market of every call."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.calls: list[tuple[list[str], str | None]] = []

    def analyze(self, texts: Sequence[str], market: str | None = None) -> list[Annotations]:
        self.calls.append((list(texts), market))
        return [_annotations(self.answers[t]) for t in texts]


def _fake(answers: dict[str, Answer]) -> tuple[FakeAnalyzer, Analyzer]:
    fake = FakeAnalyzer(answers)
    return fake, cast(Analyzer, fake)


ANSWERS: dict[str, Answer] = {
    "great": ("pos", 0.8, 0.9, "joy", 0.9, "fast"),
    "awful": ("neg", -0.7, 0.8, "anger", 0.6, "full"),
    "meh good": ("neu", 0.2, 0.5, "trust", 0.3, "full"),  # a clear item answered neu
    "bad-ish": ("neu", -0.3, 0.5, "sadness", 0.2, "full"),
    "a fact": ("neu", 0.0, 0.7, "neutral", 0.7, "lexicon"),
    "bueno": ("pos", 0.6, 0.6, "joy", 0.8, "fast"),
}


def test_by_market_analyses_each_item_with_its_market_in_order() -> None:
    fake, analyzer = _fake(ANSWERS)
    items = [
        Item("great", "pos", "en", "US"),
        Item("bueno", "pos", "es"),
        Item("awful", "neg", "en", "US"),
    ]
    results = by_market(analyzer, items)
    assert [r.sentiment.label for r in results] == ["pos", "pos", "neg"]
    assert sorted(fake.calls, key=str) == sorted(
        [(["great", "awful"], "US"), (["bueno"], None)], key=str
    )


def test_sentiment_rows_count_neutral_answers_wrong_and_keep_the_sign() -> None:
    _, analyzer = _fake(ANSWERS)
    sets = {
        "en-reviews": [
            Item("great", "pos", "en", "US"),
            Item("awful", "neg", "en", "US"),
            Item("meh good", "pos", "en", "US"),
            Item("bad-ish", "neg", "en", "US"),
        ]
    }
    rows, outcomes = sentiment_rows(sets, analyzer)
    [row] = rows
    assert row["set"] == "en-reviews" and row["language"] == "en" and row["n"] == 4
    assert row["label accuracy (pos vs neg)"] == 0.5
    assert row["pos vs neg, sign of score"] == 1.0
    assert row["pos/neg answered neu"] == 0.5
    assert row["3-class macro-F1"] is None  # no neutral items
    assert row["kind"] == "-"  # not a known set
    assert outcomes.correct == [True, True, False, False]
    assert outcomes.tiers == ["fast", "full", "full", "full"]


def test_sentiment_rows_split_a_multi_language_set_and_add_baselines() -> None:
    _, analyzer = _fake(ANSWERS)
    sets = {
        "xed-heldout": [
            Item("great", "pos", "en", "US"),
            Item("a fact", "neu", "en", "US"),
            Item("bueno", "pos", "es"),
            Item("bad-ish", "neg", "es"),
        ]
    }
    always_positive = {"VADER": ("en", lambda text: 1.0)}
    rows, _ = sentiment_rows(sets, analyzer, always_positive)
    assert [(r["language"], r["n"]) for r in rows] == [("en", 2), ("es", 2), ("all", 4)]
    en, es, both = rows
    assert en["kind"] == "sentence"
    assert en["3-class macro-F1"] == 1.0
    assert en["baseline: VADER (sign)"] == 1.0
    assert "baseline: VADER (sign)" not in es and "baseline: VADER (sign)" not in both
    assert es["label accuracy (pos vs neg)"] == 0.5
    assert both["label accuracy (pos vs neg)"] == pytest.approx(2 / 3)


def test_calibration_rows_bin_every_answer_and_give_the_ece() -> None:
    _, analyzer = _fake(ANSWERS)
    sets = {
        "s": [
            Item(t, g, "en") for t, g in [("great", "pos"), ("awful", "neg"), ("meh good", "pos")]
        ]
    }
    _, outcomes = sentiment_rows(sets, analyzer)
    rows = calibration_rows(outcomes)
    bins = [r for r in rows if "-" in r["confidence"]]
    assert [(r["confidence"], r["n"], r["label accuracy"]) for r in bins] == [
        ("0.5-0.6", 1, 0.0),
        ("0.8-0.9", 1, 1.0),
        ("0.9-1.0", 1, 1.0),
    ]
    total = next(r for r in rows if r["confidence"] == "all")
    assert total["n"] == 3
    # |0.5 - 0| + |0.8 - 1| + |0.9 - 1|, each bin one answer of three
    assert total["ECE"] == pytest.approx((0.5 + 0.2 + 0.1) / 3)
    tiers = {r["confidence"]: r["n"] for r in rows if str(r["confidence"]).startswith("tier ")}
    assert tiers == {"tier fast": 1, "tier full": 2}


def test_emotion_rows_map_labels_and_report_confident_accuracy() -> None:
    _, analyzer = _fake(ANSWERS)
    sets = {
        # GoEmotions in its Ekman form: our "trust" is its "joy"
        "en-goemotions-test": [
            Item("great", "joy", "en", "US"),
            Item("meh good", "joy", "en", "US"),
            Item("awful", "anger", "en", "US"),
            Item("bad-ish", "joy", "en", "US"),
        ]
    }
    rows, outcomes = emotion_rows(sets, analyzer, threshold=0.5)
    [row] = rows
    assert row["accuracy"] == 0.75
    assert row["baseline: majority"] == 0.75
    assert row["points above majority"] == 0.0
    assert row["accuracy when confident (>= 0.5)"] == 1.0  # great (0.9) and awful (0.6)
    assert row["share confident"] == 0.5
    assert outcomes.correct == [True, True, True, False]


def test_emotion_rows_split_multi_language_sets() -> None:
    _, analyzer = _fake(ANSWERS)
    sets = {"multi-xed-heldout": [Item("great", "joy", "en"), Item("bueno", "sadness", "es")]}
    rows, _ = emotion_rows(sets, analyzer, threshold=0.5)
    assert [(r["language"], r["accuracy"]) for r in rows] == [
        ("en", 1.0),
        ("es", 0.0),
        ("all", 0.5),
    ]
    assert rows[-1]["points above majority"] == 0.0


def test_confident_emotion_reads_the_analyzer_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    from chuhai.enrich import analyzer

    monkeypatch.setattr(analyzer, "CONFIDENT_EMOTION", 0.42, raising=False)
    assert confident_emotion() == 0.42
    monkeypatch.delattr(analyzer, "CONFIDENT_EMOTION")
    assert confident_emotion() == 0.5
