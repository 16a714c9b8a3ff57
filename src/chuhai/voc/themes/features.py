"""The vectors themes are found in: language-centred embeddings beside a small latent-semantic
view of the words, fitted on a sample and applied to every other text the same way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from chuhai.voc.themes.cluster import FloatArray, center_by_group, unit

__all__ = ["Features"]


@dataclass
class Features:
    means: dict[str, FloatArray]  # language -> mean embedding ("" = all)
    vocabulary: dict[str, int]
    idf: FloatArray
    projection: FloatArray  # (vocabulary, dims): word space -> latent space
    lexical_weight: float

    @classmethod
    def fit(
        cls,
        vectors: FloatArray,
        phrase_sets: Sequence[set[str]],
        languages: Sequence[str],
        *,
        dims: int = 100,
        max_vocabulary: int = 4000,
        lexical_weight: float = 0.5,
        seed: int = 0,
    ) -> tuple[Features, FloatArray]:
        """Fit on a sample; returns the fitted features and the sample's vectors."""
        _, means = center_by_group(vectors, languages)
        df: Counter[str] = Counter()
        for phrases in phrase_sets:
            df.update(phrases)
        common = [p for p, n in df.most_common(max_vocabulary) if n >= 2]
        vocabulary = {p: i for i, p in enumerate(common)}
        n = max(len(phrase_sets), 1)
        idf = np.array([np.log(n / (1 + df[p])) + 1 for p in common], dtype=np.float32)
        features = cls(
            means, vocabulary, idf, np.zeros((len(common), 0), np.float32), lexical_weight
        )
        if common:
            matrix = features._words(phrase_sets)
            features.projection = _latent_basis(matrix, dims, seed)
        return features, features.transform(vectors, phrase_sets, languages)

    def _words(self, phrase_sets: Sequence[set[str]]) -> FloatArray:
        matrix = np.zeros((len(phrase_sets), len(self.vocabulary)), dtype=np.float32)
        for row, phrases in enumerate(phrase_sets):
            columns = [self.vocabulary[p] for p in phrases if p in self.vocabulary]
            matrix[row, columns] = self.idf[columns]
        return unit(matrix)

    def transform(
        self, vectors: FloatArray, phrase_sets: Sequence[set[str]], languages: Sequence[str]
    ) -> FloatArray:
        overall = self.means[""]
        centred = (
            np.stack(
                [
                    v - self.means.get(lang, overall)
                    for v, lang in zip(vectors, languages, strict=True)
                ]
            )
            if len(vectors)
            else vectors
        )
        centred = unit(centred)
        if self.projection.shape[1] == 0 or self.lexical_weight <= 0:
            return centred
        latent = unit(self._words(phrase_sets) @ self.projection)
        return unit(np.hstack([centred, self.lexical_weight * latent]))


def _latent_basis(matrix: FloatArray, dims: int, seed: int) -> FloatArray:
    """The top right-singular vectors of ``matrix`` (randomised SVD: one pass, no scipy)."""
    rank = min(dims, *matrix.shape)
    if rank < 1:
        return np.zeros((matrix.shape[1], 0), np.float32)
    rng = np.random.default_rng(seed)
    sketch = matrix @ rng.standard_normal((matrix.shape[1], rank + 10)).astype(np.float32)
    basis, _ = np.linalg.qr(sketch)
    _, _, right = np.linalg.svd(basis.T @ matrix, full_matrices=False)
    projection: FloatArray = right[:rank].T.astype(np.float32)
    return projection
