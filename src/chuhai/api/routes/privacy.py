"""``POST /v1/privacy/scan``: the personal data in texts (type, span, score)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.access.roles import Permission
from chuhai.api.access import require
from chuhai.api.deps import market_code
from chuhai.api.models.common import ERRORS
from chuhai.api.models.tools import ScanOut
from chuhai.privacy.pii import PiiScanner

__all__ = ["ScanRequest", "router"]

router = APIRouter(tags=["privacy"], dependencies=[require(Permission.TOOLS)])
_scanner = PiiScanner()


class ScanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[Annotated[str, Field(max_length=50_000)]] = Field(min_length=1, max_length=1000)
    market: str | None = Field(default=None, description="ISO market code")

    _market = field_validator("market")(market_code)


@router.post(
    "/v1/privacy/scan", response_model=ScanOut, response_model_exclude_unset=True, responses=ERRORS
)
def scan(body: ScanRequest) -> dict[str, Any]:
    found = _scanner.scan_many(body.texts, body.market)
    return {
        "results": [
            {"text": text, "entities": [e.as_dict() for e in entities]}
            for text, entities in zip(body.texts, found, strict=True)
        ]
    }
