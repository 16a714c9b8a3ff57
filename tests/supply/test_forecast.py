"""Forecasters: events learnt as lifts, seasonal naive repeats, routing by history, quantiles
in order and never below zero."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from chuhai.errors import InputError
from chuhai.supply.forecast import make_forecaster
from chuhai.supply.forecast.auto import classify
from chuhai.supply.series import DemandData
from tests.supply.helpers import noisy, periodic, weekly

WEEKS = 70


def _live_market(series: int = 12) -> DemandData:
    values, live = {}, {}
    for i in range(series):
        flags = [1.0 if (w + i) % 5 == 0 else 0.0 for w in range(WEEKS)]
        base = noisy(WEEKS, 40 + 5 * i, seed=i)
        values[(f"S{i}", "TH")] = list(base * (1 + 2 * np.array(flags)))  # live triples demand
        live[(f"S{i}", "TH")] = flags
    data = weekly(values, live)
    future = data.future_events(4)
    future["live"] = [1.0 if j % 4 == 1 else 0.0 for j in range(len(future))]
    return DemandData(data.history, "W", ["live"], future)


def test_event_model_learns_the_live_lift() -> None:
    data = _live_market()
    frame = make_forecaster("event_gbm", trees=120).forecast(data, 4, [0.1, 0.5, 0.9])
    frame["live"] = data.future_events(4)["live"].to_numpy()
    lifted = frame[frame["live"] == 1]["mean"].mean()
    plain = frame[frame["live"] == 0]["mean"].mean()
    assert lifted > 2 * plain
    # the model without events cannot see it coming
    ets = make_forecaster("auto_ets").forecast(data, 4, [0.5])
    ets["live"] = frame["live"].to_numpy()
    assert ets[ets["live"] == 1]["mean"].mean() < 1.3 * ets[ets["live"] == 0]["mean"].mean()


def test_quantiles_ordered_and_non_negative() -> None:
    frame = make_forecaster("chuhai").forecast(_live_market(6), 3, [0.9, 0.1, 0.5])
    q = frame[["q0.1", "q0.5", "q0.9"]].to_numpy()
    assert (q >= 0).all() and (np.diff(q, axis=1) >= 0).all()
    assert list(frame.columns[:3]) == ["unique_id", "ds", "mean"]


def test_seasonal_naive_repeats_the_season() -> None:
    pattern = [float(v) for v in range(1, 53)]
    data = weekly({("A", "TH"): periodic(104, pattern)})
    frame = make_forecaster("seasonal_naive").forecast(data, 3, [0.5])
    assert frame["mean"].tolist() == [1.0, 2.0, 3.0]


def test_routing_by_history() -> None:
    history = weekly(
        {
            ("NEW", "TH"): [5.0] * 6,
            ("RARE", "TH"): [0.0, 0.0, 3.0, 0.0, 0.0, 0.0, 2.0, 0.0] * 4,
            ("BUSY", "TH"): list(noisy(32, 30, seed=1)),
        }
    ).history
    kinds = classify(history, min_history=13, zero_share=0.4)
    assert kinds.to_dict() == {"BUSY@TH": "regular", "NEW@TH": "short", "RARE@TH": "intermittent"}


def test_short_series_get_the_recent_mean() -> None:
    data = weekly({("NEW", "TH"): [2.0, 4.0, 6.0, 8.0, 10.0]})
    frame = make_forecaster("chuhai").forecast(data, 2, [0.5])
    assert frame["model"].unique().tolist() == ["recent_mean"]
    assert frame["mean"].tolist() == pytest.approx([7.0, 7.0])  # mean of the last four


@pytest.mark.parametrize(
    ("name", "h", "quantiles", "message"),
    [
        ("prophet", 4, [0.5], "unknown forecaster 'prophet'"),
        ("chuhai", 0, [0.5], "horizon 0"),
        ("chuhai", 4, [1.5], "not between 0 and 1"),
    ],
)
def test_clear_errors(name: str, h: int, quantiles: list[float], message: str) -> None:
    data = weekly({("A", "TH"): [1.0] * 20})
    with pytest.raises(InputError, match=message):
        make_forecaster(name).forecast(data, h, quantiles)


def test_future_dates_follow_the_history() -> None:
    data = weekly({("A", "TH"): [1.0] * 20})
    frame = make_forecaster("recent_mean").forecast(data, 2, [0.5])
    last = data.history["ds"].max()
    assert frame["ds"].tolist() == [last + pd.Timedelta(weeks=1), last + pd.Timedelta(weeks=2)]


# A new SKU's weeks, one of them a big live session (FN-300 in ID: 76 units in a live week).
_AFTER_LIVE = [3.0, 2.0, 4.0, 3.0, 76.0, 2.0, 3.0, 4.0]
_LIVE_WEEK = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("history", "live", "planned", "expected"),
    [
        # no live ahead: the mean of the last four weeks without a live session
        (_AFTER_LIVE, _LIVE_WEEK, [0, 0, 0, 0], [3.0, 3.0, 3.0, 3.0]),
        # a live planned in the second week: that week as the past live weeks, the rest quiet
        (_AFTER_LIVE, _LIVE_WEEK, [0, 1, 0, 0], [3.0, 76.0, 3.0, 3.0]),
        # no live in the history: the recent mean, as before
        ([2.0, 4.0, 6.0, 8.0, 10.0], [0.0] * 5, [0, 0], [7.0, 7.0]),
        # a live planned with none in the history: the quiet level is all there is to go on
        ([2.0, 4.0, 6.0, 8.0, 10.0], [0.0] * 5, [1, 0], [7.0, 7.0]),
        # only live weeks so far: their mean for every week
        ([40.0, 60.0], [1.0, 1.0], [0, 0], [50.0, 50.0]),
    ],
)
def test_event_weeks_stay_out_of_the_quiet_baseline(
    history: list[float], live: list[float], planned: list[int], expected: list[float]
) -> None:
    data = weekly({("FN-300", "ID"): history}, {("FN-300", "ID"): live})
    future = data.future_events(len(planned))
    future["live"] = [float(p) for p in planned]
    data = DemandData(data.history, "W", ["live"], future)
    frame = make_forecaster("chuhai").forecast(data, len(planned), [0.1, 0.5, 0.9])
    assert frame["model"].unique().tolist() == ["recent_mean"]
    assert frame["mean"].tolist() == pytest.approx(expected)


def test_a_past_live_week_does_not_widen_the_quiet_weeks_spread() -> None:
    data = weekly({("FN-300", "ID"): _AFTER_LIVE}, {("FN-300", "ID"): _LIVE_WEEK})
    frame = make_forecaster("chuhai").forecast(data, 4, [0.1, 0.5, 0.9])
    # the quiet weeks run 2-4 units: their 90th percentile is nowhere near the live week's 76
    assert (frame["q0.9"] <= 5.0).all() and (frame["q0.1"] >= 1.0).all()
