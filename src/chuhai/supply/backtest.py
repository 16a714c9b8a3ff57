"""Rolling-origin backtests: each model forecasts ``h`` periods from several origins with only
the history before each origin (events of the forecast periods are known, as planned
promotions are); WAPE and MASE per horizon over every series and origin."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from chuhai.calendar import MarketCalendars
from chuhai.errors import InputError
from chuhai.supply.forecast import make_forecaster
from chuhai.supply.series import DemandData

__all__ = [
    "BacktestResult",
    "CalendarEffect",
    "backtest",
    "calendar_effect",
    "calendar_effect_markdown",
    "scale_mase",
]

logger = logging.getLogger(__name__)


def scale_mase(history: pd.DataFrame) -> pd.Series:
    """Per series: the mean absolute one-period change of its history (the in-sample naive
    error that MASE divides by); series that never change get the mean of the others."""
    diffs = history.groupby("unique_id")["y"].diff().abs()
    scale = diffs.groupby(history["unique_id"]).mean()
    fallback = float(scale[scale > 0].mean()) if (scale > 0).any() else 1.0
    return scale.where(scale > 0, fallback)


@dataclass
class BacktestResult:
    rows: list[dict[str, object]] = field(default_factory=list)  # model, horizon, wape, mase
    seconds: dict[str, float] = field(default_factory=dict)
    origins: list[str] = field(default_factory=list)
    series: int = 0

    def overall(self) -> dict[str, dict[str, float]]:
        frame = pd.DataFrame(self.rows)
        return {
            str(model): {"wape": float(g["wape"].mean()), "mase": float(g["mase"].mean())}
            for model, g in frame.groupby("model", sort=False)
        }


def backtest(
    data: DemandData,
    models: Sequence[str],
    *,
    h: int = 8,
    origins: int = 6,
    step: int = 4,
    progress: Callable[[str], None] | None = None,
) -> BacktestResult:
    periods = sorted(data.history["ds"].unique())
    first_origin = len(periods) - h - (origins - 1) * step - 1
    if first_origin < 26:
        raise InputError(
            f"{len(periods)} periods are too few for {origins} origins {step} apart with "
            f"horizon {h} (need 26 periods of history before the first origin)"
        )
    result = BacktestResult(series=len(data.ids))
    actual = data.history.copy()
    if "observed" not in actual:
        actual["observed"] = True
    errors: list[pd.DataFrame] = []
    position = {pd.Timestamp(p): i for i, p in enumerate(periods)}
    for o in range(origins):
        origin = pd.Timestamp(periods[first_origin + o * step])
        result.origins.append(str(origin.date()))
        past = data.history[data.history["ds"] <= origin]
        end = pd.Timestamp(periods[first_origin + o * step + h])
        ahead = actual[(actual["ds"] > origin) & (actual["ds"] <= end)]
        fold = DemandData(past.drop(columns=["observed"], errors="ignore"), data.freq,
                          list(data.events), ahead[["unique_id", "ds", *data.events]])  # fmt: skip
        scale = scale_mase(past)
        for name in models:
            started = time.perf_counter()
            forecast = make_forecaster(name).forecast(fold, h, [0.5])
            result.seconds[name] = result.seconds.get(name, 0.0) + time.perf_counter() - started
            joined = forecast.merge(
                ahead[["unique_id", "ds", "y", "observed"]], on=["unique_id", "ds"]
            )
            joined = joined[joined["observed"]]
            joined["horizon"] = joined["ds"].map(position) - position[origin]
            joined["abs_error"] = (joined["mean"] - joined["y"]).abs()
            joined["scaled"] = joined["abs_error"] / joined["unique_id"].map(scale)
            joined["model"] = name
            errors.append(joined[["model", "horizon", "y", "abs_error", "scaled"]])
            if progress:
                progress(f"origin {origin.date()}: {name}")
    table = pd.concat(errors, ignore_index=True)
    for (model, horizon), g in table.groupby(["model", "horizon"], sort=False):
        total = float(g["y"].abs().sum())
        result.rows.append(
            {
                "model": model,
                "horizon": int(horizon),
                "wape": float(g["abs_error"].sum() / total) if total else float("nan"),
                "mase": float(np.mean(g["scaled"])),
                "n": len(g),
            }
        )
    result.rows.sort(key=lambda r: (list(models).index(str(r["model"])), int(str(r["horizon"]))))
    return result


@dataclass
class CalendarEffect:
    """The same backtest without and with market calendar events."""

    without: BacktestResult
    with_calendar: BacktestResult
    market: str
    events: list[str]  # the calendar columns the data had something of

    def as_dict(self) -> dict[str, object]:
        return {
            "market": self.market,
            "calendar_events": self.events,
            "origins": self.without.origins,
            "series": self.without.series,
            "without": {"overall": self.without.overall(), "rows": self.without.rows,
                        "seconds": self.without.seconds},
            "with_calendar": {"overall": self.with_calendar.overall(),
                              "rows": self.with_calendar.rows,
                              "seconds": self.with_calendar.seconds},
        }  # fmt: skip


def calendar_effect(
    data: DemandData,
    calendars: MarketCalendars,
    models: Sequence[str],
    *,
    market: str,
    h: int = 8,
    origins: int = 6,
    step: int = 4,
) -> CalendarEffect:
    """Backtests ``models`` on ``data`` as it is and with ``market``'s calendar added to every
    series as known future events."""
    from chuhai.supply.calendar_events import with_calendar

    richer = with_calendar(data, calendars, market_of=lambda _: market)
    added = [e for e in richer.events if e not in data.events]
    plain = backtest(data, models, h=h, origins=origins, step=step)
    rich = backtest(richer, models, h=h, origins=origins, step=step)
    return CalendarEffect(plain, rich, market, added)


def calendar_effect_markdown(effect: CalendarEffect) -> str:
    """WAPE and MASE per model and horizon, without and with the calendar."""
    plain = pd.DataFrame(effect.without.rows)
    rich = pd.DataFrame(effect.with_calendar.rows)
    lines = [
        f"Calendar of {effect.market}: {', '.join(effect.events) or 'no events in the data'}; "
        f"{effect.without.series:,} series, origins {', '.join(effect.without.origins)}.",
        "",
        "| model | horizon | WAPE without | WAPE with calendar | MASE without "
        "| MASE with calendar |",
        "|---|---|---|---|---|---|",
    ]
    for model in dict.fromkeys(plain["model"]):
        a = plain[plain["model"] == model].set_index("horizon")
        b = rich[rich["model"] == model].set_index("horizon")
        for horizon in a.index:
            lines.append(
                f"| {model} | {horizon} | {a.at[horizon, 'wape']:.3f} | "
                f"{b.at[horizon, 'wape']:.3f} | {a.at[horizon, 'mase']:.3f} | "
                f"{b.at[horizon, 'mase']:.3f} |"
            )
        lines.append(
            f"| {model} | **mean** | **{a['wape'].mean():.3f}** | **{b['wape'].mean():.3f}** | "
            f"**{a['mase'].mean():.3f}** | **{b['mase'].mean():.3f}** |"
        )
    seconds = ", ".join(
        f"{m} {effect.without.seconds[m]:.0f} s / {effect.with_calendar.seconds[m]:.0f} s"
        for m in effect.without.seconds
    )
    lines += ["", f"Fit + forecast time over all origins, without / with: {seconds}."]
    return "\n".join(lines)
