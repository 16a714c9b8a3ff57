from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from chuhai.errors import InputError
from chuhai.store.filters import needs_annotations, where
from chuhai.voc.scope import Period, Scope

TODAY = date(2026, 11, 30)


def utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-10", utc(2026, 10, 1), utc(2026, 11, 1), "2026-10"),
        ("2026-12", utc(2026, 12, 1), utc(2027, 1, 1), "2026-12"),
        ("2026-W44", utc(2026, 10, 26), utc(2026, 11, 2), "2026-W44"),
        ("2026-w1", None, None, None),
        ("2026-W01", utc(2025, 12, 29), utc(2026, 1, 5), "2026-W01"),
        ("2026-10-05", utc(2026, 10, 5), utc(2026, 10, 6), "2026-10-05"),
        ("2026-10-01..2026-10-31", utc(2026, 10, 1), utc(2026, 11, 1), "2026-10-01..2026-10-31"),
        ("2026", utc(2026, 1, 1), utc(2027, 1, 1), "2026"),
        ("last-4w", utc(2026, 11, 3), utc(2026, 12, 1), "last-4w"),
        ("last-30d", utc(2026, 11, 1), utc(2026, 12, 1), "last-30d"),
    ],
)
def test_periods(
    text: str, start: datetime | None, end: datetime | None, label: str | None
) -> None:
    if start is None:
        with pytest.raises(InputError):
            Period.parse(text, today=TODAY)
        return
    period = Period.parse(text, today=TODAY)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-W54", "2026-02-30", "2026-10-31..2026-10-01", "last-0d", "soon", ""]
)
def test_bad_periods_say_why(text: str) -> None:
    with pytest.raises(InputError, match="period"):
        Period.parse(text, today=TODAY)


def test_previous_period_has_the_same_length() -> None:
    period = Period.parse("2026-W44")
    assert period.previous().end == period.start and period.previous().days == 7


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"market": "Narnia"}, "unknown market"),
        ({"market": "TH", "channel": "fax"}, "unknown channel"),
        ({"market": "TH", "sentiment": "angry"}, "sentiment must be"),
    ],
)
def test_bad_filters(filters: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        Scope.build(**filters)


def test_where_binds_every_value_as_a_parameter() -> None:
    scope = Scope.build(market="th", sku="PB-400", period="2026-10", aspect="battery",
                        sentiment="neg", intent="praise")  # fmt: skip
    clause, params = where(scope)  # a scope is the store's VoiceFilter
    assert "'" not in clause  # values never pasted into SQL
    assert params == ["TH", "PB-400", datetime(2026, 10, 1), datetime(2026, 11, 1), "battery",
                      "neg", "praise"]  # fmt: skip
    assert needs_annotations(scope)
    assert where(Scope()) == ("", [])
