"""Local statistical forecasters on statsforecast: seasonal naive, AutoETS, the intermittent
models (Croston SBA, TSB) and a recent-mean fallback for series too short for any of them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from chuhai.supply.forecast.base import (
    Forecaster,
    levels_for,
    quantile_column,
    quantiles_from_intervals,
    register,
)
from chuhai.supply.series import FREQS, DemandData

__all__ = [
    "AutoEtsForecaster",
    "CrostonForecaster",
    "RecentMeanForecaster",
    "SeasonalNaiveForecaster",
    "TsbForecaster",
    "season_length",
]

logger = logging.getLogger(__name__)


def season_length(data: DemandData) -> int:
    return 52 if data.freq == "W" else 7


def _run_statsforecast(
    data: DemandData, model: Any, alias: str, h: int, quantiles: Sequence[float]
) -> pd.DataFrame:
    from statsforecast import StatsForecast

    sf = StatsForecast(models=[model], freq=FREQS[data.freq], n_jobs=1)
    levels: list[Any] = levels_for(quantiles)
    frame = sf.forecast(df=data.history[["unique_id", "ds", "y"]], h=h, level=levels or None)
    if "unique_id" not in frame.columns:  # older statsforecast: the id is the index
        frame = frame.reset_index()
    return quantiles_from_intervals(frame, alias, quantiles)


def empirical_quantiles(
    history: pd.DataFrame, forecast: pd.DataFrame, quantiles: Sequence[float], window: int
) -> pd.DataFrame:
    """Quantiles around each series' point forecast from the spread of its recent periods:
    q_p = mean + (the p-quantile of recent demand - recent mean). Used where a model has no
    interval of its own (short or intermittent series)."""
    recent = history.groupby("unique_id").tail(window)
    spread = {}
    for uid, y in recent.groupby("unique_id")["y"]:
        values = y.to_numpy(dtype=float)
        spread[uid] = {q: float(np.quantile(values, q) - values.mean()) for q in quantiles}
    out = forecast.copy()
    for q in quantiles:
        shift = out["unique_id"].map(lambda u, q=q: spread.get(u, {}).get(q, 0.0))
        out[quantile_column(q)] = out["mean"] + (0.0 if q == 0.5 else shift)
    return out


@register
class SeasonalNaiveForecaster(Forecaster):
    """The value one season ago (52 weeks, 7 days); the last value where the history is
    shorter than a season."""

    name: ClassVar[str] = "seasonal_naive"

    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        from statsforecast.models import Naive, SeasonalNaive

        m = season_length(data)
        sizes = data.history.groupby("unique_id").size()
        long_ids = set(sizes[sizes > m].index)
        parts = []
        for ids, model, alias in (
            (long_ids, SeasonalNaive(season_length=m), "SeasonalNaive"),
            (set(sizes.index) - long_ids, Naive(), "Naive"),
        ):
            if ids:
                subset = DemandData(
                    data.history[data.history["unique_id"].isin(ids)], data.freq, data.events
                )
                parts.append(_run_statsforecast(subset, model, alias, h, quantiles))
        return pd.concat(parts, ignore_index=True)


@register
class AutoEtsForecaster(Forecaster):
    """Exponential smoothing with the error, trend and season chosen by AICc (statsforecast's
    AutoETS; non-seasonal where the history is under two seasons)."""

    name: ClassVar[str] = "auto_ets"

    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        from statsforecast.models import AutoETS

        m = season_length(data)
        sizes = data.history.groupby("unique_id").size()
        seasonal = sizes.min() >= 2 * m
        model = AutoETS(season_length=m if seasonal else 1)
        return _run_statsforecast(data, model, "AutoETS", h, quantiles)


class _Intermittent(Forecaster):
    window: ClassVar[int] = 26

    def _model(self) -> tuple[Any, str]:
        raise NotImplementedError

    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        model, alias = self._model()
        frame = _run_statsforecast(data, model, alias, h, [0.5])
        return empirical_quantiles(data.history, frame, quantiles, self.window)


@register
class CrostonForecaster(_Intermittent):
    """Croston's method with the Syntetos-Boylan correction, for demand with many zero
    periods."""

    name: ClassVar[str] = "croston_sba"

    def _model(self) -> tuple[Any, str]:
        from statsforecast.models import CrostonSBA

        return CrostonSBA(), "CrostonSBA"


@register
class TsbForecaster(_Intermittent):
    """Teunter-Syntetos-Babai: demand size and the probability of demand, smoothed apart;
    follows an item that stops selling, unlike Croston."""

    name: ClassVar[str] = "tsb"

    def _model(self) -> tuple[Any, str]:
        from statsforecast.models import TSB

        return TSB(alpha_d=0.2, alpha_p=0.2), "TSB"


@register
class RecentMeanForecaster(Forecaster):
    """The mean of the last ``window`` periods: the fallback for series too short to fit
    (a new SKU's first weeks)."""

    name: ClassVar[str] = "recent_mean"

    def __init__(self, window: int = 4) -> None:
        self.window = window

    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        grid = data.future_events(h)[["unique_id", "ds"]]
        recent = data.history.groupby("unique_id").tail(self.window)
        means = recent.groupby("unique_id")["y"].mean()
        grid["mean"] = grid["unique_id"].map(means).astype(float)
        return empirical_quantiles(data.history, grid, quantiles, max(self.window, 8))
