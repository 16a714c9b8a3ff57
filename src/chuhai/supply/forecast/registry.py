"""The forecasters by name (``--model``, ``[forecast] model``). It imports every forecaster and
nothing imports it back, so the forecaster modules form no circle."""

from __future__ import annotations

from typing import Final

from chuhai.errors import InputError
from chuhai.supply.forecast.auto import ChuhaiForecaster
from chuhai.supply.forecast.base import Forecaster
from chuhai.supply.forecast.events import EventGbmForecaster
from chuhai.supply.forecast.stats import (
    AutoEtsForecaster,
    CrostonForecaster,
    RecentMeanForecaster,
    SeasonalNaiveForecaster,
    TsbForecaster,
)

__all__ = ["FORECASTERS", "make_forecaster"]

FORECASTERS: Final[dict[str, type[Forecaster]]] = {
    cls.name: cls
    for cls in (
        SeasonalNaiveForecaster,
        AutoEtsForecaster,
        CrostonForecaster,
        TsbForecaster,
        RecentMeanForecaster,
        EventGbmForecaster,
        ChuhaiForecaster,
    )
}


def make_forecaster(name: str, **options: object) -> Forecaster:
    if name not in FORECASTERS:
        raise InputError(
            f"unknown forecaster {name!r}; choose from {', '.join(sorted(FORECASTERS))}"
        )
    return FORECASTERS[name](**options)
