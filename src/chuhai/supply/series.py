"""Demand history as one long table: a series per SKU x market, a row per period.

Columns: ``unique_id`` ("SKU@MARKET"), ``sku``, ``market``, ``ds`` (the period's first day:
a Monday for weekly series), ``y`` (units) and one numeric column per known event (``live``:
a live session showed the SKU; ``promo``; or a dataset's own, such as Dominick's ``deal`` and
``feat``). Events are known in advance, so forecasts take their future values as input.
"""

from __future__ import annotations

import csv
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal

import pandas as pd

from chuhai.errors import InputError

__all__ = [
    "FREQS",
    "DemandData",
    "Freq",
    "GapPolicy",
    "number",
    "period_start",
    "read_demand_csv",
    "read_events_csv",
    "read_rows",
    "require_columns",
    "series_id",
]

logger = logging.getLogger(__name__)

Freq = Literal["W", "D"]
GapPolicy = Literal["error", "zero", "interpolate"]
FREQS: dict[str, str] = {"W": "W-MON", "D": "D"}  # pandas offsets: weeks start on Monday
_STEP = {"W": timedelta(weeks=1), "D": timedelta(days=1)}
_RESERVED = {"sku", "market", "date", "week", "quantity", "unique_id", "ds", "y"}


def series_id(sku: str, market: str) -> str:
    return f"{sku}@{market}"


def period_start(value: date | datetime, freq: Freq) -> date:
    day = value.date() if isinstance(value, datetime) else value
    return day - timedelta(days=day.weekday()) if freq == "W" else day


def _parse_period(text: str, freq: Freq, where: str) -> date:
    text = text.strip()
    try:
        if "-W" in text:  # ISO week, 2026-W44
            year, week = text.split("-W")
            return date.fromisocalendar(int(year), int(week), 1)
        return period_start(date.fromisoformat(text[:10]), freq)
    except ValueError:
        raise InputError(
            f"{where}: cannot read the period {text!r} (2026-11-02 or 2026-W45)"
        ) from None


def number(text: str, where: str, column: str) -> float:
    try:
        value = float(text) if text.strip() else 0.0
    except ValueError:
        raise InputError(f"{where}: {column} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise InputError(f"{where}: {column} {text!r} is not a finite number")
    return value


@dataclass
class DemandData:
    """History (and optionally the future's known events) of many series."""

    history: pd.DataFrame
    freq: Freq = "W"
    events: list[str] = field(default_factory=list)
    future: pd.DataFrame | None = None  # unique_id, ds, events... beyond the history

    def __post_init__(self) -> None:
        self.history = self.history.sort_values(["unique_id", "ds"], ignore_index=True)

    @property
    def ids(self) -> list[str]:
        return sorted(self.history["unique_id"].unique())

    def skus(self) -> set[str]:
        return set(self.history["sku"].unique())

    def last_period(self) -> date:
        last: date = pd.Timestamp(self.history["ds"].max()).date()
        return last

    def before(self, start: date) -> DemandData:
        """The history of the periods before ``start`` (what was known then); the events of
        the periods cut off become planned events."""
        cut = pd.Timestamp(start)
        later = self.history[self.history["ds"] >= cut]
        if later.empty:
            return self
        history = self.history[self.history["ds"] < cut]
        if history.empty:
            raise InputError(f"no demand before {start}")
        planned = [later[["unique_id", "ds", *self.events]]]
        if self.future is not None:
            planned.append(self.future)
        future = pd.concat(planned, ignore_index=True).drop_duplicates(
            ["unique_id", "ds"], keep="first"
        )
        return DemandData(history, self.freq, list(self.events), future)

    def future_events(self, h: int) -> pd.DataFrame:
        """unique_id, ds and every event for the next ``h`` periods of each series (0 where
        nothing is planned)."""
        rows = []
        step = _STEP[self.freq]
        for uid, last in self.history.groupby("unique_id")["ds"].max().items():
            for i in range(1, h + 1):
                rows.append((uid, pd.Timestamp(last) + i * step))
        grid = pd.DataFrame(rows, columns=["unique_id", "ds"])
        for event in self.events:
            grid[event] = 0.0
        if self.future is not None and len(self.future) and self.events:
            planned = self.future.set_index(["unique_id", "ds"])[self.events]
            merged = grid.set_index(["unique_id", "ds"])
            merged.update(planned)
            grid = merged.reset_index()
        return grid

    def check_gaps(self, policy: GapPolicy) -> DemandData:
        """Periods missing between a series' first and last row: an error naming them, or
        filled (``zero``: no sales; ``interpolate``: not observed, events 0)."""
        offset = FREQS[self.freq]
        filled = []
        gaps: list[str] = []
        for uid, group in self.history.groupby("unique_id", sort=True):
            full = pd.date_range(group["ds"].min(), group["ds"].max(), freq=offset)
            if len(full) == len(group):
                filled.append(group if policy == "error" else group.assign(observed=True))
                continue
            missing = full.difference(pd.DatetimeIndex(group["ds"]))
            gaps.extend(f"{uid} {d.date()}" for d in missing[:3])
            if policy == "error":
                continue
            sku, market = group["sku"].iloc[0], group["market"].iloc[0]
            g = group.set_index("ds").reindex(full)
            g["unique_id"], g["sku"], g["market"] = uid, sku, market
            g["observed"] = g["y"].notna()
            if policy == "zero":
                g["y"] = g["y"].fillna(0.0)
            else:
                g["y"] = g["y"].interpolate(limit_direction="both")
            for event in self.events:
                g[event] = g[event].fillna(0.0)
            filled.append(g.rename_axis("ds").reset_index())
        if gaps and policy == "error":
            raise InputError(
                f"missing periods in {len(gaps)}+ places, e.g. {', '.join(gaps[:5])}: "
                "use --fill-gaps zero (no sales) or interpolate (not recorded)"
            )
        history = pd.concat(filled, ignore_index=True) if filled else self.history
        return DemandData(history, self.freq, list(self.events), self.future)


def _frame(rows: list[dict[str, object]], events: Sequence[str]) -> pd.DataFrame:
    columns = ["unique_id", "sku", "market", "ds", "y", *events]
    frame = pd.DataFrame(rows, columns=columns)
    frame["ds"] = pd.to_datetime(frame["ds"])
    frame["y"] = frame["y"].astype(float)
    agg: dict[str, str] = {"y": "sum", **dict.fromkeys(events, "max")}
    return frame.groupby(["unique_id", "sku", "market", "ds"], as_index=False).agg(agg)


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            return header, list(enumerate(reader, start=2))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8") from None


def require_columns(header: Sequence[str], path: Path, needed: Sequence[str]) -> None:
    if missing := [c for c in needed if c not in header]:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)} (have {', '.join(header)})"
        )


