"""Market calendars as known future events of the demand series: per period, the share of
its days that are public holidays, shopping festivals, seasons and the user's campaigns
(``cal_holiday``, ``cal_festival``, ``cal_season``, ``cal_campaign``), beside live sessions.

Like a planned live session, a calendar is known ahead, so the forecasters take its future
values as input (``DemandData.future``); the event-aware model also sees the period before
and after each one (buying ahead of a holiday, the dip after a sale).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Final

import numpy as np
import pandas as pd

from chuhai.calendar import KINDS, MarketCalendars
from chuhai.settings import Settings
from chuhai.supply.series import DemandData

__all__ = [
    "CALENDAR_COLUMNS",
    "add_calendar",
    "calendar_from",
    "calendar_table",
    "with_calendar",
]

logger = logging.getLogger(__name__)

CALENDAR_COLUMNS: Final[dict[str, str]] = {kind: f"cal_{kind}" for kind in KINDS}
_STEP: Final = {"W": 7, "D": 1}


def calendar_table(
    calendars: MarketCalendars,
    market: str,
    periods: Sequence[date],
    freq: str,
    kinds: Sequence[str] = KINDS,
) -> pd.DataFrame:
    """One row per period start: the share of the period's days each kind of event covers."""
    days = _STEP[freq]
    out = pd.DataFrame({"ds": pd.to_datetime(list(periods))})
    if not len(periods):
        return out.assign(**{CALENDAR_COLUMNS[k]: 0.0 for k in kinds})
    first, last = min(periods), max(periods) + timedelta(days=days - 1)
    covered: dict[str, set[date]] = {k: set() for k in kinds}
    for event in calendars.events(market, first, last, kinds):
        day = max(event.start, first)
        while day <= min(event.end, last):
            covered[event.kind].add(day)
            day += timedelta(days=1)
    for kind in kinds:
        on = covered[kind]
        out[CALENDAR_COLUMNS[kind]] = [
            sum((p + timedelta(days=i)) in on for i in range(days)) / days for p in periods
        ]
    return out


def with_calendar(
    data: DemandData,
    calendars: MarketCalendars,
    *,
    ahead: int = 104,
    market_of: Callable[[str], str] | None = None,
    kinds: Sequence[str] = KINDS,
) -> DemandData:
    """``data`` with calendar columns as events over its history and ``ahead`` periods past
    each series' end (kept with any planned events of ``data.future``). ``market_of`` maps a
    series' market to the calendar's (Dominick's stores -> US); a market without a calendar
    gets zeros. Kinds that never occur in the history are left out: nothing to learn them from."""
    step = pd.Timedelta(days=_STEP[data.freq])
    history = data.history.copy()
    markets = history.groupby("unique_id")["market"].first()
    last = history.groupby("unique_id")["ds"].max()
    future_rows = [(uid, last[uid] + i * step) for uid in last.index for i in range(1, ahead + 1)]
    future = pd.DataFrame(future_rows, columns=["unique_id", "ds"])
    if data.future is not None and len(data.future):
        future = future.merge(data.future, on=["unique_id", "ds"], how="outer")
    for event in data.events:
        future[event] = future[event].fillna(0.0) if event in future else 0.0
    columns = [CALENDAR_COLUMNS[k] for k in kinds]
    clash = [c for c in columns if c in data.events]
    if clash:
        return data  # already added
    tables = []
    for market, uids in markets.groupby(markets):
        code = market_of(str(market)) if market_of else str(market)
        rows = pd.concat(
            [history.loc[history["unique_id"].isin(uids.index), "ds"],
             future.loc[future["unique_id"].isin(uids.index), "ds"]]
        )  # fmt: skip
        periods = sorted({pd.Timestamp(d).date() for d in rows.unique()})
        table = calendar_table(calendars, code, periods, data.freq, kinds)
        tables.append(table.assign(market=market))
    calendar = pd.concat(tables, ignore_index=True)
    history = history.merge(calendar, on=["market", "ds"], how="left")
    future = future.merge(markets.rename("market"), left_on="unique_id", right_index=True)
    future = future.merge(calendar, on=["market", "ds"], how="left").drop(columns="market")
    learnable = [c for c in columns if np.any(history[c].to_numpy() > 0)]
    dropped = sorted(set(columns) - set(learnable))
    history = history.drop(columns=dropped)
    future = future.drop(columns=dropped)
    history[learnable] = history[learnable].fillna(0.0)
    future[learnable] = future[learnable].fillna(0.0)
    logger.info("calendar events: %s (none in the history: %s)", learnable, dropped or "-")
    events = [*data.events, *learnable]
    return DemandData(history, data.freq, events, future[["unique_id", "ds", *events]])


def calendar_from(settings: Settings) -> MarketCalendars | None:
    """The calendars ``[calendar]`` asks the forecasters to use (None: switched off)."""
    if not settings.calendar.forecast:
        return None
    return MarketCalendars.from_file(settings.calendar.campaigns_file(settings.data_dir))


def add_calendar(data: DemandData, settings: Settings) -> DemandData:
    """``data`` with the calendar of each series' market, unless ``[calendar] forecast`` is
    false."""
    calendars = calendar_from(settings)
    return data if calendars is None else with_calendar(data, calendars)
