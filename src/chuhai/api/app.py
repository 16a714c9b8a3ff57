"""The chuhai HTTP API (``chuhai serve``); its OpenAPI spec is at ``/openapi.json``.

One analyzer is shared by all requests; it is loaded by the first request that needs it.
"""

from __future__ import annotations

import logging
import threading

from fastapi import FastAPI

from chuhai import __version__
from chuhai.api.routes import analyze, compliance, privacy
from chuhai.api.routes.analyze import AnalyzeRequest, AnalyzeResponse
from chuhai.enrich.analyzer import Analyzer

__all__ = ["AnalyzeRequest", "AnalyzeResponse", "create_app"]

log = logging.getLogger(__name__)


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

    app.include_router(analyze.router)
    app.include_router(compliance.router)
    app.include_router(privacy.router)
    return app
