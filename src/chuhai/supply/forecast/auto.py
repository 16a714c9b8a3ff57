"""chuhai's forecaster: each series goes to the model its history suits.

- fewer than ``min_history`` periods (a new SKU): the recent mean;
- intermittent (more than ``zero_share`` of periods without a sale): TSB;
- otherwise: the event-aware global model (LightGBM over every regular series).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import ClassVar

import pandas as pd

from chuhai.supply.forecast.base import Forecaster
from chuhai.supply.forecast.events import EventGbmForecaster
from chuhai.supply.forecast.stats import RecentMeanForecaster, TsbForecaster
from chuhai.supply.series import DemandData

__all__ = ["ChuhaiForecaster", "classify"]

logger = logging.getLogger(__name__)


def classify(history: pd.DataFrame, min_history: int, zero_share: float) -> pd.Series:
    """``short``, ``intermittent`` or ``regular`` per unique_id."""
    stats = history.groupby("unique_id")["y"].agg(n="size", zeros=lambda y: float((y <= 0).mean()))
    kinds = pd.Series("regular", index=stats.index)
    kinds[stats["zeros"] > zero_share] = "intermittent"
    kinds[stats["n"] < min_history] = "short"
    return kinds


class ChuhaiForecaster(Forecaster):
    """Routes series by their history; events drive the regular ones."""

    name: ClassVar[str] = "chuhai"
    uses_events: ClassVar[bool] = True

    def __init__(self, min_history: int = 13, zero_share: float = 0.4, trees: int = 250) -> None:
        self.min_history = min_history
        self.zero_share = zero_share
        self.trees = trees

    def _forecast(self, data: DemandData, h: int, quantiles: Sequence[float]) -> pd.DataFrame:
        kinds = classify(data.history, self.min_history, self.zero_share)
        logger.info("series by kind: %s", kinds.value_counts().to_dict())
        # conformal intervals need `windows` x h periods beyond the shortest fit
        fits_gbm = data.history.groupby("unique_id").size() >= max(self.min_history, 2 * h + 8)
        kinds[(kinds == "regular") & ~fits_gbm.reindex(kinds.index, fill_value=False)] = "short"
        models: dict[str, Forecaster] = {
            "regular": EventGbmForecaster(trees=self.trees),
            "intermittent": TsbForecaster(),
            "short": RecentMeanForecaster(),
        }
        parts = []
        for kind, model in models.items():
            ids = kinds.index[kinds == kind]
            if len(ids) == 0:
                continue
            subset = DemandData(
                data.history[data.history["unique_id"].isin(ids)],
                data.freq,
                list(data.events),
                data.future,
            )
            part = model.forecast(subset, h, quantiles)
            part["model"] = model.name
            parts.append(part)
        return pd.concat(parts, ignore_index=True)
