"""Closed forms: EOQ, newsvendor, safety stock, expected shortfall, MOQ rounding."""

from __future__ import annotations

import math

import pytest

from chuhai.errors import InputError
from chuhai.supply.policy import (
    eoq,
    expected_shortfall,
    newsvendor_quantity,
    order_up_to,
    round_order,
    safety_stock,
    z_value,
)


@pytest.mark.parametrize(
    ("demand", "order_cost", "holding", "expected"),
    [
        (1200, 50, 3, 200.0),  # sqrt(2 * 1200 * 50 / 3)
        (520, 50, 2.5, math.sqrt(2 * 520 * 50 / 2.5)),
        (1000, 0, 2, 0.0),  # free ordering: order what is needed
        (0, 50, 2, 0.0),
    ],
)
def test_eoq(demand: float, order_cost: float, holding: float, expected: float) -> None:
    assert eoq(demand, order_cost, holding) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("mean", "sd", "under", "over", "expected"),
    [
        (100, 20, 3, 1, 100 + 20 * 0.6744897501960817),  # critical ratio 0.75
        (100, 20, 1, 1, 100.0),  # 0.5: the median
        (100, 20, 1, 3, 100 - 20 * 0.6744897501960817),
        (100, 0, 3, 1, 100.0),
        (5, 50, 1, 9, 0.0),  # never negative
    ],
)
def test_newsvendor(mean: float, sd: float, under: float, over: float, expected: float) -> None:
    assert newsvendor_quantity(mean, sd, under, over) == pytest.approx(expected)


def test_safety_stock_and_order_up_to() -> None:
    assert z_value(0.95) == pytest.approx(1.6448536, abs=1e-6)
    assert safety_stock(10, 0.95) == pytest.approx(16.448536, abs=1e-5)
    assert order_up_to(30, 10, 0.5) == pytest.approx(30)
    with pytest.raises(InputError, match="between 0 and 1"):
        z_value(1.2)


@pytest.mark.parametrize(
    ("mean", "sd", "stock", "expected"),
    [
        (100, 0, 80, 20.0),
        (100, 0, 120, 0.0),
        (100, 10, 100, 10 * 0.3989422804014327),  # sd x phi(0)
        (100, 10, 1000, 0.0),
    ],
)
def test_expected_shortfall(mean: float, sd: float, stock: float, expected: float) -> None:
    assert expected_shortfall(mean, sd, stock) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("need", "moq", "case", "expected"),
    [
        (0, 100, 10, 0),
        (-5, 100, 10, 0),
        (1, 100, 10, 100),  # the MOQ
        (100, 100, 10, 100),
        (131, 100, 20, 140),  # whole cases
        (140, 100, 20, 140),
        (95, 100, 30, 120),  # the MOQ rounded up to whole cases
    ],
)
def test_round_order(need: float, moq: int, case: int, expected: int) -> None:
    assert round_order(need, moq, case) == expected


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(InputError):
        eoq(-1, 1, 1)
    with pytest.raises(InputError):
        newsvendor_quantity(10, 1, 0, 1)
