"""The statistics behind alerts: an exact conditional test of two rates, and the
Benjamini-Hochberg correction for testing many series at once (both from scipy.stats, which
is exact at any count: no normal approximation above a size)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

__all__ = ["benjamini_hochberg", "rate_test"]


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
    # scipy.stats takes about a second to import: only a run that tests alerts pays it
    from scipy.stats import binom

    p = exposure / (exposure + baseline_exposure)
    if direction == "up":
        return min(1.0, float(binom.sf(count - 1, total, p)))  # P(X >= count)
    return min(1.0, float(binom.cdf(count, total, p)))  # P(X <= count)


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """q-values: the smallest false discovery rate at which each test would be called."""
    if not p_values:
        return []
    from scipy.stats import false_discovery_control

    return [float(q) for q in false_discovery_control(list(p_values), method="bh")]
