"""What ``/v1/supply/plan`` answers: the purchase plan, a line per SKU x warehouse."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from chuhai.api.models.common import Out

__all__ = ["PlanLineOut", "PlanOut"]


class PlanLineOut(Out):
    """One line of ``chuhai.supply.planner.PlanLine`` (amounts rounded to cents)."""

    sku: str
    market: str
    warehouse: str
    factory: str
    mode: str
    order_qty: int
    order_date: date | None = Field(description="None: no order needed within the horizon")
    arrival_date: date | None
    on_hand: float
    on_order: float
    demand_protection: float = Field(description="Forecast over lead time + review")
    safety_stock: float
    order_up_to: float
    unit_landed_cost: float
    order_cost: float
    capacity_cut: int = Field(description="Units removed by the warehouse quota")
    basis: str = Field(description="What set the quantity: need, eoq, moq")
    reason: str
    alternatives: dict[str, float] = Field(description="Mode -> landed cost per unit")
    quality_flag: str = Field(description="先核查批次 where a quality alert is about the SKU")
    alert_id: str
    alert_url: str
    alert_week: str
    alert_dimension: str
    alert_key: str
    alert_lift: float | None


class PlanOut(Out):
    currency: str
    horizon: int
    model: str
    as_of: date | None = Field(description="Orders are never dated before it")
    data_ends: date | None
    warnings: list[str] = Field(description="E.g. the demand data ends weeks before as_of")
    unverified_tariffs: list[str]
    lines: list[PlanLineOut] = Field(description="Dates as YYYY-MM-DD, amounts in `currency`")
