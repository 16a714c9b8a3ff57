"""Reviews: TikTok-Shop-like CSV, Amazon-like TSV, JSON and JSON Lines exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from chuhai.records import Rejection, Voice
from tests.conftest import FIXTURES, Ingest

Voices = Callable[[str], list[Voice]]
Rejections = Callable[[str | None], list[Rejection]]


def test_tiktok_export(ingest: Ingest, voices: Voices, rejections: Rejections) -> None:
    report = ingest(
        FIXTURES / "reviews/tiktok_id.csv", "reviews", market="ID", mapping="tiktok-shop-reviews"
    )
    assert (report.counts.accepted, report.counts.quarantined) == (4, 3)
    stored = {v.source.source_id: v for v in voices("id")}
    assert set(stored) == {"R1", "R2", "R3", "R4"}
    first = stored["R1"]
    assert first.text == "Barangnya bagus banget, pengiriman cepat! 👍"
    assert first.time == datetime(2026, 10, 3, 7, 22, 10, tzinfo=UTC)  # 14:22 in Jakarta
    assert (first.rating, first.rating_max, first.sku, first.channel.value) == (
        5,
        5,
        "FN-300",
        "review",
    )
    assert first.metadata == {"order_id": "O1", "product_name": "Kipas Leher", "has_media": "No"}
    assert first.source.locator == "line 2"
    assert stored["R2"].text == "Lumayan adem\ntapi baterai cepat habis"
    assert stored["R2"].source.locator == "lines 3-4"
    assert stored["R4"].text == "" and stored["R4"].rating == 3  # a rating without words
    # the same buyer gets the same pseudonym, and no raw handle is stored
    assert stored["R1"].author == stored["R3"].author != stored["R2"].author
    assert all(v.author and v.author.startswith("p_") for v in stored.values())
    assert "budi" not in str([v.model_dump() for v in stored.values()])
    reasons = [(r.line, r.reason) for r in rejections("id")]
    assert reasons == [
        (7, "rating 7 is above the scale maximum 5"),
        (8, "time: invalid time '2026/13/05 10:00:00': expected %Y/%m/%d %H:%M:%S"),
        (9, "expected 9 fields, found 3"),
    ]


def test_amazon_tsv_translates_marketplaces(
    ingest: Ingest, voices: Voices, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "reviews/amazon_us.tsv", "reviews", mapping="amazon-reviews")
    assert report.counts.accepted == 2
    assert [v.source.source_id for v in voices("us")] == ["RA1"]
    gb = voices("gb")
    assert [(v.market, v.source.source_id) for v in gb] == [("GB", "RA2")]
    assert gb[0].text == "Too loud\nWay too loud on level 3."
    assert gb[0].metadata["title"] == "Too loud"
    assert gb[0].time == datetime(2026, 9, 30, 23, tzinfo=UTC)  # midnight in London (BST)
    [rejected] = rejections(None)
    assert rejected.reason == "market DE is not enabled (enabled: US, GB, ID, TH)"
    assert rejected.market is None  # kept in the intake store: no enabled zone for DE


def test_json_export_with_a_list_under_a_key(
    ingest: Ingest, voices: Voices, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "reviews/generic.json", "reviews")
    assert (report.counts.accepted, report.counts.quarantined) == (2, 2)
    stored = {v.source.source_id: v for v in voices("th")}
    assert stored["G2"].rating == 4.5
    assert stored["G2"].source.locator == "$.reviews[1]"
    assert [(r.locator, r.reason) for r in rejections("th")] == [
        ("$.reviews[2]", "time: invalid time 'yesterday': expected ISO 8601 or epoch"),
    ]
    assert [(r.locator, r.reason) for r in rejections("intake")] == [
        ("$.reviews[3]", "expected a JSON object")
    ]


def test_json_lines(ingest: Ingest, voices: Voices, rejections: Rejections) -> None:
    report = ingest(FIXTURES / "reviews/generic.jsonl", "reviews")
    assert (report.counts.accepted, report.counts.quarantined) == (2, 2)
    assert [v.source.locator for v in voices("us")] == ["line 1", "line 3"]
    assert [(r.line, r.reason.split(":")[0]) for r in rejections(None)] == [
        (4, "not JSON"),
        (5, "expected a JSON object"),
    ]


def test_reimport_adds_nothing(ingest: Ingest, voices: Voices, rejections: Rejections) -> None:
    path = FIXTURES / "reviews/tiktok_id.csv"
    first = ingest(path, "reviews", market="ID", mapping="tiktok-shop-reviews")
    again = ingest(path, "reviews", market="ID", mapping="tiktok-shop-reviews")
    assert first.counts.accepted == 4
    assert (again.counts.accepted, again.counts.duplicates, again.counts.quarantined) == (0, 4, 3)
    assert len(voices("id")) == 4
    assert len(rejections("id")) == 3  # the quarantine does not grow either


def test_same_review_in_a_renamed_copy_is_a_duplicate(tmp_path: Path, ingest: Ingest) -> None:
    copy = tmp_path / "export-2.csv"
    copy.write_bytes((FIXTURES / "reviews/tiktok_id.csv").read_bytes())
    ingest(
        FIXTURES / "reviews/tiktok_id.csv", "reviews", market="ID", mapping="tiktok-shop-reviews"
    )
    report = ingest(copy, "reviews", market="ID", mapping="tiktok-shop-reviews")
    assert (report.counts.accepted, report.counts.duplicates) == (0, 4)


def test_rows_without_source_ids_are_keyed_by_content(tmp_path: Path, ingest: Ingest) -> None:
    path = tmp_path / "noid.csv"
    path.write_text(
        "time,market,text\n2026-10-01T10:00:00Z,US,Great\n2026-10-01T10:00:00Z,US,Great\n"
        "2026-10-01T10:00:00Z,US,Different\n",
        encoding="utf-8",
    )
    first = ingest(path, "reviews")
    assert (first.counts.accepted, first.counts.duplicates) == (2, 1)
    assert ingest(path, "reviews").counts.duplicates == 3
