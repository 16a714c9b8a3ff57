"""Calendar events as known future events of the demand series: the share of each period's
days per kind, in the history and the planned future, and a forecaster that uses them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from chuhai.calendar import MarketCalendars, add_campaign
from chuhai.settings import Settings
from chuhai.settings.calendar import CalendarSettings
from chuhai.supply.calendar_events import add_calendar, calendar_table, with_calendar
from chuhai.supply.forecast import make_forecaster
from chuhai.supply.series import DemandData, series_id

CAL = MarketCalendars()


def _weekly(market: str, start: str, weeks: int, skus: int = 1) -> DemandData:
    rows = [
        {"unique_id": series_id(f"SKU{s}", market), "sku": f"SKU{s}", "market": market,
         "ds": pd.Timestamp(start) + pd.Timedelta(weeks=i), "y": 100.0, "live": 0.0}
        for s in range(skus)
        for i in range(weeks)
    ]  # fmt: skip
    return DemandData(pd.DataFrame(rows), "W", ["live"])


def test_share_of_days_per_kind() -> None:
    # the week of US Thanksgiving 2027: Thursday is a holiday, Friday is Black Friday, and the
    # holiday season starts on Friday (3 of 7 days)
    week = [date(2027, 11, 22)]
    row = calendar_table(CAL, "US", week, "W").iloc[0]
    assert row["cal_holiday"] == pytest.approx(1 / 7)
    assert row["cal_festival"] == pytest.approx(1 / 7)
    assert row["cal_season"] == pytest.approx(3 / 7)
    assert row["cal_campaign"] == 0
    songkran = calendar_table(CAL, "TH", [date(2027, 4, 12)], "W").iloc[0]
    assert songkran["cal_holiday"] == pytest.approx(3 / 7)  # 13-15 April


def test_history_and_future_carry_the_calendar() -> None:
    data = _weekly("TH", "2025-01-06", 104)
    data.future = pd.DataFrame({"unique_id": [series_id("SKU0", "TH")],
                                "ds": [pd.Timestamp("2027-01-11")], "live": [1.0]})  # fmt: skip
    richer = with_calendar(data, CAL, ahead=20)
    assert richer.events == ["live", "cal_holiday", "cal_festival", "cal_season"]  # no campaign
    grid = richer.future_events(20).set_index("ds")
    assert grid.loc[pd.Timestamp("2027-01-11"), "live"] == 1.0  # the planned session is kept
    assert grid.loc[pd.Timestamp("2027-01-04"), "cal_holiday"] > 0  # New Year's Day (Fri)
    assert grid.loc[pd.Timestamp("2027-04-12"), "cal_holiday"] == pytest.approx(3 / 7)
    assert with_calendar(richer, CAL).events == richer.events  # added once


def test_a_market_without_a_calendar_is_unchanged() -> None:
    data = _weekly("S001", "2025-01-06", 60)  # a store code (Dominick's)
    assert with_calendar(data, CAL).events == ["live"]
    mapped = with_calendar(data, CAL, market_of=lambda _: "US")
    assert "cal_holiday" in mapped.events


def test_settings_switch_and_campaigns(tmp_path: Path) -> None:
    data = _weekly("TH", "2025-01-06", 70)
    add_campaign(tmp_path / "campaigns.csv",
                 [{"market": "TH", "name": "Brand day", "start": "2025-06-02", "end": "2025-06-04"},
                  {"market": "TH", "name": "Brand day", "start": "2026-06-01"}])  # fmt: skip
    on = add_calendar(data, Settings(data_dir=tmp_path))
    assert "cal_campaign" in on.events
    later = on.future_events(30).set_index("ds")
    assert later.loc[pd.Timestamp("2026-06-01"), "cal_campaign"] == pytest.approx(1 / 7)
    off = add_calendar(data, Settings(data_dir=tmp_path, calendar=CalendarSettings(forecast=False)))
    assert off.events == ["live"]


def test_the_event_model_forecasts_a_holiday_lift_it_was_told_about() -> None:
    """Demand triples with the share of holiday days: with the calendar the forecast of the
    Songkran week rises; without it the model cannot know the week is special."""
    rng = np.random.default_rng(7)
    data = with_calendar(_weekly("TH", "2023-01-02", 180, skus=8), CAL)
    history = data.history
    history["y"] = 100 * (1 + 3 * history["cal_holiday"]) + rng.normal(0, 5, len(history))
    data.history = history
    past = data.before(date(2026, 4, 6))  # later weeks' events become planned events
    plain = DemandData(past.history.drop(columns=[c for c in data.events if c != "live"]), "W",
                       ["live"])  # fmt: skip
    model = make_forecaster("event_gbm", trees=60, windows=1)
    told = model.forecast(past, 4, [0.5]).groupby("ds")["mean"].mean()
    blind = model.forecast(plain, 4, [0.5]).groupby("ds")["mean"].mean()
    songkran, after = pd.Timestamp("2026-04-13"), pd.Timestamp("2026-04-20")
    truth = history[history["ds"] == songkran]["y"].mean()
    assert told[songkran] > 1.5 * told[after]
    assert abs(told[songkran] - truth) < 0.5 * abs(blind[songkran] - truth)
