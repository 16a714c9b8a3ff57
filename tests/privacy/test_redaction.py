"""Redaction modes, the redact privacy stage in the real pipeline, the identifier set, and
``chuhai privacy scan``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.connectors import IngestOptions
from chuhai.pipeline import Pipeline
from chuhai.privacy.pii import PiiScanner, Redactor
from chuhai.privacy.pseudonym import Pseudonymizer
from chuhai_tools.evaluation.pii import evaluate_identifiers
from tests.conftest import make_settings

TEXT = "wa aku 0812-3456-7890 ya kak, email dewi@mail.example"


def _redact(mode: str, text: str = TEXT, secret: bytes = b"k" * 32) -> str:
    entities = PiiScanner().scan(text, "ID")
    return Redactor(mode, Pseudonymizer(secret)).redact(text, entities)  # type: ignore[arg-type]


def test_mask() -> None:
    assert _redact("mask") == "wa aku [PHONE] ya kak, email [EMAIL]"


def test_drop_leaves_no_marker() -> None:
    assert _redact("drop") == "wa aku ya kak, email "


def test_pseudonyms_link_the_same_value_and_differ_by_zone_secret() -> None:
    one = _redact("pseudonym")
    again = _redact("pseudonym", "call 0812 3456 7890 please")  # same number, other spacing
    other_zone = _redact("pseudonym", secret=b"z" * 32)
    token = one.split()[2]
    assert token.startswith("[PHONE:p_") and token in again
    assert token not in other_zone
    assert "0812" not in one and "dewi" not in one


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown redaction mode"):
        Redactor("blur")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs the zone's pseudonymizer"):
        Redactor("pseudonym")


def test_identifier_set_recall_and_no_invalid_ids() -> None:
    total = evaluate_identifiers()[-1]
    assert total["identifier"] == "all markets"
    assert total["recall"] >= 0.95
    assert total["invalid reported as an ID"] == 0
    assert total["invalid"] >= 30


def test_stage_redacts_before_storage_and_enrichment(tmp_path: Path) -> None:
    chat = tmp_path / "chat.jsonl"
    chat.write_text(
        json.dumps({"id": "c1", "room": "r", "time": "2026-11-08T20:00:05+07:00",
                    "user": "nok", "text": "เบอร์ 081 234 5678 ค่ะ ราคาเท่าไหร่"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )  # fmt: skip
    settings = make_settings(tmp_path, pipeline={"privacy": "redact", "enrich": ["passthrough"]})
    with Pipeline(settings) as pipeline:
        pipeline.ingest([chat], kind="live", options=IngestOptions(market="TH"))
        (voice,) = pipeline.router.store("th").voices()
    assert "081" not in voice.text and "[PHONE:p_" in voice.text
    assert voice.metadata["pii"] == "PHONE=1"


def test_scan_cli_json_one_object_per_line() -> None:
    lines = ["NIK saya 3171011505901234", "tidak ada"]
    result = CliRunner().invoke(
        app, ["privacy", "scan", "-m", "ID", "--json", "--redact", "mask", "-"],
        input="\n".join(lines) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["entities"] == [
        {"type": "NATIONAL_ID", "start": 9, "end": 25, "score": 0.85, "kind": "ID_NIK"}
    ]
    assert first["redacted"] == "NIK saya [NATIONAL_ID]"
    assert second == {"text": "tidak ada", "entities": [], "redacted": "tidak ada"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["privacy", "scan", "--redact", "blur", "x"], "Invalid value for '--redact'"),
        (["privacy", "scan", "--redact", "pseudonym", "x"], "needs --market"),
        (["privacy", "scan", "-m", "Atlantis", "x"], "unknown market"),
    ],
)
def test_scan_cli_bad_input(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
