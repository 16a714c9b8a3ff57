"""The forecaster base class and the shape of a forecast (the registry: registry.py).

A forecast is a table with ``unique_id``, ``ds``, ``mean`` (the point forecast) and one
column per quantile, ``q0.1``, ``q0.5``, ``q0.9``..., never below zero.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pandas as pd

from chuhai.errors import InputError
from chuhai.supply.series import DemandData

__all__ = [
    "DEFAULT_QUANTILES",
    "Forecaster",
    "levels_for",
    "quantile_column",
]

DEFAULT_QUANTILES: tuple[float, ...] = (0.1, 0.5, 0.9, 0.95)


def quantile_column(q: float) -> str:
    return f"q{q:g}"


def levels_for(quantiles: Sequence[float]) -> list[float | int]:
    """Prediction-interval levels (statsforecast / mlforecast) that give these quantiles:
    0.9 is the upper end of the 80 % interval."""
    for q in quantiles:
        if not 0 < q < 1:
            raise InputError(f"quantile {q} is not between 0 and 1")
    levels = {round(abs(2 * q - 1) * 100, 6) for q in quantiles if q != 0.5}
    return sorted(int(v) if v.is_integer() else v for v in levels)


def quantiles_from_intervals(
    frame: pd.DataFrame, model: str, quantiles: Sequence[float]
) -> pd.DataFrame:
    """Turns ``{model}-lo-80`` / ``{model}-hi-80`` columns into quantile columns."""
    out = frame[["unique_id", "ds"]].copy()
    out["mean"] = frame[model].to_numpy()
    for q in quantiles:
        if q == 0.5:
            out[quantile_column(q)] = out["mean"]
            continue
        level = round(abs(2 * q - 1) * 100, 6)
        side = "hi" if q > 0.5 else "lo"
        names = (f"{model}-{side}-{level:g}", f"{model}-{side}-{float(level)}")
        column = next((n for n in names if n in frame.columns), names[0])
        out[quantile_column(q)] = frame[column].to_numpy()
    return out


class Forecaster(ABC):
    """Fits on the history and forecasts ``h`` periods with quantiles."""

    name: ClassVar[str]
    uses_events: ClassVar[bool] = False

    @abstractmethod
    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        """The forecast table, before clipping."""

    def forecast(
        self, data: DemandData, h: int, quantiles: Sequence[float] = DEFAULT_QUANTILES
    ) -> pd.DataFrame:
        if h < 1:
            raise InputError(f"horizon {h} must be at least 1 period")
        levels_for(quantiles)  # validates
        quantiles = sorted(set(quantiles))
        frame = self._forecast(data, h, quantiles)
        columns = ["mean", *(quantile_column(q) for q in quantiles)]
        values = np.clip(frame[columns].to_numpy(dtype=float), 0, None)
        values = np.nan_to_num(values, nan=0.0)
        # quantiles in order even where a model's interval is not monotone
        q_values = np.sort(values[:, 1:], axis=1) if len(quantiles) > 1 else values[:, 1:]
        frame[columns] = np.column_stack([values[:, 0], q_values])
        frame["model"] = frame.get("model", self.name)
        return frame.sort_values(["unique_id", "ds"], ignore_index=True)
