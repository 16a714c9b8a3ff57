"""``chuhai models train``: train the heads reproducibly from the train-ok datasets.

Per task: a stratified 90/10 split; a fast head (n-grams + the static embedding) and an
embedding head (e5), logistic regression (scikit-learn) on the 90%; temperatures, the heads'
weights, the fast-tier and neutral thresholds (:mod:`chuhai_tools.training.thresholds`) and a
calibration report on the 10%. Needs the ``train`` extra (scikit-learn, scipy).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from chuhai.enrich.embeddings import Embedder
from chuhai.enrich.embeddings.static import StaticEmbedder
from chuhai.enrich.heads import FloatArray, LinearHead, fit_temperature
from chuhai.enrich.models import ModelBundle, TaskModels
from chuhai.enrich.ngrams import NgramHasher, NgramModel
from chuhai.errors import ConfigError
from chuhai_tools.datasets import (
    EMOTIONS,
    INTENTS,
    SENTIMENTS,
    Example,
    emotion_examples,
    intent_examples,
    sentiment_examples,
)
from chuhai_tools.training.mlp import fit_mlp
from chuhai_tools.training.thresholds import (
    fit_fast_threshold,
    fit_fast_weights,
    fit_neutral_thresholds,
)

__all__ = ["TASK_SPECS", "TaskSpec", "train_bundle", "train_task"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskSpec:
    task: str
    labels: tuple[str, ...]
    examples: Callable[[Path], list[Example]]
    ngram_bits: int
    fast_c: float
    embedding_c: float
    hidden_units: int = 0  # 0: a linear embedding head


def _intent_train(root: Path) -> list[Example]:
    return intent_examples(root)[0]


TASK_SPECS: dict[str, TaskSpec] = {
    "sentiment": TaskSpec("sentiment", SENTIMENTS, sentiment_examples, 18, 16.0, 1.0, 256),
    "emotion": TaskSpec("emotion", EMOTIONS, emotion_examples, 17, 8.0, 1.0, 256),
    "intent": TaskSpec("intent", INTENTS, _intent_train, 17, 16.0, 16.0),
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


def _fast_features(
    hasher: NgramHasher, static: StaticEmbedder, texts: Sequence[str], sparse: Any
) -> Any:
    """The fast head's inputs: hashed n-grams beside the static embedding, one sparse row."""
    f = hasher.features(texts)
    grams = sparse.csr_matrix((f.values, (f.rows, f.cols)), shape=(f.n_rows, hasher.n_features))
    return sparse.hstack([grams, sparse.csr_matrix(static.embed(texts))], format="csr")


def embedding_head(
    spec: TaskSpec,
    train: list[Example],
    calibration: list[Example],
    embedder: Embedder,
    seed: int = 0,
) -> tuple[LinearHead, FloatArray]:
    """The task's head over e5 embeddings, temperature fitted on the held-back examples:
    logistic regression, or one hidden layer when ``spec.hidden_units`` is set; with the
    held-back examples' embeddings (embedded once)."""
    labels = spec.labels
    y = np.array([labels.index(e.label) for e in train])
    y_cal = np.array([labels.index(e.label) for e in calibration])
    log.info("%s: embedding head", spec.task)
    x_train = embedder.embed([e.text for e in train])
    x_cal = embedder.embed([e.text for e in calibration])
    if spec.hidden_units:
        mlp = fit_mlp(x_train, y, len(labels), x_cal, y_cal, units=spec.hidden_units, seed=seed)
        head = LinearHead(
            name=f"{spec.task}-embedding",
            labels=labels,
            weights=mlp.weights,
            bias=mlp.bias,
            hidden=mlp.hidden,
            hidden_bias=mlp.hidden_bias,
        )
    else:
        logistic, _ = _sklearn()
        em = logistic(C=spec.embedding_c, max_iter=3000, class_weight="balanced").fit(x_train, y)
        head = LinearHead(
            name=f"{spec.task}-embedding",
            labels=labels,
            weights=np.ascontiguousarray(em.coef_.T, dtype=np.float32),
            bias=em.intercept_.astype(np.float32),
        )
    head = replace(
        head,
        temperature=fit_temperature(head.logits(x_cal), y_cal),
        info={
            "embedder": embedder.name,
            "train_examples": len(train),
            "hidden_units": spec.hidden_units,
        },
    )
    return head, x_cal


