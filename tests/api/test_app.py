"""The HTTP API: the same analysis as the CLI, validated input, clear errors."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.enrich.multilingual import shared_analyzer


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(shared_analyzer())) as test_client:
        yield test_client


def test_health(client: TestClient) -> None:
    response = client.get("/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_analyze_returns_one_result_per_text(client: TestClient) -> None:
    response = client.post(
        "/v1/analyze", json={"texts": ["harga berapa kak?", "🔥🔥", ""], "market": "id"}
    )
    assert response.status_code == 200
    body = response.json()
    assert [r["text"] for r in body["results"]] == ["harga berapa kak?", "🔥🔥", ""]
    first = body["results"][0]
    assert first["intent"]["label"] == "price_question"
    assert first["language"]["code"] == "id"
    assert body["model_version"]


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"texts": []}, "at least 1"),
        ({"texts": ["hi"], "market": "Atlantis"}, "unknown market"),
        ({"texts": ["hi"], "colour": "red"}, "Extra inputs"),
        ({"texts": ["x" * 50_001]}, "at most 50000"),
        ({"texts": ["hi"] * 1001}, "at most 1000"),
        ({"text": "hi"}, "Field required"),
    ],
)
def test_bad_requests_are_422_with_a_reason(
    client: TestClient, payload: dict[str, object], fragment: str
) -> None:
    response = client.post("/v1/analyze", json=payload)
    assert response.status_code == 422
    assert fragment in response.text


def test_docs_load_their_assets_from_the_server_not_a_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r"""(?:src|href)=['"]([^'"]+)['"]""", page.text)
    assert assets, page.text
    for url in assets:
        assert url.startswith("/"), f"{url} is not served by chuhai"
        got = client.get(url)
        assert got.status_code == 200, url
        assert len(got.content) > 100, url
    assert client.get("/redoc", follow_redirects=False).headers["location"] == "/docs"
