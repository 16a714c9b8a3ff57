"""Answers from the product knowledge base.

Two ways to find the FAQ question a viewer asks:

* **lexical** (microseconds): character n-gram cosine against the FAQ questions in the
  viewer's language, which catches "bisa COD kak?" for "Bisa COD?";
* **cross-lingual** (an embedding, milliseconds): every FAQ question of every language is
  embedded once with the analyzer's multilingual model; a question finds its nearest ones in
  any language. Used when the lexical pass finds nothing and the comment is a product question.

The answer shown is the best match in the viewer's language when the KB has one, else the best
match overall. Each entry knows its intent (classified once, carefully, when the index is
built) and its Chinese twin (the Chinese question of the same product that asks the same),
which is the operator's gist.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from chuhai.enrich.embeddings import Embedder
from chuhai.enrich.heads import FloatArray
from chuhai.enrich.ngrams import NgramHasher
from chuhai.records import Product

__all__ = ["KnowledgeIndex", "KnowledgeMatch"]

_TWIN_MIN = 0.82  # measured: 0.84-0.88 for translations, below 0.79 for other questions
LEXICAL_MIN = 0.55


@dataclass(frozen=True)
class KnowledgeMatch:
    sku: str
    language: str
    question: str
    answer: str
    score: float
    intent: str | None = None
    question_zh: str | None = None  # the Chinese twin, for the operator
    answer_zh: str | None = None  # the twin's answer: what the suggested reply says, in Chinese
    method: str = "embedding"


@dataclass(frozen=True)
class _Entry:
    sku: str
    language: str
    question: str
    answer: str
    intent: str | None = None


class KnowledgeIndex:
    def __init__(
        self,
        products: Sequence[Product],
        embedder: Embedder,
        classify: Callable[[list[str]], list[str]] | None = None,
    ) -> None:
        self.embedder = embedder
        self.entries = [
            _Entry(p.sku, e.language, e.question, e.answer) for p in products for e in p.knowledge
        ]
        if classify is not None and self.entries:
            intents = classify([e.question for e in self.entries])
            self.entries = [
                replace(e, intent=i) for e, i in zip(self.entries, intents, strict=True)
            ]
        self.vectors: FloatArray = (
            embedder.embed([e.question for e in self.entries])
            if self.entries
            else np.zeros((0, embedder.dim), np.float32)
        )
        self._hasher = NgramHasher(bits=18, low=2, high=4)
        self._postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
        features = self._hasher.features([e.question for e in self.entries])
        for row, col, value in zip(features.rows, features.cols, features.values, strict=True):
            self._postings[int(col)].append((int(row), float(value)))
        self._twins = [self._chinese_twin(i) for i in range(len(self.entries))]

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def languages(self) -> set[str]:
        return {e.language for e in self.entries}

    def lexical(
        self, text: str, language: str, *, min_score: float = LEXICAL_MIN
    ) -> KnowledgeMatch | None:
        """The FAQ question in ``language`` whose character n-grams are closest to ``text``."""
        features = self._hasher.features([text])
        scores: dict[int, float] = defaultdict(float)
        for col, value in zip(features.cols, features.values, strict=True):
            for row, weight in self._postings.get(int(col), ()):
                if self.entries[row].language == language:
                    scores[row] += float(value) * weight
        if not scores:
            return None
        best = max(scores, key=scores.__getitem__)
        if scores[best] < min_score or math.isnan(scores[best]):
            return None
        return self._match(best, scores[best], "lexical")

    def best(
        self, vector: FloatArray, language: str, *, min_score: float, skus: Sequence[str] = ()
    ) -> KnowledgeMatch | None:
        """Cross-lingual: the answer for a question embedded as ``vector``; ``skus`` (the
        products pinned in the room) are preferred when they match about as well."""
        if not self.entries:
            return None
        scores = self.vectors @ vector
        if skus:  # a small nudge: the product on screen is what viewers ask about
            scores = scores + np.array([0.02 if e.sku in skus else 0.0 for e in self.entries])
        order = np.argsort(-scores)
        top = int(order[0])
        if scores[top] < min_score:
            return None
        same = next((int(i) for i in order[:20] if self.entries[int(i)].language == language), None)
        chosen = same if same is not None and scores[same] >= min_score - 0.03 else top
        return self._match(chosen, float(scores[chosen]), "embedding")

    def _match(self, index: int, score: float, method: str) -> KnowledgeMatch:
        entry, twin = self.entries[index], self._twins[index]
        return KnowledgeMatch(
            sku=entry.sku,
            language=entry.language,
            question=entry.question,
            answer=entry.answer,
            score=round(score, 4),
            intent=entry.intent,
            question_zh=self.entries[twin].question if twin is not None else None,
            answer_zh=self.entries[twin].answer if twin is not None else None,
            method=method,
        )

    def _chinese_twin(self, index: int) -> int | None:
        """The Chinese question of the same product that asks what entry ``index`` asks
        (compared question to question inside the KB, not to the viewer's noisier words)."""
        entry = self.entries[index]
        if entry.language == "zh":
            return index
        best, best_score = None, _TWIN_MIN
        for i, other in enumerate(self.entries):
            if other.language == "zh" and other.sku == entry.sku:
                score = float(self.vectors[i] @ self.vectors[index])
                if score >= best_score:
                    best, best_score = i, score
        return best
