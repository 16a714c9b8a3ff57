"""Embeddings are the slow part of enrichment; repeated texts (live chat repeats a lot) are
served from memory. Keys are normalised text, so "LOL", "lol " and "lol" share one entry."""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.heads import FloatArray

__all__ = ["CachedEmbedder", "normalise_key"]

_SPACES = re.compile(r"\s+")


def normalise_key(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


class CachedEmbedder(Embedder):
    """Wraps an embedder with an LRU cache of ``capacity`` vectors."""

    name: ClassVar[str] = "memory-cache"

    def __init__(self, inner: Embedder, capacity: int = 100_000) -> None:
        self.inner = inner
        self.dim = inner.dim
        self.capacity = capacity
        self._cache: OrderedDict[str, FloatArray] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        self._cache.clear()
        self.hits = self.misses = 0

    def embed(self, texts: Sequence[str]) -> FloatArray:
        keys = [normalise_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            fresh = self.inner.embed(missing)
            for key, vector in zip(missing, fresh, strict=True):
                self._cache[key] = vector
        self.misses += len(missing)
        self.hits += len(keys) - len(missing)
        out = np.empty((len(keys), self.dim), dtype=np.float32)
        for row, key in enumerate(keys):
            out[row] = self._cache[key]
            self._cache.move_to_end(key)
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        return out
