"""``chuhai serve``: the HTTP API (``POST /v1/analyze``) on a local port."""

from __future__ import annotations

from typing import Annotated

import typer

from chuhai.cli.output import err, handle_errors

__all__ = ["serve"]


@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port", min=1, max=65535)] = 8000,
) -> None:
    """Serve the analysis API: POST /v1/analyze {"texts": [...], "market": "ID"}; GET /v1/health.

    Interactive documentation is at /docs. Models load on the first request.
    """
    import uvicorn

    from chuhai.api import create_app

    err.print(f"chuhai API on http://{host}:{port} (docs at /docs); Ctrl+C stops it")
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")
