"""Pluggable translation: none (default), an OpenAI-compatible endpoint, local Argos models."""

from __future__ import annotations

from pathlib import Path

from chuhai.enrich.translation.base import GlossaryTranslator, NoTranslator, Translator
from chuhai.enrich.translation.openai_compatible import OpenAICompatibleTranslator
from chuhai.errors import ConfigError
from chuhai.settings import TranslationProviderSettings

__all__ = [
    "GlossaryTranslator",
    "NoTranslator",
    "OpenAICompatibleTranslator",
    "Translator",
    "build_translator",
]


def build_translator(
    config: TranslationProviderSettings, glossary: list[str] | None = None
) -> GlossaryTranslator:
    """The configured provider, wrapped with glossary protection and a cache."""
    inner: Translator
    if config.name == "none":
        inner = NoTranslator()
    elif config.name == "openai":
        if not config.base_url or not config.model:
            raise ConfigError("providers.translation: 'openai' needs base_url and model")
        inner = OpenAICompatibleTranslator(
            base_url=config.base_url, model=config.model, api_key_env=config.api_key_env
        )
    else:
        from chuhai.enrich.translation.argos import ArgosTranslator

        if config.models_dir is None:
            raise ConfigError("providers.translation: 'argos' needs models_dir")
        inner = ArgosTranslator(Path(config.models_dir))
    return GlossaryTranslator(inner, glossary or [])
