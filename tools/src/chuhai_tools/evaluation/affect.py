"""Sentiment and emotion sections of ``chuhai eval``: what the user sees (the label), per set
and per language, and how far each answer's confidence can be trusted (reliability tables)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from chuhai.enrich import analyzer as analyzer_module
from chuhai.enrich.analyzer import Analyzer
from chuhai.records.annotations import Annotations
from chuhai_tools.evaluation.sets import SENTIMENT_KINDS, Item
from chuhai_tools.metrics import (
    accuracy,
    confident_accuracy,
    expected_calibration_error,
    label_accuracy,
    macro_f1,
    majority,
    majority_polar,
    neutral_share,
    reliability,
    sign_accuracy,
)

__all__ = [
    "Outcomes",
    "by_market",
    "calibration_rows",
    "confident_emotion",
    "emotion_rows",
    "sentiment_rows",
]

Scorer = Callable[[str], float]

# Our Plutchik emotions onto each evaluation set's labels (unmapped labels count as wrong).
_TO_EKMAN: Final = {
    "joy": "joy", "trust": "joy", "anticipation": "joy", "anger": "anger", "disgust": "disgust",
    "fear": "fear", "sadness": "sadness", "surprise": "surprise", "neutral": "neutral",
}  # fmt: skip
_TO_EMOT: Final = {
    "joy": "happy", "anticipation": "happy", "surprise": "happy", "trust": "love",
    "anger": "anger", "disgust": "anger", "fear": "fear", "sadness": "sadness",
}  # fmt: skip


def confident_emotion() -> float:
    """The confidence from which the analyzer's consumers trust an emotion (its
    ``CONFIDENT_EMOTION`` when it has one, else 0.5)."""
    return float(getattr(analyzer_module, "CONFIDENT_EMOTION", 0.5))


@dataclass
class Outcomes:
    """Every answer of a section: its confidence, whether its label was right, its tier."""

    confidences: list[float] = field(default_factory=list)
    correct: list[bool] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)

    def add(
        self, confidences: Sequence[float], correct: Sequence[bool], tiers: Sequence[str]
    ) -> None:
        self.confidences += confidences
        self.correct += correct
        self.tiers += tiers


def by_market(analyzer: Analyzer, items: Sequence[Item]) -> list[Annotations]:
    """Each item analysed with its own market (as the live room would), in the items' order."""
    groups: dict[str | None, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(item.market, []).append(index)
    out: list[Annotations | None] = [None] * len(items)
    for market, indices in groups.items():
        for index, result in zip(
            indices, analyzer.analyze([items[i].text for i in indices], market), strict=True
        ):
            out[index] = result
    return [r for r in out if r is not None]


def _parts(items: Sequence[Item]) -> list[tuple[str, list[int]]]:
    """(language, indices): one part for a one-language set; for a multi-language set, one per
    language and then "all"."""
    languages = sorted({i.language for i in items})
    if len(languages) == 1:
        return [(languages[0], list(range(len(items))))]
    return [
        *(
            (lang, [i for i, item in enumerate(items) if item.language == lang])
            for lang in languages
        ),
        ("all", list(range(len(items)))),
    ]


def _ece(confidences: Sequence[float], correct: Sequence[bool]) -> float:
    return expected_calibration_error(reliability(confidences, correct))


def sentiment_rows(
    sets: dict[str, list[Item]],
    analyzer: Analyzer,
    baselines: dict[str, tuple[str, Scorer]] | None = None,
) -> tuple[list[dict[str, Any]], Outcomes]:
    """One row per set (per language and "all" for a multi-language set), and every answer's
    outcome for the calibration table. ``baselines``: name -> (language, score function)."""
    rows: list[dict[str, Any]] = []
    outcomes = Outcomes()
    for name, items in sets.items():
        if not items:
            continue
        results = by_market(analyzer, items)
        labels = [r.sentiment.label for r in results]
        gold = [i.label for i in items]
        correct = [g == p for g, p in zip(gold, labels, strict=True)]
        confidences = [r.sentiment.confidence for r in results]
        outcomes.add(confidences, correct, [r.tier for r in results])
        for language, part in _parts(items):
            g = [gold[i] for i in part]
            p = [labels[i] for i in part]
            row: dict[str, Any] = {
                "set": name,
                "language": language,
                "kind": SENTIMENT_KINDS.get(name, "-"),
                "n": len(part),
                "label accuracy (pos vs neg)": label_accuracy(g, p),
                "pos vs neg, sign of score": sign_accuracy(
                    g, [results[i].sentiment.score for i in part]
                ),
                "pos/neg answered neu": neutral_share(g, p),
                "3-class macro-F1": macro_f1(g, p) if "neu" in g else None,
                "label ECE": _ece([confidences[i] for i in part], [correct[i] for i in part]),
                "baseline: majority (pos vs neg)": majority_polar(g),
            }
            for baseline, (baseline_language, score) in (baselines or {}).items():
                if language == baseline_language:
                    row[f"baseline: {baseline} (sign)"] = sign_accuracy(
                        g, [score(items[i].text) for i in part]
                    )
            rows.append(row)
    return rows, outcomes


def _emotion_mapping(name: str) -> dict[str, str] | None:
    if "goemotions" in name:
        return dict(_TO_EKMAN)
    if "emot" in name:
        return dict(_TO_EMOT)
    return None  # XED is labelled with Plutchik's emotions, as we are


def emotion_rows(
    sets: dict[str, list[Item]], analyzer: Analyzer, threshold: float
) -> tuple[list[dict[str, Any]], Outcomes]:
    """Accuracy and macro-F1 (our labels mapped onto each set's) beside the majority class,
    and the accuracy of the emotions at least ``threshold`` confident."""
    rows: list[dict[str, Any]] = []
    outcomes = Outcomes()
    for name, items in sets.items():
        if not items:
            continue
        mapping = _emotion_mapping(name)
        results = by_market(analyzer, items)
        predicted = [
            mapping.get(r.emotion.label, "-") if mapping else r.emotion.label for r in results
        ]
        gold = [i.label for i in items]
        confidences = [r.emotion.confidence for r in results]
        correct = [g == p for g, p in zip(gold, predicted, strict=True)]
        outcomes.add(confidences, correct, [r.tier for r in results])
        for language, part in _parts(items):
            g = [gold[i] for i in part]
            p = [predicted[i] for i in part]
            c = [confidences[i] for i in part]
            right, base = accuracy(g, p), majority(g)
            sure, share = confident_accuracy(g, p, c, threshold)
            rows.append(
                {
                    "set": name,
                    "language": language,
                    "n": len(part),
                    "accuracy": right,
                    "macro-F1": macro_f1(g, p),
                    "baseline: majority": base,
                    "points above majority": round(100 * (right - base), 1),
                    f"accuracy when confident (>= {threshold:g})": sure,
                    "share confident": share,
                    "label ECE": _ece(c, [correct[i] for i in part]),
                }
            )
    return rows, outcomes


def calibration_rows(outcomes: Outcomes, bins: int = 10) -> list[dict[str, Any]]:
    """Reliability per confidence bin, then all answers with the ECE, then each tier's ECE."""
    rows: list[dict[str, Any]] = [
        {
            "confidence": f"{b.lower:.1f}-{b.upper:.1f}",
            "n": b.n,
            "mean confidence": b.mean_confidence,
            "label accuracy": b.accuracy,
            "gap (confidence - accuracy)": b.gap,
        }
        for b in reliability(outcomes.confidences, outcomes.correct, bins)
    ]
    groups = [("all", list(range(len(outcomes.correct))))]
    groups += [
        (f"tier {tier}", [i for i, t in enumerate(outcomes.tiers) if t == tier])
        for tier in sorted(set(outcomes.tiers))
    ]
    for label, part in groups:
        if not part:
            continue
        c = [outcomes.confidences[i] for i in part]
        right = [outcomes.correct[i] for i in part]
        mean, hit = sum(c) / len(c), sum(right) / len(right)
        rows.append(
            {
                "confidence": label,
                "n": len(part),
                "mean confidence": mean,
                "label accuracy": hit,
                "gap (confidence - accuracy)": mean - hit,
                "ECE": expected_calibration_error(reliability(c, right, bins)),
            }
        )
    return rows
