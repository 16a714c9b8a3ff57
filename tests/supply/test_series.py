"""Reading demand and planned events from CSV: periods, sums, events, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from chuhai.errors import InputError
from chuhai.supply.series import read_demand_csv, read_events_csv

HEADER = "sku,market,date,quantity,live\n"


def _csv(tmp_path: Path, body: str, header: str = HEADER, name: str = "demand.csv") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_weeks_start_on_monday_and_rows_add_up(tmp_path: Path) -> None:
    path = _csv(tmp_path, "A,th,2026-11-04,3,0\nA,TH,2026-11-06,2,1\nA,TH,2026-W46,4,0\n")
    data = read_demand_csv(path)
    assert data.events == ["live"] and data.ids == ["A@TH"]
    rows = data.history[["ds", "y", "live"]].to_dict("records")
    assert rows == [
        {"ds": pd.Timestamp("2026-11-02"), "y": 5.0, "live": 1.0},  # Wed + Fri, one live
        {"ds": pd.Timestamp("2026-11-09"), "y": 4.0, "live": 0.0},
    ]


@pytest.mark.parametrize(
    ("body", "gaps", "expected"),
    [
        ("A,TH,2026-11-02,3,0\nA,TH,2026-11-16,5,0\n", "zero", [3.0, 0.0, 5.0]),
        ("A,TH,2026-11-02,3,0\nA,TH,2026-11-16,5,0\n", "interpolate", [3.0, 4.0, 5.0]),
    ],
)
def test_missing_weeks_filled_on_request(
    tmp_path: Path, body: str, gaps: str, expected: list[float]
) -> None:
    data = read_demand_csv(_csv(tmp_path, body), gaps=gaps)  # type: ignore[arg-type]
    assert data.history["y"].tolist() == expected
    assert data.history["observed"].tolist() == [True, False, True]


@pytest.mark.parametrize(
    ("body", "header", "message"),
    [
        (
            "A,TH,2026-11-02,3,0\nA,TH,2026-11-16,5,0\n",
            HEADER,
            r"missing periods .* A@TH 2026-11-09",
        ),
        ("A,TH,2026-11-02,-3,0\n", HEADER, "line 2: negative quantity -3 for A in TH"),
        ("A,TH,2026-11-02,three,0\n", HEADER, "line 2: quantity 'three' is not a number"),
        ("A,TH,someday,3,0\n", HEADER, "line 2: cannot read the period 'someday'"),
        ("A,,2026-11-02,3,0\n", HEADER, "line 2: sku and market are required"),
        ("A,TH,3\n", "sku,market,quantity\n", "missing column.*date or week"),
        ("", HEADER, "no rows"),
    ],
)
def test_clear_errors(tmp_path: Path, body: str, header: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_demand_csv(_csv(tmp_path, body, header))


def test_planned_events(tmp_path: Path) -> None:
    data = read_demand_csv(_csv(tmp_path, "A,TH,2026-11-02,3,0\nA,TH,2026-11-09,5,1\n"))
    events = _csv(tmp_path, "A,TH,2026-11-25,1\n", "sku,market,date,live\n", "events.csv")
    grid = read_events_csv(events, data).future_events(3)
    assert grid["ds"].dt.date.astype(str).tolist() == ["2026-11-16", "2026-11-23", "2026-11-30"]
    assert grid["live"].tolist() == [0.0, 1.0, 0.0]
    unknown = _csv(tmp_path, "B,TH,2026-11-25,1\n", "sku,market,date,live\n", "bad.csv")
    with pytest.raises(InputError, match="B@TH has no history"):
        read_events_csv(unknown, data)
    other = _csv(tmp_path, "A,TH,2026-11-25,1\n", "sku,market,date,promo\n", "promo.csv")
    with pytest.raises(InputError, match="promo are not in the history"):
        read_events_csv(other, data)


def test_other_encodings_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "电扇,TH,2026-11-02,3,0\n").encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_demand_csv(path)
