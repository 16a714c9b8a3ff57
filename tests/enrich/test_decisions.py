"""The labels users see: neutral only for neutral text; label, score and intent agree."""

from __future__ import annotations

import numpy as np
import pytest

from chuhai.enrich.decisions import (
    NEUTRAL_SCORE,
    agree_with_intent,
    gating_confidence,
    sentiment_judgement,
    sentiment_label,
)
from chuhai.records.labels import INTENT

INTENTS = tuple(INTENT)  # the intent head's labels, in its order
SENTIMENTS = ("neg", "neu", "pos")


def _p(neg: float, neu: float, pos: float) -> np.ndarray:
    return np.array([neg, neu, pos], dtype=np.float32)


@pytest.mark.parametrize(
    ("neg", "neu", "pos", "threshold", "label"),
    [
        (0.05, 0.90, 0.05, 0.5, "neu"),  # clearly neutral
        (0.10, 0.45, 0.45, 0.5, "pos"),  # argmax would tie; the text leans positive
        (0.30, 0.40, 0.30, 0.5, "neu"),  # no lean at all: neutral even below the threshold
        (0.40, 0.45, 0.15, 0.5, "neg"),  # argmax says neu; P(neu) too low to claim it
        (0.05, 0.60, 0.35, 0.5, "neu"),  # neutral enough, score 0.30 is still small
        (0.02, 0.55, 0.43, 0.5, "pos"),  # |score| 0.41 > 0.3: never neutral
        (0.70, 0.20, 0.10, 0.5, "neg"),
        (0.20, 0.70, 0.10, 0.8, "neg"),  # a strict threshold sends weak neutrals to a side
    ],
)
def test_sentiment_label(neg: float, neu: float, pos: float, threshold: float, label: str) -> None:
    assert sentiment_label(_p(neg, neu, pos), threshold) == label


@pytest.mark.parametrize(
    "p",
    [_p(*np.random.default_rng(seed).dirichlet([1, 1, 1])) for seed in range(200)],
)
def test_label_and_score_agree(p: np.ndarray) -> None:
    judged = sentiment_judgement(p, 0.5)
    if judged.label == "neu":
        assert abs(judged.score) <= NEUTRAL_SCORE + 1e-6
    else:
        assert (judged.score > 0) == (judged.label == "pos")
    assert judged.confidence == pytest.approx(float(p[SENTIMENTS.index(judged.label)]), abs=1e-4)


def _intent(label: str, confidence: float) -> np.ndarray:
    p = np.full(len(INTENTS), (1 - confidence) / (len(INTENTS) - 1), dtype=np.float32)
    p[INTENTS.index(label)] = confidence
    return p


@pytest.mark.parametrize(
    ("intent", "confidence", "p", "sentiment", "intent_after"),
    [
        # warm wording that the intent head, however sure, took for a complaint: praise
        # ("Bỉm mềm, bé mặc qua đêm không bị hăm, không tràn" read complaint_product at 0.9)
        ("complaint_product", 0.9, _p(0.1, 0.2, 0.7), "pos", "praise"),
        ("complaint_service", 0.95, _p(0.05, 0.1, 0.85), "pos", "praise"),
        # a refund request stays one however warmly asked, and is negative
        ("refund_return", 0.6, _p(0.05, 0.15, 0.8), "neg", "refund_return"),
        # a flat-sounding grievance: neutral mass moves to neg
        ("complaint_service", 0.6, _p(0.1, 0.8, 0.1), "neg", "complaint_service"),
        ("complaint_delivery", 0.7, _p(0.2, 0.7, 0.1), "neg", "complaint_delivery"),
        # however unsure the intent: a comment shown as a complaint is not neutral
        ("complaint_delivery", 0.2, _p(0.1, 0.85, 0.05), "neg", "complaint_delivery"),
        ("refund_return", 0.9, _p(0.1, 0.1, 0.8), "neg", "refund_return"),
        # clear praise that the intent head took for a complaint: the intent gives way
        ("complaint_product", 0.6, _p(0.02, 0.08, 0.9), "pos", "praise"),
    ],
)
def test_complaints_are_never_positive(
    intent: str, confidence: float, p: np.ndarray, sentiment: str, intent_after: str
) -> None:
    intent_p = _intent(intent, confidence)
    intent_p[INTENTS.index("praise")] += 0.01
    intent_p /= intent_p.sum()
    moved, intents = agree_with_intent(p, intent_p, INTENTS)
    assert moved.sum() == pytest.approx(1.0, abs=1e-5)
    assert intents.sum() == pytest.approx(1.0, abs=1e-5)
    assert sentiment_label(moved, 0.5) == sentiment
    assert INTENTS[int(intents.argmax())] == intent_after


@pytest.mark.parametrize("intent", ["praise", "greeting", "price_question", "purchase_intent"])
def test_other_intents_leave_sentiment_alone(intent: str) -> None:
    p = _p(0.1, 0.2, 0.7)
    moved, intents = agree_with_intent(p, _intent(intent, 0.99), INTENTS)
    assert np.array_equal(moved, p)
    assert INTENTS[int(intents.argmax())] == intent


def test_gating_confidence() -> None:
    labels = INTENTS
    chatter = np.zeros(len(labels), dtype=np.float32)
    chatter[labels.index("greeting")] = 0.4
    chatter[labels.index("praise")] = 0.35
    chatter[labels.index("price_question")] = 0.25
    # taken for chatter: how sure it needs no action at all (greeting + praise)
    assert gating_confidence("intent", labels, chatter, 0.5) == pytest.approx(0.75)
    # sentiment: the side shown against the other side
    assert gating_confidence("sentiment", SENTIMENTS, _p(0.1, 0.3, 0.6), 0.5) == pytest.approx(
        0.6 / 0.7
    )
    assert gating_confidence("sentiment", SENTIMENTS, _p(0.1, 0.8, 0.1), 0.5) == pytest.approx(0.8)
    assert gating_confidence("emotion", ("joy", "anger"), np.array([0.3, 0.7]), 0.5) == 0.7
