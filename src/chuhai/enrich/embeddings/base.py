"""Multilingual sentence embeddings behind one small interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from chuhai.enrich.heads import FloatArray

__all__ = ["Embedder"]


class Embedder(ABC):
    """Texts in, one L2-normalised float32 row per text out."""

    name: ClassVar[str]
    dim: int

    @abstractmethod
    def embed(self, texts: Sequence[str]) -> FloatArray:
        """``(len(texts), dim)`` float32, rows of unit length."""

    def embed_one(self, text: str) -> FloatArray:
        row: FloatArray = self.embed([text])[0]
        return row

    @staticmethod
    def _normalised(vectors: FloatArray) -> FloatArray:
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: FloatArray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit
