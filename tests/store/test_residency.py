"""Each record is written to the zone of its market and nowhere else: checked in the files."""

from __future__ import annotations

from pathlib import Path

import duckdb

from chuhai.connectors import IngestOptions
from chuhai.pipeline import Pipeline
from tests.conftest import make_settings

ROWS = [
    ("R1", "ID", "Barangnya bagus"),
    ("R2", "TH", "ของดีมาก"),
    ("R3", "US", "Great fan"),
    ("R4", "ID", "Pengiriman cepat"),
    ("R5", "FR", "Très bien"),
    ("R6", "DE", "Sehr gut"),
]


def write_reviews(path: Path) -> None:
    lines = ["id,time,market,sku,author,rating,text"]
    lines += [f"{rid},2026-10-01T10:00:00Z,{m},FN-300,a{rid},5,{text}" for rid, m, text in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def markets_in(path: Path) -> dict[str, set[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            table: {row[0] for row in con.execute(f"SELECT market FROM {table}").fetchall()}
            for table in ("voices", "quarantine")
        }
    finally:
        con.close()


def test_indonesian_records_are_stored_only_in_the_id_zone_file(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, markets=["US", "ID", "TH", "EU"], zones={"eu": {"markets": ["EU"]}}
    )
    source = tmp_path / "reviews.csv"
    write_reviews(source)
    with Pipeline(settings) as pipeline:
        report = pipeline.ingest([source], kind="reviews", options=IngestOptions())
    assert report.totals.accepted == 6
    files = sorted((tmp_path / "data" / "zones").glob("*.duckdb"))
    assert [f.name for f in files] == ["eu.duckdb", "id.duckdb", "th.duckdb", "us.duckdb"]
    stored = {f.stem: markets_in(f)["voices"] for f in files}
    assert stored == {"eu": {"FR", "DE"}, "id": {"ID"}, "th": {"TH"}, "us": {"US"}}
    # and the raw text of an Indonesian review appears in no other zone's file
    for f in files:
        content = f.read_bytes()
        assert (b"Barangnya bagus" in content) == (f.stem == "id")


def test_a_row_of_a_foreign_market_is_not_quarantined_in_the_default_zone(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    source = tmp_path / "mixed.csv"
    source.write_text(
        "id,time,market,text\nM1,2026-10-01T00:00:00Z,,kosong market\n"
        "M2,2026-10-01T00:00:00Z,DE,Kunde\n",
        encoding="utf-8",
    )
    with Pipeline(settings) as pipeline:
        pipeline.ingest([source], kind="reviews", options=IngestOptions(market="ID"))
    data = tmp_path / "data"
    assert markets_in(data / "zones" / "id.duckdb")["voices"] == {"ID"}
    assert markets_in(data / "intake.duckdb")["quarantine"] == {None}
    # the same scan finds the row where it belongs (so its absence from ID means something)
    assert b"Kunde" in (data / "intake.duckdb").read_bytes()
    assert b"Kunde" not in (data / "zones" / "id.duckdb").read_bytes()


def test_rejected_rows_stay_in_their_zone_too(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    source = tmp_path / "bad.csv"
    source.write_text(
        "id,time,market,text\nB1,not-a-time,ID,rahasia pelanggan\nB2,2026-10-01T00:00:00Z,ZZ,unknown market\n",
        encoding="utf-8",
    )
    with Pipeline(settings) as pipeline:
        pipeline.ingest([source], kind="reviews")
    data = tmp_path / "data"
    assert markets_in(data / "zones" / "id.duckdb")["quarantine"] == {"ID"}
    assert markets_in(data / "intake.duckdb")["quarantine"] == {None}
    # the same scan finds the row where it belongs (so its absence from intake means something)
    assert b"rahasia pelanggan" in (data / "zones" / "id.duckdb").read_bytes()
    assert b"rahasia pelanggan" not in (data / "intake.duckdb").read_bytes()
