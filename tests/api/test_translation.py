"""The translation meter over HTTP (GET /v1/translation, the state in /v1/health), and
POST /v1/analyze translating through the configured provider."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.enrich.translation import build_translator
from chuhai.settings import Settings
from tests.conftest import make_settings
from tests.enrich.translation.fake_chat import FakeChat, fake_chat


@pytest.fixture
def chat() -> Iterator[FakeChat]:
    with fake_chat() as server:
        yield server


def _settings(tmp_path: Path, chat: FakeChat, budget: int) -> Settings:
    provider = {"name": "openai", "base_url": chat.url, "model": "m", "daily_chars": budget}
    return make_settings(tmp_path, providers={"translation": provider})


@pytest.mark.parametrize(
    ("budget", "state", "remaining"), [(100, "ok", 89), (11, "over_budget", 0), (0, "ok", None)]
)
def test_the_meter_and_the_health_state(
    chat: FakeChat, tmp_path: Path, budget: int, state: str, remaining: int | None
) -> None:
    settings = _settings(tmp_path, chat, budget)
    # another process of the installation (the enrich stage) spent 11 characters
    config = settings.providers.translation
    build_translator(config, data_dir=settings.data_dir).translate(["kirim cepat"], "zh")
    with TestClient(create_app(settings=settings)) as client:
        meter = client.get("/v1/translation").json()
        health = client.get("/v1/health").json()
    assert (meter["chars"], meter["requests"], meter["remaining_chars"]) == (11, 1, remaining)
    assert health["translation"] == {"provider": "openai", "state": state}
    assert "chars" not in health["translation"]  # figures need a signed-in user


def test_analyze_translates_with_the_configured_provider(chat: FakeChat, tmp_path: Path) -> None:
    with TestClient(create_app(settings=_settings(tmp_path, chat, 0))) as client:
        response = client.post(
            "/v1/analyze", json={"texts": ["kirim cepat"], "market": "ID", "translate_to": "zh"}
        )
    assert response.status_code == 200
    assert response.json()["results"][0]["translation"] == "发货快"
