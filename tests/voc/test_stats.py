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


def test_large_counts_agree_with_the_normal_approximation() -> None:
    exact = rate_test(1100, 10_000, 1000, 10_000, "up")
    assert 0.01 < exact < 0.02  # z ~ 2.2 with continuity correction


# P(X >= k) for X ~ Binomial(n, p), summed in exact fractions (math.comb, fractions.Fraction);
# the same figures as R's pbinom(k - 1, n, p, lower.tail = FALSE)
@pytest.mark.parametrize(
    ("k", "n", "p", "expected"),
    [
        (10, 20, 0.3, 0.04796189733134348),
        (3, 10, 0.1, 0.0701908264),
        (0, 5, 0.5, 1.0),
        (6, 6, 0.5, 0.015625),
        (15, 50, 0.2, 0.06072207963194932),
        (1100, 2100, 0.5, 0.015360353932121148),
        (2600, 5000, 0.5, 0.002441824868758759),  # large: exact too, not an approximation
        (40, 3000, 0.01, 0.04541541005699598),
    ],
)
def test_the_upper_tail_matches_known_values(k: int, n: int, p: float, expected: float) -> None:
    # exposures in the ratio p : 1 - p make the conditional count Binomial(n, p)
    exposure, base_exposure = round(p * 1000), round((1 - p) * 1000)
    assert math.isclose(rate_test(k, exposure, n - k, base_exposure, "up"), expected, rel_tol=1e-9)
    # the lower tail of the baseline's count is the same event seen from the other side
    assert math.isclose(
        rate_test(n - k, base_exposure, k, exposure, "down"), expected, rel_tol=1e-9
    )


# q-values as R's p.adjust(p, "BH") gives them
@pytest.mark.parametrize(
    ("p_values", "expected"),
    [
        ([0.01, 0.04, 0.03, 0.005], [0.02, 0.04, 0.04, 0.02]),
        (
            [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205],
            [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.074 * 8 / 7, 0.205],
        ),
        ([0.05, 0.04, 0.03, 0.02, 0.01], [0.05] * 5),
        ([0.5], [0.5]),
        ([0.0, 1.0], [0.0, 1.0]),
        ([0.3, 0.3, 0.3], [0.3, 0.3, 0.3]),
        ([0.9, 1.0], [1.0, 1.0]),
        ([], []),
    ],
)
def test_benjamini_hochberg_matches_known_values(
    p_values: list[float], expected: list[float]
) -> None:
    got = benjamini_hochberg(p_values)
    assert len(got) == len(expected)
    assert all(math.isclose(g, e, rel_tol=1e-9) for g, e in zip(got, expected, strict=True))


def test_benjamini_hochberg() -> None:
    # the classic example: p = .01, .04, .03, .005 -> q = .02, .04, .04, .02
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.005])
    assert [round(v, 3) for v in q] == [0.02, 0.04, 0.04, 0.02]
    assert benjamini_hochberg([]) == []
    assert benjamini_hochberg([0.9, 1.0]) == [1.0, 1.0]
