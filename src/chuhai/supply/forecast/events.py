"""The event-aware global model: one LightGBM over every series (mlforecast), on log demand
scaled per series, with recent lags, rolling means and the known events of each period and of
the periods around it (demand dips after a promotion, rises before a live session).

Quantiles come from conformal prediction over the last ``windows`` x ``h`` periods: the model is
refitted on shorter histories and its errors there give each horizon's interval.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from chuhai.supply.forecast.base import Forecaster, levels_for, quantiles_from_intervals
from chuhai.supply.series import FREQS, DemandData

__all__ = ["EventGbmForecaster", "event_features"]

logger = logging.getLogger(__name__)


def event_features(frame: pd.DataFrame, events: Sequence[str]) -> pd.DataFrame:
    """Adds ``{event}_prev`` and ``{event}_next``: the event one period before and after, per
    series. Known in advance like the events themselves."""
    out = frame.sort_values(["unique_id", "ds"]).copy()
    grouped = out.groupby("unique_id", sort=False)
    for event in events:
        out[f"{event}_prev"] = grouped[event].shift(1).fillna(0.0)
        out[f"{event}_next"] = grouped[event].shift(-1).fillna(0.0)
    return out


def _log1p(x: Any) -> Any:
    return np.log1p(np.clip(x, 0, None))


class EventGbmForecaster(Forecaster):
    """Global gradient-boosted trees with events as known future inputs."""

    name: ClassVar[str] = "event_gbm"
    uses_events: ClassVar[bool] = True

    def __init__(
        self, trees: int = 250, windows: int = 2, threads: int | None = None, seed: int = 0
    ) -> None:
        self.trees = trees
        self.windows = windows
        self.threads = threads or max(1, os.cpu_count() or 1)
        self.seed = seed

    def _model(self, data: DemandData) -> Any:
        from lightgbm import LGBMRegressor
        from mlforecast import MLForecast
        from mlforecast.lag_transforms import ExponentiallyWeightedMean, RollingMean
        from mlforecast.target_transforms import GlobalSklearnTransformer, LocalStandardScaler
        from sklearn.preprocessing import FunctionTransformer

        regressor = LGBMRegressor(
            n_estimators=self.trees,
            learning_rate=0.05,
            num_leaves=31,
            min_child_samples=20,
            subsample=0.8,
            subsample_freq=1,
            colsample_bytree=0.8,
            max_bin=127,
            n_jobs=self.threads,
            random_state=self.seed,
            verbose=-1,
        )
        log = FunctionTransformer(func=_log1p, inverse_func=np.expm1)
        return MLForecast(
            models={"gbm": regressor},
            freq=FREQS[data.freq],
            lags=[1, 2, 3, 4],
            lag_transforms={
                1: [RollingMean(window_size=4), RollingMean(window_size=13)],
                2: [ExponentiallyWeightedMean(alpha=0.3)],
            },
            date_features=["month"] if data.freq == "W" else ["dayofweek", "month"],
            target_transforms=[GlobalSklearnTransformer(log), LocalStandardScaler()],
            num_threads=1,
        )

    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        from mlforecast.utils import PredictionIntervals

        columns = ["unique_id", "ds", "y", *data.events]
        future = data.future_events(h)
        both = pd.concat([data.history[columns], future], ignore_index=True)
        both = event_features(both, data.events)
        history = both[both["y"].notna()]
        x_future = both[both["y"].isna()].drop(columns="y")
        model = self._model(data)
        levels = levels_for(quantiles)
        intervals = PredictionIntervals(n_windows=self.windows, h=h) if levels else None
        model.fit(history, static_features=[], prediction_intervals=intervals)
        frame = model.predict(h=h, X_df=x_future, level=levels or None)
        return quantiles_from_intervals(frame, "gbm", quantiles)
