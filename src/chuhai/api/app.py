"""``POST /v1/analyze``: language, sentiment, emotion, intent, aspects and toxicity of texts.

Run it with ``chuhai serve``. One analyzer is shared by all requests; it is thread-safe for
reading and its caches make repeated live comments cheap.
"""

from __future__ import annotations

import logging
import threading
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai import __version__
from chuhai.enrich.analyzer import Analyzer
from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = ["AnalyzeRequest", "AnalyzeResponse", "create_app"]

log = logging.getLogger(__name__)

MAX_TEXTS = 1000
MAX_CHARS = 50_000


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: list[Annotated[str, Field(max_length=MAX_CHARS)]] = Field(
        min_length=1, max_length=MAX_TEXTS, description="Texts to analyse, at most 1,000"
    )
    market: str | None = Field(default=None, description="ISO market code, a prior for language")
    category: str | None = Field(default=None, description="Product category, for its aspects")
    translate_to: str | None = Field(default=None, description="Target language, e.g. zh")

    @field_validator("market")
    @classmethod
    def _market(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return normalize_market(value)
        except InputError as exc:
            raise ValueError(str(exc)) from exc


class AnalyzeResponse(BaseModel):
    results: list[dict[str, Any]]
    model_version: str


def _analyzer(request: Request) -> Analyzer:
    """The app's analyzer, loaded by the first request that needs it."""
    state = request.app.state
    with state.lock:
        if state.analyzer is None:
            state.analyzer = Analyzer()
        analyzer: Analyzer = state.analyzer
    return analyzer


AnalyzerDep = Annotated[Analyzer, Depends(_analyzer)]


def create_app(analyzer: Analyzer | None = None) -> FastAPI:
    """The API app; the analyzer loads on first request unless one is given."""
    app = FastAPI(title="chuhai", version=__version__, summary="Customer voice for live commerce")
    app.state.analyzer = analyzer
    # Requests run in a thread pool; the analyzer's caches are plain dicts, so one at a time
    # (the work is CPU-bound under the GIL: a lock costs no throughput).
    app.state.lock = threading.Lock()

    @app.get("/v1/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/v1/analyze")
    def analyze(body: AnalyzeRequest, analyzer: AnalyzerDep) -> AnalyzeResponse:
        try:
            with app.state.lock:
                results = analyzer.analyze(
                    body.texts,
                    body.market,
                    category=body.category,
                    translate_to=body.translate_to,
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

    return app
