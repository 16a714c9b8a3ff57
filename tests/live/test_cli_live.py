"""``chuhai live replay``: one JSON result per line of the recording, bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from chuhai.cli import app
from tests.live.conftest import SESSION

runner = CliRunner()


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text(f'data_dir = "{tmp_path / "data"}"\nmarkets = ["ID"]\n', encoding="utf-8")
    return path


def test_replay_prints_one_result_per_line(tmp_path: Path) -> None:
    recording = tmp_path / "session.jsonl"
    recording.write_bytes(SESSION.read_bytes() + b'{"id": "broken", "room": \n')
    result = runner.invoke(
        app,
        [
            "-c",
            str(_config(tmp_path)),
            "live",
            "replay",
            str(recording),
            "--speed",
            "0",
            "--market",
            "ID",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(recording.read_bytes().splitlines())
    kinds = [line["kind"] for line in lines]
    assert kinds.count("comment") == 14 and kinds[-2:] == ["skipped", "rejected"]
    assert "events in" in result.stderr


def test_replay_without_market_says_which_room_is_unknown(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["-c", str(_config(tmp_path)), "live", "replay", str(SESSION), "--speed", "0", "--json"],
    )
    assert result.exit_code == 0
    first = json.loads(result.stdout.splitlines()[0])
    assert first["kind"] == "rejected" and "unknown room 'shop.id'" in first["reason"]


def test_replay_of_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["-c", str(_config(tmp_path)), "live", "replay", "nope.jsonl"])
    assert result.exit_code == 2 and "no such file" in result.stderr
