"""Shared by the browser tests: Debian's Chromium driven by Playwright, and a live server."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

CHROMIUM = os.environ.get("CHUHAI_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def need_browser() -> None:
    """Skip with the reason when Playwright or Chromium is missing; fail in CI."""
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package is not installed"
    if missing is None and not shutil.which(CHROMIUM):
        missing = f"no Chromium at {CHROMIUM} (apt-get install chromium; make browser)"
    if missing:
        if os.environ.get("CHUHAI_REQUIRE_BROWSER"):
            pytest.fail(f"a browser is required here (CHUHAI_REQUIRE_BROWSER): {missing}")
        pytest.skip(missing)


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """The app on a free local port, in a thread; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
