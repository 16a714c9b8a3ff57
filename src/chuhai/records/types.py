"""Field types shared by the records."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, JsonValue

from chuhai.markets import is_market_code

__all__ = [
    "Attributes",
    "JsonScalar",
    "Language",
    "MarketCode",
    "Metadata",
    "Sku",
    "UtcDatetime",
    "ZoneName",
]


def _market(value: str) -> str:
    if not is_market_code(value):
        raise ValueError(f"unknown market {value!r}: expected an ISO 3166-1 alpha-2 code")
    return value


def _to_utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _upper(value: object) -> object:
    return value.strip().upper() if isinstance(value, str) else value


MarketCode = Annotated[str, BeforeValidator(_upper), AfterValidator(_market)]
ZoneName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
# BCP-47-ish: "en", "zh-Hans", "pt-BR"; "und" when unknown.
Language = Annotated[str, Field(pattern=r"^(und|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$")]
Sku = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\s]+$")]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
JsonScalar = str | int | float | bool | None
Metadata = dict[str, JsonScalar]
# Product attributes may hold lists and nested values ("timer_minutes: [30, 60]").
Attributes = dict[str, JsonValue]
