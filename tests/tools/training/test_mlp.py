"""The numpy hidden-layer trainer: learns what a linear head cannot, keeps minority classes,
and its weights round-trip through a shipped head."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chuhai.enrich.heads import LinearHead
from chuhai_tools.training.mlp import fit_mlp


def _xor(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two classes a linear layer cannot separate (the sign of x0 * x1)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 4)).astype(np.float32)
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)
    return x, y


def test_hidden_layer_learns_what_a_linear_head_cannot() -> None:
    x, y = _xor(2000, 0)
    x_val, y_val = _xor(400, 1)
    mlp = fit_mlp(x, y, 2, x_val, y_val, units=32, epochs=30, learning_rate=1e-2, dropout=0.0)
    accuracy = (mlp.logits(x_val).argmax(1) == y_val).mean()
    best_linear = max((x_val[:, j] > 0).mean() for j in range(4))  # no single direction does
    assert accuracy > 0.9 > best_linear + 0.2


def test_class_weights_keep_a_rare_class() -> None:
    rng = np.random.default_rng(2)
    # 5% of class 1, shifted along one direction but overlapping class 0
    y = (rng.random(3000) < 0.05).astype(np.int64)
    x = rng.normal(size=(3000, 8)).astype(np.float32)
    x[:, 0] += 1.5 * y
    mlp = fit_mlp(x[:2500], y[:2500], 2, x[2500:], y[2500:], units=16, epochs=10, seed=0)
    predicted = mlp.logits(x[2500:]).argmax(1)
    recall = (predicted[y[2500:] == 1] == 1).mean()
    assert recall > 0.5  # an unweighted fit answers the majority almost always


def test_best_epoch_is_kept() -> None:
    x, y = _xor(300, 3)
    x_val, y_val = _xor(200, 4)
    mlp = fit_mlp(x, y, 2, x_val, y_val, units=8, epochs=5, seed=0)
    assert 1 <= mlp.epochs <= 5


@pytest.mark.parametrize("hidden", [False, True])
def test_head_round_trips_with_and_without_hidden_layer(tmp_path: Path, hidden: bool) -> None:
    rng = np.random.default_rng(5)
    units = 6 if hidden else 4
    head = LinearHead(
        name="t",
        labels=("a", "b", "c"),
        weights=rng.normal(size=(units, 3)).astype(np.float32),
        bias=rng.normal(size=3).astype(np.float32),
        temperature=1.3,
        hidden=rng.normal(size=(4, 6)).astype(np.float32) if hidden else None,
        hidden_bias=rng.normal(size=6).astype(np.float32) if hidden else None,
    )
    head.save(tmp_path / "t")
    loaded = LinearHead.load(tmp_path / "t")
    x = rng.normal(size=(5, 4)).astype(np.float32)
    assert loaded.dim == 4
    assert (loaded.hidden is not None) is hidden
    np.testing.assert_allclose(loaded.proba(x), head.proba(x), rtol=1e-6)
    if hidden:  # the hidden layer is applied: a linear read of x gives other logits
        assert head.hidden is not None and head.hidden_bias is not None
        relu = np.maximum(x @ head.hidden + head.hidden_bias, 0)
        np.testing.assert_allclose(head.logits(x), relu @ head.weights + head.bias, rtol=1e-5)
