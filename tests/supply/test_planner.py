"""The planner on cases worked out by hand: order-up-to levels, when to order, which mode,
MOQ and case rounding, EOQ, capacity quotas, and clear errors."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest

from chuhai.errors import InputError
from chuhai.supply.planner import PlanLine, plan_orders
from tests.supply.helpers import MONDAY, flat_forecast, setup


def _one(lines: list[PlanLine], sku: str = "A") -> PlanLine:
    return next(line for line in lines if line.sku == sku)


@pytest.mark.parametrize(
    ("on_hand", "mode", "qty", "order_week", "level"),
    [
        # 10 a week, no spread. Air: 2 weeks + 1 review -> up to 30; sea: 6 + 1 -> 70.
        (5, "air", 100, 0, 30.0),  # short now: air beats sea's six weeks of lost sales
        (100, "sea", 100, 4, 70.0),  # 100 - 10 x 4 = 60 < 70: order by sea in week 4
        (200, "", 0, None, 0.0),  # stock lasts beyond the horizon
    ],
)
def test_deterministic_demand(
    on_hand: float, mode: str, qty: int, order_week: int | None, level: float
) -> None:
    forecast = flat_forecast({("A", "TH"): 10.0}, 12)
    line = _one(plan_orders(setup(), forecast, {("A", "TH"): (on_hand, 0.0)}))
    assert (line.mode, line.order_qty) == (mode, qty)
    if order_week is None:
        assert line.order_date is None and line.reason == "stock covers the horizon"
    else:
        assert line.order_date == (MONDAY + timedelta(weeks=order_week)).date()
        lead = 2 if mode == "air" else 6
        assert line.arrival_date == line.order_date + timedelta(weeks=lead)
        assert line.order_up_to == pytest.approx(level)


def test_stock_on_order_counts_like_stock_on_hand() -> None:
    forecast = flat_forecast({("A", "TH"): 10.0}, 12)
    on_hand = _one(plan_orders(setup(), forecast, {("A", "TH"): (100, 0)}))
    on_order = _one(plan_orders(setup(), forecast, {("A", "TH"): (40, 60)}))
    assert (on_hand.order_date, on_hand.mode) == (on_order.order_date, on_order.mode)


def test_service_level_sets_the_safety_stock() -> None:
    forecast = flat_forecast({("A", "TH"): 10.0}, 12, sd=5.0)
    line = _one(plan_orders(setup(), forecast, {("A", "TH"): (0, 0)}))
    # air: three weeks, sd 5 x sqrt(3); z(0.95) = 1.6449
    assert line.mode == "air"
    assert line.safety_stock == pytest.approx(1.6448536 * 5 * math.sqrt(3), rel=1e-5)
    assert line.order_up_to == pytest.approx(30 + 1.6448536 * 5 * math.sqrt(3), rel=1e-5)
    assert (line.order_qty, line.basis) == (100, "moq")  # 44 needed, the MOQ is 100
    assert line.reason == "the factory's minimum order of 100"


def test_economic_order_quantity_in_whole_cases() -> None:
    cfg = setup(
        policy={"service_level": 0.95, "horizon": 12, "holding_rate": 0.25, "use_eoq": True},
        modes=[{"name": "air", "lead_weeks": 2, "cost_per_unit": 1.0, "cost_per_order": 50}],
        factories=[
            {
                "name": "F",
                "country": "CN",
                "production_weeks": 0,
                "moq": 100,
                "case_pack": 10,
                "modes": ["air"],
            }
        ],
    )
    line = _one(plan_orders(cfg, flat_forecast({("A", "TH"): 10.0}, 12), {("A", "TH"): (5, 0)}))
    # EOQ = sqrt(2 x 520 x 50 / 2.5) = 144.2 -> 150 in cases of 10
    assert (line.order_qty, line.basis) == (150, "eoq")
    assert "economic order quantity" in line.reason


@pytest.mark.parametrize(
    ("capacity", "a", "b", "cut_a", "cut_b"),
    [
        (100_000, 150, 150, 0, 0),  # the quota does not bind
        (200, 100, 100, 50, 50),  # cut in proportion: 200 / 300 of each
        (150, 0, 150, 150, 0),  # 75 each is under the MOQ: A is dropped, B gets the room
        (40, 0, 0, 150, 150),  # nothing fits an MOQ
    ],
)
def test_capacity_quota(capacity: int, a: int, b: int, cut_a: int, cut_b: int) -> None:
    cfg = setup(warehouses=[{"name": "BKK", "market": "TH", "capacity_units": capacity}])
    forecast = flat_forecast({("A", "TH"): 50.0, ("B", "TH"): 50.0}, 12)
    lines = plan_orders(cfg, forecast)
    assert [(x.order_qty, x.capacity_cut) for x in lines] == [(a, cut_a), (b, cut_b)]
    for line in lines:
        assert line.order_cost == pytest.approx(line.order_qty * line.unit_landed_cost)
        assert bool(line.capacity_cut) == ("quota" in line.reason)


def test_landed_cost_includes_duty_and_vat() -> None:
    cfg = setup(tariffs=[{"market": "TH", "duty_rate": 0.1, "vat_rate": 0.07}])
    line = _one(plan_orders(cfg, flat_forecast({("A", "TH"): 10.0}, 12), {("A", "TH"): (5, 0)}))
    # (10 + 1 air) x 1.1 duty x 1.07 VAT
    assert line.unit_landed_cost == pytest.approx(11 * 1.1 * 1.07)


@pytest.mark.parametrize(
    ("forecast", "inventory", "message"),
    [
        (flat_forecast({("A", "TH"): 10.0}, 2), {}, "longer .* than the 2-period horizon"),
        (flat_forecast({("Z", "TH"): 10.0}, 12), {}, "unknown SKU"),
        (flat_forecast({("A", "US"): 10.0}, 12), {}, "no warehouse for market US"),
        (flat_forecast({("A", "TH"): 10.0}, 12), {("A", "TH"): (-1.0, 0.0)}, "negative stock"),
    ],
)
def test_clear_errors(
    forecast: pd.DataFrame, inventory: dict[tuple[str, str], tuple[float, float]], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        plan_orders(setup(), forecast, inventory)


@pytest.mark.parametrize(
    ("on_hand", "as_of", "order_on", "mode"),
    [
        (5, "2026-01-05", "2026-01-05", "air"),  # a Monday: the first forecast week
        (5, "2026-01-07", "2026-01-07", "air"),  # mid-week: today, not the Monday gone by
        (5, "2026-01-21", "2026-01-21", "air"),  # weeks on: today, not the first week
        # 100 in stock today lasts four weeks from today's week: the weeks gone by do not
        # eat into it (the stock is counted today)
        (100, "2026-01-07", "2026-02-02", "sea"),
        (100, "2026-01-21", "2026-02-16", "sea"),
    ],
)
def test_orders_are_dated_from_today(on_hand: int, as_of: str, order_on: str, mode: str) -> None:
    forecast = flat_forecast({("A", "TH"): 10.0}, 16)
    today = date.fromisoformat(as_of)
    line = _one(plan_orders(setup(), forecast, {("A", "TH"): (on_hand, 0.0)}, as_of=today))
    assert line.order_date == date.fromisoformat(order_on) and line.mode == mode
    assert line.order_date is not None and line.order_date >= today
    lead = 2 if mode == "air" else 6
    assert line.arrival_date == line.order_date + timedelta(weeks=lead)
