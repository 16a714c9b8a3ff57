"""What the app's tool and admin routes answer: health, the translation meter, the PII scan,
rule packs and the audit log."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from chuhai.api.models.common import Out

__all__ = ["AuditOut", "HealthOut", "PacksOut", "ScanOut", "TranslationUsageOut"]


class TranslationStateOut(Out):
    provider: str
    state: str = Field(description="ok, over_budget or off")


class HealthOut(Out):
    status: str
    version: str
    translation: TranslationStateOut | None = Field(
        default=None, description="Absent when the app runs without settings"
    )


class _Counters(Out):
    chars: int
    requests: int
    errors: int
    retries: int
    malformed: int
    refused: int
    slow: int


class UsageDayOut(_Counters):
    day: str


class TranslationUsageOut(_Counters):
    provider: str
    model: str | None
    state: str = Field(description="ok, over_budget or off")
    day: str = Field(description="Today (UTC)")
    daily_chars: int | None = Field(description="The budget; None: no limit")
    remaining_chars: int | None
    last_error: str | None
    history: list[UsageDayOut] = Field(description="The days before, newest first")


class EntityOut(Out):
    type: str
    start: int
    end: int
    score: float
    kind: str | None = Field(default=None, description="Absent where the type has no kinds")


class ScannedOut(Out):
    text: str
    entities: list[EntityOut]


class ScanOut(Out):
    results: list[ScannedOut]


class PacksOut(Out):
    market: str
    disclaimer: str
    disclaimer_zh: str
    packs: list[dict[str, Any]] = Field(description="Rules with sources and verification flags")


class AuditOut(Out):
    verified: bool = Field(description="Whether the keyed chain holds")
    chain: str
    key: str | None = Field(description="The id of the key it was checked with")
    entries: list[dict[str, Any]] = Field(description="Newest first: seq, time, event, ...")
