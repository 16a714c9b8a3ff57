"""The ``[providers]`` section of chuhai.toml: translation and LLM endpoints (keys: env vars)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from chuhai.settings.base import Section, split_list

__all__ = [
    "LLMName",
    "LLMProviderSettings",
    "ProvidersSettings",
    "TranslationName",
    "TranslationProviderSettings",
]


TranslationName = Literal[
    "none", "argos", "openai", "deepseek", "qwen", "doubao", "moonshot", "ollama", "vllm"
]  # fmt: skip
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _no_key(data: Any) -> Any:
    if isinstance(data, dict) and ("api_key" in data or "key" in data):
        raise ValueError(
            "api_key: keys are never kept in the config; put it in an environment "
            "variable and name that variable in api_key_env (docs/PROVIDERS.md)"
        )
    return data


def _env_name(value: str | None) -> str | None:
    if value is not None and not _ENV_NAME.match(value):
        raise ValueError(
            "must name an environment variable (e.g. DEEPSEEK_API_KEY), not hold the key"
        )
    return value


class TranslationProviderSettings(Section):
    """A translation provider; ``none`` keeps the pipeline fully offline. A preset name
    (deepseek, qwen, doubao, moonshot, ollama, vllm) fills base_url, model and api_key_env."""

    name: TranslationName = "none"
    base_url: str | None = None
    model: str | None = None
    api_key_env: str | None = Field(
        default=None, description="Name of the env var with the key (never the key itself)"
    )
    models_dir: Path | None = None
    target: str | None = Field(
        default=None, description="Language the enrich stage translates voices into, e.g. zh"
    )
    glossary: list[str] = Field(
        default_factory=list, description="Brand and product names that are never translated"
    )
    json_mode: bool | None = Field(
        default=None, description="Ask for a JSON object (response_format); default: preset's"
    )
    timeout_s: float = Field(default=20, gt=0, le=300, description="Per request")
    retries: int = Field(default=3, ge=0, le=10, description="On 429, 5xx and timeouts")
    batch_size: int = Field(default=32, ge=1, le=500, description="Texts per request")
    batch_chars: int = Field(default=6000, ge=200, description="Characters per request")
    live_budget_s: float = Field(
        default=1.5,
        gt=0,
        le=30,
        description="The live room waits this long; then the comment goes out with its gist "
        "and the translation follows when it comes",
    )
    daily_chars: int = Field(
        default=0, ge=0, description="Characters sent per day (UTC), 0 = no limit; then gists"
    )
    cache_size: int = Field(default=20_000, ge=0, description="Translations kept in memory")

    _glossary = field_validator("glossary", mode="before")(split_list)

    _no_key_in_config = model_validator(mode="before")(_no_key)
    _env_name = field_validator("api_key_env")(_env_name)


LLMName = Literal["none", "openai", "deepseek", "qwen", "doubao", "moonshot", "ollama", "vllm"]


class LLMProviderSettings(Section):
    """An OpenAI-compatible chat endpoint for the drafting assistants (docs/ASSIST.md);
    ``none`` uses the translation provider's endpoint where it is one, else offline templates.
    A preset name fills base_url, model and api_key_env, as for translation."""

    name: LLMName = "none"
    base_url: str | None = None
    model: str | None = None
    api_key_env: str | None = Field(
        default=None, description="Name of the env var with the key (never the key itself)"
    )
    json_mode: bool | None = Field(default=None, description="Default: the preset's")
    timeout_s: float = Field(default=60, gt=0, le=600, description="Per request")
    retries: int = Field(default=2, ge=0, le=10, description="On 429, 5xx and timeouts")
    rounds: int = Field(
        default=2, ge=0, le=5, description="Rewrites of a draft the claim checker or glossary flags"
    )
    glossary: Path | None = Field(
        default=None, description="glossary.toml: brand terms, banned words, tone per market"
    )

    _no_key_in_config = model_validator(mode="before")(_no_key)
    _env_name = field_validator("api_key_env")(_env_name)


class ProvidersSettings(Section):
    translation: TranslationProviderSettings = Field(default_factory=TranslationProviderSettings)
    llm: LLMProviderSettings = Field(default_factory=LLMProviderSettings)
