"""A partner's statement worked out by hand, with a clawback.

Landed cost of FN-300 to ID by sea in 500-unit shipments (supply.toml): product 3.00 + freight
0.50 = 3.50 USD customs value per unit; duty 10 % = 0.35; no VAT -> 3.85 USD = 61,600 IDR
(1 USD = 16,000 IDR: [fx] IDR = 0.0000625). Fees: 5 % of net sales + 2,000 per line.
Rule: threshold 1,000,000; 10 % of the first 2,000,000 above it, 20 % beyond; cap 250,000.

October 2026 (as it stood at the end of October)

| line | revenue   | refunds | landed    | commission | fees    | net       |
|------|-----------|---------|-----------|------------|---------|-----------|
| O1   | 1,500,000 | 0       | 616,000   | 150,000    | 77,000  | 657,000   |
| O2   | 3,000,000 | 0       | 1,232,000 | 0          | 152,000 | 1,616,000 |
| sum  |           |         |           |            |         | 2,273,000 |

above threshold 1,273,000 x 10 % = 127,300 share; effective rate 127,300 / 2,273,000.

November 2026

| line | revenue   | refunds       | landed    | commission | fees                   | net       |
|------|-----------|---------------|-----------|------------|------------------------|-----------|
| O3   | 4,500,000 | 0 (R4 is Dec) | 1,848,000 | 450,000    | 225,000 + 2,000        | 1,975,000 |
| O4   | 3,000,000 | 150,000 (R2)  | 1,232,000 | 0          | 142,500 + 2,000        | 1,473,500 |
| sum  |           |               |           |            |                        | 3,448,500 |

above threshold 2,448,500: 2,000,000 x 10 % = 200,000 + 448,500 x 20 % = 89,700 -> 289,700,
capped at 250,000.
Clawback: R1 (a return, 8 Nov, of October's O1) 300,000 x 127,300 / 2,273,000 = 16,801.58
-> 16,802 (IDR has no decimals, half up). R3 refunds July's O0: beyond 3 months, not clawed.
Payable 250,000 - 16,802 = 233,198 IDR.

December: no orders, share 0; R4 (2 Dec, of November's O3) 150,000 x 250,000 / 3,448,500
= 10,874.29 -> 10,874 clawed back: payable -10,874 (the partner owes it).
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from chuhai.errors import InputError
from chuhai.partners.service import statements
from tests.partners.cases import PARTNERS, SUPPLY, ledger


def _one(period: str, partner: str = "nusa-live"):  # type: ignore[no-untyped-def]
    (statement,) = statements(PARTNERS, SUPPLY, ledger(), period, [partner])
    return statement


def test_october_as_it_stood() -> None:
    s = _one("2026-10")
    (section,) = s.sections
    assert [(x.order_id, x.landed, x.commission, x.fees, x.net) for x in section.lines] == [
        ("O1", 616_000, 150_000, 77_000, 657_000),
        ("O2", 1_232_000, 0, 152_000, 1_616_000),
    ]
    assert section.net_profit == 2_273_000
    assert section.share == 127_300
    assert section.clawbacks == ()  # R1 came in November


def test_november_with_a_clawback() -> None:
    s = _one("2026-11")
    assert s.currency == "IDR"
    (section,) = s.sections
    lines = {x.order_id: x for x in section.lines}
    assert set(lines) == {"O3", "O4"}  # the Thai order is not this partner's
    assert lines["O3"].refunds == 0 and lines["O3"].refund_ids == ()  # R4 is December's
    assert (lines["O4"].revenue, lines["O4"].refunds, lines["O4"].fees) == (
        3_000_000,
        150_000,
        144_500,
    )
    assert lines["O4"].refund_ids == ("R2",)
    assert lines["O3"].creator == "cr_ayu"
    assert section.net_profit == 3_448_500
    assert section.above_threshold == 2_448_500
    assert [(t.base, t.share) for t in section.tiers] == [(2_000_000, 200_000), (448_500, 89_700)]
    assert section.share_before_cap == 289_700
    assert section.share == 250_000
    (claw,) = section.clawbacks
    assert (claw.refund_id, claw.order_id, claw.kind, claw.order_period) == (
        "R1",
        "O1",
        "return",
        "2026-10",
    )
    assert claw.rate == Decimal(127_300) / Decimal(2_273_000)
    assert claw.clawback == Decimal(16_802)
    assert (s.share, s.clawback, s.payable) == (250_000, 16_802, 233_198)
    # every figure adds up from its lines
    assert sum(x.net for x in section.lines) == section.net_profit
    assert all(
        x.revenue - x.refunds - x.landed - x.commission - x.fees == x.net for x in section.lines
    )


def test_december_claws_back_novembers_refund_and_can_go_negative() -> None:
    s = _one("2026-12")
    (section,) = s.sections
    assert section.lines == () and section.share == 0
    assert [(c.refund_id, c.clawback) for c in section.clawbacks] == [("R4", 10_874)]
    assert s.payable == -10_874


def test_rounding_half_even_and_decimals_override() -> None:
    setup = PARTNERS.model_copy(update={"rounding": "half_even"})
    (s,) = statements(setup, SUPPLY, ledger(), "2026-11", ["nusa-live"])
    assert s.clawback == 16_802  # .58 rounds up either way
    two = PARTNERS.model_copy(update={"decimals": {"IDR": 2}})
    (s,) = statements(two, SUPPLY, ledger(), "2026-11", ["nusa-live"])
    assert s.clawback == Decimal("16801.58")


def test_another_currency_through_fx() -> None:
    """T1: 2 x 400 THB = 800 THB; landed (3.50 USD, no duty) = 140 THB a unit -> 280;
    no fees, no threshold: net 520 THB, half of it shared: 260.00."""
    s = _one("2026-11", "siam-team")
    assert s.currency == "THB"
    (section,) = s.sections
    (line,) = section.lines
    assert (line.revenue, line.landed, line.net) == (800, 280, 520)
    assert section.share == Decimal("260.00")
    assert s.fx["USD"] == 40


def test_json_keeps_decimals_as_text() -> None:
    data = json.loads(json.dumps(_one("2026-11").as_dict()))
    assert data["payable"] == "233198"
    assert data["sections"][0]["clawbacks"][0]["order_id"] == "O1"
    assert data["sections"][0]["lines"][0]["order_id"] == "O3"


def test_bad_period_and_unknown_partner() -> None:
    with pytest.raises(InputError, match="YYYY-MM"):
        _one("2026-13")
    with pytest.raises(InputError, match="unknown partner 'nobody'"):
        statements(PARTNERS, SUPPLY, ledger(), "2026-11", ["nobody"])


def test_clawback_off_keeps_the_share() -> None:
    rule = PARTNERS.partners[0].rules[0].model_copy(update={"clawback": False})
    partner = PARTNERS.partners[0].model_copy(update={"rules": [rule]})
    setup = PARTNERS.model_copy(update={"partners": [partner]})
    (s,) = statements(setup, SUPPLY, ledger(), "2026-11", ["nusa-live"])
    assert (s.share, s.clawback, s.payable) == (Decimal(250_000), Decimal(0), Decimal(250_000))