def train_task(
    spec: TaskSpec,
    examples: list[Example],
    embedder: Embedder,
    static: StaticEmbedder,
    seed: int = 0,
) -> tuple[TaskModels, dict[str, Any]]:
    """Both heads of one task, calibrated, and the thresholds of the cascade and of the
    labels; with a report of what was measured on the 10% held back."""
    logistic, sparse = _sklearn()
    train, calibration = _split(examples, seed)
    labels = spec.labels
    y = np.array([labels.index(e.label) for e in train])
    y_cal = np.array([labels.index(e.label) for e in calibration])
    missing = set(range(len(labels))) - set(y.tolist())
    if missing:
        raise ConfigError(f"{spec.task}: no training examples for {[labels[i] for i in missing]}")
    hasher = NgramHasher(bits=spec.ngram_bits)
    cal_texts = [e.text for e in calibration]

    log.info("%s: fast head on %d examples", spec.task, len(train))
    # 500 iterations: the held-back accuracy no longer moves, and 3,000 take 10x longer
    fast_fit = logistic(C=spec.fast_c, max_iter=500, class_weight="balanced").fit(
        _fast_features(hasher, static, [e.text for e in train], sparse), y
    )
    coef = np.ascontiguousarray(fast_fit.coef_.T, dtype=np.float32)
    ngram = NgramModel(hasher, coef[: hasher.n_features], fast_fit.intercept_.astype(np.float32))
    static_weights = coef[hasher.n_features :]
    fast_logits = ngram.logits(cal_texts) + static.embed(cal_texts) @ static_weights
    fast_t = fit_temperature(fast_logits, y_cal)
    p_fast = _proba(fast_logits, fast_t)

    head, x_cal = embedding_head(spec, train, calibration, embedder, seed)
    p_embedding = head.proba(x_cal)
    languages = [e.language for e in calibration]
    models = TaskModels(
        labels=labels,
        ngram=ngram,
        static=static_weights,
        fast_temperature=fast_t,
        embedding=head,
        fast_weight=fit_fast_weights(p_fast, p_embedding, y_cal, languages),
        fast_threshold=1.01,  # set below
    )
    p_full = models.combine(p_fast, p_embedding, languages)
    if spec.task == "sentiment":
        overall, by_language = fit_neutral_thresholds(p_full, y_cal, languages)
        models = replace(models, neutral_threshold=overall, neutral_by_language=by_language)
    threshold, report = fit_fast_threshold(models, spec.task, p_fast, p_full, y_cal, languages)
    models = replace(models, fast_threshold=threshold)
    report.update(
        {
            "train": len(train),
            "calibration": len(calibration),
            "train_by_source": dict(Counter(e.source for e in train)),
            "fast_accuracy_all": round(float((p_fast.argmax(1) == y_cal).mean()), 4),
            "embedding_accuracy": round(float((p_embedding.argmax(1) == y_cal).mean()), 4),
            "combined_accuracy": round(float((p_full.argmax(1) == y_cal).mean()), 4),
            "fast_temperature": round(fast_t, 3),
            "embedding_temperature": round(head.temperature, 3),
            "fast_weight": models.fast_weight,
            "neutral_threshold": models.neutral_threshold,
            "neutral_by_language": models.neutral_by_language,
        }
    )
    return models, report


def train_bundle(
    datasets: Path,
    embedder: Embedder,
    *,
    static: StaticEmbedder | None = None,
    tasks: Sequence[str] = tuple(TASK_SPECS),
    seed: int = 0,
    on_task: Callable[[str], None] | None = None,
) -> tuple[ModelBundle, dict[str, Any]]:
    """Train every task's heads; return the bundle and the training report."""
    trained: dict[str, TaskModels] = {}
    reports: dict[str, Any] = {}
    static = static or StaticEmbedder()
    for task in tasks:
        if on_task:
            on_task(task)
        spec = TASK_SPECS[task]
        trained[task], reports[task] = train_task(
            spec, spec.examples(datasets), embedder, static, seed
        )
    # the date and seed, and a digest of what training measured: two trainings on one day
    # with other data or settings get two versions
    digest = hashlib.sha1(json.dumps(reports, sort_keys=True, default=str).encode()).hexdigest()
    version = datetime.now(UTC).strftime("%Y%m%d") + f"-s{seed}-{digest[:6]}"
    info = {"reports": reports, "embedder": embedder.name}
    return ModelBundle(trained, version, static.vocabulary, info), reports
