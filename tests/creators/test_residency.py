"""Creators are personal data of their market's zone, like buyers: stored only in that zone,
refused by every other zone's store, shown outside the zone only through a transfer basis
(audited) or as market totals over at least k creators, never to a team of another market,
and found and erased by a data-subject request on their handle."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from chuhai.creators import SupplyCosts, creator_report
from chuhai.errors import AccessError, ResidencyError
from chuhai.governance.subjects import SubjectRequests
from chuhai.pipeline import Pipeline
from chuhai.records import SourceRef
from chuhai.records.creators import Creator, creator_id
from chuhai.settings import Settings
from chuhai.voc.service import VocService
from tests.conftest import make_settings

HANDLES = ["kak.rina", "mas.budi", "dewi.glow"]


def _settings(root: Path, *, basis: bool = False, k: int = 3) -> Settings:
    transfers = [{"from": "ID", "to": "CN", "mechanism": "scc"}] if basis else []
    return make_settings(
        root,
        markets=["US", "ID", "TH"],
        compliance={"headquarters": "CN", "transfers": transfers, "k_anonymity": k},
    )


def _import(settings: Settings, root: Path, handles: list[str] = HANDLES) -> None:
    creators = root / "creators.csv"
    creators.write_text(
        "handle,market,commission_rate\n" + "".join(f"{h},ID,12%\n" for h in handles), "utf-8"
    )
    orders = root / "orders.csv"
    orders.write_text(
        "order_id,creator,sku,market,quantity,unit_price,ordered_at,buyer_id\n"
        + "".join(
            f"O{i},{h},FN-300,ID,1,149000,2026-11-0{i + 1}T10:00:00,buyer{i}\n"
            for i, h in enumerate(handles)
        ),
        "utf-8",
    )
    with Pipeline(settings) as pipeline:
        pipeline.ingest([creators], kind="creators")
        pipeline.ingest([orders], kind="affiliate-orders")


def test_creators_are_stored_in_their_markets_zone_only(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _import(settings, tmp_path)
    with Pipeline(settings) as pipeline:
        router = pipeline.router
        assert [c.handle for c in router.store("id").creators()] == sorted(HANDLES)
        assert len(router.store("id").affiliate_orders()) == 3
        for zone in ("us", "th"):
            store = router.store(zone)
            assert (store.creators(), store.affiliate_orders()) == ([], [])
    # the bytes of the other zones' files hold no handle; the ID zone's file does (control)
    zones = tmp_path / "data" / "zones"
    assert b"kak.rina" in (zones / "id.duckdb").read_bytes()
    for zone in ("us", "th"):
        path = zones / f"{zone}.duckdb"
        assert path.exists()
        assert b"kak.rina" not in path.read_bytes()


def test_a_zone_store_refuses_another_markets_creator(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    creator = Creator(
        id=creator_id("tiktok_shop", "ID", "kak.rina"), handle="kak.rina", market="ID",
        zone="id", commission_rate=Decimal("0.1"), currency="IDR",
        source=SourceRef(system="test"),
    )  # fmt: skip
    with Pipeline(settings) as pipeline:
        with pytest.raises(ResidencyError):
            pipeline.router.store("th").add_creator_records([creator])
        relabelled = creator.model_copy(update={"zone": "th"})  # the zone says th, market ID
        with pytest.raises(ResidencyError):
            pipeline.router.store("th").add_creator_records([relabelled])
        assert pipeline.router.store("th").creators() == []


def test_headquarters_without_a_basis_sees_market_totals_only(tmp_path: Path) -> None:
    settings = _settings(tmp_path, k=3)
    _import(settings, tmp_path)
    with VocService(settings, reader="CN") as voc:
        report = creator_report(voc, SupplyCosts(None), markets=["ID"])
    (block,) = report.markets
    assert block.access == "aggregate"
    assert block.ranked == [] and report.ranked == []
    assert block.totals is not None and block.totals["gmv"] == "447000"
    text = json.dumps(report.as_dict())
    assert not any(h in text for h in HANDLES)
    audit = (tmp_path / "data" / "audit").glob("*.jsonl")
    lines = [json.loads(line) for path in audit for line in path.read_text().splitlines()]
    released = [e for e in lines if e.get("event") == "cross_zone_aggregate"]
    assert [(e["zone"], e["what"], e["creators"]) for e in released] == [("id", "market totals", 3)]


def test_fewer_than_k_creators_leave_not_even_totals(tmp_path: Path) -> None:
    settings = _settings(tmp_path, k=5)
    _import(settings, tmp_path)
    with VocService(settings, reader="CN") as voc:
        (block,) = creator_report(voc, SupplyCosts(None), markets=["ID"]).markets
    assert (block.access, block.creators, block.totals) == ("aggregate", 3, None)


def test_a_transfer_basis_lets_headquarters_see_creators_and_is_audited(tmp_path: Path) -> None:
    settings = _settings(tmp_path, basis=True)
    _import(settings, tmp_path)
    with VocService(settings, reader="CN") as voc:
        report = creator_report(voc, SupplyCosts(None), markets=["ID"])
    assert report.markets[0].access == "basis"
    assert sorted(r.figures.handle for r in report.ranked) == sorted(HANDLES)
    audit = "".join(p.read_text() for p in (tmp_path / "data" / "audit").glob("*.jsonl"))
    assert "creators of ID" in audit


def test_a_team_of_another_market_cannot_ask_for_them(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _import(settings, tmp_path)
    with VocService(settings, reader="TH", markets=["TH"]) as voc:
        with pytest.raises(AccessError):
            creator_report(voc, SupplyCosts(None), markets=["ID"])
        assert [b.market for b in creator_report(voc, SupplyCosts(None)).markets] == ["TH"]


def test_a_subject_request_finds_and_erases_a_creator_by_handle(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _import(settings, tmp_path)
    with Pipeline(settings) as pipeline:
        requests = SubjectRequests(settings, pipeline.router)
        found = requests.find("id", "@Kak.Rina")
        assert [r["handle"] for r in found.creators["creators"]] == ["kak.rina"]
        assert [r["order_id"] for r in found.creators["affiliate_orders"]] == ["O0"]
        out = tmp_path / "export.json"
        requests.export("id", "kak.rina", out, requested_by="dpo")
        assert json.loads(out.read_text())["creators"]["creators"][0]["handle"] == "kak.rina"
        deleted = requests.erase("id", "kak.rina", requested_by="dpo")
        assert (deleted["creators"], deleted["affiliate_orders"]) == (1, 1)
        store = pipeline.router.store("id")
        assert sorted(c.handle for c in store.creators()) == ["dewi.glow", "mas.budi"]
        assert [o.order_id for o in store.affiliate_orders()] == ["O1", "O2"]


def test_a_buyers_erasure_takes_their_attributed_order_lines(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _import(settings, tmp_path)
    with Pipeline(settings) as pipeline:
        deleted = SubjectRequests(settings, pipeline.router).erase(
            "id", "buyer1", requested_by="dpo"
        )
        assert deleted["affiliate_orders"] == 1
        assert len(pipeline.router.store("id").creators()) == 3  # the creator stays


def test_the_retention_purge_drops_old_attributed_orders(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _import(settings, tmp_path)
    with Pipeline(settings) as pipeline:
        counts = pipeline.router.store("id").purge_before({"ID": datetime(2026, 11, 3, tzinfo=UTC)})
        assert counts["affiliate_orders"] == 2
        assert [o.order_id for o in pipeline.router.store("id").affiliate_orders()] == ["O2"]
