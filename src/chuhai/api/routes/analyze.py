"""``POST /v1/analyze``: language, sentiment, emotion, intent, aspects and toxicity of texts;
``GET /v1/translation``: the translation provider and the day's character meter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.access.roles import Permission
from chuhai.api.access import require
from chuhai.api.deps import AnalyzerDep, market_code, settings_of
from chuhai.api.models.common import ERRORS, Out
from chuhai.api.models.tools import TranslationUsageOut
from chuhai.errors import InputError
from chuhai.settings import Settings

__all__ = ["AnalyzeRequest", "AnalyzeResponse", "router", "translation_health"]

MAX_TEXTS = 1000
MAX_CHARS = 50_000

router = APIRouter(tags=["analysis"], dependencies=[require(Permission.TOOLS)])


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[Annotated[str, Field(max_length=MAX_CHARS)]] = Field(
        min_length=1, max_length=MAX_TEXTS, description="Texts to analyse, at most 1,000"
    )
    market: str | None = Field(default=None, description="ISO market code, a prior for language")
    category: str | None = Field(default=None, description="Product category, for its aspects")
    translate_to: str | None = Field(default=None, description="Target language, e.g. zh")

    _market = field_validator("market")(market_code)


class AnalyzeResponse(Out):
    results: list[dict[str, Any]] = Field(
        description="Per text: the text, language, sentiment, emotion, intent, aspects, ..."
    )
    model_version: str


@router.post("/v1/analyze", response_model=AnalyzeResponse, responses=ERRORS)
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


def _meter(settings: Settings) -> dict[str, Any]:
    from chuhai.enrich.translation import usage_meter

    return usage_meter(settings.providers.translation, settings.data_dir).snapshot()


def translation_health(settings: Settings | None) -> dict[str, Any]:
    """What /v1/health tells: the provider and whether it translates (no figures)."""
    if settings is None:
        return {}
    snapshot = _meter(settings)
    return {"translation": {"provider": snapshot["provider"], "state": snapshot["state"]}}


@router.get("/v1/translation", response_model=TranslationUsageOut)
def translation_usage(request: Request) -> dict[str, Any]:
    """The provider (a preset such as deepseek or qwen, or openai, argos, none), its model,
    ``state`` (ok, over_budget, off), today's (UTC) characters sent against
    ``daily_chars``, requests, errors, retries, malformed answers, texts refused for the
    budget and texts the live room showed with their gist because the provider was slow,
    the last error and the days before. Shared by every process of the installation."""
    return _meter(settings_of(request))
