"""A privacy stage that changes nothing.

Author handles are already pseudonymised by the connectors; detecting and redacting personal
data inside the text (and in quarantined rows) is the job of a real privacy stage, which
replaces this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from chuhai.privacy.base import PrivacyStage
from chuhai.records import Record, Rejection

__all__ = ["PassThroughPrivacy"]


class PassThroughPrivacy(PrivacyStage):
    """Passes every record and rejected row through unchanged (PII is NOT redacted)."""

    name = "passthrough"

    def process(self, records: Sequence[Record]) -> list[Record | Rejection]:
        return list(records)
