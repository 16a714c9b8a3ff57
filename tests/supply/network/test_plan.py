"""A network small enough to plan by hand, its optimum and its re-plans under disruptions.

One SKU (A, category "general"), price 20 in both markets (a lost sale costs 20).
Factories: F1 (Shenzhen) makes A at 5, 100 a week, no MOQ; F2 (Yiwu) at 6, 100 a week, MOQ 50.
Warehouses W-US and W-TH (no handling or storage costs, room enough). Lanes:
F1 -> W-US 1.0 (tariff route CN-US, 10 % on the ex-works cost), F1 -> W-TH 1.0,
F2 -> W-US 0.5 (CN-US), F2 -> W-TH 1.0, W-US -> US 1.0, W-TH -> TH 1.0.
Demand a week: US 80, TH 60.

Cost of a unit by path: F1 -> US 5 + 1 + 0.5 + 1 = 7.5, F2 -> US 6 + 0.5 + 0.6 + 1 = 8.1,
F1 -> TH 5 + 1 + 1 = 7, F2 -> TH 6 + 1 + 1 = 8. F1 saves 1.0 a unit in TH and 0.6 in US, so it
fills TH (60) and 40 of US; F2 would make the other 40, but its MOQ is 50: it makes 50 for US
and F1 30 for US. Cost: 50 x 8.1 + 30 x 7.5 + 60 x 7 = 405 + 225 + 420 = 1,050.
(Without the MOQ: 40 x 8.1 + 40 x 7.5 + 60 x 7 = 1,044.)
"""

from __future__ import annotations

from typing import Any

import pytest

from chuhai.errors import ConfigError, InputError
from chuhai.supply.network import (
    NetworkPlan,
    apply_scenario,
    parse_network,
    parse_scenario,
    plan_network,
    replan,
)


def small(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "factories": [
            {"name": "F1", "belt": "深圳 3C", "city": "Shenzhen", "capacity_per_week": 100,
             "costs": {"A": 5.0}},
            {"name": "F2", "belt": "义乌小商品", "city": "Yiwu", "capacity_per_week": 100,
             "moq": 50, "costs": {"A": 6.0}},
        ],
        "warehouses": [
            {"name": "W-US", "country": "US", "capacity_units": 10_000},
            {"name": "W-TH", "country": "TH", "capacity_units": 10_000},
        ],
        "lanes": [
            {"origin": "F1", "destination": "W-US", "cost_per_unit": 1.0, "tariff_route": "CN-US"},
            {"origin": "F1", "destination": "W-TH", "cost_per_unit": 1.0},
            {"origin": "F2", "destination": "W-US", "cost_per_unit": 0.5, "tariff_route": "CN-US"},
            {"origin": "F2", "destination": "W-TH", "cost_per_unit": 1.0},
            {"origin": "W-US", "destination": "US", "mode": "truck", "cost_per_unit": 1.0},
            {"origin": "W-TH", "destination": "TH", "mode": "truck", "cost_per_unit": 1.0},
        ],
        "tariff_routes": [{"name": "CN-US", "duty_rate": 0.10}],
        "demand": [
            {"sku": "A", "market": "US", "units_per_week": 80, "price": 20},
            {"sku": "A", "market": "TH", "units_per_week": 60, "price": 20},
        ],
    }  # fmt: skip
    return data | changes


def made(plan: NetworkPlan, factory: str, market_warehouse: str) -> float:
    return sum(f.units for f in plan.inbound if (f.origin, f.destination) ==
               (factory, market_warehouse))  # fmt: skip


def test_the_small_network_has_the_optimum_worked_out_by_hand() -> None:
    plan = plan_network(parse_network(small()))
    assert plan.status == "optimal"
    assert plan.total_cost == pytest.approx(1050.0)
    assert plan.lost_sales == pytest.approx(0.0)
    assert made(plan, "F1", "W-TH") == pytest.approx(60)
    assert made(plan, "F1", "W-US") == pytest.approx(30)
    assert made(plan, "F2", "W-US") == pytest.approx(50)  # the MOQ, not the 40 it would be
    assert made(plan, "F2", "W-TH") == pytest.approx(0)
    # the parts: production 90 x 5 + 50 x 6; freight 30 + 60 + 25 + 140 last mile;
    # duty 10 % of 5 on 30 units and of 6 on 50 units
    assert plan.production == pytest.approx(750.0)
    assert plan.freight == pytest.approx(255.0)
    assert plan.duty == pytest.approx(45.0)
    assert plan.fill_rate == pytest.approx(1.0)
    assert plan.binaries == 1


