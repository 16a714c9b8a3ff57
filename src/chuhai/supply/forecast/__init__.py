"""Demand forecasters: a base class, a registry, and chuhai's router over them."""

from chuhai.supply.forecast.base import DEFAULT_QUANTILES, Forecaster, quantile_column
from chuhai.supply.forecast.registry import FORECASTERS, make_forecaster

__all__ = ["DEFAULT_QUANTILES", "FORECASTERS", "Forecaster", "make_forecaster", "quantile_column"]
