"""Answers from the product knowledge base by cross-lingual retrieval.

Every FAQ question of every product (all languages) is embedded once with the same
multilingual model as the analyzer; a viewer's question finds the nearest questions in any
language. The answer shown is the best match in the viewer's language when the KB has one,
else the best match overall; the nearest Chinese question is the operator's gist of what was
asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from chuhai.enrich.embeddings import Embedder
from chuhai.enrich.heads import FloatArray
from chuhai.records import Product

__all__ = ["KnowledgeIndex", "KnowledgeMatch"]

_TWIN_MIN = 0.82


@dataclass(frozen=True)
class KnowledgeMatch:
    sku: str
    language: str
    question: str
    answer: str
    score: float
    question_zh: str | None = None  # the nearest Chinese question, for the operator


@dataclass(frozen=True)
class _Entry:
    sku: str
    language: str
    question: str
    answer: str


class KnowledgeIndex:
    def __init__(self, products: Sequence[Product], embedder: Embedder) -> None:
        self.embedder = embedder
        self.entries = [
            _Entry(p.sku, e.language, e.question, e.answer) for p in products for e in p.knowledge
        ]
        self.vectors: FloatArray = (
            embedder.embed([e.question for e in self.entries])
            if self.entries
            else np.zeros((0, embedder.dim), np.float32)
        )

    def _chinese_twin(self, index: int) -> int | None:
        """The Chinese question of the same product that asks what entry ``index`` asks.

        Compared question to question inside the KB (measured: 0.84-0.88 for translations,
        below 0.79 for other questions), not to the viewer's words, which are noisier.
        """
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

    def __len__(self) -> int:
        return len(self.entries)

    def best(
        self,
        vector: FloatArray,
        language: str,
        *,
        min_score: float,
        skus: Sequence[str] = (),
    ) -> KnowledgeMatch | None:
        """The answer for a question embedded as ``vector``; ``skus`` (the products pinned in
        the room) are preferred when they match about as well."""
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
        entry = self.entries[chosen]
        zh = self._chinese_twin(chosen)
        return KnowledgeMatch(
            sku=entry.sku,
            language=entry.language,
            question=entry.question,
            answer=entry.answer,
            score=round(float(scores[chosen]), 4),
            question_zh=self.entries[zh].question if zh is not None else None,
        )
