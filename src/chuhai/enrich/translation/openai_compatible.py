"""Translation through any OpenAI-compatible chat endpoint: DeepSeek, Qwen (DashScope), Doubao
(Volcengine Ark), Moonshot, OpenAI, or a local vLLM / Ollama server (presets.py).

Many texts go in one request: a JSON object of numbered texts in, the same keys with their
translations out. An answer that is not that (bad JSON, missing or extra numbers) is asked
again in halves, down to one text at a time. Requests time out; 429, 5xx and network errors
are retried with exponential backoff, honouring ``Retry-After`` (:mod:`chuhai.http`); a
provider that keeps failing is left alone for a while (its texts get ``None`` at once, so
callers fall back to the gist).
The key comes from an environment variable named in the config, never from the config.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from chuhai import http
from chuhai.enrich.translation.base import Translator
from chuhai.enrich.translation.meter import UsageMeter

__all__ = ["OpenAICompatibleTranslator", "parse_answer"]

log = logging.getLogger(__name__)

_LANGUAGE_NAMES = {
    "zh": "Simplified Chinese", "en": "English", "id": "Indonesian", "ms": "Malay", "th": "Thai",
    "vi": "Vietnamese", "tl": "Tagalog", "es": "Spanish", "pt": "Portuguese", "ar": "Arabic",
}  # fmt: skip
_PROMPT = (
    "You translate customer comments and replies for the team of a brand that sells in live "
    "streams. The user sends a JSON object of numbered texts{source}. Translate every text into "
    "{target}. Keep markers like ⟦0⟧ exactly as they are: they stand for brand and product "
    "names. Keep numbers, sizes, colours and emoji. Answer with a JSON object with the same "
    "keys, each value the translation only."
)
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}")
_OPEN_AFTER = 3  # consecutive failed requests before the provider is left alone
_OPEN_FOR_S = 30.0


def parse_answer(content: str, count: int) -> list[str | None] | None:
    """The ``count`` translations in a model's answer, in order; None when it is not that."""
    text = _FENCE.sub("", content.strip())
    try:
        data: Any = json.loads(text)
    except ValueError:
        start, end = text.find("{"), text.rfind("}")
        try:
            data = json.loads(text[start : end + 1]) if 0 <= start < end else None
        except ValueError:
            return None
    ids = {str(i) for i in range(1, count + 1)}
    if isinstance(data, dict) and set(data) != ids and len(data) == 1:
        data = next(iter(data.values()))  # {"translations": {...}} or {"translations": [...]}
    values: list[Any]
    if isinstance(data, dict):
        if set(data) != ids:
            return None
        values = [data[str(i)] for i in range(1, count + 1)]
    elif isinstance(data, list) and len(data) == count:
        values = data
    else:
        return None
    if not all(isinstance(v, str) for v in values):
        return None
    return [v.strip() or None for v in values]


