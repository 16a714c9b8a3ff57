"""The VOC API and pages over HTTP: JSON, the dashboard in both languages, CSV, and the
residency guard's answers (403 for quotes that may not leave their zone)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.settings import Settings
from tests.voc.factory import ALERT_WEEK, LIVE_K, live_comment_zone, populate, two_zone_settings


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


# (dimension, key) -> count, voices, baseline count, baseline voices, people. From CN (no basis)
# the one live comment of 2026-W42 stays in (as in the measures); inside the zone it is left out.
RELEASED = {
    ("intent", "complaint_product"): (25, 41, 8, 40, None),
    ("negative", "all"): (25, 41, 8, 40, None),
    ("aspect_negative", "battery"): (25, 41, 8, 40, None),
    ("intent", "praise"): (16, 41, 32, 40, None),
}
RAW = {
    ("intent", "complaint_product"): (24, 40, 8, 40, 24),
    ("negative", "all"): (24, 40, 8, 40, 24),
    ("aspect_negative", "battery"): (24, 40, 8, 40, 24),
    ("intent", "praise"): (16, 40, 32, 40, 16),
}
FIGURES = ("count", "voices", "baseline_count", "baseline_voices", "people")


@pytest.mark.parametrize(("reader", "expected"), [("CN", RELEASED), ("DE", RAW)])
def test_alerts_show_only_released_figures_outside_the_zone(
    tmp_path: Path, reader: str, expected: dict[tuple[str, str], tuple[int | None, ...]]
) -> None:
    """JSON, CSV and the alerts page agree; outside the zone each count is one the measures
    show, so the measures minus an alert never leave the lone live commenter's review."""
    settings = live_comment_zone(tmp_path / "data", reader=reader)
    with TestClient(create_app(settings=settings)) as client:
        found = client.get("/v1/voc/alerts", params={"week": ALERT_WEEK}).json()["alerts"]
        assert {(a["dimension"], a["key"]): tuple(a[f] for f in FIGURES) for a in found} == expected
        assert {a["released"] for a in found} == {reader == "CN"}
        export = client.get("/voc/export/alerts.csv", params={"week": ALERT_WEEK})
        rows = list(csv.DictReader(io.StringIO(export.text.lstrip("\ufeff"))))
        assert {(r["dimension"], r["key"]): tuple(int(r[f]) if r[f] else None for f in FIGURES)
                for r in rows} == expected  # fmt: skip
        page = client.get("/voc/alerts", params={"week": ALERT_WEEK, "lang": "en"}).text
        for count, voices, *_ in expected.values():
            assert f"{count} / {voices}" in page
        measures = client.get("/v1/voc/measures", params={"market": "DE", "period": ALERT_WEEK})
    if reader == "DE":
        return
    body = measures.json()
    assert body["raw_access"] is False and body["volume"] == 41
    shown = {
        ("intent", r["key"]): r["voices"] for r in body["breakdowns"]["intent"]["rows"]
    } | {("negative", "all"): next(r["voices"] for r in body["breakdowns"]["sentiment"]["rows"]
                                   if r["key"] == "neg")} | {
        ("aspect_negative", a["aspect"]): a["neg"] for a in body["aspects"]
    }  # fmt: skip
    for alert in found:  # the live comment is 1 person < k: any difference would be it
        assert shown[alert["dimension"], alert["key"]] - alert["count"] == 0 < LIVE_K
        assert body["volume"] - alert["voices"] == 0
