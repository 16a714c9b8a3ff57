"""``POST /v1/analyze``: language, sentiment, emotion, intent, aspects and toxicity of texts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.api.deps import AnalyzerDep, market_code
from chuhai.errors import InputError

__all__ = ["AnalyzeRequest", "AnalyzeResponse", "router"]

MAX_TEXTS = 1000
MAX_CHARS = 50_000

router = APIRouter(tags=["analysis"])


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[Annotated[str, Field(max_length=MAX_CHARS)]] = Field(
        min_length=1, max_length=MAX_TEXTS, description="Texts to analyse, at most 1,000"
    )
    market: str | None = Field(default=None, description="ISO market code, a prior for language")
    category: str | None = Field(default=None, description="Product category, for its aspects")
    translate_to: str | None = Field(default=None, description="Target language, e.g. zh")

    _market = field_validator("market")(market_code)


class AnalyzeResponse(BaseModel):
    results: list[dict[str, Any]]
    model_version: str


@router.post("/v1/analyze")
def analyze(body: AnalyzeRequest, analyzer: AnalyzerDep, request: Request) -> AnalyzeResponse:
    try:
        with request.app.state.lock:
            results = analyzer.analyze(
                body.texts, body.market, category=body.category, translate_to=body.translate_to
            )
    except InputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return AnalyzeResponse(
        results=[
            {"text": t, **r.model_dump(mode="json")}
            for t, r in zip(body.texts, results, strict=True)
        ],
        model_version=analyzer.models.version,
    )
