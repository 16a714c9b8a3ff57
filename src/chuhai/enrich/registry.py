"""The enrich stages by name, keeping only what is installed (``[pipeline] enrich``).

The pipeline's stage registry adds the privacy stages in front; the enrich engines build from
here alone, so this package never reaches up into ``chuhai.pipeline``.
"""

from __future__ import annotations

from typing import Final

from chuhai.enrich.base import EnrichStage
from chuhai.enrich.multilingual import MultilingualEnricher
from chuhai.enrich.passthrough import PassThroughEnricher
from chuhai.errors import ConfigError
from chuhai.settings import Settings

__all__ = ["ENRICHERS", "build_enrichers"]

ENRICHERS: Final[dict[str, type[EnrichStage]]] = {
    s.name: s for s in (PassThroughEnricher, MultilingualEnricher) if s.is_available
}


def build_enrichers(settings: Settings) -> list[EnrichStage]:
    """The configured enrich stages, in pipeline order."""
    stages = []
    for name in settings.pipeline.enrich:
        cls = ENRICHERS.get(name)
        if cls is None:
            known = ", ".join(ENRICHERS)
            raise ConfigError(f"pipeline.enrich: no stage named {name!r} (available: {known})")
        stages.append(cls(settings))
    return stages
