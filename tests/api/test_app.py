"""The HTTP API: the same analysis as the CLI, validated input, clear errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.enrich.multilingual import shared_analyzer
from chuhai.store import open_store


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


def test_a_zone_kept_by_another_process_is_503_with_retry_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import make_settings
    from tests.store.test_duckdb_store import held

    settings = make_settings(tmp_path, markets=["TH"])
    path = tmp_path / "data" / "zones" / "th.duckdb"
    open_store(f"duckdb:///{path}", zone="th", markets=["TH"]).close()
    monkeypatch.setenv("CHUHAI_DUCKDB_WAIT", "0.3")
    with held(path, 60), TestClient(create_app(settings=settings)) as client:
        response = client.get("/v1/voc/overview")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "被另一个进程" in response.json()["detail"]
