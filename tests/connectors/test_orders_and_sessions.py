from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chuhai.pipeline import Pipeline
from chuhai.records import Rejection
from tests.conftest import FIXTURES, Ingest

Rejections = Callable[[str | None], list[Rejection]]


def test_orders(ingest: Ingest, pipeline: Pipeline, rejections: Rejections) -> None:
    report = ingest(FIXTURES / "orders/orders.csv", "orders")
    assert (report.counts.accepted, report.counts.quarantined) == (3, 3)
    id_orders = sorted(pipeline.router.store("id").orders(), key=lambda o: o.sku)
    assert [(o.sku, o.quantity, o.unit_price, o.currency, o.session_id) for o in id_orders] == [
        ("FN-300", 2, 149000.0, "IDR", "ID-LIVE-01"),  # "149.000" is Indonesian thousands
        ("PB-400", 1, 219000.0, "IDR", "ID-LIVE-01"),
    ]
    [us] = pipeline.router.store("us").orders()
    assert us.currency == "USD"  # the market's currency when the export leaves it empty
    assert id_orders[0].buyer == id_orders[1].buyer and id_orders[0].buyer != "budi"
    assert [r.reason.split(" (")[0] for r in rejections("th")] == [
        "quantity: Input should be greater than 0",
        "not a whole number: '1.5'",
        "currency: String should match pattern '^[A-Z]{3}$'",
    ]


def test_sessions_and_their_updates(
    tmp_path: Path, ingest: Ingest, pipeline: Pipeline, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "sessions/sessions.csv", "sessions")
    assert (report.counts.accepted, report.counts.quarantined) == (2, 1)
    [th] = pipeline.router.store("th").sessions()
    assert (th.id, th.room, th.host, th.products) == (
        "TH-LIVE-01",
        "lumio.th",
        "พี่แนน",
        ["FN-300", "LB-100"],
    )
    assert [r.reason for r in rejections("us")] == ["session ends before it starts"]
    changed = tmp_path / "sessions.csv"
    changed.write_text(
        (FIXTURES / "sessions/sessions.csv")
        .read_text(encoding="utf-8")
        .replace("FN-300;LB-100", "LB-100"),
        encoding="utf-8",
    )
    again = ingest(changed, "sessions")
    assert (again.counts.accepted, again.counts.updated, again.counts.duplicates) == (0, 1, 1)
    assert pipeline.router.store("th").sessions()[0].products == ["LB-100"]
