"""The numbers that turn two calibrated heads into a cascade and labels, fitted on the 10% of
training data held back (never on evaluation sets):

* ``fit_fast_weights``: how much the fast head counts beside the embedding head, per language
  with enough held-back examples, and overall ("*");
* ``fit_neutral_threshold``: the P(neu) a sentiment needs to be called neutral, chosen for the
  labels users see (pos/neg items answered ``neu`` are wrong) and 3-class macro-F1 alike;
  ``fit_neutral_thresholds``: the same overall and per language with enough examples;
* ``fit_fast_threshold``: the confidence at which the fast head alone is as right as both
  heads together on the same examples.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import numpy.typing as npt

from chuhai.enrich.decisions import (
    GATING_TASKS,
    SENTIMENTS,
    gating_confidence,
    sentiment_label,
)
from chuhai.enrich.heads import FloatArray
from chuhai.enrich.models import TaskModels
from chuhai_tools.metrics import label_accuracy, macro_f1

__all__ = [
    "fit_fast_threshold",
    "fit_fast_weights",
    "fit_neutral_threshold",
    "fit_neutral_thresholds",
    "labels_of",
]

Targets = npt.NDArray[np.int64]
_MIN_LANGUAGE: Final = 150  # held-back examples a language needs for a weight of its own
_WEIGHTS: Final = np.round(np.arange(0.0, 1.01, 0.1), 2)


def _log_loss(p: FloatArray, y: Targets) -> float:
    return float(-np.log(p[np.arange(len(y)), y] + 1e-9).mean())


def _mix(fast: FloatArray, embedding: FloatArray, w: float) -> FloatArray:
    log_p = w * np.log(fast + 1e-9) + (1 - w) * np.log(embedding + 1e-9)
    log_p -= log_p.max(axis=1, keepdims=True)
    p = np.exp(log_p)
    return np.asarray(p / p.sum(axis=1, keepdims=True), dtype=np.float32)


def fit_fast_weights(
    fast: FloatArray, embedding: FloatArray, y: Targets, languages: list[str]
) -> dict[str, float]:
    """The weight (0..1, steps of 0.1) with the lowest log-loss, overall and per language."""

    def best(index: npt.NDArray[np.int64]) -> float:
        losses = [_log_loss(_mix(fast[index], embedding[index], w), y[index]) for w in _WEIGHTS]
        return float(_WEIGHTS[int(np.argmin(losses))])

    weights = {"*": best(np.arange(len(y)))}
    for language in sorted(set(languages)):
        index = np.array([i for i, lang in enumerate(languages) if lang == language], np.int64)
        if len(index) >= _MIN_LANGUAGE:
            weights[language] = best(index)
    return weights


def labels_of(p: FloatArray, neutral_threshold: float | list[float]) -> Targets:
    """Sentiment label indices (neg, neu, pos) as users see them; one neutral threshold for
    every row, or one per row (each row's language's)."""
    thresholds = (
        neutral_threshold
        if isinstance(neutral_threshold, list)
        else [float(neutral_threshold)] * len(p)
    )
    return np.array(
        [SENTIMENTS.index(sentiment_label(row, t)) for row, t in zip(p, thresholds, strict=True)],
        np.int64,
    )


def fit_neutral_threshold(p: FloatArray, y: Targets) -> float:
    """The P(neu) threshold that maximises the mean of pos-vs-neg label accuracy (a ``neu``
    answer to a pos or neg example counts wrong) and 3-class macro-F1."""
    gold = [SENTIMENTS[i] for i in y]
    best_t, best_score = 0.5, -1.0
    for t in np.round(np.arange(0.3, 0.91, 0.025), 3):
        predicted = [SENTIMENTS[i] for i in labels_of(p, float(t))]
        score = ((label_accuracy(gold, predicted) or 0.0) + macro_f1(gold, predicted)) / 2
        if score > best_score + 1e-9:
            best_t, best_score = float(t), score
    return best_t


def fit_neutral_thresholds(
    p: FloatArray, y: Targets, languages: list[str]
) -> tuple[float, dict[str, float]]:
    """The neutral threshold per language with enough held-back examples, and for every other
    language ("overall"): fitted on those other languages' examples where there are enough of
    them, since only they use it (else on all). A language's own threshold is kept where it
    differs from the overall one."""
    own = {}
    for language in sorted(set(languages)):
        index = np.array([i for i, lang in enumerate(languages) if lang == language], np.int64)
        if len(index) >= _MIN_LANGUAGE:
            own[language] = fit_neutral_threshold(p[index], y[index])
    rest = np.array([i for i, lang in enumerate(languages) if lang not in own], np.int64)
    if len(rest) < _MIN_LANGUAGE:
        rest = np.arange(len(y))
    overall = fit_neutral_threshold(p[rest], y[rest])
    return overall, {lang: t for lang, t in own.items() if t != overall}


def fit_fast_threshold(
    models: TaskModels,
    task: str,
    fast: FloatArray,
    full: FloatArray,
    y: Targets,
    languages: list[str] | None = None,
) -> tuple[float, dict[str, Any]]:
    """The lowest gating confidence at which the fast head's labels are (nearly) as right as
    the cascade's full answer on the same held-back examples; each example's sentiment is read
    with its language's neutral threshold, as the analyzer reads it."""
    if task not in GATING_TASKS:
        return 1.01, {"fast_threshold": None}
    neutral = [models.neutral_for(lang) for lang in languages or [""] * len(y)]
    conf = np.array(
        [
            gating_confidence(task, models.labels, row, t)
            for row, t in zip(fast, neutral, strict=True)
        ]
    )
    if task == "sentiment":
        right_fast = labels_of(fast, neutral) == y
        right_full = labels_of(full, neutral) == y
    else:
        right_fast = fast.argmax(1) == y
        right_full = full.argmax(1) == y
    for threshold in np.round(np.arange(0.5, 1.0, 0.02), 2):
        chosen = conf >= threshold
        if chosen.sum() < 20:
            break
        if right_fast[chosen].mean() >= right_full[chosen].mean() - 0.01:
            return float(threshold), {
                "fast_threshold": float(threshold),
                "fast_share": round(float(chosen.mean()), 3),
                "fast_accuracy": round(float(right_fast[chosen].mean()), 4),
                "full_accuracy_same": round(float(right_full[chosen].mean()), 4),
            }
    return 1.01, {"fast_threshold": None, "fast_share": 0.0}
