"""``chuhai analyze``: one text or one per line, JSON per line, clear errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from chuhai.cli import app

runner = CliRunner()

_KEYS = {"text", "language", "sentiment", "emotion", "intent", "aspects", "toxicity", "tier"}


def test_lines_from_stdin_give_one_json_object_each() -> None:
    lines = ["harga berapa kak?", "", "barang rusak, kecewa banget 😡", "🔥🔥"]
    result = runner.invoke(
        app, ["analyze", "--market", "ID", "--json", "-"], input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["text"] for o in objects] == lines
    for o in objects:
        assert set(o) >= _KEYS
    assert objects[0]["intent"]["label"] == "price_question"
    assert objects[2]["sentiment"]["label"] == "neg"
    assert objects[3]["tier"] == "lexicon"


def test_one_text_as_a_table() -> None:
    result = runner.invoke(app, ["analyze", "-m", "TH", "ราคาเท่าไหร่คะ"])
    assert result.exit_code == 0
    assert "price_question" in result.stdout
    assert "language" in result.stdout and "th" in result.stdout


def test_unknown_market_is_bad_input() -> None:
    result = runner.invoke(app, ["analyze", "--market", "Atlantis", "hello"])
    assert result.exit_code == 2
    assert "unknown market" in result.stderr
    assert result.stderr.count("\n") == 1


def test_cascade_is_chosen_on_the_command_line() -> None:
    texts = "so good lol\nthe fan is quiet and cools the room well\n"
    tiers = {}
    for cascade in ("accurate", "fast"):
        result = runner.invoke(
            app, ["analyze", "-m", "US", "--cascade", cascade, "--json", "-"], input=texts
        )
        assert result.exit_code == 0, result.stderr
        tiers[cascade] = [json.loads(line)["tier"] for line in result.stdout.splitlines()]
    assert tiers == {"accurate": ["full", "full"], "fast": ["fast", "fast"]}


def test_unknown_cascade_is_bad_input() -> None:
    result = runner.invoke(app, ["analyze", "--cascade", "turbo", "hello"])
    assert result.exit_code == 2
    assert "Invalid value for '--cascade'" in result.stderr and "'turbo'" in result.stderr
