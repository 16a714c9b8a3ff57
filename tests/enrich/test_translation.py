"""Translation providers: an OpenAI-compatible endpoint served locally, glossary protection,
the cache, and the offline default."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from chuhai.enrich.translation import (
    GlossaryTranslator,
    NoTranslator,
    OpenAICompatibleTranslator,
    build_translator,
)
from chuhai.errors import ConfigError
from chuhai.settings import TranslationProviderSettings

# What the fake model answers, by the user message it receives.
_REPLIES = {
    "Lumio Fan sangat bagus": "Lumio Fan 非常好",
    "⟦0⟧ sangat bagus": "⟦0⟧ 非常好",
    "⟦0⟧ rusak": "坏了",  # drops the marker: must be rejected
    "kirim cepat": "发货快",
}


class _ChatServer(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        text = body["messages"][-1]["content"]
        if text == "boom":
            self.send_response(500)
            self.end_headers()
            return
        reply = {
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": _REPLIES.get(text, text)}}
            ]
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _ChatServer.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ChatServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def test_openai_compatible_protocol(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_KEY", "sk-test")
    provider = OpenAICompatibleTranslator(base_url=server, model="qwen-mt", api_key_env="TEST_KEY")
    assert provider.translate(["kirim cepat"], "zh", "id") == ["发货快"]
    sent = _ChatServer.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["auth"] == "Bearer sk-test"
    assert sent["body"]["model"] == "qwen-mt"
    assert "Simplified Chinese" in sent["body"]["messages"][0]["content"]


def test_glossary_terms_are_never_translated_and_results_are_cached(server: str) -> None:
    translator = GlossaryTranslator(
        OpenAICompatibleTranslator(base_url=server, model="m"), ["Lumio Fan"]
    )
    first = translator.translate(["Lumio Fan sangat bagus", "Lumio Fan sangat bagus"], "zh", "id")
    assert first == ["Lumio Fan 非常好", "Lumio Fan 非常好"]
    assert [r["body"]["messages"][-1]["content"] for r in _ChatServer.requests] == [
        "⟦0⟧ sangat bagus"
    ]
    assert translator.translate(["Lumio Fan sangat bagus"], "zh", "id") == ["Lumio Fan 非常好"]
    assert len(_ChatServer.requests) == 1  # served from the cache


def test_a_translation_that_loses_a_glossary_term_is_rejected(server: str) -> None:
    translator = GlossaryTranslator(
        OpenAICompatibleTranslator(base_url=server, model="m"), ["Lumio Fan"]
    )
    assert translator.translate(["Lumio Fan rusak"], "zh", "id") == [None]


def test_a_failing_endpoint_gives_none_not_an_error(server: str) -> None:
    provider = OpenAICompatibleTranslator(base_url=server, model="m")
    assert provider.translate(["boom"], "zh") == [None]
    unreachable = OpenAICompatibleTranslator(base_url="http://127.0.0.1:9/v1", model="m", timeout=1)
    assert unreachable.translate(["kirim cepat"], "zh") == [None]


def test_none_provider_translates_nothing() -> None:
    translator = build_translator(TranslationProviderSettings())
    assert isinstance(translator.inner, NoTranslator)
    assert not translator.available
    assert translator.translate(["hola"], "zh") == [None]


@pytest.mark.parametrize(
    "config",
    [
        TranslationProviderSettings(name="openai"),
        TranslationProviderSettings(name="argos"),
    ],
)
def test_incomplete_provider_settings_are_rejected(config: TranslationProviderSettings) -> None:
    with pytest.raises(ConfigError):
        build_translator(config)
