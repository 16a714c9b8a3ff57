"""The chuhai HTTP API (``chuhai serve``); its OpenAPI spec is at ``/openapi.json``.

One analyzer is shared by all requests; it is loaded by the first request that needs it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from chuhai import __version__
from chuhai.api.access import PUBLIC, AccessControl, authorize, require
from chuhai.api.docs import mount_docs
from chuhai.api.lang import RememberLanguage, refused_page
from chuhai.api.models.common import ERRORS
from chuhai.api.models.tools import HealthOut
from chuhai.api.routes import (
    analyze,
    auth,
    calendar,
    compliance,
    creators,
    dashboard,
    draft,
    live,
    live_desk,
    partners,
    privacy,
    supply,
    supply_network,
    voc,
)
from chuhai.api.routes import live_sources as live_sources_routes
from chuhai.api.routes.analyze import AnalyzeRequest, AnalyzeResponse, translation_health
from chuhai.api.routes.live_recap import router as recap_router
from chuhai.enrich.analyzer import Analyzer
from chuhai.errors import (
    AccessError,
    AuthError,
    InputError,
    LoginLockedError,
    ResidencyError,
    StoreBusyError,
)
from chuhai.live.batcher import QueueFullError
from chuhai.live.hub import LiveHub
from chuhai.settings import Settings

__all__ = ["AnalyzeRequest", "AnalyzeResponse", "create_app"]

log = logging.getLogger(__name__)

STORE_RETRY_AFTER = 5  # seconds, when another process keeps a zone file


def create_app(  # noqa: PLR0915 - one include line per feature router
    analyzer: Analyzer | None = None,
    *,
    settings: Settings | None = None,
    live_hub: LiveHub | None = None,
    live_bus: object = None,
    access: AccessControl | None = None,
    live_sources: object = None,
) -> FastAPI:
    """The API app; the analyzer loads on first request unless one is given. ``settings``
    locate the zone stores of the VOC dashboard (default: ./chuhai.toml). ``live_hub``
    enables the live copilot (``/live``), ``live_bus`` sends pushed events to Redis.
    ``access`` turns on sign-in and roles for every route (``chuhai serve`` does).
    ``live_sources`` is the connection board of ``chuhai live connect``."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        batcher = app.state.live_batcher
        if batcher is not None:  # answers what is queued, then its thread ends
            app.state.live_batcher = None
            await asyncio.to_thread(batcher.close)
        if app.state.voc is not None:  # the zone stores the dashboard opened
            app.state.voc.close()
            app.state.voc = None

    app = FastAPI(
        title="chuhai",
        version=__version__,
        summary="Customer voice for live commerce",
        lifespan=lifespan,
        dependencies=[Depends(authorize)],
        responses=ERRORS,  # 422: FastAPI's list of problems, or our one sentence
        docs_url=None,  # served from the package by mount_docs, not from a CDN
        redoc_url=None,
    )
    mount_docs(app)
    app.state.access = access
    app.state.analyzer = analyzer
    app.state.settings = settings
    app.state.voc = None
    app.state.live = live_hub
    app.state.live_bus = live_bus
    app.state.live_sources = live_sources  # GET /v1/live/connections
    app.state.live_batcher = None  # made by the first pushed event (routes/live.py)
    # Requests run in a thread pool; the analyzer's caches are plain dicts, so one at a time
    # (the work is CPU-bound under the GIL: a lock costs no throughput).
    app.state.lock = threading.Lock()

    @app.get(
        "/v1/health",
        dependencies=[require(PUBLIC)],
        response_model=HealthOut,
        response_model_exclude_unset=True,
    )
    def health() -> dict[str, Any]:
        # the translation provider's state only; its meter is at /v1/translation
        return {"status": "ok", "version": __version__, **translation_health(app.state.settings)}

    app.include_router(auth.router)
    app.include_router(analyze.router)
    app.include_router(compliance.router)
    app.include_router(privacy.router)
    app.include_router(live.router)
    app.include_router(live_desk.router)
    app.include_router(live_sources_routes.router)
    app.include_router(recap_router)  # 直播复盘
    app.include_router(voc.router)
    app.include_router(dashboard.router)
    app.include_router(supply.router)
    app.include_router(supply_network.router)  # 供应网络
    app.include_router(creators.router)  # 达人带货
    app.include_router(calendar.router)  # 市场日历
    app.include_router(partners.router)  # 合伙人分润
    app.include_router(draft.router)  # drafting assistants (nothing is sent)

    @app.exception_handler(InputError)
    def bad_input(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(ResidencyError)
    @app.exception_handler(AccessError)
    def refused(request: Request, exc: Exception) -> Response:
        if "text/html" in request.headers.get("accept", "") and request.method == "GET":
            return HTMLResponse(refused_page(request, exc), status_code=403)
        return JSONResponse({"detail": str(exc)}, status_code=403)

    @app.exception_handler(QueueFullError)
    def busy(request: Request, exc: QueueFullError) -> JSONResponse:
        # Back pressure: the client waits and retries; the server's queue stays bounded.
        return JSONResponse(
            {"detail": str(exc), "retry_after": exc.retry_after},
            status_code=429,
            headers={"Retry-After": str(exc.retry_after)},
        )

    @app.exception_handler(StoreBusyError)
    def store_busy(request: Request, exc: StoreBusyError) -> JSONResponse:
        # Another process (a CLI command) kept a zone file past the wait: try again soon.
        headers = {"Retry-After": str(STORE_RETRY_AFTER)}
        return JSONResponse({"detail": str(exc)}, status_code=503, headers=headers)

    @app.exception_handler(AuthError)
    def not_signed_in(request: Request, exc: AuthError) -> Response:
        if isinstance(exc, LoginLockedError):
            headers = {"Retry-After": str(exc.retry_after)}
            return JSONResponse({"detail": str(exc)}, status_code=429, headers=headers)
        wants_page = "text/html" in request.headers.get("accept", "")
        if wants_page and request.method == "GET":  # a person with a browser: the sign-in page
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        headers = {"WWW-Authenticate": 'Bearer realm="chuhai"'}
        return JSONResponse({"detail": str(exc)}, status_code=401, headers=headers)

    static = Path(str(resources.files("chuhai.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_middleware(RememberLanguage)
    return app
