"""``chuhai ingest``: rows a bad file costs are counted as quarantined, never swallowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app

runner = CliRunner()

ROW = "{n},2026-10-01T10:00:00Z,US,FN-300,u{n},5,{text}\n"
UNCLOSED = "id,time,market,sku,author,rating,text\n" + "".join(
    ROW.format(n=n, text='"Good fan' if n == 1 else "ok") for n in (1, 2, 3)
)
DEEP = (
    '{"id": "e1", "room": "r", "time": "2026-11-08T20:00:05+07:00", "text": "hi", "market": "US"}\n'
    + '{"a": ' * 5000
    + "1"
    + "}" * 5000
    + "\n"
    + '{"id": "e3", "room": "r", "time": "2026-11-08T20:00:05+07:00", "text": "yo", "market": "US"}\n'
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text('data_dir = "data"\nmarkets = ["US"]\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "kind", "body"),
    [("unclosed.csv", "reviews", UNCLOSED), ("deep.jsonl", "live", DEEP)],
)
def test_the_report_counts_what_a_bad_line_cost(
    tmp_path: Path, config: Path, name: str, kind: str, body: str
) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    args = ["--config", str(config), "ingest", str(path), "--kind", kind]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["accepted"], report["quarantined"]) == (2, 1)
    assert report["files"][0]["status"] == "ok"
    result = runner.invoke(app, args)  # the table for people: the count, and where to look
    assert result.exit_code == 0
    assert "1 row(s) quarantined" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
