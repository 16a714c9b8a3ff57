"""The demo's supply network: the example setup's ``[network]`` (four factories in four
industrial belts, four overseas warehouses) planned over the demand of the demo's generated
orders, with its disruption scenarios; and the one line ``chuhai demo`` prints for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chuhai.store import ZoneRouter
from chuhai.supply.network.service import (
    NetworkResult,
    demand_rows,
    network_of,
    run_network,
    with_demand,
)
from chuhai.supply.setup import load_setup
from chuhai.supply.sources import demand_from_stores

if TYPE_CHECKING:
    from chuhai.demo.run import DemoResult

__all__ = ["network_line", "run_network_demo"]


def run_network_demo(result: DemoResult, weeks: int = 4) -> NetworkResult:
    """A week of the demo brand's network over its orders, and each scenario re-planned."""
    setup = load_setup(result.settings.supply.setup)
    with ZoneRouter(result.settings) as router:
        data = demand_from_stores(router, "W")
    rows, warnings = demand_rows(setup, data, weeks)
    net = with_demand(network_of(setup), rows)
    source = f"stores (mean of the last {weeks} weeks)"
    return run_network(net, demand_source=source, warnings=warnings)


def network_line(network: NetworkResult) -> str:
    plan, cur = network.plan, network.setup.currency
    worst = min(network.impacts, key=lambda i: i.fill_rate_change, default=None)
    line = (
        f"Supply network: {len(network.setup.factories)} factories -> "
        f"{len(network.setup.warehouses)} warehouses -> {len(plan.markets)} "
        f"market{'' if len(plan.markets) == 1 else 's'}, "
        f"{plan.supply_cost:,.0f} {cur} a week, fill rate {plan.fill_rate:.0%}"
    )
    if worst is not None:
        line += (
            f"; worst disruption: {worst.scenario.name} (fill {worst.plan.fill_rate:.0%}, "
            f"{worst.total_cost_change:+,.0f} {cur} with lost sales)"
        )
    return line + " (chuhai supply network; tariffs are examples, unverified)"
