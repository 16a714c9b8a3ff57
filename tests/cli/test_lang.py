"""``--lang zh``: the operators' tables of the CLI show Chinese words, no internal key
(``complaint_product``, ``live_comment``, ``net_sentiment``); ``--json`` keeps the keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.records.labels import INTENT
from tests.cli.test_voc import _config
from tests.voc.factory import ALERT_WEEK, live_comment_zone

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("lang")
    return _config(live_comment_zone(tmp / "data"), tmp / "chuhai.toml")


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (["alerts", "--week", ALERT_WEEK, "--from", "DE"], ["投诉商品", "德国", "警告"]),
        (["voc", "overview", "--from", "DE"], ["德国", "净情感值"]),
        (["voc", "measures", "-m", "DE", "--from", "DE"], ["投诉商品", "电池续航", "方面"]),
        (["stats"], ["直播评论", "数据区"]),
        (["aggregate", "--zone", "eu", "--by", "market,intent"], ["德国", "投诉商品", "平均星级"]),
    ],
)
def test_zh_tables_show_no_key(config: Path, args: list[str], chinese: list[str]) -> None:
    result = CliRunner().invoke(
        app, ["--config", str(config), *args, "--lang", "zh"], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert SNAKE.findall(text) == []
    assert [key for key in INTENT if re.search(rf"\b{key}\b", text)] == []
    assert [word for word in chinese if word not in text] == []


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({"CHUHAI_LANG": "zh"}, [], "直播评论"),  # the environment sets it for every table
        ({}, [], "live_comment"),  # English by default: the keys people script against
        ({"CHUHAI_LANG": "zh"}, ["--lang", "en"], "live_comment"),  # the option wins
    ],
)
def test_lang_from_env_or_option(
    config: Path, env: dict[str, str], args: list[str], expected: str
) -> None:
    result = CliRunner().invoke(
        app, ["--config", str(config), "stats", *args], env=env, terminal_width=200
    )
    assert result.exit_code == 0, result.output
    assert expected in result.stdout


def test_json_keeps_keys_and_bad_lang_is_bad_input(config: Path) -> None:
    runner = CliRunner()
    found = runner.invoke(
        app,
        ["--config", str(config), "alerts", "--week", ALERT_WEEK, "--from", "DE", "--json"],
        env={"CHUHAI_LANG": "zh"},
    )
    keys = {a["key"] for a in json.loads(found.stdout)["alerts"]}
    assert "complaint_product" in keys
    bad = runner.invoke(app, ["--config", str(config), "stats", "--lang", "fr"])
    assert bad.exit_code == 2  # click refuses it and names the choices
    assert "Invalid value for '--lang'" in bad.stderr and "'zh', 'en'" in bad.stderr
