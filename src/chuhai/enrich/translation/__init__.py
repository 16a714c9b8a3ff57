"""Pluggable translation: none (default), an OpenAI-compatible endpoint (with presets for
DeepSeek, Qwen, Doubao, Moonshot, Ollama and vLLM), local Argos models. docs/PROVIDERS.md."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from chuhai.enrich.translation.base import (
    GistFunction,
    GlossaryTranslator,
    NoTranslator,
    Rendered,
    Translator,
    no_gist,
)
from chuhai.enrich.translation.meter import UsageMeter, meter_path
from chuhai.enrich.translation.openai_compatible import OpenAICompatibleTranslator
from chuhai.enrich.translation.presets import PRESETS, resolve_endpoint
from chuhai.errors import ConfigError
from chuhai.settings import TranslationProviderSettings

if TYPE_CHECKING:  # the gist engine loads its lexicons on first use only
    from chuhai.enrich.gist import GistEngine

__all__ = [
    "PRESETS",
    "GistFunction",
    "GlossaryTranslator",
    "NoTranslator",
    "OpenAICompatibleTranslator",
    "Rendered",
    "Translator",
    "UsageMeter",
    "build_translator",
    "no_gist",
    "offline_gist",
    "usage_meter",
]


@lru_cache(maxsize=1)
def _gist_engine() -> GistEngine:
    from chuhai.enrich.gist import GistEngine

    return GistEngine()


def offline_gist(texts: Sequence[str], source: str | None) -> list[str | None]:
    """The offline Chinese gist of each text (chuhai.enrich.gist), None where it read
    nothing; the fallback of :meth:`GlossaryTranslator.render`."""
    language = source if source and source != "und" else None
    texts_zh: list[str | None] = _gist_engine().gist_texts(texts, language)
    return texts_zh


def usage_meter(config: TranslationProviderSettings, data_dir: Path | None) -> UsageMeter:
    """The day's meter of this installation (in memory when there is no data directory)."""
    model = None
    if config.name not in ("none", "argos"):
        model = config.model or (PRESETS[config.name].model if config.name in PRESETS else None)
    return UsageMeter(
        meter_path(data_dir) if data_dir is not None else None,
        daily_chars=config.daily_chars,
        provider=config.name,
        model=model,
    )


def build_translator(
    config: TranslationProviderSettings,
    glossary: list[str] | None = None,
    *,
    data_dir: Path | None = None,
    gist: GistFunction = offline_gist,
    fixed: Mapping[str, Mapping[str, str]] | None = None,
    glossary_file: Path | None = None,
) -> GlossaryTranslator:
    """The configured provider, wrapped with glossary protection and a cache. ``data_dir``
    holds the day's character meter; ``gist`` is the offline fallback of ``render``;
    ``fixed`` the terms a brand always renders one way, per target language;
    ``glossary_file`` a brand's glossary.toml, whose names and fixed terms join them."""
    inner: Translator
    if config.name == "none":
        inner = NoTranslator()
    elif config.name == "argos":
        from chuhai.enrich.translation.argos import ArgosTranslator

        if config.models_dir is None:
            raise ConfigError("providers.translation: 'argos' needs models_dir")
        inner = ArgosTranslator(Path(config.models_dir))
    else:
        endpoint = resolve_endpoint(config)
        if endpoint.needs_key and endpoint.api_key_env and not os.environ.get(endpoint.api_key_env):
            raise ConfigError(
                f"providers.translation: {config.name} needs its API key in the environment "
                f"variable {endpoint.api_key_env} (docs/PROVIDERS.md)"
            )
        inner = OpenAICompatibleTranslator(
            base_url=endpoint.base_url,
            model=endpoint.model,
            api_key_env=endpoint.api_key_env,
            timeout=config.timeout_s,
            retries=config.retries,
            batch_size=config.batch_size,
            batch_chars=config.batch_chars,
            json_mode=endpoint.json_mode,
            meter=usage_meter(config, data_dir),
            label=config.name,
        )
    glossary = list(config.glossary if glossary is None else glossary)
    if glossary_file is not None:
        from chuhai.glossary import translation_terms

        kept, brand_fixed = translation_terms(glossary_file)
        glossary += kept
        fixed = {
            lang: {**brand_fixed.get(lang, {}), **(fixed or {}).get(lang, {})}
            for lang in {*brand_fixed, *(fixed or {})}
        }
    return GlossaryTranslator(inner, glossary, capacity=config.cache_size, gist=gist, fixed=fixed)
