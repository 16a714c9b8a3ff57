"""The statistics behind alerts: an exact conditional test of two rates, and the
Benjamini-Hochberg correction for testing many series at once."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

__all__ = ["benjamini_hochberg", "rate_test"]

EXACT_LIMIT = 2000  # above this many events the normal approximation is as good and faster


def _log_pmf(k: int, n: int, p: float) -> float:
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def _upper_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if n > EXACT_LIMIT:
        mean, sd = n * p, math.sqrt(n * p * (1 - p))
        return 0.5 * math.erfc((k - 0.5 - mean) / (sd * math.sqrt(2))) if sd else float(k <= mean)
    return min(1.0, sum(math.exp(_log_pmf(x, n, p)) for x in range(k, n + 1)))


def rate_test(
    count: int,
    exposure: int,
    baseline_count: int,
    baseline_exposure: int,
    direction: Literal["up", "down"],
) -> float:
    """One-sided p-value that ``count / exposure`` is higher ("up") or lower ("down") than
    ``baseline_count / baseline_exposure``.

    Conditional on the total number of events, the count in the new period is binomial with
    p = exposure / (exposure + baseline_exposure) when both rates are equal (the exact test for
    comparing two Poisson rates).
    """
    if exposure <= 0 or baseline_exposure <= 0:
        return 1.0
    total = count + baseline_count
    if total == 0:
        return 1.0
    p = exposure / (exposure + baseline_exposure)
    if direction == "up":
        return _upper_tail(count, total, p)
    # P(X <= count) = P(total - X >= total - count), with total - X ~ Binomial(total, 1 - p)
    return _upper_tail(total - count, total, 1 - p)


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """q-values: the smallest false discovery rate at which each test would be called."""
    n = len(p_values)
    order = sorted(range(n), key=lambda i: p_values[i])
    q = [1.0] * n
    running = 1.0
    for rank in range(n, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * n / rank)
        q[index] = min(1.0, running)
    return q