def test_without_the_moq_the_cheaper_split_wins() -> None:
    data = small()
    data["factories"][1]["moq"] = 1
    plan = plan_network(parse_network(data))
    assert plan.total_cost == pytest.approx(1044.0)
    assert made(plan, "F2", "W-US") == pytest.approx(40)
    assert plan.binaries == 0


def test_factory_down_replan_loses_the_demand_f2_cannot_make() -> None:
    # F1 down: F2 alone, 100 of 140. Serving a unit saves the 20 of a lost sale less its
    # cost: 12 in TH (8), 11.9 in US (8.1): TH 60, US 40, 40 lost in US.
    # Supply 60 x 8 + 40 x 8.1 = 804; lost 40 x 20 = 800; total 1,604.
    network = parse_network(small())
    base = plan_network(network)
    scenario = parse_scenario("factory-down:F1", network)
    (impact,) = replan(network, [scenario], base)
    plan = impact.plan
    assert plan.supply_cost == pytest.approx(804.0)
    assert plan.lost_sales == pytest.approx(800.0)
    assert plan.total_cost == pytest.approx(1604.0)
    assert plan.fill_rate == pytest.approx(100 / 140)
    assert impact.total_cost_change == pytest.approx(554.0)
    assert impact.supply_cost_change == pytest.approx(804.0 - 1050.0)
    assert impact.fill_rate_change == pytest.approx(100 / 140 - 1)
    ((market, before, after),) = impact.market_fill()
    assert (market, before) == ("US", 1.0)
    assert after == pytest.approx(0.5)
    assert {m.market: m.lost_sales for m in plan.markets} == {"TH": 0.0, "US": 800.0}


def test_lane_closed_replan_moves_thailand_to_yiwu() -> None:
    # F1 -> W-TH closed: TH from F2 (8 a unit, 60 >= MOQ), US all from F1 (7.5):
    # 80 x 7.5 + 60 x 8 = 1,080, everything served.
    network = parse_network(small())
    plan = plan_network(apply_scenario(network, parse_scenario("lane-closed:F1>W-TH", network)))
    assert plan.total_cost == pytest.approx(1080.0)
    assert made(plan, "F2", "W-TH") == pytest.approx(60)
    assert made(plan, "F1", "W-US") == pytest.approx(80)
    assert plan.fill_rate == pytest.approx(1.0)


def test_tariff_jump_replan_raises_the_duty() -> None:
    # CN-US from 10 % to 60 %: F1 -> US 5 + 1 + 3 + 1 = 10, F2 -> US 6 + 0.5 + 3.6 + 1 = 11.1.
    # F1 now saves more in US (1.1) than in TH (1.0): it fills US (80) and 20 of TH; F2's 40
    # for TH are under its MOQ, so F2 makes 50 for TH and F1 10 for TH:
    # 80 x 10 + 10 x 7 + 50 x 8 = 1,270 (F2 50 = 40 TH + 10 US would be 1,271).
    network = parse_network(small())
    plan = plan_network(apply_scenario(network, parse_scenario("tariff:CN-US=+0.5", network)))
    assert plan.total_cost == pytest.approx(1270.0)
    assert plan.duty == pytest.approx(240.0)
    assert made(plan, "F2", "W-TH") == pytest.approx(50)
    assert made(plan, "F1", "W-US") == pytest.approx(80)


def test_market_ban_replan_counts_the_banned_demand_as_lost() -> None:
    # TH banned: US 80 from F1 at 7.5 = 600; TH's 60 lost at 20 = 1,200; fill 80 / 140.
    network = parse_network(small())
    plan = plan_network(apply_scenario(network, parse_scenario("ban:th", network)))
    assert plan.supply_cost == pytest.approx(600.0)
    assert plan.lost_sales == pytest.approx(1200.0)
    assert plan.fill_rate == pytest.approx(80 / 140)


