"""The numbers fitted on held-back data: head weights, the neutral and fast thresholds."""

from __future__ import annotations

import numpy as np
import pytest

from chuhai_tools.training.thresholds import (
    fit_fast_weights,
    fit_neutral_threshold,
    fit_neutral_thresholds,
    labels_of,
)


def _rows(*rows: tuple[float, float, float]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


def test_fast_weight_follows_the_better_head() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 400)
    good = np.full((400, 3), 0.1, np.float32)
    good[np.arange(400), y] = 0.8
    noise = rng.dirichlet([1, 1, 1], 400).astype(np.float32)
    languages = ["th"] * 200 + ["id"] * 200
    # fast head right and embedding head noise for th; the other way round for id
    fast = np.where(np.array(languages)[:, None] == "th", good, noise).astype(np.float32)
    embedding = np.where(np.array(languages)[:, None] == "th", noise, good).astype(np.float32)
    weights = fit_fast_weights(fast, embedding, y, languages)
    assert weights["th"] >= 0.8
    assert weights["id"] <= 0.2
    assert set(weights) == {"*", "th", "id"}


def test_small_languages_share_the_overall_weight() -> None:
    y = np.zeros(30, dtype=np.int64)
    p = np.tile(_rows((0.8, 0.1, 0.1)), (30, 1))
    assert set(fit_fast_weights(p, p, y, ["vi"] * 30)) == {"*"}


def test_neutral_threshold_stops_neutral_answers_to_polar_items() -> None:
    # polar items whose heads put P(neu) at 0.55 while leaning one way: a low
    # threshold would call them neutral; true neutrals sit at P(neu) >= 0.8
    polar = _rows(*[(0.15, 0.55, 0.30)] * 40, *[(0.30, 0.55, 0.15)] * 40)
    neutral = _rows(*[(0.05, 0.85, 0.10)] * 20)
    p = np.vstack([polar, neutral])
    y = np.array([2] * 40 + [0] * 40 + [1] * 20)
    threshold = fit_neutral_threshold(p, y)
    assert 0.55 < threshold <= 0.85
    assert (labels_of(p, threshold) == y).all()


def test_neutral_threshold_per_language() -> None:
    # "th": neutral posts sit at P(neu) 0.5 and polar ones at 0.3 (a low threshold is right);
    # "id": polar reviews sit at P(neu) 0.55 and neutral ones at 0.85 (a high one is right)
    th = _rows(*[(0.2, 0.5, 0.3)] * 100, *[(0.6, 0.3, 0.1)] * 50, *[(0.1, 0.3, 0.6)] * 50)
    id_ = _rows(*[(0.05, 0.85, 0.10)] * 40, *[(0.15, 0.55, 0.30)] * 80, *[(0.3, 0.55, 0.15)] * 80)
    p = np.vstack([th, id_])
    y = np.array([1] * 100 + [0] * 50 + [2] * 50 + [1] * 40 + [2] * 80 + [0] * 80)
    languages = ["th"] * 200 + ["id"] * 200
    overall, by_language = fit_neutral_thresholds(p, y, languages)
    assert by_language["th"] <= 0.5
    assert by_language.get("id", overall) > 0.55
    for language, rows, gold in (("th", p[:200], y[:200]), ("id", p[200:], y[200:])):
        assert (labels_of(rows, by_language.get(language, overall)) == gold).all()


def test_small_languages_share_the_overall_neutral_threshold() -> None:
    p = np.tile(_rows((0.1, 0.8, 0.1)), (30, 1))
    assert fit_neutral_thresholds(p, np.ones(30, np.int64), ["vi"] * 30)[1] == {}


@pytest.mark.parametrize(
    ("row", "threshold", "label"),
    [((0.1, 0.8, 0.1), 0.5, 1), ((0.2, 0.5, 0.3), 0.5, 1), ((0.6, 0.3, 0.1), 0.5, 0)],
)
def test_labels_of(row: tuple[float, float, float], threshold: float, label: int) -> None:
    assert labels_of(_rows(row), threshold).tolist() == [label]
