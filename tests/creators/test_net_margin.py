"""A creator's net margin, worked out by hand, through the real import (CSV -> connector ->
ID zone store) and the report.

Creator ``rina.review`` in ID (IDR, 0 decimals), commission 10%, 3 samples of FN-300.
Landed unit cost (given here, as supply would): FN-300 40,000 IDR; PB-400 65,000.40 IDR.

| line | sku x qty @ price        | status                       | GMV       | refund  | commission            | landed            |
|------|--------------------------|------------------------------|-----------|---------|-----------------------|-------------------|
| O1   | FN-300 x2 @149,000       | settled, direct              | 298,000   | 0       | 10% x 298,000 = 29,800| 2 x 40,000=80,000 |
| O2   | PB-400 x1 @219,000       | settled, attributed, reported| 219,000   | 0       | 26,280 (reported)     | 65,000.40         |
| O3   | FN-300 x1 @149,000       | refunded (buyer keeps it)    | 149,000   | 149,000 | 10% x 0 = 0           | 40,000            |
| O4   | FN-300 x2 @149,000       | returned, 2 units back       | 298,000   | 298,000 | 0                     | 0                 |
| O5   | PB-400 x1 @219,000       | cancelled                    | 0         | 0       | 0                     | 0                 |
| O6   | FN-300 x1 @149,000       | settled, partial refund      | 149,000   | 49,000  | 10% x 100,000 = 10,000| 40,000            |
| sum  |                          |                              | 1,113,000 | 496,000 | 66,080                | 225,000.40        |

net revenue = 1,113,000 - 496,000 = 617,000
net margin  = 617,000 - 66,080 - 225,000.40 = 325,919.60 -> IDR has no minor unit -> 325,920
margin rate = 325,920 / 617,000 = 0.5282; refund rate = 496,000 / 1,113,000 = 0.4456
orders = 5 (O5 cancelled), direct = 4 (O2 attributed)
sample cost = 3 x 40,000 = 120,000; sample ROI = (325,920 - 120,000) / 120,000 = 1.716 -> 1.72
clicks = 50 (video) + 30 (live) = 80; conversion = 5 / 80 = 0.0625
verdict: stop (refunds take 44.6% of GMV, at or above 30%), although the margin is positive.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from chuhai.creators import SupplyCosts, Verdict, creator_figures, creator_report, rank
from chuhai.pipeline import Pipeline
from chuhai.settings import Settings
from chuhai.voc.service import VocService
from tests.conftest import Ingest

COSTS = {("ID", "FN-300"): Decimal(40000), ("ID", "PB-400"): Decimal("65000.40")}

CREATORS = """handle,market,commission_rate,agency,samples_sent,sample_sku,followers
@Rina.Review,ID,10%,MCN Nusantara,3,FN-300,120000
"""
CONTENT = """content_id,creator,market,kind,posted_at,views,clicks,skus
V1,rina.review,ID,video,2026-11-02T19:00:00,5000,50,FN-300
L1,rina.review,ID,live,2026-11-03T20:00:00,2000,30,FN-300;PB-400
"""
ORDERS = """order_id,creator,content_id,content_kind,attribution,sku,market,quantity,unit_price,commission,status,refund_amount,returned_units,ordered_at,buyer_id
O1,rina.review,V1,video,direct,FN-300,ID,2,149000,,settled,,,2026-11-02T19:30:00,budi01
O2,rina.review,L1,live,attributed,PB-400,ID,1,219000,26280,settled,,,2026-11-03T20:10:00,sari02
O3,rina.review,V1,video,direct,FN-300,ID,1,149000,,refunded,,,2026-11-04T10:00:00,andi03
O4,rina.review,L1,live,direct,FN-300,ID,2,149000,,returned,298000,2,2026-11-04T11:00:00,dewi04
O5,rina.review,L1,live,direct,PB-400,ID,1,219000,,cancelled,,,2026-11-05T11:00:00,eka05
O6,rina.review,V1,video,direct,FN-300,ID,1,149000,,settled,49000,,2026-11-06T12:00:00,fajar06
O7,ghost,,,direct,FN-300,ID,-1,149000,,settled,,,2026-11-06T12:00:00,x
"""


class FixedCosts(SupplyCosts):
    def __init__(self) -> None:
        super().__init__(None)

    def unit_cost(self, market: str, sku: str) -> Decimal | None:
        return COSTS.get((market, sku))


def _import(tmp_path: Path, ingest: Ingest) -> None:
    for name, kind, text in (
        ("creators.csv", "creators", CREATORS),
        ("content.csv", "creator-content", CONTENT),
        ("orders.csv", "affiliate-orders", ORDERS),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        report = ingest(path, kind)
        assert report.status == "ok", report


def test_a_creators_net_margin_by_hand(tmp_path: Path, ingest: Ingest, settings: Settings) -> None:
    _import(tmp_path, ingest)
    with VocService(settings, reader="ID") as voc:
        report = creator_report(voc, FixedCosts(), markets=["ID"])
    (block,) = report.markets
    assert block.access == "local"
    (ranked,) = block.ranked
    f = ranked.figures
    assert (f.handle, f.currency, f.agency) == ("rina.review", "IDR", "MCN Nusantara")
    assert f.commission_rate == Decimal("0.1")
    assert f.gmv == Decimal(1113000)
    assert f.refunds == Decimal(496000)
    assert f.net_revenue == Decimal(617000)
    assert f.commission == Decimal(66080)
    assert f.landed_cost == Decimal(225000)  # 225,000.40 shown in whole rupiah
    assert f.net_margin == Decimal(325920)  # 325,919.60 rounded once, not per line
    assert f.margin_rate == Decimal("0.5282")
    assert f.refund_rate == Decimal("0.4456")
    assert (f.orders, f.direct_orders, f.units) == (5, 4, 7)
    assert f.sample_cost == Decimal(120000)
    assert f.sample_roi == Decimal("1.72")
    assert (f.videos, f.lives, f.views, f.clicks) == (1, 1, 7000, 80)
    assert f.conversion == Decimal("0.0625")
    assert ranked.verdict is Verdict.STOP
    assert [r.code for r in ranked.reasons] == ["refunds_high"]
    assert ranked.reasons[0].params["rate"] == "44.6%"


def test_the_bad_row_is_quarantined_with_its_reason(
    tmp_path: Path, ingest: Ingest, pipeline: Pipeline
) -> None:
    _import(tmp_path, ingest)
    rows = pipeline.router.store("id").rejections()
    assert [(r.rejection.line, r.rejection.connector) for r in rows] == [(8, "affiliate-orders")]
    assert "quantity" in rows[0].rejection.reason


def test_importing_the_same_exports_twice_adds_nothing(
    tmp_path: Path, ingest: Ingest, pipeline: Pipeline
) -> None:
    _import(tmp_path, ingest)
    _import(tmp_path, ingest)
    store = pipeline.router.store("id")
    assert (len(store.creators()), len(store.creator_content()), len(store.affiliate_orders())) == (
        1,
        2,
        6,
    )


def test_a_re_export_that_reports_a_refund_replaces_the_line(
    tmp_path: Path, ingest: Ingest, pipeline: Pipeline
) -> None:
    _import(tmp_path, ingest)
    path = tmp_path / "orders.csv"
    path.write_text(ORDERS.replace(",settled,,,2026-11-02", ",refunded,,,2026-11-02"), "utf-8")
    report = ingest(path, "affiliate-orders")
    assert (report.counts.updated, report.counts.accepted) == (1, 0)
    o1 = next(o for o in pipeline.router.store("id").affiliate_orders() if o.order_id == "O1")
    assert o1.refunded == Decimal(298000)


def test_commissions_per_order_line_for_the_partners_statements(
    tmp_path: Path, ingest: Ingest, pipeline: Pipeline
) -> None:
    _import(tmp_path, ingest)
    rows = pipeline.router.store("id").commissions(market="ID")
    assert {r.order_id: r.commission for r in rows} == {
        "O1": Decimal("29800.0"),
        "O2": Decimal("26280.0"),
        "O3": Decimal(0),
        "O4": Decimal(0),
        "O5": Decimal(0),
        "O6": Decimal("10000.0"),
    }


def test_thin_margins_are_renegotiated_with_the_rate_that_would_reach_the_target() -> None:
    """PB-400 x10 @219,000 = 2,190,000, commission 20% = 438,000, landed 10 x 150,000 =
    1,500,000: margin 252,000 = 11.5% < 15%. The rate leaving 15%: (2,190,000 - 1,500,000 -
    328,500) / 2,190,000 = 16.5%."""
    from datetime import UTC, datetime

    from chuhai.records import SourceRef
    from chuhai.records.creators import AffiliateOrder, Creator

    src = SourceRef(system="test")
    creator = Creator(id="c1", handle="ana", market="ID", zone="id",
                      commission_rate=Decimal("0.2"), currency="IDR", source=src)  # fmt: skip
    orders = [
        AffiliateOrder(
            id=f"o{i}",
            order_id=f"O{i}",
            creator_id="c1",
            sku="PB-400",
            market="ID",
            zone="id",
            quantity=1,
            unit_price=Decimal(219000),
            currency="IDR",
            time=datetime(2026, 11, 1, tzinfo=UTC),
            source=src,
        )
        for i in range(10)
    ]
    figures = creator_figures([creator], orders, unit_cost=lambda m, s: Decimal(150000))
    (ranked,) = rank(figures)
    assert ranked.figures.net_margin == Decimal(252000)
    assert ranked.verdict is Verdict.RENEGOTIATE
    (reason,) = ranked.reasons
    assert reason.code == "margin_thin"
    assert reason.params == {"margin": "11.5%", "target": "15.0%", "rate": "20.0%",
                             "suggested": "16.5%"}  # fmt: skip