def test_quality_record_and_warehouse_costs_enter_the_unit_cost() -> None:
    # F1 complaints on 20 % of its units: a good unit costs 5 / 0.8 = 6.25; W-US handles at
    # 0.5 and stores at 0.1 a week for 4 weeks: 0.9 a unit. F1 -> US 6.25 + 1 + 0.5 + 0.9 + 1
    # = 9.65, F2 -> US 6 + 0.5 + 0.6 + 0.9 + 1 = 9.0; F1 -> TH 8.25, F2 -> TH 8.
    # F2 is now cheaper everywhere: it makes its 100 (US 80 saves 0.65, TH 20 saves 0.25)
    # and F1 the other 40 of TH: 80 x 9 + 20 x 8 + 40 x 8.25 = 720 + 160 + 330 = 1,210.
    data = small()
    data["factories"][0]["defect_rate"] = 0.2
    data["warehouses"][0] |= {"handling_per_unit": 0.5, "storage_per_unit_week": 0.1}
    plan = plan_network(parse_network(data))
    assert plan.total_cost == pytest.approx(1210.0)
    assert plan.warehousing == pytest.approx(72.0)
    assert made(plan, "F2", "W-US") == pytest.approx(80)


def test_warehouse_room_and_quota_bind() -> None:
    # W-TH holds 4 weeks of stock in 160 units: 40 a week reach TH, 20 are lost (400).
    data = small()
    data["warehouses"][1]["capacity_units"] = 160
    plan = plan_network(parse_network(data))
    assert {m.market: m.served for m in plan.markets}["TH"] == pytest.approx(40)
    assert plan.lost_sales == pytest.approx(400.0)
    (w_th,) = [w for w in plan.warehouses if w.name == "W-TH"]
    assert w_th.used == pytest.approx(160) and w_th.share == pytest.approx(1.0)
    data["warehouses"][1] |= {"capacity_units": 10_000, "inbound_per_week": 30}
    plan = plan_network(parse_network(data))
    assert {m.market: m.served for m in plan.markets}["TH"] == pytest.approx(30)


def test_the_plan_as_json_has_links_and_markets() -> None:
    out = plan_network(parse_network(small())).as_dict()
    assert out["cost"] == {"production": 750.0, "freight": 255.0, "duty": 45.0,
                           "warehousing": 0.0, "supply": 1050.0, "lost_sales": 0.0,
                           "total": 1050.0}  # fmt: skip
    links = {(x["origin"], x["destination"]): x["units"] for x in out["links"]}  # type: ignore[attr-defined]
    assert links == {("F1", "W-US"): 30, ("F1", "W-TH"): 60, ("F2", "W-US"): 50,
                     ("W-US", "US"): 80, ("W-TH", "TH"): 60}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lanes": [{"origin": "F9", "destination": "W-US", "cost_per_unit": 1}]},
         "unknown origin 'F9'"),
        ({"lanes": [{"origin": "F1", "destination": "US", "cost_per_unit": 1}]},
         "goes to a warehouse"),
        ({"lanes": [{"origin": "F1", "destination": "W-US", "cost_per_unit": 1,
                     "tariff_route": "XX"}]}, "unknown tariff route 'XX'"),
        ({"scenarios": [{"name": "s", "kind": "factory_down", "target": "F7"}]},
         "unknown factory 'F7'"),
    ],
)  # fmt: skip
def test_the_network_is_validated_with_the_field_named(
    change: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_network(small(**change))


def test_bad_scenarios_are_one_line_input_errors() -> None:
    network = parse_network(small())
    for text, message in [
        ("explode:F1", "expected factory-down"),
        ("factory-down:F9", "unknown factory 'F9'"),
        ("lane-closed:F1>W-XX", "no lane"),
        ("tariff:CN-US=lots", "duty points"),
        ("ban:USA", "not a market code"),
    ]:
        with pytest.raises(InputError, match=message):
            parse_scenario(text, network)


def test_no_demand_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no demand"):
        plan_network(parse_network(small(demand=[])))
