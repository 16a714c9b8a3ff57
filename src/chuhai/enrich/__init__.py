"""Enrichment of voices (the enrich pipeline stage)."""

from chuhai.enrich.base import EnrichStage
from chuhai.enrich.passthrough import PassThroughEnricher

__all__ = ["EnrichStage", "PassThroughEnricher"]
