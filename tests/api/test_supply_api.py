"""The purchase plan over HTTP: JSON, CSV and the page (中文 / English), from orders and live
sessions in a zone store, including a session scheduled after the last order."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.records import LiveSession, Order, SourceRef
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from chuhai.supply.setup import EXAMPLE_SETUP
from tests.voc.factory import two_zone_settings

START = datetime(2026, 6, 1, 12, tzinfo=UTC)  # a Monday
SOURCE = SourceRef(system="test")


def _orders(settings: Settings) -> None:
    orders, sessions = [], []
    for week in range(20):
        live = week % 5 == 4
        for i in range(20 + (40 if live else 0)):
            orders.append(Order(id=f"O{week}-{i}", sku="PB-400", market="TH", zone="th",
                                quantity=1, unit_price=550, currency="THB", source=SOURCE,
                                time=START + timedelta(weeks=week, hours=i)))  # fmt: skip
        if live:
            sessions.append(LiveSession(id=f"L{week}", room="r", market="TH", zone="th",
                                        started_at=START + timedelta(weeks=week),
                                        products=["PB-400"], source=SOURCE))  # fmt: skip
    # announced: a live session two weeks after the last order
    sessions.append(LiveSession(id="NEXT", room="r", market="TH", zone="th", products=["PB-400"],
                                started_at=START + timedelta(weeks=21), source=SOURCE))  # fmt: skip
    with ZoneRouter(settings) as router:
        router.store("th").add_orders(orders)
        router.store("th").put_sessions(sessions)


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("supply")
    shutil.copyfile(EXAMPLE_SETUP, root / "supply.toml")
    settings = two_zone_settings(root / "data", supply={"setup": str(root / "supply.toml")})
    _orders(settings)
    return settings


@pytest.fixture
def client(configured: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings=configured)) as client:
        yield client


def test_plan_json(client: TestClient) -> None:
    body = client.get("/v1/supply/plan", params={"horizon": 8}).json()
    assert body["currency"] == "USD" and body["horizon"] == 8
    assert body["unverified_tariffs"] == ["ID", "TH", "US"]
    [line] = body["lines"]
    assert (line["sku"], line["market"], line["warehouse"]) == ("PB-400", "TH", "TH-BKK")
    assert line["order_qty"] >= 100 and line["order_qty"] % 20 == 0  # MOQ, cases of 20
    assert line["mode"] in line["alternatives"]


def test_announced_live_session_raises_the_forecast(configured: Settings) -> None:
    from chuhai.supply.forecast import make_forecaster
    from chuhai.supply.sources import demand_from_stores

    with ZoneRouter(configured) as router:
        data = demand_from_stores(router)
    grid = data.future_events(3)
    assert grid["live"].tolist() == [0.0, 1.0, 0.0]  # the week of 2026-10-26
    frame = make_forecaster("recent_mean").forecast(data, 3, [0.5])
    assert len(frame) == 3


@pytest.mark.parametrize(
    ("as_of", "stale_weeks"),
    [
        ("2026-10-21", 0),  # the Wednesday after the last order week (ends Sunday 2026-10-18)
        ("2026-12-02", 6),  # six weeks on: the plan says so, in JSON and on the page
    ],
)
def test_plan_starts_from_as_of(client: TestClient, as_of: str, stale_weeks: int) -> None:
    body = client.get("/v1/supply/plan", params={"horizon": 8, "as_of": as_of}).json()
    assert body["as_of"] == as_of and body["data_ends"] == "2026-10-18"
    [line] = body["lines"]
    assert line["order_date"] >= as_of and line["arrival_date"] > line["order_date"]
    assert bool(body["warnings"]) == bool(stale_weeks)
    page = client.get("/supply", params={"as_of": as_of, "lang": "en"}).text
    assert f"Plan from {as_of}" in page
    assert (f"{stale_weeks} weeks before {as_of}" in page) == bool(stale_weeks)


def test_the_plan_defaults_to_today(client: TestClient) -> None:
    body = client.get("/v1/supply/plan", params={"horizon": 8}).json()
    assert body["as_of"] == date.today().isoformat()
    assert all(x["order_date"] >= body["as_of"] for x in body["lines"] if x["order_date"])


def test_page_and_csv(client: TestClient) -> None:
    zh = client.get("/supply")
    assert zh.status_code == 200 and "补货计划" in zh.text and "PB-400" in zh.text
    assert 'id="unverified"' in zh.text and "<svg" in zh.text
    en = client.get("/supply", params={"lang": "en"})
    assert "Purchase plan" in en.text and "planning aids" in en.text
    rows = list(csv.DictReader(io.StringIO(client.get("/supply/plan.csv").text.lstrip("\ufeff"))))
    assert rows[0]["sku"] == "PB-400" and int(rows[0]["order_qty"]) >= 100


def test_plan_without_setup_is_a_clear_error(tmp_path: Path) -> None:
    settings = two_zone_settings(tmp_path / "data")
    with TestClient(create_app(settings=settings)) as client:
        response = client.get("/v1/supply/plan")
    assert response.status_code == 422 and "supply init" in response.json()["detail"]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """PB-400 behind a battery alert in TH (tests/supply/helpers.py)."""
    from tests.supply.helpers import shop_with_quality_alert

    root = tmp_path_factory.mktemp("quality")
    shutil.copyfile(EXAMPLE_SETUP, root / "supply.toml")
    settings = two_zone_settings(root / "data", supply={"setup": str(root / "supply.toml")})
    shop_with_quality_alert(settings)
    with TestClient(create_app(settings=settings)) as client:
        yield client


def test_json_csv_and_page_flag_the_line_behind_a_quality_alert(shop: TestClient) -> None:
    from tests.supply.helpers import ALERT_WEEK, PLAN_DAY

    params: dict[str, str | int] = {"as_of": PLAN_DAY, "horizon": 8}
    body = shop.get("/v1/supply/plan", params=params).json()
    lines = {(x["sku"], x["market"]): x for x in body["lines"]}
    flagged = lines[("PB-400", "TH")]
    assert flagged["quality_flag"] == "先核查批次" and flagged["alert_week"] == ALERT_WEEK
    assert flagged["alert_url"] == f"/voc/alerts?week={ALERT_WEEK}#alert-{flagged['alert_id']}"
    assert [k for k, x in lines.items() if x["quality_flag"]] == [("PB-400", "TH")]
    alerts = shop.get("/v1/voc/alerts", params={"week": ALERT_WEEK, "market": "TH"}).json()
    assert flagged["alert_id"] in {a["id"] for a in alerts["alerts"]}
    assert f'id="alert-{flagged["alert_id"]}"' in shop.get(flagged["alert_url"]).text
    csv_text = shop.get("/supply/plan.csv", params=params).text.lstrip("\ufeff")
    rows = {(r["sku"], r["market"]): r for r in csv.DictReader(io.StringIO(csv_text))}
    assert rows[("PB-400", "TH")]["quality_flag"] == "先核查批次"
    assert rows[("PB-400", "TH")]["alert_url"] == flagged["alert_url"]
    assert rows[("FN-300", "TH")]["quality_flag"] == ""
    for lang, words in (("zh", "先核查批次"), ("en", "Check the batch first")):
        page = shop.get("/supply", params={**params, "lang": lang}).text
        assert page.count(words) == 1 and f'href="{flagged["alert_url"]}"' in page
