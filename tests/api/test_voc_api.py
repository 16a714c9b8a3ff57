"""The VOC API and pages over HTTP: JSON, the dashboard in both languages, CSV, and the
residency guard's answers (403 for quotes that may not leave their zone)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.settings import Settings
from tests.voc.factory import populate, two_zone_settings


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = two_zone_settings(tmp_path_factory.mktemp("api") / "data")
    populate(settings)
    return settings


@pytest.fixture
def client(configured: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings=configured)) as client:
        yield client


def test_measures_json(client: TestClient) -> None:
    body = client.get("/v1/voc/measures", params={"market": "th"}).json()
    assert body["raw_access"] is True and body["volume"] == 360 and body["min_people"] == 1
    assert {a["aspect"] for a in body["aspects"]} == {"battery", "price", "shipping"}
    week = client.get("/v1/voc/measures", params={"market": "TH", "period": "2026-W46"}).json()
    assert week["volume"] == 60
    us = client.get("/v1/voc/measures", params={"market": "US"}).json()
    assert us["raw_access"] is False and us["min_people"] == 10


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/v1/voc/measures?market=XX", 422, "unknown market"),
        ("/v1/voc/measures?market=TH&period=soon", 422, "period"),
        ("/v1/voc/measures?market=TH&channel=fax", 422, "unknown channel"),
        ("/v1/voc/measures?market=GB", 422, "not enabled"),
        ("/v1/voc/quotes?market=US", 403, "no transfer basis"),
        ("/v1/voc/journey?zone=mars&person=x", 404, "unknown zone"),
        ("/v1/voc/themes/nope", 404, "no theme"),
    ],
)
def test_clear_errors(client: TestClient, url: str, status: int, message: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_quotes_and_alerts_json(client: TestClient) -> None:
    quotes = client.get("/v1/voc/quotes", params={"market": "TH", "aspect": "battery",
                                                 "sentiment": "neg", "limit": 3}).json()["quotes"]  # fmt: skip
    assert len(quotes) == 3 and all("แบต" in q["text"] for q in quotes)
    alerts = client.get("/v1/voc/alerts", params={"week": "2026-W46"}).json()["alerts"]
    assert any(a["market"] == "TH" and a["key"] == "battery" and a["direction"] == "up"
               for a in alerts)  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", ["总览", "净情感值", "仅汇总数据", "可读原话"]),
     ("en", ["Overview", "Net Sentiment", "aggregates only", "quotes readable"])],
)  # fmt: skip
def test_overview_page_in_both_languages(client: TestClient, lang: str, words: list[str]) -> None:
    page = client.get("/voc", params={"lang": lang})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for word in words:
        assert word in page.text
    other = "en" if lang == "zh" else "zh"
    assert f'id="lang-switch" href="/voc?lang={other}"' in page.text
    assert "<svg" in page.text and "cdn" not in page.text.lower()


def test_market_page_links_numbers_to_quotes(client: TestClient) -> None:
    page = client.get("/voc/market/TH", params={"lang": "en"}).text
    assert "/voc/quotes?lang=en&amp;market=TH&amp;aspect=battery&amp;sentiment=neg" in page
    quotes = client.get("/voc/quotes", params={"market": "TH", "aspect": "battery",
                                              "sentiment": "neg", "lang": "en"})  # fmt: skip
    assert quotes.status_code == 200 and "แบตหมดเร็วมาก" in quotes.text
    refused = client.get("/voc/quotes", params={"market": "US", "lang": "en"})
    assert refused.status_code == 403 and "no transfer basis" in refused.text
    us = client.get("/voc/market/US", params={"lang": "en"}).text
    assert "only aggregates of at least 10 people" in us


def test_csv_exports(client: TestClient) -> None:
    response = client.get("/voc/export/measures.csv", params={"market": "TH"})
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith("\ufeff")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    total = next(r for r in rows if r["breakdown"] == "total")
    assert total["voices"] == "360"
    assert {r["key"] for r in rows if r["breakdown"] == "aspect"} == {
        "battery",
        "price",
        "shipping",
    }
    quotes = client.get("/voc/export/quotes.csv", params={"market": "TH", "limit": 5})
    assert len(list(csv.reader(io.StringIO(quotes.text.lstrip("\ufeff"))))) == 6
    assert client.get("/voc/export/quotes.csv", params={"market": "US"}).status_code == 403


def test_openapi_is_published(client: TestClient) -> None:
    assert "/v1/voc/measures" in client.get("/openapi.json").json()["paths"]
    assert client.get("/", follow_redirects=False).headers["location"] == "/voc"
