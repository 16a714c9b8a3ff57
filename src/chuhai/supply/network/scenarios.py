"""Disruptions: change the network (a factory down, a lane closed, a tariff jump, a market
ban), plan it again from scratch and compare with the base plan: the cost of a week, the lost
sales and the fill rate, overall and per market."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from chuhai.errors import InputError
from chuhai.supply.network.models import NetworkSetup, Scenario, TariffRoute
from chuhai.supply.network.solve import NetworkPlan, plan_network

__all__ = ["Impact", "apply_scenario", "parse_scenario", "replan"]

_KINDS = {
    "factory-down": "factory_down",
    "lane-closed": "lane_closed",
    "tariff": "tariff_jump",
    "tariff-jump": "tariff_jump",
    "ban": "market_ban",
    "market-ban": "market_ban",
}


def parse_scenario(text: str, setup: NetworkSetup) -> Scenario:
    """``factory-down:NAME``, ``lane-closed:ORIGIN>DEST[/MODE]``, ``tariff:ROUTE=+0.10``,
    ``ban:MARKET``, checked against ``setup``."""
    kind, sep, rest = text.partition(":")
    if not sep or kind.strip().lower() not in _KINDS or not rest.strip():
        raise InputError(
            f"--scenario {text!r}: expected factory-down:NAME, lane-closed:ORIGIN>DEST[/MODE], "
            "tariff:ROUTE=+0.10 or ban:MARKET"
        )
    kind, rest = _KINDS[kind.strip().lower()], rest.strip()
    mode: str | None = None
    value = 0.0
    if kind == "lane_closed" and "/" in rest:
        rest, mode = rest.rsplit("/", 1)
    if kind == "tariff_jump":
        rest, eq, number = rest.partition("=")
        try:
            value = float(number)
        except ValueError:
            raise InputError(
                f"--scenario {text!r}: the duty points after '=', e.g. +0.10"
            ) from None
        if not eq or not 0 <= value <= 5:
            raise InputError(f"--scenario {text!r}: duty points from 0 to 5 after '='")
    if kind == "market_ban":
        rest = rest.upper()
    try:
        scenario = Scenario(name=text, kind=kind, target=rest, mode=mode, value=value)  # type: ignore[arg-type]
        setup.check_scenario(scenario)
    except ValidationError as exc:
        raise InputError(f"--scenario {text!r}: {exc.errors()[0]['msg']}") from None
    except ValueError as exc:
        raise InputError(f"--scenario {text!r}: {exc}") from None
    return scenario


def apply_scenario(setup: NetworkSetup, scenario: Scenario) -> NetworkSetup:
    """The network as it is under the disruption (the demand stays: what cannot be served is
    lost)."""
    target = scenario.target
    if scenario.kind == "factory_down":
        factories = [
            f.model_copy(update={"capacity_per_week": 0}) if f.name == target else f
            for f in setup.factories
        ]
        return setup.model_copy(update={"factories": factories})
    if scenario.kind == "lane_closed":
        origin, _, destination = target.partition(">")
        lanes = [
            lane
            for lane in setup.lanes
            if not (
                lane.origin == origin
                and lane.destination == destination
                and scenario.mode in (None, lane.mode)
            )
        ]
        return setup.model_copy(update={"lanes": lanes})
    if scenario.kind == "tariff_jump":
        routes = [_raise(r, scenario.value) if r.name == target else r for r in setup.tariff_routes]
        return setup.model_copy(update={"tariff_routes": routes})
    lanes = [lane for lane in setup.lanes if lane.destination != target]  # market_ban
    return setup.model_copy(update={"lanes": lanes})


def _raise(route: TariffRoute, points: float) -> TariffRoute:
    return route.model_copy(
        update={
            "duty_rate": route.duty_rate + points,
            "duty_by_category": {k: v + points for k, v in route.duty_by_category.items()},
        }
    )


@dataclass(frozen=True)
class Impact:
    scenario: Scenario
    base: NetworkPlan
    plan: NetworkPlan

    @property
    def supply_cost_change(self) -> float:
        return self.plan.supply_cost - self.base.supply_cost

    @property
    def lost_sales_change(self) -> float:
        return self.plan.lost_sales - self.base.lost_sales

    @property
    def total_cost_change(self) -> float:
        return self.plan.total_cost - self.base.total_cost

    @property
    def fill_rate_change(self) -> float:
        return self.plan.fill_rate - self.base.fill_rate

    def market_fill(self) -> list[tuple[str, float, float]]:
        """(market, fill rate before, after) where it changed."""
        before = {m.market: m.fill_rate for m in self.base.markets}
        return [
            (m.market, before.get(m.market, 1.0), m.fill_rate)
            for m in self.plan.markets
            if abs(m.fill_rate - before.get(m.market, 1.0)) > 1e-6
        ]

    def as_dict(self) -> dict[str, object]:
        return {
            "scenario": self.scenario.model_dump(),
            "supply_cost": round(self.plan.supply_cost, 2),
            "supply_cost_change": round(self.supply_cost_change, 2),
            "lost_sales": round(self.plan.lost_sales, 2),
            "lost_sales_change": round(self.lost_sales_change, 2),
            "total_cost": round(self.plan.total_cost, 2),
            "total_cost_change": round(self.total_cost_change, 2),
            "fill_rate": round(self.plan.fill_rate, 4),
            "fill_rate_change": round(self.fill_rate_change, 4),
            "markets": [
                {"market": m, "fill_rate_before": round(a, 4), "fill_rate_after": round(b, 4)}
                for m, a, b in self.market_fill()
            ],
            "plan": self.plan.as_dict(),
        }


def replan(
    setup: NetworkSetup, scenarios: Sequence[Scenario], base: NetworkPlan | None = None
) -> list[Impact]:
    """Each scenario planned from scratch beside the base plan."""
    base = base or plan_network(setup)
    return [Impact(s, base, plan_network(apply_scenario(setup, s))) for s in scenarios]
