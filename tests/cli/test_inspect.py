"""``chuhai quarantine`` right after an import: rows it may not show are counted, and the
message says how to read them (where the reader sits, or a transfer basis)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app

runner = CliRunner()
ROWS = (
    '{"id": "A1", "time": "2026-10-01T10:00:00Z", "market": "TH", "rating": 5, "text": "ok"}\n'
    '{"id": "A2", "time": "not a date", "market": "TH", "rating": 5, "text": "bad date"}\n'
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """Only markets: the reader is the default headquarters, CN."""
    path = tmp_path / "chuhai.toml"
    path.write_text(f'data_dir = "{tmp_path / "data"}"\nmarkets = ["TH", "US"]\n', "utf-8")
    rows = tmp_path / "reviews.jsonl"
    rows.write_text(ROWS, encoding="utf-8")
    done = runner.invoke(app, ["-c", str(path), "ingest", str(rows), "--kind", "reviews"])
    assert done.exit_code == 0 and "see `chuhai quarantine`" in done.stderr
    return path


HOW_TO_READ = [
    "`chuhai quarantine --zone th --from TH`",
    'reader = "TH" under [compliance]',
    "CHUHAI_COMPLIANCE__READER=TH",
    "a transfer basis TH -> CN under [[compliance.transfers]]",
]


def test_withheld_rows_say_how_to_read_them(config: Path) -> None:
    shown = runner.invoke(app, ["-c", str(config), "quarantine"])
    assert shown.exit_code == 0
    assert "th: 1 quarantined row(s) withheld" in shown.stdout
    said = " ".join(shown.stderr.split())
    for words in HOW_TO_READ:
        assert words in said, words
    assert "zone us" not in said, "a zone with nothing quarantined is not mentioned"
    as_json = json.loads(runner.invoke(app, ["-c", str(config), "quarantine", "--json"]).stdout)
    assert as_json["withheld"] == {"th": 1}
    assert all(words in as_json["how_to_read"]["th"] for words in HOW_TO_READ)


def test_following_the_message_shows_the_rows(config: Path) -> None:
    shown = runner.invoke(
        app, ["-c", str(config), "quarantine", "--zone", "th", "--from", "TH", "--json"]
    )
    rejections = json.loads(shown.stdout)["rejections"]
    assert [r["market"] for r in rejections] == ["TH"]


def test_stats_while_another_process_keeps_a_zone_says_what_to_do_in_two_languages(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that never lets go of the file (not chuhai serve, which does): exit 2 with
    one line in Chinese and English, no traceback."""
    from tests.store.test_duckdb_store import held

    monkeypatch.setenv("CHUHAI_DUCKDB_WAIT", "0.3")
    with held(tmp_path / "data" / "zones" / "th.duckdb", 60) as holder:
        result = runner.invoke(app, ["-c", str(config), "stats"])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert f"PID {holder.pid}" in line and "请等它做完再试" in line and "try again" in line


def test_stats_lists_each_kind_of_record_as_a_row_with_a_column_per_zone(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # every kind of record still fits, none cut to "…"
    shown = runner.invoke(app, ["-c", str(config), "stats", "--lang", "zh"])
    assert shown.exit_code == 0
    other = shown.stdout.split("各数据区的其他记录", 1)[1]
    header = next(line for line in other.splitlines() if "记录" in line)
    assert [cell.strip() for cell in header.split("┃")[2:-1]] == ["th"]  # the stores there are
    for kind in ("隔离区", "达人带货订单", "退款"):
        row = next(line for line in other.splitlines() if kind in line)
        assert "…" not in row
    quarantine = next(line for line in other.splitlines() if "隔离区" in line)
    assert [cell.strip() for cell in quarantine.split("│")[2:-1]] == ["1"]
