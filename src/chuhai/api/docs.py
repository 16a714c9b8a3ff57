"""The interactive API docs, served from the package: Swagger UI's files come from the
``swagger-ui-bundle`` wheel, not a CDN (often blocked in China, and absent offline)."""

from __future__ import annotations

from typing import Final

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path  # type: ignore[import-untyped]

from chuhai.api.access import PUBLIC, require

__all__ = ["ASSETS", "mount_docs"]

ASSETS: Final = "/docs/assets"


def mount_docs(app: FastAPI) -> None:
    """``/docs`` (Swagger UI, offline) and ``/redoc`` (sent to ``/docs``: ReDoc has no
    bundled build on the registries we install from)."""
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False, dependencies=[require(PUBLIC)])
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )

    @app.get("/redoc", include_in_schema=False, dependencies=[require(PUBLIC)])
    def redoc() -> RedirectResponse:
        return RedirectResponse("/docs")
