"""A privacy stage that changes nothing.

Author handles are already pseudonymised by the connectors; detecting and redacting personal
data inside the text is the job of a real privacy stage, which replaces this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from chuhai.privacy.base import PrivacyStage
from chuhai.records import Record, Rejection

__all__ = ["PassThroughPrivacy"]


class PassThroughPrivacy(PrivacyStage):
    """Passes every record through unchanged (text PII is NOT redacted)."""

    name = "passthrough"

    def process(self, records: Sequence[Record]) -> list[Record | Rejection]:
        return list(records)