class OpenAICompatibleTranslator(Translator):
    name = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key_env: str | None = None,
        timeout: float = 20.0,
        retries: int = 3,
        batch_size: int = 32,
        batch_chars: int = 6000,
        json_mode: bool = False,
        meter: UsageMeter | None = None,
        label: str = "openai",
        backoff_s: float = 0.5,
        max_wait_s: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.label = label
        self.api_key_env = api_key_env
        self.api_key = os.environ.get(api_key_env, "") if api_key_env else ""
        self.timeout = timeout
        self.retry = http.Retry(retries=retries, backoff_s=backoff_s, max_wait_s=max_wait_s)
        self.batch_size = batch_size
        self.batch_chars = batch_chars
        self.json_mode = json_mode
        self.meter = meter or UsageMeter(provider=label, model=model)
        self.sleep = sleep
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        self.client = http.client(timeout=timeout, headers=headers, transport=transport)
        self._state = threading.Lock()
        self._failures = 0
        self._resting_until = 0.0

    @property
    def cache_id(self) -> str:
        return f"{self.label}:{self.model}"

    def close(self) -> None:
        self.client.close()

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        return self.translate_by(texts, target, source)

    def translate_by(
        self,
        texts: Sequence[str],
        target: str,
        source: str | None = None,
        deadline: float | None = None,
    ) -> list[str | None]:
        out: list[str | None] = [None] * len(texts)
        for chunk in self._chunks(texts):
            if self.resting:
                break
            for i, result in zip(
                chunk, self._batch(texts, chunk, target, source, deadline), strict=True
            ):
                out[i] = result
        return out

    @property
    def resting(self) -> bool:
        """Whether the provider failed often enough to be left alone for now."""
        with self._state:
            return time.monotonic() < self._resting_until

    def _chunks(self, texts: Sequence[str]) -> list[list[int]]:
        chunks: list[list[int]] = []
        current: list[int] = []
        size = 0
        for i, text in enumerate(texts):
            if current and (len(current) >= self.batch_size or size + len(text) > self.batch_chars):
                chunks.append(current)
                current, size = [], 0
            current.append(i)
            size += len(text)
        if current:
            chunks.append(current)
        return chunks

    def _batch(
        self,
        texts: Sequence[str],
        indices: list[int],
        target: str,
        source: str | None,
        deadline: float | None,
    ) -> list[str | None]:
        """Translations of ``texts[i] for i in indices``; malformed answers are asked again
        in halves, a failed request is not (the next one would fail the same way)."""
        chars = sum(len(texts[i]) for i in indices)
        if not self.meter.allows(chars):
            self.meter.add(refused=len(indices))
            return [None] * len(indices)
        content = self._post(
            self._body([texts[i] for i in indices], target, source), deadline, chars
        )
        if content is None:
            return [None] * len(indices)
        parsed = parse_answer(content, len(indices))
        if parsed is None and len(indices) == 1 and content.strip()[:1] not in ("{", "["):
            parsed = [content.strip() or None]  # one text, answered in plain words
        if parsed is not None:
            return parsed
        self.meter.add(malformed=1)
        log.info("%s answered %d texts malformed; asking again in smaller batches",
                 self.label, len(indices))  # fmt: skip
        if len(indices) == 1:
            return [None]
        half = len(indices) // 2
        return self._batch(texts, indices[:half], target, source, deadline) + self._batch(
            texts, indices[half:], target, source, deadline
        )

    def _body(self, texts: list[str], target: str, source: str | None) -> dict[str, Any]:
        known = _LANGUAGE_NAMES.get(source or "", source) if source and source != "und" else None
        prompt = _PROMPT.format(
            target=_LANGUAGE_NAMES.get(target, target), source=f" in {known}" if known else ""
        )
        items = {str(n): text for n, text in enumerate(texts, 1)}
        body: dict[str, Any] = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": prompt},
                {"role": "user", "content": json.dumps(items, ensure_ascii=False)},
            ],
        }
        if self.json_mode:
            body["response_format"] = {"type": "json_object"}
        return body

    def _post(self, body: dict[str, Any], deadline: float | None, chars: int) -> str | None:
        """The answer's content, or None when the request failed (after its retries)."""
        sent = http.post(
            self.client, self.url, json=body, retry=self.retry, deadline=deadline,
            on_retry=lambda: self.meter.add(retries=1), sleep=self.sleep,
        )  # fmt: skip
        if sent.expired:
            return None  # out of time: the caller's deadline, not the provider's failure
        response = sent.response
        if response is not None and response.status_code == 200:
            self.meter.add(requests=1, chars=chars)
            self._succeeded()
            return _content(response)
        if response is None:
            error = f"{type(sent.error).__name__}: {sent.error}"
        else:
            error = f"HTTP {response.status_code}: {response.text[:200]}"
            if response.status_code in (401, 403) and self.api_key_env:
                error += f" (check the key in ${self.api_key_env})"
        self._failed(error)
        return None

    def _succeeded(self) -> None:
        with self._state:
            self._failures = 0

    def _failed(self, error: str) -> None:
        if self.api_key:  # a provider may echo the key it refused
            error = error.replace(self.api_key, "***")
        error = _KEY_LIKE.sub("sk-***", error)
        log.warning("translation request to %s failed: %s", self.url, error)
        self.meter.add(errors=1, error=error)
        with self._state:
            self._failures += 1
            if self._failures >= _OPEN_AFTER:
                self._resting_until = time.monotonic() + _OPEN_FOR_S


def _content(response: httpx.Response) -> str:
    """The message of a chat-completions answer; '' for an envelope that is not one."""
    try:
        return str(response.json()["choices"][0]["message"]["content"] or "")
    except (ValueError, KeyError, IndexError, TypeError):
        return ""
