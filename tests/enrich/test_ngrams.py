"""Hashed character n-grams and the linear model over them: the sparse sum per row equals the
dense product, rows without n-grams keep the bias, and features computed once serve every head
with the same hasher."""

from __future__ import annotations

import numpy as np
import pytest

from chuhai.enrich.ngrams import NgramHasher, NgramModel

TEXTS = [
    "ขาวมากค่ะ 555",
    "",
    "Barangnya bagus banget, pengiriman cepat!",
    "LUL",
    "Barangnya bagus banget, pengiriman cepat!",  # the same text twice: the same row
    "a",
]


def _dense(hasher: NgramHasher, texts: list[str]) -> np.ndarray:
    f = hasher.features(texts)
    x = np.zeros((len(texts), hasher.n_features), np.float32)
    x[f.rows, f.cols] = f.values
    return x


@pytest.mark.parametrize("bits", [8, 12, 17])
def test_rows_are_unit_length_and_sorted(bits: int) -> None:
    f = NgramHasher(bits=bits).features(TEXTS)
    assert f.n_rows == len(TEXTS)
    assert np.all(np.diff(f.rows) >= 0)  # what the model's per-row sum relies on
    norms = np.linalg.norm(_dense(NgramHasher(bits=bits), TEXTS), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)


@pytest.mark.parametrize("bits", [8, 12])
def test_logits_equal_the_dense_product(bits: int) -> None:
    hasher = NgramHasher(bits=bits)
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(hasher.n_features, 3)).astype(np.float32)
    bias = np.array([0.1, -0.2, 0.3], np.float32)
    model = NgramModel(hasher, weights, bias)
    expected = _dense(hasher, TEXTS) @ weights + bias
    assert np.allclose(model.logits(TEXTS), expected, atol=1e-4)
    assert np.array_equal(model.logits(TEXTS)[2], model.logits(TEXTS)[4])


def test_logits_read_the_features_given() -> None:
    """Features computed once serve every head with that hasher, and are what is read: the
    texts' own n-grams are not computed again."""
    hasher = NgramHasher(bits=10)
    rng = np.random.default_rng(1)
    heads = [
        NgramModel(
            hasher,
            rng.normal(size=(hasher.n_features, k)).astype(np.float32),
            np.zeros(k, np.float32),
        )
        for k in (3, 9)
    ]
    shared = hasher.features(TEXTS)
    others = list(reversed(TEXTS))
    for head in heads:
        assert np.array_equal(head.logits(TEXTS, shared), head.logits(TEXTS))
        assert np.allclose(head.logits(others, shared), head.logits(TEXTS), atol=1e-6)
        assert not np.allclose(head.logits(others, shared), head.logits(others))


def test_a_row_without_ngrams_keeps_the_bias() -> None:
    hasher = NgramHasher(bits=8, low=3, high=3)
    bias = np.array([0.5, -0.5], np.float32)
    model = NgramModel(hasher, np.ones((hasher.n_features, 2), np.float32), bias)
    # "" is read as two spaces: no 3-gram; "abc" (" abc ") has three
    logits = model.logits(["", "abc", ""])
    assert np.array_equal(logits[0], bias) and np.array_equal(logits[2], bias)
    assert np.allclose(logits[1], bias + 3 / np.sqrt(3))
    assert model.logits([]).shape == (0, 2)
