"""Hashed character n-grams, computed for a whole batch at once with numpy.

Sentence embeddings blur the surface cues of short noisy text (Thai social media, emotes,
slang, emoji); character n-grams keep them, and cost microseconds. Each text is lower-cased,
its code points hashed with a rolling polynomial over every window of ``low..high``
characters, and the hashes folded into ``2**bits`` columns; a row is the L2-normalised count
vector. Training and inference use this same code, so the columns always agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from chuhai.enrich.heads import FloatArray

__all__ = ["NgramFeatures", "NgramHasher", "NgramModel"]

_PRIME: Final = np.uint64(1_000_003)
_MIX: Final = np.uint64(0x9E3779B97F4A7C15)
_SPACES: Final = re.compile(r"\s+")
_MAX_CHARS: Final = 2000


@dataclass(frozen=True)
class NgramFeatures:
    """A sparse batch: ``rows[i], cols[i], values[i]`` for each non-zero feature."""

    rows: npt.NDArray[np.int64]
    cols: npt.NDArray[np.int64]
    values: FloatArray
    n_rows: int


@dataclass(frozen=True)
class NgramHasher:
    bits: int = 18
    low: int = 2
    high: int = 5

    @property
    def n_features(self) -> int:
        return 1 << self.bits

    def features(self, texts: Sequence[str]) -> NgramFeatures:
        """Hashed, L2-normalised n-gram counts of each text."""
        prepared = [
            " "
            + _SPACES.sub(" ", unicodedata.normalize("NFC", t[:_MAX_CHARS]).lower()).strip()
            + " "
            for t in texts
        ]
        lengths = np.fromiter((len(p) for p in prepared), dtype=np.int64, count=len(prepared))
        codes = np.frombuffer("".join(prepared).encode("utf-32-le"), dtype=np.uint32).astype(
            np.uint64
        )
        starts = (
            np.concatenate([[0], np.cumsum(lengths)[:-1]]) if prepared else np.zeros(0, np.int64)
        )
        row_of = np.repeat(np.arange(len(prepared), dtype=np.int64), lengths)
        end_of_row = np.repeat(starts + lengths, lengths)
        position = np.arange(len(codes), dtype=np.int64)
        rows_parts: list[npt.NDArray[np.int64]] = []
        cols_parts: list[npt.NDArray[np.int64]] = []
        rolling = np.zeros(len(codes), dtype=np.uint64)
        mask = np.uint64(self.n_features - 1)
        with np.errstate(over="ignore"):
            for n in range(1, self.high + 1):
                shifted = np.zeros(len(codes), dtype=np.uint64)
                kept = max(0, len(codes) - (n - 1))  # a batch shorter than n has no n-grams
                shifted[:kept] = codes[n - 1 : n - 1 + kept]
                rolling = rolling * _PRIME + shifted + np.uint64(n)
                if n < self.low:
                    continue
                valid = position + n <= end_of_row  # windows that stay inside their text
                mixed = (rolling[valid] * _MIX) >> np.uint64(64 - self.bits)
                rows_parts.append(row_of[valid])
                cols_parts.append((mixed & mask).astype(np.int64))
        if not rows_parts:
            empty = np.zeros(0, dtype=np.int64)
            return NgramFeatures(empty, empty, np.zeros(0, np.float32), len(texts))
        rows = np.concatenate(rows_parts)
        cols = np.concatenate(cols_parts)
        keys, counts = np.unique(rows * self.n_features + cols, return_counts=True)
        rows, cols = keys // self.n_features, keys % self.n_features
        values = counts.astype(np.float32)
        norms = np.sqrt(np.bincount(rows, weights=values**2, minlength=len(texts)))
        values = values / np.maximum(norms[rows], 1e-12).astype(np.float32)
        return NgramFeatures(rows, cols, values.astype(np.float32), len(texts))


@dataclass(frozen=True)
class NgramModel:
    """A linear model over :class:`NgramHasher` features: ``logits = X @ W + b``."""

    hasher: NgramHasher
    weights: FloatArray  # (n_features, labels)
    bias: FloatArray

    def logits(self, texts: Sequence[str], features: NgramFeatures | None = None) -> FloatArray:
        """``features``: the texts' :meth:`NgramHasher.features` if already computed (heads
        with equal hashers share them)."""
        f = self.hasher.features(texts) if features is None else features
        out = np.tile(self.bias.astype(np.float32), (f.n_rows, 1))
        if len(f.rows):
            # features come sorted by row: one sum per row's run (np.add.at is 5x slower)
            present, first = np.unique(f.rows, return_index=True)
            out[present] += np.add.reduceat(self.weights[f.cols] * f.values[:, None], first)
        return out
