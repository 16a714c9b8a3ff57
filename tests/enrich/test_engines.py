"""``chuhai enrich`` over stored voices: in process and on a local Ray cluster the same
annotations land in the zone store, languages are filled in, and a second run adds nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.enrich.engines import InProcessEngine, RayEngine, enrich_stores
from chuhai.errors import InputError
from chuhai.records import Channel, SourceRef, Voice
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from tests.conftest import make_settings

TEXTS = [
    "barangnya bagus banget, baterai awet",
    "pengiriman lama sekali, kecewa",
    "harga berapa kak untuk yang biru?",
    "produk rusak, minta refund",
    "mantap, sesuai deskripsi",
]


def _settings(tmp_path: Path) -> Settings:
    settings = make_settings(tmp_path, markets=["ID"],
                             pipeline={"privacy": "passthrough", "enrich": ["passthrough"]})  # fmt: skip
    when = datetime(2026, 11, 2, 12, tzinfo=UTC)
    voices = [
        Voice(
            id=f"v{n:03d}",
            channel=Channel.REVIEW,
            market="ID",
            zone="id",
            language="und",
            time=when + timedelta(hours=n),
            text=TEXTS[n % len(TEXTS)],
            source=SourceRef(system="test"),
        )
        for n in range(40)
    ]
    with ZoneRouter(settings) as router:
        router.store("id").add_voices(voices)
    return settings


def _annotations(settings: Settings) -> dict[str, tuple[str, str, str]]:
    with ZoneRouter(settings) as router:
        return {
            v.id: (v.language, v.annotations.sentiment.label, v.annotations.intent.label)
            for v in router.store("id").voices()
            if v.annotations is not None
        }


def test_in_process_and_ray_give_the_same_annotations(tmp_path: Path) -> None:
    results = {}
    for name in ("inprocess", "ray"):
        settings = _settings(tmp_path / name)
        enriching = settings.model_copy(
            update={"pipeline": settings.pipeline.model_copy(update={"enrich": ["multilingual"]})}
        )
        engine = (RayEngine(enriching, workers=2) if name == "ray"
                  else InProcessEngine(enriching))  # fmt: skip
        try:
            with ZoneRouter(settings) as router:
                stores = {"id": router.store("id")}
                run = enrich_stores(stores, engine, batch_size=7)
                again = enrich_stores(stores, engine, batch_size=7)
        finally:
            engine.close()
        assert (run.voices, run.by_zone, again.voices) == (40, {"id": 40}, 0)
        results[name] = _annotations(settings)
    assert len(results["ray"]) == 40
    assert results["ray"] == results["inprocess"]
    assert {lang for lang, _, _ in results["ray"].values()} == {"id"}  # "und" filled in


def test_passthrough_stage_is_refused(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    with pytest.raises(InputError, match="passthrough"):
        list(InProcessEngine(settings).run([[]]))


def test_cli_enrich_json(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{settings.data_dir}"\nmarkets = ["ID"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["-c", str(config), "enrich", "--limit", "10", "--json"])
    assert result.exit_code == 0, result.stderr
    body = json.loads(result.stdout)
    assert (body["engine"], body["voices"], body["by_zone"]) == ("inprocess", 10, {"id": 10})
    bad = CliRunner().invoke(app, ["-c", str(config), "enrich", "--engine", "spark"])
    assert bad.exit_code == 2 and "Invalid value for '--engine'" in bad.stderr
