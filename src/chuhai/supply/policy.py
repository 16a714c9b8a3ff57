"""Inventory formulas with closed forms: EOQ, the newsvendor quantity, safety stock, order-up-to
levels and MOQ / case-pack rounding. Demand over a protection interval is taken as normal."""

from __future__ import annotations

import math
from statistics import NormalDist

from chuhai.errors import InputError

__all__ = [
    "eoq",
    "expected_shortfall",
    "newsvendor_quantity",
    "order_up_to",
    "round_order",
    "safety_stock",
    "z_value",
]

_STANDARD = NormalDist()


def z_value(service_level: float) -> float:
    """The standard normal quantile of a cycle service level (0.95 -> 1.645)."""
    if not 0 < service_level < 1:
        raise InputError(f"service level {service_level} must be between 0 and 1")
    return _STANDARD.inv_cdf(service_level)


def eoq(demand_per_year: float, cost_per_order: float, holding_per_unit_year: float) -> float:
    """Economic order quantity sqrt(2 D K / h); 0 when ordering is free or nothing sells."""
    if demand_per_year < 0 or cost_per_order < 0 or holding_per_unit_year < 0:
        raise InputError("EOQ inputs must not be negative")
    if demand_per_year == 0 or cost_per_order == 0:
        return 0.0
    if holding_per_unit_year == 0:
        raise InputError("EOQ needs a holding cost above zero")
    return math.sqrt(2 * demand_per_year * cost_per_order / holding_per_unit_year)


def newsvendor_quantity(mean: float, sd: float, underage: float, overage: float) -> float:
    """The single order that maximises expected profit: the demand quantile at the critical
    ratio cu / (cu + co), with cu the margin lost per unit short and co the loss per unit
    left over."""
    if underage <= 0 or overage <= 0:
        raise InputError("newsvendor costs must be above zero")
    if sd <= 0:
        return max(0.0, mean)
    return max(0.0, mean + sd * _STANDARD.inv_cdf(underage / (underage + overage)))


def safety_stock(sd: float, service_level: float) -> float:
    return max(0.0, z_value(service_level) * sd)


def order_up_to(mean: float, sd: float, service_level: float) -> float:
    """The level that covers demand over the protection interval (lead time + review) with
    the given probability."""
    return mean + safety_stock(sd, service_level)


def expected_shortfall(mean: float, sd: float, stock: float) -> float:
    """E[max(0, D - stock)] for normal demand D: units short, on average."""
    if sd <= 0:
        return max(0.0, mean - stock)
    z = (stock - mean) / sd
    loss = _STANDARD.pdf(z) - z * (1 - _STANDARD.cdf(z))
    return sd * loss


def round_order(need: float, moq: int, case_pack: int = 1) -> int:
    """0 when nothing is needed; otherwise at least the MOQ, in whole cases."""
    if need <= 0:
        return 0
    quantity = max(need, moq)
    return int(math.ceil(quantity / case_pack - 1e-9) * case_pack)
