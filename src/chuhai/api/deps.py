"""Shared dependencies and request pieces of the API routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from chuhai.enrich.analyzer import Analyzer
from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = ["AnalyzerDep", "market_code"]


def _analyzer(request: Request) -> Analyzer:
    """The app's analyzer, loaded by the first request that needs it."""
    state = request.app.state
    with state.lock:
        if state.analyzer is None:
            state.analyzer = Analyzer()
        analyzer: Analyzer = state.analyzer
    return analyzer


AnalyzerDep = Annotated[Analyzer, Depends(_analyzer)]


def market_code(value: str | None) -> str | None:
    """Validator body for ``market`` fields: an ISO code, or a ValueError pydantic reports."""
    if value is None:
        return None
    try:
        return normalize_market(value)
    except InputError as exc:
        raise ValueError(str(exc)) from exc
