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


class CrostonForecaster(_Intermittent):
    """Croston's method with the Syntetos-Boylan correction, for demand with many zero
    periods."""

    name: ClassVar[str] = "croston_sba"

    def _model(self) -> tuple[Any, str]:
        from statsforecast.models import CrostonSBA

        return CrostonSBA(), "CrostonSBA"


class TsbForecaster(_Intermittent):
    """Teunter-Syntetos-Babai: demand size and the probability of demand, smoothed apart;
    follows an item that stops selling, unlike Croston."""

    name: ClassVar[str] = "tsb"

    def _model(self) -> tuple[Any, str]:
        from statsforecast.models import TSB

        return TSB(alpha_d=0.2, alpha_p=0.2), "TSB"


class RecentMeanForecaster(Forecaster):
    """The mean of the last ``window`` periods: the fallback for series too short to fit
    (a new SKU's first weeks).

    Periods with an event (a live session, a promotion) and periods without are kept apart:
    a quiet period ahead gets the mean of the last quiet periods, a period with a planned
    event the mean of the last event periods (the quiet level where there was none yet), so
    one big live does not raise every week after it. Quantiles come from the same periods.
    """

    name: ClassVar[str] = "recent_mean"

    def __init__(self, window: int = 4) -> None:
        self.window = window

    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        grid = data.future_events(h)
        busy_ahead = _eventful(grid, data.events)
        busy_past = _eventful(data.history, data.events)
        spread_window = max(self.window, 8)
        means, shifts = [], []
        levels: dict[tuple[object, bool], tuple[float, dict[float, float]]] = {}
        for uid, group in data.history.groupby("unique_id", sort=False):
            y = group["y"].to_numpy(dtype=float)
            busy = busy_past[group.index].to_numpy()
            quiet_y = y[~busy] if (~busy).any() else y
            event_y = y[busy] if busy.any() else quiet_y
            for kind, values in ((False, quiet_y), (True, event_y)):
                levels[(uid, kind)] = (
                    float(values[-self.window :].mean()),
                    _shifts(values[-spread_window:], quantiles),
                )
        for uid, ahead in zip(grid["unique_id"], busy_ahead, strict=True):
            mean, shift = levels[(uid, bool(ahead))]
            means.append(mean)
            shifts.append(shift)
        out = grid[["unique_id", "ds"]].copy()
        out["mean"] = means
        for q in quantiles:
            column = [m + (0.0 if q == 0.5 else s[q]) for m, s in zip(means, shifts, strict=True)]
            out[quantile_column(q)] = column
        return out


def _eventful(frame: pd.DataFrame, events: Sequence[str]) -> pd.Series:
    """Whether each row has any event (a live session, a promotion...)."""
    if not events:
        return pd.Series(False, index=frame.index)
    return (frame[list(events)].fillna(0.0) > 0).any(axis=1)


def _shifts(values: np.ndarray, quantiles: Sequence[float]) -> dict[float, float]:
    """Each quantile's distance from the mean of ``values``."""
    return {q: float(np.quantile(values, q) - values.mean()) for q in quantiles}
