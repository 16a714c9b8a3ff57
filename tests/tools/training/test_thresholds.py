"""The numbers fitted on held-back data: head weights, the neutral and fast thresholds."""

from __future__ import annotations

import numpy as np
import pytest

from chuhai.enrich.heads import LinearHead
from chuhai.enrich.models import TaskModels
from chuhai.enrich.ngrams import NgramHasher, NgramModel
from chuhai_tools.training.thresholds import (
    fit_fast_threshold,
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


def test_overall_neutral_threshold_is_fitted_on_the_languages_that_use_it() -> None:
    # a large "th" part with its own low threshold must not set the one vi and zh share:
    # their polar reviews sit at P(neu) 0.55, their neutral lines at 0.85
    th = _rows(*[(0.2, 0.5, 0.3)] * 1000, *[(0.6, 0.3, 0.1)] * 150, *[(0.1, 0.3, 0.6)] * 150)
    rest = _rows(*[(0.05, 0.85, 0.10)] * 40, *[(0.15, 0.55, 0.30)] * 80, *[(0.3, 0.55, 0.15)] * 80)
    p = np.vstack([th, rest])
    y = np.array([1] * 1000 + [0] * 150 + [2] * 150 + [1] * 40 + [2] * 80 + [0] * 80)
    languages = ["th"] * 1300 + ["vi", "zh"] * 100
    overall, by_language = fit_neutral_thresholds(p, y, languages)
    assert set(by_language) == {"th"}
    assert (labels_of(rest, overall) == y[1300:]).all()
    assert (labels_of(th, by_language["th"]) == y[:1300]).all()


def test_small_languages_share_the_overall_neutral_threshold() -> None:
    p = np.tile(_rows((0.1, 0.8, 0.1)), (30, 1))
    assert fit_neutral_thresholds(p, np.ones(30, np.int64), ["vi"] * 30)[1] == {}


@pytest.mark.parametrize(
    ("row", "threshold", "label"),
    [((0.1, 0.8, 0.1), 0.5, 1), ((0.2, 0.5, 0.3), 0.5, 1), ((0.6, 0.3, 0.1), 0.5, 0)],
)
def test_labels_of(row: tuple[float, float, float], threshold: float, label: int) -> None:
    assert labels_of(_rows(row), threshold).tolist() == [label]


def test_fast_threshold_reads_each_language_with_its_neutral_threshold() -> None:
    # Thai posts at P(neu) 0.5 are neutral by Thai's threshold (0.45), as the analyzer reads
    # them: the fast head is right on them; by the overall threshold (0.6) it would seem wrong
    labels = ("neg", "neu", "pos")
    hasher = NgramHasher(bits=4)
    zeros = np.zeros(3, np.float32)
    models = TaskModels(
        labels=labels,
        ngram=NgramModel(hasher, np.zeros((hasher.n_features, 3), np.float32), zeros),
        static=np.zeros((8, 3), np.float32),
        fast_temperature=1.0,
        embedding=LinearHead("e", labels, np.zeros((4, 3), np.float32), zeros),
        fast_weight={"*": 0.5},
        fast_threshold=1.01,
        neutral_threshold=0.6,
        neutral_by_language={"th": 0.45},
    )
    fast = _rows(*[(0.2, 0.5, 0.3)] * 40)
    full = _rows(*[(0.1, 0.8, 0.1)] * 40)
    y = np.ones(40, np.int64)
    threshold, report = fit_fast_threshold(models, "sentiment", fast, full, y, ["th"] * 40)
    assert threshold == 0.5
    assert report["fast_share"] == 1.0
    assert fit_fast_threshold(models, "sentiment", fast, full, y)[0] == 1.01  # overall: never
