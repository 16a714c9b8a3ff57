"""Refunds and order lines in the zone stores, and the same hand-worked statement read from
them (orders, refunds and creators' commissions as imported)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from chuhai.errors import StoreError
from chuhai.partners.ledger import StoreLedger
from chuhai.partners.service import statements
from chuhai.records import Order, SourceRef
from chuhai.records.creators import AffiliateOrder, Creator
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from tests.partners.cases import PARTNERS, SUPPLY, at, ledger, refund


def _store_orders() -> list[Order]:
    return [
        Order(
            id=f"line-{o.id}",
            sku=o.sku,
            market=o.market,
            zone=o.zone,
            quantity=o.quantity,
            unit_price=o.unit_price,
            currency=o.currency,
            time=o.time,
            buyer="p_buyer",
            source=SourceRef(system="tiktok_shop", source_id=o.id),
        )
        for o in ledger().orders
    ]


def test_refunds_round_trip_and_refuse_other_zones(settings: Settings) -> None:
    with ZoneRouter(settings) as router:
        store = router.store("id")
        r1, r2 = refund("R1", "O1", "2026-11-08", 300_000), refund("R2", "O4", "2026-11-15", 1)
        assert store.add_refunds([r1, r2]).inserted == 2
        assert store.add_refunds([r1]).duplicates == 1
        assert store.refunds(start=at("2026-11-10"), end=at("2026-12-01")) == [r2]
        assert store.refunds(order_ids=["O1"]) == [r1]
        foreign = r1.model_copy(update={"zone": "th", "id": "R9"})
        with pytest.raises(StoreError, match="refused"):
            store.add_refunds([foreign])


def test_order_lines_carry_no_buyer(settings: Settings) -> None:
    with ZoneRouter(settings) as router:
        store = router.store("id")
        store.add_orders([o for o in _store_orders() if o.market == "ID"])
        (line,) = store.order_lines(ids=["O1"])  # by the platform's order id
        assert (line.id, line.ref, line.quantity) == ("line-O1", "O1", 10)
        assert "buyer" not in line.model_dump()
        assert [o.ref for o in store.order_lines(start=at("2026-11-01"), end=at("2026-12-01"))] == [
            "O3",
            "O4",
        ]


def test_statement_from_the_stores(settings: Settings) -> None:
    """The November statement of test_statement.py, from stored orders, refunds and the
    creators' attributed orders (commission as reported)."""
    src = SourceRef(system="tiktok_shop")
    creator = Creator.model_validate(
        {
            "id": "cr_ayu",
            "handle": "ayu",
            "platform": "tiktok_shop",
            "market": "ID",
            "zone": "id",
            "commission_rate": "0.10",
            "currency": "IDR",
            "source": src,
        }
    )
    attributed = [
        AffiliateOrder.model_validate(
            {
                "id": f"a-{oid}",
                "order_id": oid,
                "creator_id": "cr_ayu",
                "sku": "FN-300",
                "market": "ID",
                "zone": "id",
                "quantity": q,
                "unit_price": "150000",
                "currency": "IDR",
                "commission": str(c),
                "time": at(day),
                "source": src,
            }
        )
        for oid, q, c, day in (("O1", 10, 150_000, "2026-10-10"), ("O3", 30, 450_000, "2026-11-05"))
    ]
    with ZoneRouter(settings) as router:
        for zone in ("id", "th"):
            router.store(zone).add_orders([o for o in _store_orders() if o.zone == zone])
        router.store("id").add_refunds(ledger().refund_list)
        router.store("id").add_creator_records([creator, *attributed])
        (s,) = statements(PARTNERS, SUPPLY, StoreLedger(router), "2026-11", ["nusa-live"])
    (section,) = s.sections
    assert [(x.order_ref, x.commission, x.net) for x in section.lines] == [
        ("O3", Decimal(450_000), Decimal(1_975_000)),
        ("O4", Decimal(0), Decimal(1_473_500)),
    ]
    assert [(c.refund_id, c.clawback) for c in section.clawbacks] == [("R1", Decimal(16_802))]
    assert (s.share, s.clawback, s.payable) == (Decimal(250_000), Decimal(16_802), Decimal(233_198))
