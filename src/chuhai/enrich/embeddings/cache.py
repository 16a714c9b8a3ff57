"""Embeddings are the slow part of enrichment; repeated texts (live chat repeats a lot) are
served from memory. Keys are normalised text, so "LOL", "lol " and "lol" share one entry."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from cachetools import LRUCache

from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.heads import FloatArray

__all__ = ["CachedEmbedder", "normalise_key"]

_SPACES = re.compile(r"\s+")


def normalise_key(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


class CachedEmbedder(Embedder):
    """Wraps an embedder with an LRU cache of ``capacity`` vectors (shared by the server's
    request threads, hence the lock)."""

    name: ClassVar[str] = "memory-cache"

    def __init__(self, inner: Embedder, capacity: int = 100_000) -> None:
        self.inner = inner
        self.dim = inner.dim
        self.capacity = capacity
        self._cache: LRUCache[str, FloatArray] = LRUCache(max(capacity, 1))  # 0: keeps none
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self.hits = self.misses = 0

    def embed(self, texts: Sequence[str]) -> FloatArray:
        keys = [normalise_key(t) for t in texts]
        with self._lock:
            vectors = {k: self._cache[k] for k in dict.fromkeys(keys) if k in self._cache}
        missing = [k for k in dict.fromkeys(keys) if k not in vectors]
        if missing:  # embedded outside the lock: other threads' hits need not wait
            vectors.update(zip(missing, self.inner.embed(missing), strict=True))
        out = np.empty((len(keys), self.dim), dtype=np.float32)
        for row, key in enumerate(keys):
            out[row] = vectors[key]
        with self._lock:
            self.misses += len(missing)
            self.hits += len(keys) - len(missing)
            for key in keys if self.capacity else ():  # most recent last; oldest drop out
                self._cache[key] = vectors[key]
        return out
