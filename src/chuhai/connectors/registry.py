"""Connectors by ``--kind`` name, and what a file's name says about its kind."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from chuhai.connectors.base import Connector
from chuhai.connectors.catalog import CatalogConnector
from chuhai.connectors.creators import (
    AffiliateOrdersConnector,
    CreatorContentConnector,
    CreatorsConnector,
)
from chuhai.connectors.email import EmailConnector
from chuhai.connectors.tabular import (
    LiveChatConnector,
    OrdersConnector,
    ReviewsConnector,
    SessionsConnector,
    SurveysConnector,
    UserTestsConnector,
)
from chuhai.connectors.transcripts import TranscriptConnector
from chuhai.errors import InputError

__all__ = ["CONNECTORS", "connector_class", "detect_kind"]

CONNECTORS: Final[dict[str, type[Connector]]] = {
    c.name: c
    for c in (
        ReviewsConnector,
        EmailConnector,
        TranscriptConnector,
        SurveysConnector,
        UserTestsConnector,
        LiveChatConnector,
        OrdersConnector,
        CatalogConnector,
        SessionsConnector,
        CreatorsConnector,
        CreatorContentConnector,
        AffiliateOrdersConnector,
    )
}

# Only endings that cannot mean anything else; .csv/.json/.jsonl need --kind.
_BY_SUFFIX: Final = {
    ".eml": "email",
    ".mbox": "email",
    ".vtt": "calls",
    ".srt": "calls",
    ".yaml": "products",
    ".yml": "products",
}


def connector_class(kind: str) -> type[Connector]:
    try:
        return CONNECTORS[kind]
    except KeyError:
        raise InputError(f"unknown kind {kind!r} (kinds: {', '.join(CONNECTORS)})") from None


def detect_kind(path: Path) -> str | None:
    """The kind a file's name implies, or ``None`` when only ``--kind`` can tell."""
    return _BY_SUFFIX.get(path.suffix.lower())
