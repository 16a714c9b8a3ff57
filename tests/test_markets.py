from __future__ import annotations

import pytest

from chuhai.errors import InputError
from chuhai.markets import EU_MEMBERS, expand_markets, market_info, normalize_market


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ID", "ID"),
        (" id ", "ID"),
        ("UK", "GB"),
        ("Indonesia", "ID"),
        ("viet nam", "VN"),
        ("USA", "US"),
    ],
)
def test_normalize_market(value: str, expected: str) -> None:
    assert normalize_market(value) == expected


@pytest.mark.parametrize("value", ["EU", "XX", "Narnia", "", "IDN"])
def test_normalize_market_refuses_non_codes(value: str) -> None:
    with pytest.raises(InputError, match="unknown market"):
        normalize_market(value)


def test_expand_markets_expands_eu_and_keeps_order_without_duplicates() -> None:
    expanded = expand_markets(["US", "EU", "de", "ID"])
    assert expanded[0] == "US"
    assert expanded[-1] == "ID"
    assert set(expanded[1:-1]) == EU_MEMBERS
    assert len(expanded) == len(EU_MEMBERS) + 2


def test_market_info_has_defaults_for_unlisted_markets() -> None:
    assert market_info("TH").timezone == "Asia/Bangkok"
    assert market_info("TH").currency == "THB"
    assert market_info("KE").timezone == "UTC"
