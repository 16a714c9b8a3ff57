"""``chuhai calendar`` for every enabled market, ``chuhai calendar add``, ``/v1/calendar`` and
the ``/calendar`` page in Chinese and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chuhai.api import create_app
from chuhai.cli import app
from chuhai.settings import DEFAULT_MARKETS, Settings

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text('data_dir = "data"\n[calendar]\ncampaigns = "campaigns.csv"\n', "utf-8")
    return path


def _run(config: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-c", str(config), *args])
    return result.exit_code, result.stdout, result.stderr


def test_every_enabled_market_as_json(config: Path) -> None:
    code, out, err = _run(config, "calendar", "--year", "2027", "--json")
    assert code == 0, err
    body = json.loads(out)
    assert body["year"] == 2027 and list(body["markets"]) == list(DEFAULT_MARKETS)
    for market, events in body["markets"].items():
        assert {e["kind"] for e in events} >= {"holiday", "festival", "season"}, market
    th = {e["key"]: e for e in body["markets"]["TH"]}
    assert th["songkran"]["start"] == "2027-04-13" and th["songkran"]["days"] == 3


def test_one_market_as_a_table_in_chinese(config: Path) -> None:
    code, out, err = _run(config, "calendar", "--market", "TH", "--year", "2027", "--lang", "zh")
    assert code == 0, err
    assert "泰国 2027" in out and "宋干节" in out and "未核实" in out and "公众假期" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["calendar", "--market", "XX"], "unknown market 'XX'"),
        (["calendar", "--kind", "party"], "unknown kind 'party'"),
        (["calendar", "--year", "3000"], "outside"),
        (["calendar", "add", "-m", "TH", "--name", "x", "--start", "tomorrow"], "not a date"),
    ],
)
def test_bad_input_exits_2_with_one_line(config: Path, args: list[str], message: str) -> None:
    code, _, err = _run(config, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_campaign_added_then_listed(config: Path) -> None:
    code, out, err = _run(config, "calendar", "add", "-m", "TH", "--name", "9.9 Mega Sale",
                          "--start", "2027-09-09", "--end", "2027-09-11", "--platform",
                          "TikTok Shop", "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["file"] == str(config.parent / "campaigns.csv")
    code, out, _ = _run(config, "calendar", "-m", "TH", "-y", "2027", "--kind", "campaign",
                        "--json")  # fmt: skip
    (event,) = json.loads(out)["markets"]["TH"]
    assert (event["name"], event["platform"], event["days"]) == ("9.9 Mega Sale", "TikTok Shop", 3)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    settings = Settings(data_dir=tmp_path, markets=["TH", "ID", "US"])
    return TestClient(create_app(settings=settings))


def test_api_json(client: TestClient) -> None:
    answer = client.get("/v1/calendar", params={"market": "ID", "year": 2027})
    assert answer.status_code == 200
    events = answer.json()["markets"]["ID"]
    assert {"harbolnas", "ramadan", "lebaran_rush"} <= {e["key"] for e in events}
    assert client.get("/v1/calendar", params={"market": "XX"}).status_code == 422
    every = client.get("/v1/calendar", params={"year": 2027}).json()["markets"]
    assert list(every) == ["TH", "ID", "US"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", ["市场日历", "印度尼西亚", "斋月", "公众假期", "未核实"]),
     ("en", ["Market calendar", "Ramadan", "Public holiday", "unverified"])],
)  # fmt: skip
def test_page_in_both_languages(client: TestClient, lang: str, words: list[str]) -> None:
    page = client.get("/calendar", params={"market": "ID", "year": 2027, "lang": lang})
    assert page.status_code == 200
    for word in words:
        assert word in page.text, word
    assert 'href="/calendar"' in page.text  # in the site's bar
