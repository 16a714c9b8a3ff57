"""The figures ``chuhai eval`` reports, as plain functions of gold labels and answers.

Sentiment is scored the way a user meets it: by the **label** shown (``neu`` for an item
labelled pos or neg is wrong), beside the older figure, the sign of P(pos) - P(neg).
Calibration is a reliability table: answers grouped by confidence, each group's mean
confidence beside how often its label was right, and the expected calibration error (ECE).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "POLAR",
    "Bin",
    "accuracy",
    "confident_accuracy",
    "expected_calibration_error",
    "label_accuracy",
    "macro_f1",
    "majority",
    "majority_polar",
    "neutral_share",
    "reliability",
    "sign_accuracy",
]

POLAR = ("pos", "neg")
_T = TypeVar("_T")


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Share of exact matches (0.0 for no items)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} answers")
    return (
        sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold) if gold else 0.0
    )


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the gold labels (a label that is only ever predicted adds no class, but its
    answers count as false positives of nothing and as misses of the gold class)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} answers")
    scores = []
    for label in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _polar(gold: Sequence[str], answers: Sequence[_T]) -> list[tuple[str, _T]]:
    if len(gold) != len(answers):
        raise ValueError(f"{len(gold)} gold labels but {len(answers)} answers")
    return [(g, a) for g, a in zip(gold, answers, strict=True) if g in POLAR]


def label_accuracy(gold: Sequence[str], labels: Sequence[str]) -> float | None:
    """Pos vs neg by the label the user sees: on the items labelled pos or neg, the share whose
    label is exactly right (``neu`` counts wrong). None when the set has no pos/neg items."""
    pairs = _polar(gold, labels)
    return sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else None


def sign_accuracy(gold: Sequence[str], scores: Sequence[float]) -> float | None:
    """Pos vs neg by the sign of the score (P(pos) - P(neg)): on the items labelled pos or neg,
    the share where ``score > 0`` exactly when the item is pos. None without pos/neg items."""
    pairs = _polar(gold, scores)
    return sum(1 for g, s in pairs if (s > 0) == (g == "pos")) / len(pairs) if pairs else None


def neutral_share(gold: Sequence[str], labels: Sequence[str]) -> float | None:
    """Share of the pos/neg items answered ``neu``."""
    pairs = _polar(gold, labels)
    return sum(1 for _, p in pairs if p == "neu") / len(pairs) if pairs else None


def majority(gold: Sequence[str]) -> float:
    """Accuracy of always answering the most common gold label."""
    return Counter(gold).most_common(1)[0][1] / len(gold) if gold else 0.0


def majority_polar(gold: Sequence[str]) -> float | None:
    """Majority-class accuracy among the pos/neg items."""
    return majority([g for g in gold if g in POLAR]) if any(g in POLAR for g in gold) else None


def confident_accuracy(
    gold: Sequence[str],
    predicted: Sequence[str],
    confidences: Sequence[float],
    threshold: float,
) -> tuple[float | None, float]:
    """(accuracy on the answers with confidence >= threshold, share of such answers)."""
    if not len(gold) == len(predicted) == len(confidences):
        raise ValueError("gold labels, answers and confidences differ in length")
    kept = [(g, p) for g, p, c in zip(gold, predicted, confidences, strict=True) if c >= threshold]
    share = len(kept) / len(gold) if gold else 0.0
    return (sum(1 for g, p in kept if g == p) / len(kept) if kept else None), share


@dataclass(frozen=True, slots=True)
class Bin:
    """One confidence range of a reliability table."""

    lower: float
    upper: float
    n: int
    mean_confidence: float
    accuracy: float

    @property
    def gap(self) -> float:
        """Mean confidence minus accuracy: > 0 is overconfident."""
        return self.mean_confidence - self.accuracy


def reliability(confidences: Sequence[float], correct: Sequence[bool], bins: int = 10) -> list[Bin]:
    """Answers in ``bins`` equal confidence ranges over [0, 1] (the last one holds 1.0);
    empty ranges are left out."""
    if len(confidences) != len(correct):
        raise ValueError(f"{len(confidences)} confidences but {len(correct)} outcomes")
    if bins < 1:
        raise ValueError("bins must be at least 1")
    groups: dict[int, list[tuple[float, bool]]] = {}
    for confidence, right in zip(confidences, correct, strict=True):
        if not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence {confidence} is outside [0, 1]")
        index = min(int(confidence * bins), bins - 1)
        groups.setdefault(index, []).append((confidence, right))
    return [
        Bin(
            lower=index / bins,
            upper=(index + 1) / bins,
            n=len(group),
            mean_confidence=sum(c for c, _ in group) / len(group),
            accuracy=sum(1 for _, r in group if r) / len(group),
        )
        for index, group in sorted(groups.items())
    ]


def expected_calibration_error(table: Sequence[Bin]) -> float:
    """ECE: the mean over answers of |mean confidence - accuracy| of their bin."""
    total = sum(b.n for b in table)
    return sum(b.n * abs(b.gap) for b in table) / total if total else 0.0
