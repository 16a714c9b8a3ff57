"""Local translation with Argos Translate models the user has downloaded (``.argosmodel``
files in ``providers.translation.models_dir``). Optional: needs ``pip install argostranslate``."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chuhai.enrich.translation.base import Translator
from chuhai.errors import ConfigError

__all__ = ["ArgosTranslator"]

log = logging.getLogger(__name__)


class ArgosTranslator(Translator):
    name = "argos"

    def __init__(self, models_dir: Path) -> None:
        try:
            from argostranslate import package, translate
        except ImportError as exc:
            raise ConfigError(
                "translation provider 'argos' needs argostranslate: pip install argostranslate"
            ) from exc
        if not models_dir.is_dir():
            raise ConfigError(f"argos models_dir not found: {models_dir}")
        for model in sorted(models_dir.glob("*.argosmodel")):
            package.install_from_path(str(model))
        self._translate: Any = translate

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        out: list[str | None] = []
        for text in texts:
            if not source or source == "und":
                out.append(None)
                continue
            try:
                out.append(self._translate.translate(text, source, target))
            except Exception as exc:
                log.info("argos cannot translate %s->%s: %s", source, target, exc)
                out.append(None)
        return out
