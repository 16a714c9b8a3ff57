"""The trained tier of the script checker: a multilingual risky-claim classifier over hashed
character n-grams, fitted by the project (``python -m chuhai_tools.training.claim_model``) on
its labelled script sets and shipped as plain arrays (``claim_model.npz``, no pickle). It runs
on numpy alone: no torch, no scikit-learn at run time.

Features (the same code builds them at training time): the line is NFKC-normalised,
case-folded, every decimal digit (any script) becomes ``0``, and its whitespace-separated words
are padded with a space on each side; every character n-gram of 2 to 5 characters inside a
padded word (scikit-learn's ``char_wb`` analyser) is hashed with CRC-32 (``zlib.crc32`` of its
UTF-8 bytes; a stable, documented hash, the same on every platform and Python) into
``2**18`` buckets, counted, and the counts are scaled to unit length. A multinomial logistic
regression over the classes ``clean`` and the claim classes gives probabilities; a line is
flagged when ``1 - P(clean)`` reaches the threshold stored with the weights (chosen by
cross-validation so that at most 1% of the training sets' clean lines are flagged).

The words shown for a flagged line (why, safer wording) are data: ``claim_model.yaml``.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from chuhai.compliance.models import Severity

__all__ = [
    "CLEAN",
    "ClaimModel",
    "ModelClass",
    "ModelJudgement",
    "ModelTexts",
    "default_claim_model",
    "features",
    "model_texts",
]

log = logging.getLogger(__name__)

_HERE: Final = Path(str(resources.files("chuhai.compliance")))
WEIGHTS_FILE: Final = _HERE / "claim_model.npz"
TEXTS_FILE: Final = _HERE / "claim_model.yaml"
N_FEATURES: Final = 2**18
NGRAMS: Final = (2, 5)
CLEAN: Final = "clean"
_DIGIT: Final = re.compile(r"\d")
_SPACE: Final = re.compile(r"\s+")

FloatArray = npt.NDArray[np.float32]


def normalise(text: str) -> str:
    """NFKC, case-folded, digits as ``0``, runs of white space as one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE.sub(" ", _DIGIT.sub("0", text)).strip()


def features(text: str, n_features: int = N_FEATURES) -> tuple[list[int], list[float]]:
    """The line's hashed ``char_wb`` n-gram buckets and their unit-length weights."""
    low, high = NGRAMS
    counts: Counter[int] = Counter()
    for word in normalise(text).split(" "):
        if not word:
            continue
        padded = f" {word} "
        for n in range(low, high + 1):
            for i in range(len(padded) - n + 1):
                counts[zlib.crc32(padded[i : i + n].encode("utf-8")) % n_features] += 1
    if not counts:
        return [], []
    norm = float(np.sqrt(sum(c * c for c in counts.values())))
    buckets = sorted(counts)
    return buckets, [counts[b] / norm for b in buckets]


class ModelClass(BaseModel):
    """What a finding of one claim class says: why it is risky and a safer wording."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+$")
    why: str = Field(min_length=10)
    why_zh: str = Field(min_length=5)
    suggestion: str = Field(min_length=5)
    suggestion_zh: str = Field(min_length=2)


class ModelTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=10)
    severity: Severity = "medium"
    classes: list[ModelClass] = Field(min_length=1)

    def get(self, claim: str) -> ModelClass | None:
        return next((c for c in self.classes if c.id == claim), None)


@cache
def model_texts(path: Path | None = None) -> ModelTexts:
    from chuhai.compliance.loader import load_model

    return load_model(path or TEXTS_FILE, ModelTexts)


@dataclass(frozen=True)
class ModelJudgement:
    """The most likely claim class of a flagged line and the model's risk (1 - P(clean))."""

    claim: str
    risk: float
    probability: float  # P(claim)


class ClaimModel:
    """``judge(lines)`` -> a :class:`ModelJudgement` or None per line."""

    def __init__(
        self,
        classes: Sequence[str],
        weights: FloatArray,
        bias: FloatArray,
        threshold: float,
        n_features: int = N_FEATURES,
    ) -> None:
        if CLEAN not in classes:
            raise ValueError(f"the model has no {CLEAN!r} class")
        if weights.shape != (n_features, len(classes)) or bias.shape != (len(classes),):
            raise ValueError(f"weights {weights.shape} and bias {bias.shape} do not fit")
        self.classes = list(classes)
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.n_features = n_features
        self._clean = self.classes.index(CLEAN)

    @classmethod
    def load(cls, path: Path | None = None, threshold: float | None = None) -> ClaimModel:
        """The weights saved by the training tool (only the used buckets are stored)."""
        with np.load(path or WEIGHTS_FILE, allow_pickle=False) as data:
            n_features = int(data["n_features"])
            columns = data["columns"].astype(np.int64)
            dense = np.zeros((n_features, len(data["classes"])), dtype=np.float32)
            dense[columns] = data["weights"].astype(np.float32)
            return cls(
                [str(c) for c in data["classes"]],
                dense,
                data["bias"].astype(np.float32),
                float(data["threshold"]) if threshold is None else threshold,
                n_features,
            )

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        """P(class) per line and class (rows: lines; columns: ``classes``)."""
        logits = np.tile(self.bias, (len(texts), 1))
        for row, text in enumerate(texts):
            buckets, values = features(text, self.n_features)
            if buckets:
                logits[row] += np.asarray(values, dtype=np.float32) @ self.weights[buckets]
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out: FloatArray = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return out

    def scores(self, texts: Sequence[str]) -> list[ModelJudgement | None]:
        """The most likely claim class and the risk of every line (None for blank lines), not
        yet thresholded: for calibration."""
        out: list[ModelJudgement | None] = [None] * len(texts)
        keep = [i for i, t in enumerate(texts) if t.strip()]
        if not keep:
            return out
        p = self.probabilities([texts[i] for i in keep])
        risky = p.copy()
        risky[:, self._clean] = -1.0
        best = risky.argmax(axis=1)
        for row, i in enumerate(keep):
            j = int(best[row])
            out[i] = ModelJudgement(
                claim=self.classes[j],
                risk=float(1.0 - p[row, self._clean]),
                probability=float(p[row, j]),
            )
        return out

    def judge(self, texts: Sequence[str]) -> list[ModelJudgement | None]:
        """A judgement for the lines the model calls risky, None for the others."""
        return [
            j if j is not None and j.risk >= self.threshold else None for j in self.scores(texts)
        ]


@cache
def default_claim_model() -> ClaimModel:
    """The shipped model, loaded once per process."""
    return ClaimModel.load()
