"""The multilingual enrich stage inside the pipeline: every voice is annotated on import, the
annotations are stored beside it in its own zone and read back with it."""

from __future__ import annotations

from pathlib import Path

import duckdb

from chuhai.connectors import IngestOptions
from chuhai.pipeline import Pipeline
from tests.conftest import FIXTURES, make_settings


def test_imported_voices_carry_annotations_in_their_zone(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with Pipeline(settings) as pipeline:
        for zone in pipeline.router.zones:  # every zone has a store, as after `chuhai migrate`
            pipeline.router.store(zone).migrate()
        pipeline.ingest(
            [FIXTURES / "reviews/tiktok_id.csv"],
            kind="reviews",
            options=IngestOptions(market="ID", mapping="tiktok-shop-reviews"),
        )
        voices = pipeline.router.store("id").voices()
    assert voices
    for voice in voices:
        assert voice.annotations is not None
        assert voice.language == voice.annotations.language.code or voice.language != "und"
    first = next(v for v in voices if v.source.source_id == "R1")
    assert first.annotations is not None
    assert first.annotations.sentiment.label == "pos"
    assert {"quality", "shipping"} <= {a.aspect for a in first.annotations.aspects}
    # Stored in the Indonesian zone's own file, and nowhere else.
    with duckdb.connect(str(tmp_path / "data/zones/id.duckdb"), read_only=True) as db:
        (annotated,) = db.execute("SELECT count(*) FROM voice_annotations").fetchone() or (0,)
        markets = {m for (m,) in db.execute("SELECT DISTINCT market FROM voice_aspects").fetchall()}
    assert annotated == len(voices)
    assert markets == {"ID"}
    for zone in ("us", "th"):
        path = tmp_path / f"data/zones/{zone}.duckdb"
        assert path.is_file()  # created above: that it holds no annotation means something
        with duckdb.connect(str(path), read_only=True) as db:
            assert db.execute("SELECT count(*) FROM voice_annotations").fetchone() == (0,)


def test_reimport_keeps_one_annotation_per_voice(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    for _ in range(2):
        with Pipeline(settings) as pipeline:
            pipeline.ingest(
                [FIXTURES / "reviews/tiktok_id.csv"],
                kind="reviews",
                options=IngestOptions(market="ID", mapping="tiktok-shop-reviews"),
            )
    with duckdb.connect(str(tmp_path / "data/zones/id.duckdb"), read_only=True) as db:
        voices = db.execute("SELECT count(*) FROM voices").fetchone()
        annotations = db.execute("SELECT count(*) FROM voice_annotations").fetchone()
    assert voices == annotations
