"""The stage registry: implementations by (kind, name), keeping only what is installed."""

from __future__ import annotations

from typing import Final

from chuhai.enrich.registry import ENRICHERS, build_enrichers
from chuhai.errors import ConfigError
from chuhai.privacy.base import PrivacyStage
from chuhai.privacy.passthrough import PassThroughPrivacy
from chuhai.privacy.redacting import RedactingPrivacy
from chuhai.settings import Settings
from chuhai.stage import Stage

__all__ = ["STAGES", "build_privacy", "build_stages"]

STAGES: Final[dict[tuple[str, str], type[Stage]]] = {
    **{(s.kind, s.name): s for s in (PassThroughPrivacy, RedactingPrivacy) if s.is_available},
    **{(s.kind, s.name): s for s in ENRICHERS.values()},
}


def _stage(kind: str, name: str, settings: Settings) -> Stage:
    cls = STAGES.get((kind, name))
    if cls is None:
        known = ", ".join(n for k, n in STAGES if k == kind)
        raise ConfigError(f"pipeline.{kind}: no stage named {name!r} (available: {known})")
    return cls(settings)


def build_stages(settings: Settings) -> list[Stage]:
    """The configured stages in pipeline order: privacy first, then each enricher."""
    return [_stage("privacy", settings.pipeline.privacy, settings), *build_enrichers(settings)]


def build_privacy(settings: Settings) -> PrivacyStage:
    """The configured privacy stage alone (it also redacts rejected rows)."""
    stage = _stage("privacy", settings.pipeline.privacy, settings)
    assert isinstance(stage, PrivacyStage)
    return stage
