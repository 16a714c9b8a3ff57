"""The script checker, rule packs and PII scan over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


def test_script_check(client: TestClient) -> None:
    response = client.post(
        "/v1/script/check", json={"text": "Krim ini menyembuhkan jerawat kak", "market": "id"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["market"] == "ID" and "not legal advice" in body["disclaimer"]
    rules = {f["rule"] for f in body["findings"]}
    assert {"TTS-MED-001", "ID-BPOM-COS-001"} <= rules
    first = body["findings"][0]
    assert {"start", "end", "text", "severity", "why", "source", "suggestion"} <= set(first)


@pytest.mark.parametrize(
    "payload",
    [
        {"text": "x"},
        {"text": "x", "market": "Atlantis"},
        {"text": "x", "market": "US", "platform": "myspace"},
    ],
)
def test_script_check_bad_input(client: TestClient, payload: dict[str, str]) -> None:
    assert client.post("/v1/script/check", json=payload).status_code == 422


def test_rule_packs(client: TestClient) -> None:
    body = client.get("/v1/compliance/packs/US").json()
    assert [p["id"] for p in body["packs"]] == ["US", "US-CA"]
    assert client.get("/v1/compliance/packs/JP").status_code == 404
    assert client.get("/v1/compliance/packs/XX").status_code == 422


def test_privacy_scan(client: TestClient) -> None:
    response = client.post(
        "/v1/privacy/scan", json={"texts": ["wa 0812-3456-7890", "none"], "market": "ID"}
    )
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first["entities"][0]["type"] == "PHONE" and second["entities"] == []


def test_openapi_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/v1/analyze",
        "/v1/script/check",
        "/v1/compliance/packs/{market}",
        "/v1/privacy/scan",
    } <= set(paths)
