"""Imports every forecaster so that the registry knows them."""

from chuhai.supply.forecast.auto import ChuhaiForecaster
from chuhai.supply.forecast.events import EventGbmForecaster
from chuhai.supply.forecast.stats import (
    AutoEtsForecaster,
    CrostonForecaster,
    RecentMeanForecaster,
    SeasonalNaiveForecaster,
    TsbForecaster,
)

__all__ = [
    "AutoEtsForecaster",
    "ChuhaiForecaster",
    "CrostonForecaster",
    "EventGbmForecaster",
    "RecentMeanForecaster",
    "SeasonalNaiveForecaster",
    "TsbForecaster",
]
