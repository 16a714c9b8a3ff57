"""A persistent embedding cache (SQLite, float16 vectors) for training and evaluation runs,
which embed the same hundred thousand texts again and again."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np

from chuhai.enrich.embeddings.base import Embedder
from chuhai.enrich.heads import FloatArray

__all__ = ["DiskCachedEmbedder"]

_CHUNK = 900  # SQLite's limit on host parameters is 999


class DiskCachedEmbedder(Embedder):
    """Embeds only texts not in ``path`` yet; ``progress(done, total)`` is told as it goes."""

    name: ClassVar[str] = "disk-cache"

    def __init__(self, inner: Embedder, path: Path, batch: int = 64) -> None:
        self.inner = inner
        self.dim = inner.dim
        self.batch = batch
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS e (k TEXT PRIMARY KEY, v BLOB)")
        self.progress: Callable[[int, int], None] = lambda done, total: None

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(("query|" + text).encode("utf-8")).hexdigest()

    def embed(self, texts: Sequence[str]) -> FloatArray:
        keys = [self.key(t) for t in texts]
        have: dict[str, FloatArray] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i : i + _CHUNK]
            query = f"SELECT k, v FROM e WHERE k IN ({','.join('?' * len(chunk))})"
            for k, v in self._db.execute(query, chunk):
                have[k] = np.frombuffer(v, dtype=np.float16).astype(np.float32)
        todo = list({k: t for k, t in zip(keys, texts, strict=True) if k not in have}.items())
        for start in range(0, len(todo), self.batch):
            part = todo[start : start + self.batch]
            vectors = self.inner.embed([t for _, t in part])
            self._db.executemany(
                "INSERT OR REPLACE INTO e VALUES (?, ?)",
                [
                    (k, v.astype(np.float16).tobytes())
                    for (k, _), v in zip(part, vectors, strict=True)
                ],
            )
            for (k, _), v in zip(part, vectors, strict=True):
                # as stored: a cold run and a warm run must give the same vectors
                have[k] = v.astype(np.float16).astype(np.float32)
            self._db.commit()
            self.progress(start + len(part), len(todo))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([have[k] for k in keys]).astype(np.float32)

    def close(self) -> None:
        self._db.close()
