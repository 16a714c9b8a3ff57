"""A deterministic stand-in embedder (character n-grams hashed into a vector).

Used by unit tests and as a test seam: it needs no model, is fast, and texts that share
n-grams get similar vectors, so classifier plumbing can be tested end to end.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.heads import FloatArray

__all__ = ["HashingEmbedder"]


class HashingEmbedder(Embedder):
    name: ClassVar[str] = "hashing"

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> FloatArray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f" {text.lower()} "
            for n in (2, 3):
                for i in range(len(padded) - n + 1):
                    h = zlib.crc32(padded[i : i + n].encode("utf-8"))
                    out[row, h % self.dim] += 1.0 if h & 1 else -1.0
        return self._normalised(out)
