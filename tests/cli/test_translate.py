"""``chuhai translate``: texts through the configured provider (one request for many), the
day's meter shared with the other processes (--stats), and clear errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from tests.enrich.translation.fake_chat import FakeChat, fake_chat

runner = CliRunner()


@pytest.fixture
def chat() -> Iterator[FakeChat]:
    with fake_chat() as server:
        yield server


def _config(tmp_path: Path, provider: str) -> str:
    path = tmp_path / "chuhai.toml"
    path.write_text(f'data_dir = "data"\n\n[providers.translation]\n{provider}\n', encoding="utf-8")
    return str(path)


def test_lines_are_translated_in_one_request_and_metered(chat: FakeChat, tmp_path: Path) -> None:
    config = _config(tmp_path, f'name = "openai"\nbase_url = "{chat.url}"\nmodel = "m"')
    lines = ["kirim cepat", "ada warna putih?"]
    result = runner.invoke(
        app, ["-c", config, "translate", "--from", "id", "--json", "-"], input="\n".join(lines)
    )
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"text": "kirim cepat", "translation": "发货快", "kind": "translation"},
        {"text": "ada warna putih?", "translation": "有白色吗？", "kind": "translation"},
    ]
    assert len(chat.requests) == 1
    stats = runner.invoke(app, ["-c", config, "translate", "--stats", "--json"])
    meter = json.loads(stats.stdout)
    assert (meter["provider"], meter["chars"], meter["requests"]) == ("openai", 27, 1)
    table = runner.invoke(app, ["-c", config, "translate", "--stats"])
    assert "characters sent" in table.stdout and "27" in table.stdout


def test_over_the_budget_a_text_is_left_empty_and_counted(chat: FakeChat, tmp_path: Path) -> None:
    config = _config(
        tmp_path, f'name = "openai"\nbase_url = "{chat.url}"\nmodel = "m"\ndaily_chars = 12'
    )
    first = runner.invoke(app, ["-c", config, "translate", "kirim cepat"])
    assert first.exit_code == 0 and first.stdout.strip() == "发货快"
    second = runner.invoke(app, ["-c", config, "translate", "ada warna putih?"])
    # the offline gist instead, marked as one
    assert second.exit_code == 0 and second.stdout.strip() == "要点: 问库存：有白色吗？"
    assert "1 of 1 texts not translated" in second.stderr
    meter = json.loads(runner.invoke(app, ["-c", config, "translate", "--stats", "--json"]).stdout)
    assert (meter["refused"], meter["remaining_chars"]) == (1, 1)


@pytest.mark.parametrize(
    ("provider", "reason"),
    [
        ('name = "none"', "no translation provider"),
        ('name = "deepseek"', "DEEPSEEK_API_KEY"),
        ('name = "deepseek"\napi_key = "sk-abc"', "never kept in the config"),
    ],
)
def test_bad_setups_are_one_line_reasons(
    tmp_path: Path, provider: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEEPSEEK_API_KEY", raising=False)
    result = runner.invoke(app, ["-c", _config(tmp_path, provider), "translate", "hola"])
    assert result.exit_code == 2
    assert reason in result.stderr and "Traceback" not in result.stderr
