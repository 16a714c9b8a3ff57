"""An enrich stage that adds nothing; voices keep the language their source gave (or und)."""

from __future__ import annotations

from collections.abc import Sequence

from chuhai.enrich.base import EnrichStage
from chuhai.records import Record, Rejection

__all__ = ["PassThroughEnricher"]


class PassThroughEnricher(EnrichStage):
    """Passes every record through unchanged."""

    name = "passthrough"

    def process(self, records: Sequence[Record]) -> list[Record | Rejection]:
        return list(records)
