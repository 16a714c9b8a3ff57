"""``chuhai models train``: train the heads reproducibly from the train-ok datasets.

Per task: a stratified 90/10 split; an n-gram head and an embedding head (logistic regression,
scikit-learn) on the 90%; temperatures, the fast-tier threshold and a calibration report on
the 10%. Needs the ``train`` extra (scikit-learn, scipy).
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from chuhai.enrich.embeddings import Embedder
from chuhai.enrich.heads import FloatArray, LinearHead, fit_temperature
from chuhai.enrich.models import ModelBundle, TaskModels
from chuhai.enrich.ngrams import NgramHasher, NgramModel
from chuhai.enrich.training.datasets import (
    EMOTIONS,
    INTENTS,
    SENTIMENTS,
    Example,
    emotion_examples,
    intent_examples,
    sentiment_examples,
)
from chuhai.errors import ConfigError

__all__ = ["TASK_SPECS", "TaskSpec", "train_bundle", "train_task"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskSpec:
    task: str
    labels: tuple[str, ...]
    examples: Callable[[Path], list[Example]]
    ngram_bits: int
    ngram_c: float
    embedding_c: float
    # Weight of the n-gram head by language, from how much in-language data it was trained on.
    ngram_weight: dict[str, float]
    fast_languages: frozenset[str]


def _intent_train(root: Path) -> list[Example]:
    return intent_examples(root)[0]


TASK_SPECS: dict[str, TaskSpec] = {
    "sentiment": TaskSpec(
        "sentiment", SENTIMENTS, sentiment_examples, 18, 16.0, 1.0,
        {"th": 0.7, "en": 0.2}, frozenset({"th", "en"}),
    ),
    "emotion": TaskSpec(
        "emotion", EMOTIONS, emotion_examples, 17, 8.0, 1.0,
        {"en": 0.2}, frozenset({"en"}),
    ),
    "intent": TaskSpec(
        "intent", INTENTS, _intent_train, 17, 16.0, 16.0,
        {"en": 0.3}, frozenset({"en"}),
    ),
}  # fmt: skip


def _sklearn() -> Any:
    try:
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise ConfigError("training needs scikit-learn: pip install 'chuhai[train]'") from exc
    return LogisticRegression, sparse


def _split(examples: list[Example], seed: int) -> tuple[list[Example], list[Example]]:
    """90/10, stratified by label and source, deterministic."""
    rng = random.Random(seed)
    groups: dict[tuple[str, str], list[Example]] = {}
    for e in examples:
        groups.setdefault((e.label, e.source), []).append(e)
    train: list[Example] = []
    calibration: list[Example] = []
    for key in sorted(groups):
        items = groups[key][:]
        rng.shuffle(items)
        cut = max(1, len(items) // 10) if len(items) >= 10 else 0
        calibration += items[:cut]
        train += items[cut:]
    return train, calibration


def _proba(logits: FloatArray, temperature: float) -> FloatArray:
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)


def train_task(
    spec: TaskSpec, examples: list[Example], embedder: Embedder, seed: int = 0
) -> tuple[TaskModels, dict[str, Any]]:
    """Both heads of one task, calibrated; and a report of what was measured on the 10%."""
    logistic, sparse = _sklearn()
    train, calibration = _split(examples, seed)
    labels = spec.labels
    y = np.array([labels.index(e.label) for e in train])
    y_cal = np.array([labels.index(e.label) for e in calibration])
    missing = set(range(len(labels))) - set(y.tolist())
    if missing:
        raise ConfigError(f"{spec.task}: no training examples for {[labels[i] for i in missing]}")

    hasher = NgramHasher(bits=spec.ngram_bits)

    def matrix(texts: Sequence[str]) -> Any:
        f = hasher.features(texts)
        return sparse.csr_matrix((f.values, (f.rows, f.cols)), shape=(f.n_rows, hasher.n_features))

    log.info("%s: n-gram head on %d examples", spec.task, len(train))
    ng = logistic(C=spec.ngram_c, max_iter=3000, class_weight="balanced").fit(
        matrix([e.text for e in train]), y
    )
    ngram = NgramModel(
        hasher, np.ascontiguousarray(ng.coef_.T, dtype=np.float32), ng.intercept_.astype(np.float32)
    )
    ngram_logits_cal = ngram.logits([e.text for e in calibration])
    ngram_t = fit_temperature(ngram_logits_cal, y_cal)

    log.info("%s: embedding head", spec.task)
    x_train = embedder.embed([e.text for e in train])
    em = logistic(C=spec.embedding_c, max_iter=3000, class_weight="balanced").fit(x_train, y)
    head = LinearHead(
        name=f"{spec.task}-embedding",
        labels=labels,
        weights=np.ascontiguousarray(em.coef_.T, dtype=np.float32),
        bias=em.intercept_.astype(np.float32),
    )
    x_cal = embedder.embed([e.text for e in calibration])
    head = LinearHead(
        name=head.name,
        labels=labels,
        weights=head.weights,
        bias=head.bias,
        temperature=fit_temperature(head.logits(x_cal), y_cal),
        info={"embedder": embedder.name, "train_examples": len(train)},
    )
    models = TaskModels(
        labels=labels,
        ngram=ngram,
        ngram_temperature=ngram_t,
        embedding=head,
        ngram_weight=spec.ngram_weight,
        fast_languages=spec.fast_languages,
        fast_threshold=1.01,  # set below
    )
    p_ngram = _proba(ngram_logits_cal, ngram_t)
    languages = [e.language for e in calibration]
    p_full = models.combine(p_ngram, head.proba(x_cal), languages)
    threshold, report = _fast_threshold(p_ngram, p_full, y_cal, languages, spec.fast_languages)
    models = TaskModels(**{**models.__dict__, "fast_threshold": threshold})
    report.update(
        {
            "train": len(train),
            "calibration": len(calibration),
            "train_by_source": dict(Counter(e.source for e in train)),
            "ngram_accuracy": round(float((p_ngram.argmax(1) == y_cal).mean()), 4),
            "embedding_accuracy": round(float((head.proba(x_cal).argmax(1) == y_cal).mean()), 4),
            "combined_accuracy": round(float((p_full.argmax(1) == y_cal).mean()), 4),
            "ngram_temperature": round(ngram_t, 3),
            "embedding_temperature": round(head.temperature, 3),
        }
    )
    return models, report


def _fast_threshold(
    p_ngram: FloatArray,
    p_full: FloatArray,
    y: np.ndarray[Any, Any],
    languages: list[str],
    fast: frozenset[str],
) -> tuple[float, dict[str, Any]]:
    """The lowest confidence at which the n-gram head alone is (nearly) as right as the full
    model on the same examples: those are the ones the cascade may answer without embeddings."""
    idx = np.array([i for i, lang in enumerate(languages) if lang in fast], dtype=np.int64)
    if len(idx) < 50:
        return 1.01, {"fast_threshold": None, "fast_share": 0.0}
    conf = p_ngram[idx].max(1)
    right_ngram = p_ngram[idx].argmax(1) == y[idx]
    right_full = p_full[idx].argmax(1) == y[idx]
    for threshold in np.round(np.arange(0.5, 1.0, 0.02), 2):
        chosen = conf >= threshold
        if chosen.sum() < 20:
            break
        if right_ngram[chosen].mean() >= right_full[chosen].mean() - 0.005:
            return float(threshold), {
                "fast_threshold": float(threshold),
                "fast_share": round(float(chosen.mean()), 3),
                "fast_accuracy": round(float(right_ngram[chosen].mean()), 4),
            }
    return 1.01, {"fast_threshold": None, "fast_share": 0.0}


def train_bundle(
    datasets: Path,
    embedder: Embedder,
    *,
    tasks: Sequence[str] = tuple(TASK_SPECS),
    seed: int = 0,
    on_task: Callable[[str], None] | None = None,
) -> tuple[ModelBundle, dict[str, Any]]:
    """Train every task's heads; return the bundle and the training report."""
    trained: dict[str, TaskModels] = {}
    reports: dict[str, Any] = {}
    for task in tasks:
        if on_task:
            on_task(task)
        spec = TASK_SPECS[task]
        trained[task], reports[task] = train_task(spec, spec.examples(datasets), embedder, seed)
    version = datetime.now(UTC).strftime("%Y%m%d") + f"-s{seed}"
    return ModelBundle(trained, version, {"reports": reports, "embedder": embedder.name}), reports
