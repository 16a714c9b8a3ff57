"""``chuhai serve``: the HTTP API, the VOC dashboard and the live copilot page on a local port."""

from __future__ import annotations

import logging
import threading
import time
from typing import Annotated, Any

import typer

from chuhai.cli.output import err, handle_errors
from chuhai.cli.state import state
from chuhai.errors import InputError

__all__ = ["LOOPBACK", "serve", "serve_in_thread"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
logger = logging.getLogger(__name__)


def serve_in_thread(app: Any, host: str, port: int) -> Any:
    """Serves ``app`` from a daemon thread beside a replay or a connect (``--serve``)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True, name="chuhai-serve").start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    return server


@handle_errors
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port", min=1, max=65535)] = 8000,
    live: Annotated[
        bool, typer.Option("--live/--no-live", help="Run the live copilot (page at /live)")
    ] = True,
    redis: Annotated[
        str | None,
        typer.Option("--redis", help="Redis URL: pushed events go to `chuhai live worker`s"),
    ] = None,
    prefix: Annotated[
        str, typer.Option("--prefix", help="Key prefix of the streams")
    ] = "chuhai:live",
    db_threads: Annotated[
        int | None,
        typer.Option("--db-threads", min=1, help="DuckDB threads per zone store (default: cores)"),
    ] = None,
    auth: Annotated[
        bool,
        typer.Option(
            "--auth/--no-auth",
            help="Require sign-in (users: chuhai users add); --no-auth only on 127.0.0.1",
        ),
    ] = True,
) -> None:
    """Serve the API (POST /v1/analyze, /v1/script/check, /v1/privacy/scan, /v1/live/...,
    GET /v1/voc/...), the voice-of-customer dashboard at /voc, the compliance page at
    /compliance and the live copilot page at /live. Interactive documentation is at /docs.
    """
    import os

    import uvicorn

    from chuhai.api import create_app
    from chuhai.store.duckdb_store import THREADS_ENV

    # before any store opens: every connection to a file must share one configuration
    os.environ[THREADS_ENV] = str(db_threads or os.cpu_count() or 1)
    settings = state(ctx).settings
    access = None
    if auth and settings.auth.enabled:
        from chuhai.api.access import AccessControl

        access = AccessControl.from_settings(settings)
        if not access.store.users():
            err.print("no users yet: add one with `chuhai users add NAME --role admin`")
    elif host not in LOOPBACK:
        raise InputError(f"sign-in can only be switched off on 127.0.0.1, not on {host}")
    else:
        err.print("[yellow]sign-in is off: anyone on this machine can read every zone[/]")
    hub, bus, stopping = None, None, None
    if live:
        from chuhai.live.setup import build_hub

        if redis:
            from chuhai.live.redis_bus import RedisBus, connect

            bus = RedisBus(connect(redis), prefix)
        hub = build_hub(settings, embedded=bus is None)
        if bus is not None:
            _, stopping = bus.follow_in_thread(hub)
    # the script checker's meaning tier loads its model in the background, not on the first check
    threading.Thread(target=_warm_script_checker, daemon=True, name="chuhai-warm").start()
    err.print(
        f"chuhai on http://{host}:{port} (dashboard at /voc, copilot at /live, docs at /docs);"
        " Ctrl+C stops it"
    )
    try:
        uvicorn.run(
            create_app(settings=settings, live_hub=hub, live_bus=bus, access=access),
            host=host,
            port=port,
            log_level="warning",
        )
    finally:
        if stopping is not None:
            stopping.set()
        if hub is not None:
            hub.close()


def _warm_script_checker() -> None:
    from chuhai.compliance.claim_model import default_claim_model
    from chuhai.compliance.understanding import default_understanding

    try:
        default_claim_model()
        default_understanding().embed(["warm"])
    except Exception:  # a model that cannot load says so on the first check, not here
        logger.debug("script checker warm-up failed", exc_info=True)
