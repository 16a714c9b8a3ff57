"""The privacy stage: runs before anything is stored or enriched."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from chuhai.records import Rejection
from chuhai.stage import Stage

__all__ = ["PrivacyStage"]


class PrivacyStage(Stage):
    kind: ClassVar[str] = "privacy"

    def redact_rejections(self, zone: str, rejections: Sequence[Rejection]) -> list[Rejection]:
        """Rejected rows as they may be kept in ``zone``'s quarantine (here: unchanged)."""
        return list(rejections)
