"""The drafting assistants' model: any OpenAI-compatible chat endpoint (DeepSeek, Qwen,
Doubao, Moonshot, a local vLLM or Ollama) with the same presets as translation.

``[providers.llm]`` chooses it; with ``name = "none"`` the translation provider's endpoint
is used when it is an OpenAI-compatible one; otherwise there is no model and the assistants
write offline template drafts. Keys come from the environment variable the config names.
The model is only asked for text: nothing it writes is sent anywhere.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from chuhai import http
from chuhai.enrich.translation.presets import PRESETS
from chuhai.errors import ConfigError
from chuhai.settings import ProvidersSettings

__all__ = ["ChatModel", "Message", "chat_model", "parse_json"]

log = logging.getLogger(__name__)

Message = dict[str, str]
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}")


@dataclass
class ChatModel:
    """One endpoint: ``ask(messages)`` -> the answer's text, or None when it failed."""

    base_url: str
    model: str
    label: str = "openai"
    api_key_env: str | None = None
    json_mode: bool = False
    timeout_s: float = 60.0
    retries: int = 2
    transport: httpx.BaseTransport | None = None

    def __post_init__(self) -> None:
        self.url = self.base_url.rstrip("/") + "/chat/completions"
        key = os.environ.get(self.api_key_env, "") if self.api_key_env else ""
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._key = key
        self.client = http.client(timeout=self.timeout_s, headers=headers, transport=self.transport)
        self.retry = http.Retry(retries=self.retries, backoff_s=0.5, max_wait_s=20.0)
        self.requests = 0
        self.last_error: str | None = None

    def close(self) -> None:
        self.client.close()

    def ask(self, messages: Sequence[Message], *, temperature: float = 0.3) -> str | None:
        body: dict[str, Any] = {
            "model": self.model,
            "temperature": temperature,
            "messages": list(messages),
        }
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        self.requests += 1
        sent = http.post(self.client, self.url, json=body, retry=self.retry)
        response = sent.response
        if response is not None and response.status_code == 200:
            try:
                return str(response.json()["choices"][0]["message"]["content"] or "")
            except (ValueError, KeyError, IndexError, TypeError):
                self._failed("an answer that is not a chat completion")
                return None
        if response is None:
            self._failed(f"{type(sent.error).__name__}: {sent.error}")
        else:
            self._failed(f"HTTP {response.status_code}: {response.text[:200]}")
        return None

    def _failed(self, error: str) -> None:
        if self._key:
            error = error.replace(self._key, "***")
        self.last_error = _KEY_LIKE.sub("sk-***", error)
        log.warning("drafting model %s failed: %s", self.url, self.last_error)


def parse_json(content: str) -> dict[str, Any] | None:
    """The JSON object in a model's answer (fenced or with words around it), else None."""
    text = _FENCE.sub("", content.strip())
    for candidate in (text, text[text.find("{") : text.rfind("}") + 1]):
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    return None


def chat_model(providers: ProvidersSettings) -> ChatModel | None:
    """The configured drafting model, None when there is none (offline templates)."""
    llm = providers.llm
    name: str
    if llm.name != "none":
        name, base_url, model, key_env, json_mode = (
            llm.name, llm.base_url, llm.model, llm.api_key_env, llm.json_mode,
        )  # fmt: skip
        timeout, retries = llm.timeout_s, llm.retries
    elif providers.translation.name not in ("none", "argos"):
        tr = providers.translation
        name, base_url, model, key_env, json_mode = (
            tr.name, tr.base_url, tr.model, tr.api_key_env, tr.json_mode,
        )  # fmt: skip
        timeout, retries = max(tr.timeout_s, llm.timeout_s), llm.retries
    else:
        return None
    preset = PRESETS.get(name)
    base_url = base_url or (preset.base_url if preset else None)
    model = model or (preset.model if preset else None)
    if not base_url or not model:
        raise ConfigError(
            f"providers.llm: {name!r} needs base_url and model (or a preset: {', '.join(PRESETS)})"
        )
    key_env = key_env or (preset.api_key_env if preset else None)
    if preset and preset.needs_key and key_env and not os.environ.get(key_env):
        raise ConfigError(
            f"providers.llm: {name} needs its API key in the environment variable {key_env} "
            "(docs/PROVIDERS.md)"
        )
    return ChatModel(
        base_url=base_url,
        model=model,
        label=name,
        api_key_env=key_env,
        json_mode=json_mode if json_mode is not None else bool(preset and preset.json_mode),
        timeout_s=timeout,
        retries=retries,
    )
