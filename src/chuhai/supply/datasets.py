"""Public demand data for evaluation: Dominick's Finer Foods orange juice (weekly sales of 11
brands in 83 Chicago stores, with in-store deals and feature advertising)."""

from __future__ import annotations

import csv
import math
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from chuhai.errors import InputError
from chuhai.supply.series import DemandData, series_id

__all__ = ["DOMINICKS_FOLDER", "load_dominicks"]

DOMINICKS_FOLDER = "retail-dominicks-oj"
_WEEK_ONE = date(1989, 9, 11)  # the Monday of Dominick's week 1 (14 September 1989)


def load_dominicks(datasets: Path, limit: int | None = None) -> DemandData:
    """Every store x brand series; ``y`` is units (exp of ``logmove``), events ``deal`` and
    ``feat``. Weeks the data lacks are interpolated and marked ``observed = False`` so that
    scores skip them. ``limit`` keeps the first N series (sorted), for quick runs."""
    folder = datasets / DOMINICKS_FOLDER
    files = sorted(folder.glob("orangeJuice_yx*.csv"))
    if not files:
        raise InputError(f"{folder}: no orangeJuice_yx*.csv (the Dominick's OJ set)")
    rows = []
    with files[0].open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            sku, market = f"OJ{int(row['brand']):02d}", f"S{int(row['store']):03d}"
            rows.append(
                {
                    "unique_id": series_id(sku, market),
                    "sku": sku,
                    "market": market,
                    "ds": pd.Timestamp(_WEEK_ONE + timedelta(weeks=int(row["week"]) - 1)),
                    "y": float(round(math.exp(float(row["logmove"])))),
                    "deal": float(row["deal"]),
                    "feat": float(row["feat"]),
                }
            )
    history = pd.DataFrame(rows)
    if limit:
        keep = sorted(history["unique_id"].unique())[:limit]
        history = history[history["unique_id"].isin(keep)]
    return DemandData(history, "W", ["deal", "feat"]).check_gaps("interpolate")
