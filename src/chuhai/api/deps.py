"""Shared dependencies and request pieces of the API routes."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import Depends, Request
from starlette.requests import HTTPConnection

from chuhai.api.access import AccessControl, principal_of
from chuhai.enrich.analyzer import Analyzer
from chuhai.errors import ConfigError, InputError
from chuhai.markets import normalize_market
from chuhai.settings import Settings, TransferBasis, load_settings
from chuhai.voc.service import VocService

__all__ = ["AnalyzerDep", "VocDep", "market_code", "settings_of"]

log = logging.getLogger(__name__)


def _analyzer(request: Request) -> Analyzer:
    """The app's analyzer, loaded by the first request that needs it, with the configured
    translation provider (``translate_to``)."""
    state = request.app.state
    translator = None
    if state.analyzer is None:
        from chuhai.enrich.translation import build_translator

        settings = settings_of(request)
        config = settings.providers.translation
        if config.name != "none":
            try:
                translator = build_translator(
                    config,
                    data_dir=settings.data_dir,
                    glossary_file=settings.providers.llm.glossary,
                )
            except ConfigError as exc:  # analysis still works; translations stay null
                log.warning("no translation for /v1/analyze: %s", exc)
    with state.lock:
        if state.analyzer is None:
            state.analyzer = Analyzer(translator=translator)
        analyzer: Analyzer = state.analyzer
    return analyzer


AnalyzerDep = Annotated[Analyzer, Depends(_analyzer)]


def settings_of(request: HTTPConnection) -> Settings:
    """The app's settings (./chuhai.toml when it was created without)."""
    state = request.app.state
    with state.lock:
        if state.settings is None:
            state.settings = load_settings()
        settings: Settings = state.settings
    return settings


def _with_bases(settings: Settings, bases: list[dict[str, str]]) -> Settings:
    """The settings with the transfer bases an admin added in the app."""
    if not bases:
        return settings
    added = [TransferBasis.model_validate({"from": b["from"], "to": b["to"],
             "mechanism": b["mechanism"], "reference": b["reference"]}) for b in bases]  # fmt: skip
    compliance = settings.compliance.model_copy(
        update={"transfers": [*settings.compliance.transfers, *added]}
    )
    return settings.model_copy(update={"compliance": compliance})


def _voc(request: Request) -> VocService:
    """The app's VOC service over the zone stores of its settings, opened on first use; for a
    signed-in user, a view of it from where they sit and limited to their team's markets."""
    state = request.app.state
    settings = settings_of(request)
    with state.lock:
        if state.voc is None:
            state.voc = VocService(settings)
        voc: VocService = state.voc
    principal = principal_of(request)
    if principal is None:
        return voc
    control: AccessControl = state.access
    return VocService(
        _with_bases(settings, control.store.transfers()),
        router=voc.router,
        reader=principal.location or None,
        markets=principal.markets or None,
    )


VocDep = Annotated[VocService, Depends(_voc)]


def market_code(value: str | None) -> str | None:
    """Validator body for ``market`` fields: an ISO code, or a ValueError pydantic reports."""
    if value is None:
        return None
    try:
        return normalize_market(value)
    except InputError as exc:
        raise ValueError(str(exc)) from exc
