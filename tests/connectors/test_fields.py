from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from chuhai.connectors.fields import (
    parse_amount,
    parse_int,
    parse_list,
    parse_rating,
    parse_time,
    time_parser,
)
from chuhai.errors import RecordError

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        ("2026-10-03T14:22:10+07:00", "auto", datetime(2026, 10, 3, 7, 22, 10, tzinfo=UTC)),
        ("2026-10-03T07:22:10Z", "iso", datetime(2026, 10, 3, 7, 22, 10, tzinfo=UTC)),
        ("2026-10-03 14:22:10", "auto", datetime(2026, 10, 3, 7, 22, 10, tzinfo=UTC)),
        ("2026-10-03", "auto", datetime(2026, 10, 2, 17, tzinfo=UTC)),
        (1791004930, "auto", datetime(2026, 10, 3, 5, 22, 10, tzinfo=UTC)),
        ("1791004930000", "auto", datetime(2026, 10, 3, 5, 22, 10, tzinfo=UTC)),
        ("1791004930", "epoch", datetime(2026, 10, 3, 5, 22, 10, tzinfo=UTC)),
        ("2026/10/03 14:22:10", "%Y/%m/%d %H:%M:%S", datetime(2026, 10, 3, 7, 22, 10, tzinfo=UTC)),
        ("03.10.2026", "%d.%m.%Y", datetime(2026, 10, 2, 17, tzinfo=UTC)),
        ("October 3, 2026", "%B %d, %Y", datetime(2026, 10, 2, 17, tzinfo=UTC)),
    ],
)
def test_parse_time(value: object, fmt: str, expected: datetime) -> None:
    assert parse_time(value, fmt, JAKARTA) == expected
    assert time_parser(fmt)(value, JAKARTA) == expected


@pytest.mark.parametrize(
    ("value", "fmt", "message"),
    [
        ("2026/02/30 10:00:00", "%Y/%m/%d %H:%M:%S", "invalid time"),
        ("2026-13-01", "auto", "invalid time"),
        ("yesterday", "auto", "expected ISO 8601 or epoch"),
        ("", "auto", "missing time"),
        (None, "auto", "missing time"),
        ("1999-12-31T00:00:00Z", "auto", "implausible"),
        ("2099-01-01T00:00:00Z", "auto", "implausible"),
        (True, "auto", "invalid time"),
    ],
)
def test_parse_time_refuses(value: object, fmt: str, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        parse_time(value, fmt, JAKARTA)
    with pytest.raises(RecordError, match=message):
        time_parser(fmt)(value, JAKARTA)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12.5", 12.5),
        ("4,5", 4.5),
        ("1,299.00", 1299.0),
        ("1.299,00", 1299.0),
        ("Rp 125.000", 125000.0),
        ("฿1 290", 1290.0),
        ("$12", 12.0),
        ("0.125", 0.125),
        ("-3", -3.0),
        (7, 7.0),
    ],
)
def test_parse_amount(value: object, expected: float) -> None:
    assert parse_amount(value) == expected


@pytest.mark.parametrize("value", ["", "abc", "12 or 13", True, None])
def test_parse_amount_refuses(value: object) -> None:
    with pytest.raises(RecordError, match="not a number"):
        parse_amount(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5.0),
        ("4,5", 4.5),
        ("5 stars", 5.0),
        ("★★★★☆", 4.0),
        ("⭐⭐⭐", 3.0),
        ("", None),
        (None, None),
    ],
)
def test_parse_rating(value: object, expected: float | None) -> None:
    assert parse_rating(value) == expected


def test_parse_int_refuses_fractions() -> None:
    assert parse_int("3.0") == 3
    with pytest.raises(RecordError, match="whole number"):
        parse_int("1.5")


def test_parse_list() -> None:
    assert parse_list("A; B;;C", ";") == ["A", "B", "C"]
    assert parse_list(["A", " ", "B"], ";") == ["A", "B"]
    assert parse_list(None, ";") == []
