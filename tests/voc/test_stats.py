from __future__ import annotations

import math

import pytest

from chuhai.voc.stats import benjamini_hochberg, rate_test


@pytest.mark.parametrize(
    ("count", "exposure", "base", "base_exposure", "direction", "expected"),
    [
        # equal exposures: the count is Binomial(total, 1/2); P(X >= 8 | n = 10) = 56/1024
        (8, 100, 2, 100, "up", 56 / 1024),
        (2, 100, 8, 100, "down", 56 / 1024),
        (5, 100, 5, 100, "up", 638 / 1024),
        (0, 100, 0, 100, "up", 1.0),
        (3, 0, 1, 100, "up", 1.0),
        # exposure three times larger: p = 3/4; P(X >= 4 | n = 4) = (3/4)^4
        (4, 300, 0, 100, "up", 0.75**4),
    ],
)
def test_rate_test_matches_the_binomial_by_hand(
    count: int, exposure: int, base: int, base_exposure: int, direction: str, expected: float
) -> None:
    got = rate_test(count, exposure, base, base_exposure, direction)  # type: ignore[arg-type]
    assert math.isclose(got, expected, rel_tol=1e-9)


def test_large_counts_use_the_normal_approximation_and_agree() -> None:
    exact = rate_test(1100, 10_000, 1000, 10_000, "up")
    assert 0.01 < exact < 0.02  # z ~ 2.2 with continuity correction


def test_benjamini_hochberg() -> None:
    # the classic example: p = .01, .04, .03, .005 -> q = .02, .04, .04, .02
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.005])
    assert [round(v, 3) for v in q] == [0.02, 0.04, 0.04, 0.02]
    assert benjamini_hochberg([]) == []
    assert benjamini_hochberg([0.9, 1.0]) == [1.0, 1.0]
