"""The privacy stage: runs before anything is stored or enriched."""

from __future__ import annotations

from typing import ClassVar

from chuhai.stage import Stage

__all__ = ["PrivacyStage"]


class PrivacyStage(Stage):
    kind: ClassVar[str] = "privacy"
