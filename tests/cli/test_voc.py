"""``chuhai alerts``: a reader without a transfer basis gets alerts counted from released
figures, a reader inside the zone the full ones; what a webhook gets is always released."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.settings import Settings
from tests.voc.factory import ALERT_WEEK, LIVE_K, live_comment_zone
from tests.voc.test_webhook import Receiver, receiver  # noqa: F401 (the fixture)


def _config(settings: Settings, path: Path) -> Path:
    path.write_text(
        f'data_dir = "{settings.data_dir}"\nmarkets = ["DE", "FR"]\n'
        '[zones.eu]\nmarkets = ["DE", "FR"]\n[compliance]\nheadquarters = "CN"\n'
        f"k_anonymity = {LIVE_K}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("reader", "complaints", "people", "released"),
    [("CN", (25, 41, 8, 40), None, True), ("DE", (24, 40, 8, 40), 24, False)],
)
def test_alerts_json_by_reader(
    tmp_path: Path,
    reader: str,
    complaints: tuple[int, ...],
    people: int | None,
    released: bool,
) -> None:
    config = _config(live_comment_zone(tmp_path / "data"), tmp_path / "chuhai.toml")
    result = CliRunner().invoke(
        app, ["--config", str(config), "alerts", "--week", ALERT_WEEK, "--from", reader, "--json"]
    )
    assert result.exit_code == 0, result.stderr
    found = {(a["dimension"], a["key"]): a for a in json.loads(result.stdout)["alerts"]}
    alert = found["intent", "complaint_product"]
    figures = ("count", "voices", "baseline_count", "baseline_voices")
    assert tuple(alert[f] for f in figures) == complaints
    assert (alert["people"], alert["released"]) == (people, released)


def test_a_webhook_gets_released_figures_even_from_inside_the_zone(
    tmp_path: Path,
    receiver: str,  # noqa: F811 (the fixture)
) -> None:
    config = _config(live_comment_zone(tmp_path / "data"), tmp_path / "chuhai.toml")
    result = CliRunner().invoke(
        app,
        ["--config", str(config), "alerts", "--week", ALERT_WEEK, "--from", "DE",
         "--webhook", receiver, "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    shown = {(a["dimension"], a["key"]): a["count"] for a in json.loads(result.stdout)["alerts"]}
    [(_, body)] = Receiver.received
    sent = {(a["dimension"], a["key"]): a for a in json.loads(body)["alerts"]}
    assert shown["intent", "complaint_product"] == 24  # the reader inside sees the rows
    assert sent.keys() == shown.keys()
    assert {(a["count"], a["voices"], a["people"], a["released"]) for a in sent.values()} >= {
        (25, 41, None, True)
    }
    assert all(a["released"] and a["people"] is None for a in sent.values())
