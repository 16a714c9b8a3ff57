"""Translation through any OpenAI-compatible chat endpoint: DeepSeek, Qwen, OpenAI, or a
local vLLM / Ollama server. Uses the standard library only; the key comes from an environment
variable named in the config, never from the config itself."""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from chuhai.enrich.translation.base import Translator

__all__ = ["OpenAICompatibleTranslator"]

log = logging.getLogger(__name__)

_LANGUAGE_NAMES = {
    "zh": "Simplified Chinese", "en": "English", "id": "Indonesian", "ms": "Malay", "th": "Thai",
    "vi": "Vietnamese", "tl": "Tagalog", "es": "Spanish", "pt": "Portuguese", "ar": "Arabic",
}  # fmt: skip
_PROMPT = (
    "You translate customer messages for an e-commerce team. Translate the user's message into "
    "{target}. Keep every marker like ⟦0⟧ exactly as it is. Reply with the translation only."
)


class OpenAICompatibleTranslator(Translator):
    name = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key_env: str | None = None,
        timeout: float = 20.0,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = os.environ.get(api_key_env, "") if api_key_env else ""
        self.timeout = timeout

    def _request(self, text: str, target: str) -> str | None:
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {
                    "role": "system",
                    "content": _PROMPT.format(target=_LANGUAGE_NAMES.get(target, target)),
                },
                {"role": "user", "content": text},
            ],
        }
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.url, json.dumps(body).encode(), headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                reply: Any = json.loads(response.read().decode("utf-8"))
            content = reply["choices"][0]["message"]["content"]
        except (urllib.error.URLError, TimeoutError, KeyError, IndexError, ValueError) as exc:
            log.warning("translation request to %s failed: %s", self.url, exc)
            return None
        return str(content).strip() or None

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        return [self._request(text, target) for text in texts]
