"""What ``/v1/supply/network`` answers: the network's plan for a week and each disruption's
re-plan (amounts in ``currency``, rounded to cents)."""

from __future__ import annotations

from pydantic import Field

from chuhai.api.models.common import Out

__all__ = ["NetworkOut"]


class CostOut(Out):
    production: float
    freight: float
    duty: float
    warehousing: float
    supply: float = Field(description="production + freight + duty + warehousing, a week")
    lost_sales: float = Field(description="the price of the demand not served, a week")
    total: float


class MarketOut(Out):
    market: str
    demand: float
    served: float
    lost_sales: float
    lead_weeks: float = Field(description="flow-weighted: production + line haul + last mile")
    fill_rate: float


class UseOut(Out):
    name: str
    used: float = Field(description="factories: units made a week; warehouses: units held")
    capacity: float
    share: float


class LinkOut(Out):
    origin: str
    destination: str
    units: float = Field(description="a week, SKUs and modes summed")


class FlowOut(Out):
    origin: str
    destination: str
    mode: str
    sku: str
    units: float
    unit_cost: float


class SolverOut(Out):
    variables: int
    binaries: int = Field(description="MOQ decisions")
    seconds: float
    gap: float | None = Field(description="relative MIP gap; None without MOQ decisions")


class PlanOut(Out):
    currency: str
    status: str = Field(description="optimal, or time_limit: the best plan found by then")
    cost: CostOut
    demand: float
    served: float
    fill_rate: float
    markets: list[MarketOut]
    factories: list[UseOut]
    warehouses: list[UseOut]
    links: list[LinkOut]
    inbound: list[FlowOut] = Field(description="factory -> warehouse, per SKU")
    outbound: list[FlowOut] = Field(description="warehouse -> market, per SKU")
    solver: SolverOut


class ScenarioOut(Out):
    name: str
    kind: str = Field(description="factory_down, lane_closed, tariff_jump or market_ban")
    target: str
    mode: str | None
    value: float


class MarketFillOut(Out):
    market: str
    fill_rate_before: float
    fill_rate_after: float


class ImpactOut(Out):
    scenario: ScenarioOut
    supply_cost: float
    supply_cost_change: float
    lost_sales: float
    lost_sales_change: float
    total_cost: float
    total_cost_change: float
    fill_rate: float
    fill_rate_change: float
    markets: list[MarketFillOut] = Field(description="the markets whose fill rate changed")
    plan: PlanOut


class FactoryOut(Out):
    name: str
    belt: str
    city: str
    country: str
    capacity_per_week: int
    moq: int
    order_weeks: int = Field(description="weeks one order covers")
    lead_weeks: int
    defect_rate: float


class WarehouseOut(Out):
    name: str
    country: str
    capacity_units: int
    inbound_per_week: int | None
    cover_weeks: float


class NodesOut(Out):
    factories: list[FactoryOut]
    warehouses: list[WarehouseOut]
    markets: list[str]


class NetworkOut(Out):
    currency: str
    demand_source: str = Field(description="setup, stores (mean of the last weeks) or a file")
    warnings: list[str]
    unverified_tariff_routes: list[str]
    nodes: NodesOut
    plan: PlanOut
    scenarios: list[ImpactOut]
