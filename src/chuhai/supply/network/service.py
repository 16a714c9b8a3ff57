"""The network from the supply setup's ``[network]`` section, with its demand from the zone
stores where the section declares none: the mean units a week of each SKU x market over the
last weeks of orders, priced from the setup's ``[[skus]]`` (a lost sale costs the price).

Only aggregates leave a zone here (units per SKU, market and week), as for the purchase plan.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from chuhai.errors import InputError
from chuhai.supply.network.models import DemandRow, NetworkSetup, Scenario, parse_network
from chuhai.supply.network.scenarios import Impact, replan
from chuhai.supply.network.solve import NetworkPlan, plan_network
from chuhai.supply.series import DemandData
from chuhai.supply.setup import SupplySetup

__all__ = ["NetworkResult", "demand_rows", "network_of", "run_network", "with_demand"]

logger = logging.getLogger(__name__)


def network_of(setup: SupplySetup) -> NetworkSetup:
    """The validated ``[network]`` section of ``setup`` (its currency)."""
    if setup.network is None:
        raise InputError(
            "no [network] section in the supply setup (chuhai supply init writes an example "
            "with one; docs/SUPPLY.md, The network)"
        )
    return parse_network(setup.network, currency=setup.currency, where="supply setup: network")


def demand_rows(
    setup: SupplySetup, data: DemandData, weeks: int = 4
) -> tuple[list[DemandRow], list[str]]:
    """Mean units a week per SKU x market over the ``weeks`` full weeks before the last week
    of orders (which may be partial), priced from the setup; rows without a price there are
    left out with a warning."""
    history = data.history
    last = history["ds"].max()
    recent = history[(history["ds"] < last) & (history["ds"] >= last - pd.Timedelta(weeks=weeks))]
    means = recent.groupby(["sku", "market"])["y"].sum() / weeks
    rows, warnings = [], []
    known = {s.sku: s for s in setup.skus}
    for (sku, market), units in means.items():
        if units <= 0:
            continue
        item = known.get(str(sku))
        price = item.prices.get(str(market)) if item else None
        if item is None or price is None:
            warnings.append(f"{sku} in {market}: no price in the supply setup, left out")
            continue
        rows.append(DemandRow(sku=str(sku), market=str(market), units_per_week=round(units, 2),
                              price=price, category=item.category))  # fmt: skip
    return rows, warnings


def with_demand(network: NetworkSetup, rows: Sequence[DemandRow]) -> NetworkSetup:
    return network.model_copy(update={"demand": list(rows)})


@dataclass
class NetworkResult:
    setup: NetworkSetup
    plan: NetworkPlan
    impacts: list[Impact]
    demand_source: str  # "setup", "stores" or a file
    warnings: list[str] = field(default_factory=list)

    @property
    def unverified_routes(self) -> list[str]:
        return sorted(r.name for r in self.setup.tariff_routes if not r.verified)

    def as_dict(self) -> dict[str, object]:
        return {
            "currency": self.setup.currency,
            "demand_source": self.demand_source,
            "warnings": list(self.warnings),
            "unverified_tariff_routes": self.unverified_routes,
            "nodes": {
                "factories": [
                    {
                        "name": f.name,
                        "belt": f.belt,
                        "city": f.city,
                        "country": f.country,
                        "capacity_per_week": f.capacity_per_week,
                        "moq": f.moq,
                        "order_weeks": f.order_weeks,
                        "lead_weeks": f.lead_weeks,
                        "defect_rate": f.defect_rate,
                    }
                    for f in self.setup.factories
                ],
                "warehouses": [
                    {
                        "name": w.name,
                        "country": w.country,
                        "capacity_units": w.capacity_units,
                        "inbound_per_week": w.inbound_per_week,
                        "cover_weeks": w.cover_weeks,
                    }
                    for w in self.setup.warehouses
                ],
                "markets": self.setup.markets,
            },
            "plan": self.plan.as_dict(),
            "scenarios": [i.as_dict() for i in self.impacts],
        }


def run_network(
    network: NetworkSetup,
    scenarios: Sequence[Scenario] | None = None,
    *,
    demand_source: str = "setup",
    warnings: Sequence[str] = (),
) -> NetworkResult:
    """The base plan, and each scenario (default: the setup's) re-planned beside it."""
    plan = plan_network(network)
    chosen = network.scenarios if scenarios is None else list(scenarios)
    impacts = replan(network, chosen, plan)
    return NetworkResult(network, plan, impacts, demand_source, list(warnings))
