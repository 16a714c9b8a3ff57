"""Presets for the OpenAI-compatible endpoints Chinese sellers use.

``[providers.translation] name = "deepseek"`` fills the base URL, the model and the name of the
environment variable that holds the key; any of them may still be set in the config (a custom
``base_url`` for a proxy or another region, another ``model``). Keys are never read from the
config file: only from the environment variable (docs/PROVIDERS.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chuhai.errors import ConfigError
from chuhai.settings import TranslationProviderSettings

__all__ = ["PRESETS", "Endpoint", "Preset", "resolve_endpoint"]


@dataclass(frozen=True)
class Preset:
    base_url: str
    model: str
    api_key_env: str
    needs_key: bool = True
    json_mode: bool = False  # sends response_format {"type": "json_object"}


PRESETS: Final[dict[str, Preset]] = {
    "deepseek": Preset("https://api.deepseek.com/v1", "deepseek-chat", "DEEPSEEK_API_KEY",
                       json_mode=True),
    # Alibaba Cloud Model Studio (DashScope), compatible mode; international accounts use
    # https://dashscope-intl.aliyuncs.com/compatible-mode/v1 with their own key
    "qwen": Preset("https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus",
                   "DASHSCOPE_API_KEY", json_mode=True),
    # Volcengine Ark: the model is a Doubao model name or an inference endpoint id (ep-...)
    "doubao": Preset("https://ark.cn-beijing.volces.com/api/v3", "doubao-seed-1-6-flash-250828",
                     "ARK_API_KEY"),
    "moonshot": Preset("https://api.moonshot.cn/v1", "moonshot-v1-8k", "MOONSHOT_API_KEY",
                       json_mode=True),
    "ollama": Preset("http://localhost:11434/v1", "qwen2.5:7b", "OLLAMA_API_KEY",
                     needs_key=False),
    "vllm": Preset("http://localhost:8000/v1", "Qwen/Qwen2.5-7B-Instruct", "VLLM_API_KEY",
                   needs_key=False),
}  # fmt: skip


@dataclass(frozen=True)
class Endpoint:
    """Where and how to call: the preset's values with the config's own on top."""

    label: str
    base_url: str
    model: str
    api_key_env: str | None
    needs_key: bool
    json_mode: bool


def resolve_endpoint(config: TranslationProviderSettings) -> Endpoint:
    """The endpoint of an ``openai`` or preset provider; ConfigError when incomplete."""
    preset = PRESETS.get(config.name)
    base_url = config.base_url or (preset.base_url if preset else None)
    model = config.model or (preset.model if preset else None)
    if not base_url or not model:
        raise ConfigError(
            f"providers.translation: {config.name!r} needs base_url and model "
            f"(or a preset: {', '.join(PRESETS)})"
        )
    api_key_env = config.api_key_env or (preset.api_key_env if preset else None)
    json_mode = (
        config.json_mode if config.json_mode is not None else bool(preset and preset.json_mode)
    )
    return Endpoint(
        label=config.name,
        base_url=base_url,
        model=model,
        api_key_env=api_key_env,
        needs_key=preset.needs_key if preset else False,
        json_mode=json_mode,
    )
