"""The supply network: factories in industrial belts -> overseas warehouses -> markets, the
least-cost weekly plan over it (HiGHS through scipy) and disruption scenarios re-planned."""

from chuhai.supply.network.models import (
    DemandRow,
    Lane,
    NetFactory,
    NetWarehouse,
    NetworkSetup,
    Scenario,
    TariffRoute,
    parse_network,
)
from chuhai.supply.network.scenarios import Impact, apply_scenario, parse_scenario, replan
from chuhai.supply.network.solve import Flow, MarketFill, NetworkPlan, Use, plan_network

__all__ = [
    "DemandRow",
    "Flow",
    "Impact",
    "Lane",
    "MarketFill",
    "NetFactory",
    "NetWarehouse",
    "NetworkPlan",
    "NetworkSetup",
    "Scenario",
    "TariffRoute",
    "Use",
    "apply_scenario",
    "parse_network",
    "parse_scenario",
    "plan_network",
    "replan",
]
