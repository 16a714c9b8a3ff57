"""Rolling-origin backtests and policy simulation on series whose answers are known."""

from __future__ import annotations

import pandas as pd
import pytest

from chuhai.errors import InputError
from chuhai.supply.backtest import backtest, scale_mase
from chuhai.supply.simulate import Economics, simulate
from tests.supply.helpers import periodic, weekly


def test_seasonal_naive_is_perfect_on_a_repeating_series() -> None:
    data = weekly({("A", "TH"): periodic(120, [float(v) for v in range(10, 62)])})
    result = backtest(data, ["seasonal_naive", "recent_mean"], h=4, origins=3, step=2)
    by_model = result.overall()
    assert by_model["seasonal_naive"]["wape"] == pytest.approx(0.0)
    assert by_model["recent_mean"]["wape"] > 0.01
    assert [r["horizon"] for r in result.rows if r["model"] == "recent_mean"] == [1, 2, 3, 4]
    assert len(result.origins) == 3 and result.series == 1


def test_mase_scale_is_the_mean_one_step_change() -> None:
    history = weekly({("A", "TH"): [10.0, 14.0, 12.0, 18.0], ("B", "TH"): [5.0] * 4}).history
    scale = scale_mase(history)
    assert scale["A@TH"] == pytest.approx((4 + 2 + 6) / 3)
    assert scale["B@TH"] == pytest.approx(4.0)  # never changes: the others' mean


def test_too_short_for_the_origins() -> None:
    with pytest.raises(InputError, match="too few"):
        backtest(weekly({("A", "TH"): [1.0] * 30}), ["recent_mean"], h=8, origins=6, step=4)


def test_constant_demand_served_in_full_with_nothing_left() -> None:
    data = weekly({("A", "TH"): [100.0] * 40})
    econ = Economics(moq=1, fast_lead=1, slow_lead=4)
    results = {r.policy: r for r in simulate(data, 20, econ)}
    big = results["big_order"]
    # the newsvendor with no spread orders the season's demand exactly
    assert (big.fill_rate, big.ordered, big.leftover, big.orders) == (1.0, 2000.0, 0.0, 1)
    quick = results["quick_response"]
    assert quick.fill_rate == 1.0 and quick.leftover == 0.0
    # average stock: quick response holds about one period, the big order half the season
    assert quick.periods_of_cover < 2 < big.periods_of_cover


def test_a_demand_jump_hurts_the_big_order_more() -> None:
    ys = [100.0] * 30 + [200.0] * 20
    results = {r.policy: r for r in simulate(weekly({("A", "TH"): ys}), 20)}
    assert results["quick_response"].fill_rate > results["big_order"].fill_rate + 0.2
    assert (
        results["big_order"].costs["lost margin"] > results["quick_response"].costs["lost margin"]
    )


def test_simulation_errors() -> None:
    data = weekly({("A", "TH"): [1.0] * 12})
    with pytest.raises(InputError, match="fewer than 8 of history"):
        simulate(data, 10)
    with pytest.raises(InputError, match="unknown policy"):
        simulate(data, 2, policies=["hope"])
    with pytest.raises(InputError, match="price must be above"):
        Economics(unit_cost=2, price=1)


def test_results_as_json() -> None:
    row = simulate(weekly({("A", "TH"): [10.0] * 30}), 10)[0].as_dict()
    assert set(row) >= {"policy", "fill_rate", "average_inventory", "leftover", "total_cost"}
    assert isinstance(pd.Series(row)["fill_rate"], float)
