from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chuhai.pipeline import Pipeline
from chuhai.records import Rejection
from tests.conftest import FIXTURES, Ingest

Rejections = Callable[[str | None], list[Rejection]]


def test_yaml_catalog_goes_to_every_zone_it_is_sold_in(
    ingest: Ingest, pipeline: Pipeline, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "catalog/products.yaml")
    assert report.kind == "products"
    assert report.by_zone["us"].accepted == 2  # FN-300 and MH-600
    assert report.by_zone["id"].accepted == 1
    assert "gb" not in report.by_zone  # FN-300 is not sold in GB
    [fan] = pipeline.router.store("th").products()
    assert fan.names["th"] == "พัดลมคล้องคอ"
    assert fan.attributes == {"battery_mah": 4000, "speeds": [1, 2, 3]}
    assert [(k.language, k.question) for k in fan.knowledge] == [
        ("en", "How long does the battery last?"),
        ("id", "Bisa COD?"),
    ]
    assert [(r.line, r.locator, r.reason.split(" (")[0]) for r in rejections("intake")] == [
        (14, "products[2]", "sku: String should match pattern '^[^\\s]+$'"),
        (16, "products[3]", "sold in no enabled market"),
    ]


def test_changed_catalog_updates_products_and_their_faq(
    tmp_path: Path, ingest: Ingest, pipeline: Pipeline
) -> None:
    ingest(FIXTURES / "catalog/products.yaml")
    changed = tmp_path / "products.yaml"
    changed.write_text(
        (FIXTURES / "catalog/products.yaml")
        .read_text(encoding="utf-8")
        .replace('a: "Up to 12 hours."', 'a: "Up to 14 hours."')
        .replace('      - {lang: id, q: "Bisa COD?", a: "Bisa kak."}\n', ""),
        encoding="utf-8",
    )
    report = ingest(changed)
    assert report.by_zone["us"].updated == 1 and report.by_zone["us"].duplicates == 1
    [fan] = [p for p in pipeline.router.store("us").products() if p.sku == "FN-300"]
    assert [(k.language, k.answer) for k in fan.knowledge] == [("en", "Up to 14 hours.")]


def test_json_catalog(ingest: Ingest, pipeline: Pipeline) -> None:
    report = ingest(FIXTURES / "catalog/products.json", "products")
    assert report.counts.accepted == 1
    [powerbank] = pipeline.router.store("id").products()
    assert powerbank.knowledge[0].question == "Bisa dibawa ke pesawat?"