def _require(header: Sequence[str], path: Path, needed: Sequence[str]) -> str:
    missing = [c for c in needed if c not in header]
    period = "date" if "date" in header else "week" if "week" in header else ""
    if missing or not period:
        lack = [*missing, *([] if period else ["date or week"])]
        raise InputError(f"{path}: missing column(s) {', '.join(lack)} (have {', '.join(header)})")
    return period


def read_demand_csv(path: Path, freq: Freq = "W", gaps: GapPolicy = "error") -> DemandData:
    """sku, market, date (or week), quantity and optional numeric event columns. Rows of one
    period add up; a negative quantity or a missing period is an error naming the line."""
    header, rows = read_rows(path)
    period = _require(header, path, ["sku", "market", "quantity"])
    events = [c for c in header if c not in _RESERVED and c]
    records: list[dict[str, object]] = []
    for line, row in rows:
        where = f"{path.name} line {line}"
        sku, market = (row.get("sku") or "").strip(), (row.get("market") or "").strip().upper()
        if not sku or not market:
            raise InputError(f"{where}: sku and market are required")
        quantity = number(row.get("quantity") or "", where, "quantity")
        if quantity < 0:
            raise InputError(f"{where}: negative quantity {quantity:g} for {sku} in {market}")
        record: dict[str, object] = {
            "unique_id": series_id(sku, market),
            "sku": sku,
            "market": market,
            "ds": _parse_period(row.get(period) or "", freq, where),
            "y": quantity,
        }
        for event in events:
            record[event] = number(row.get(event) or "", where, event)
        records.append(record)
    if not records:
        raise InputError(f"{path}: no rows")
    data = DemandData(_frame(records, events), freq, events)
    logger.info("read %d rows, %d series from %s", len(records), len(data.ids), path)
    return data.check_gaps(gaps)


def read_events_csv(path: Path, data: DemandData) -> DemandData:
    """Planned events (live sessions, promotions) for the forecast horizon: sku, market, date
    (or week) and the same event columns as the history."""
    header, rows = read_rows(path)
    period = _require(header, path, ["sku", "market"])
    unknown = [c for c in header if c not in _RESERVED and c and c not in data.events]
    if unknown:
        raise InputError(
            f"{path}: event column(s) {', '.join(unknown)} are not in the history "
            f"({', '.join(data.events) or 'none'})"
        )
    known = set(data.ids)
    records = []
    for line, row in rows:
        where = f"{path.name} line {line}"
        uid = series_id((row.get("sku") or "").strip(), (row.get("market") or "").strip().upper())
        if uid not in known:
            raise InputError(f"{where}: {uid} has no history")
        record: dict[str, object] = {"unique_id": uid}
        record["ds"] = pd.Timestamp(_parse_period(row.get(period) or "", data.freq, where))
        for event in data.events:
            record[event] = number(row.get(event) or "", where, event)
        records.append(record)
    future = pd.DataFrame(records, columns=["unique_id", "ds", *data.events])
    future = future.groupby(["unique_id", "ds"], as_index=False).max()
    return DemandData(data.history, data.freq, list(data.events), future)
