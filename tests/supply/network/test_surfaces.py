"""``chuhai supply network``, ``/v1/supply/network`` and ``/supply/network`` over the example
setup's network: demand from a CSV, from ``[[network.demand]]``-less stores, scenarios."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chuhai.api import create_app
from chuhai.cli import app
from chuhai.demo.network import network_line, run_network_demo
from chuhai.records import Order, SourceRef
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from chuhai.supply.setup import EXAMPLE_SETUP
from tests.voc.factory import two_zone_settings

runner = CliRunner()
DEMAND = """sku,market,units_per_week
FN-300,US,120
MH-600,US,100
FN-300,TH,110
NL-200,TH,60
"""


@pytest.fixture
def files(tmp_path: Path) -> Path:
    shutil.copyfile(EXAMPLE_SETUP, tmp_path / "supply.toml")
    (tmp_path / "demand.csv").write_text(DEMAND, encoding="utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_plans_the_network_and_its_disruptions_as_json(files: Path) -> None:
    code, out, err = _run("supply", "network", "--setup", str(files / "supply.toml"),
                          "--demand", str(files / "demand.csv"), "--json")  # fmt: skip
    assert code == 0, err
    body = json.loads(out)
    assert body["demand_source"] == str(files / "demand.csv")
    assert body["plan"]["status"] == "optimal"
    assert body["plan"]["fill_rate"] == 1.0
    assert body["plan"]["demand"] == 390
    assert "CN-US" in body["unverified_tariff_routes"]
    names = [s["scenario"]["name"] for s in body["scenarios"]]
    assert names == ["Shenzhen factory down", "Yiwu -> Los Angeles sea lane closed",
                     "US tariff +20 points", "Indonesia bans social-commerce sales"]  # fmt: skip
    lane = body["scenarios"][1]
    # MH-600 is made in Yiwu only: with its one lane to Los Angeles closed, US loses it
    assert lane["markets"] == [{"market": "US", "fill_rate_before": 1.0,
                                "fill_rate_after": pytest.approx(120 / 220, abs=1e-4)}]  # fmt: skip
    assert lane["lost_sales_change"] == pytest.approx(100 * 14.99)
    tariff = body["scenarios"][2]
    assert tariff["supply_cost_change"] > 0 and tariff["fill_rate_change"] == 0


def test_cli_scenario_option_and_bad_input(files: Path) -> None:
    setup, demand = str(files / "supply.toml"), str(files / "demand.csv")
    code, out, _ = _run("supply", "network", "--setup", setup, "--demand", demand,
                        "--scenario", "ban:th", "--json")  # fmt: skip
    assert code == 0
    (only,) = json.loads(out)["scenarios"]
    assert only["scenario"]["kind"] == "market_ban" and only["fill_rate"] == pytest.approx(
        220 / 390, abs=1e-4
    )
    code, _, err = _run("supply", "network", "--setup", setup, "--demand", demand,
                        "--scenario", "factory-down:Nowhere")  # fmt: skip
    assert code == 2 and "unknown factory 'Nowhere'" in err and "Traceback" not in err
    (files / "bad.csv").write_text("sku,market,units_per_week\nFN-300,US,-3\n", encoding="utf-8")
    code, _, err = _run("supply", "network", "--setup", setup, "--demand", str(files / "bad.csv"))
    assert code == 2 and "line 2" in err


def test_cli_prints_tables_in_chinese_and_english(files: Path) -> None:
    args = ["supply", "network", "--setup", str(files / "supply.toml"), "--demand",
            str(files / "demand.csv")]  # fmt: skip
    code, out, _ = _run(*args, "--lang", "zh")
    assert code == 0 and "各市场满足率" in out and "中断情景" in out and "泰国" in out
    code, out, _ = _run(*args, "--lang", "en")
    assert code == 0 and "Fill rate per market" in out and "Disruptions" in out


def test_a_setup_without_a_network_says_so(tmp_path: Path) -> None:
    text = EXAMPLE_SETUP.read_text(encoding="utf-8").split("\n[network]")[0]
    (tmp_path / "supply.toml").write_text(text, encoding="utf-8")
    code, _, err = _run("supply", "network", "--setup", str(tmp_path / "supply.toml"))
    assert code == 2 and "no [network] section" in err


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("network")
    shutil.copyfile(EXAMPLE_SETUP, root / "supply.toml")
    settings: Settings = two_zone_settings(root / "data",
                                           supply={"setup": str(root / "supply.toml")})  # fmt: skip
    start, source = datetime(2026, 6, 1, 12, tzinfo=UTC), SourceRef(system="test")
    orders = [
        Order(id=f"O{week}-{i}", sku="FN-300", market="TH", zone="th", quantity=1,
              unit_price=390, currency="THB", source=source,
              time=start + timedelta(weeks=week, hours=i))
        for week in range(6) for i in range(30)
    ]  # fmt: skip
    with ZoneRouter(settings) as router:
        router.store("th").add_orders(orders)
    return settings


@pytest.fixture(scope="module")
def client(stored: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings=stored)) as client:
        yield client


def test_the_demo_prints_one_line_for_the_network(stored: Settings) -> None:
    demo = SimpleNamespace(settings=stored)
    line = network_line(run_network_demo(demo))  # type: ignore[arg-type]
    # 30 FN-300 a week, all in TH: every unit served
    assert line.startswith("Supply network: 4 factories -> 4 warehouses -> 1 market, ")
    assert "fill rate 100%" in line and "unverified" in line


def test_api_plans_from_the_stores(client: TestClient) -> None:
    body = client.get("/v1/supply/network").json()
    assert body["demand_source"] == "stores (mean of the last 4 weeks)"
    (market,) = body["plan"]["markets"]
    assert (market["market"], market["demand"], market["fill_rate"]) == ("TH", 30.0, 1.0)
    assert len(body["scenarios"]) == 4
    one = client.get("/v1/supply/network", params={"scenario": "factory-down:Yiwu Accessories"})
    assert [s["scenario"]["kind"] for s in one.json()["scenarios"]] == ["factory_down"]
    bad = client.get("/v1/supply/network", params={"scenario": "tariff:CN-US=much"})
    assert bad.status_code == 422 and "duty points" in bad.json()["detail"]


@pytest.mark.parametrize(("lang", "words"), [("zh", ("供应网络", "海外仓", "泰国", "工厂停产")),
                                              ("en", ("Supply network", "Overseas warehouses",
                                                      "factory down"))])  # fmt: skip
def test_page_draws_the_network(client: TestClient, lang: str, words: tuple[str, ...]) -> None:
    page = client.get("/supply/network", params={"lang": lang})
    assert page.status_code == 200
    html = page.text
    assert '<svg class="chart network"' in html and "<path d=" in html
    assert "units/week" in html or "件/周" in html
    for word in words:
        assert word in html
