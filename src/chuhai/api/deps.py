"""Shared dependencies and request pieces of the API routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from chuhai.enrich.analyzer import Analyzer
from chuhai.errors import InputError
from chuhai.markets import normalize_market
from chuhai.settings import load_settings
from chuhai.voc.service import VocService

__all__ = ["AnalyzerDep", "VocDep", "market_code"]


def _analyzer(request: Request) -> Analyzer:
    """The app's analyzer, loaded by the first request that needs it."""
    state = request.app.state
    with state.lock:
        if state.analyzer is None:
            state.analyzer = Analyzer()
        analyzer: Analyzer = state.analyzer
    return analyzer


AnalyzerDep = Annotated[Analyzer, Depends(_analyzer)]


def _voc(request: Request) -> VocService:
    """The app's VOC service over the zone stores of its settings, opened on first use."""
    state = request.app.state
    with state.lock:
        if state.voc is None:
            state.voc = VocService(state.settings or load_settings())
        voc: VocService = state.voc
    return voc


VocDep = Annotated[VocService, Depends(_voc)]


def market_code(value: str | None) -> str | None:
    """Validator body for ``market`` fields: an ISO code, or a ValueError pydantic reports."""
    if value is None:
        return None
    try:
        return normalize_market(value)
    except InputError as exc:
        raise ValueError(str(exc)) from exc
