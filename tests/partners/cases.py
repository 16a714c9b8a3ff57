"""The hand-worked case the partner tests share: an Indonesian agency paid in IDR, landed
cost in USD from a small supply setup, October and November 2026."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from chuhai.partners.ledger import Commission, MemoryLedger
from chuhai.records import SourceRef
from chuhai.records.partners import OrderLine, PartnersSetup, Refund
from chuhai.supply.setup import SupplySetup

SRC = SourceRef(system="test")

SUPPLY = SupplySetup.model_validate(
    {
        "currency": "USD",
        "fx": {"IDR": 0.0000625, "THB": 0.025},  # 1 USD = 16,000 IDR = 40 THB
        "modes": [{"name": "sea", "lead_weeks": 5, "cost_per_unit": 0.5}],
        "factories": [{"name": "ningbo", "country": "CN", "modes": ["sea"]}],
        "skus": [{"sku": "FN-300", "factory": "ningbo", "unit_cost": 3.0}],
        "warehouses": [{"name": "jkt", "market": "ID", "capacity_units": 5000}],
        "tariffs": [{"market": "ID", "duty_rate": 0.10}, {"market": "TH", "duty_rate": 0.0}],
    }
)

PARTNERS = PartnersSetup.model_validate(
    {
        "rounding": "half_up",
        "partners": [
            {
                "id": "nusa-live",
                "name": "Nusa Live Agency",
                "name_zh": "努萨直播机构",
                "kind": "agency",
                "markets": ["ID"],
                "rules": [
                    {
                        "from": "2026-01",
                        "threshold": 1_000_000,
                        "tiers": [{"above": 0, "rate": 0.10}, {"above": 2_000_000, "rate": 0.20}],
                        "cap": 250_000,
                        "clawback": True,
                        "clawback_months": 3,
                        "fees": {"platform_rate": 0.05, "per_line": 2_000},
                    }
                ],
            },
            {
                "id": "siam-team",
                "name": "Siam local team",
                "kind": "local_team",
                "markets": ["TH"],
                "rules": [{"from": "2026-01", "tiers": [{"above": 0, "rate": 0.5}]}],
            },
        ],
    }
)


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T05:00:00").replace(tzinfo=UTC)  # 12:00 in Jakarta


def order(oid: str, day: str, qty: int, price: float = 150_000, market: str = "ID") -> OrderLine:
    currency = {"ID": "IDR", "TH": "THB"}[market]
    return OrderLine(
        id=oid,
        sku="FN-300",
        market=market,
        zone=market.lower(),
        quantity=qty,
        unit_price=price,
        currency=currency,
        time=at(day),
    )


def refund(rid: str, oid: str, day: str, amount: float, kind: str = "refund") -> Refund:
    return Refund.model_validate(
        {
            "id": rid,
            "order_id": oid,
            "market": "ID",
            "zone": "id",
            "kind": kind,
            "amount": amount,
            "currency": "IDR",
            "time": at(day),
            "source": SRC,
        }
    )


def ledger() -> MemoryLedger:
    return MemoryLedger(
        orders=[
            order("O0", "2026-07-15", 5),
            order("O1", "2026-10-10", 10),
            order("O2", "2026-10-20", 20),
            order("O3", "2026-11-05", 30),
            order("O4", "2026-11-12", 20),
            order("T1", "2026-11-12", 2, price=400, market="TH"),
        ],
        refund_list=[
            refund("R1", "O1", "2026-11-08", 300_000, kind="return"),  # October's: clawed back
            refund("R2", "O4", "2026-11-15", 150_000),  # November's own: nets its revenue
            refund("R3", "O0", "2026-11-20", 150_000),  # July's: beyond 3 months, kept
            refund("R4", "O3", "2026-12-02", 150_000),  # December's clawback
        ],
        commission_list=[
            Commission("O1", "FN-300", "cr_ayu", Decimal(150_000), "IDR"),
            Commission("O3", "FN-300", "cr_ayu", Decimal(450_000), "IDR"),
        ],
    )
