"""The enrich stage: language, sentiment, intent and other annotations of voices."""

from __future__ import annotations

from typing import ClassVar

from chuhai.stage import Stage

__all__ = ["EnrichStage"]


class EnrichStage(Stage):
    kind: ClassVar[str] = "enrich"
