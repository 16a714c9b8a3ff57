"""Connectors: each turns one real format into records (the ingest stage)."""

from chuhai.connectors.base import Connector, IngestContext, IngestOptions, Item, Record, Skip
from chuhai.connectors.mapping import TableMapping, load_mapping, shipped_mappings
from chuhai.connectors.registry import CONNECTORS, connector_class, detect_kind

__all__ = [
    "CONNECTORS",
    "Connector",
    "IngestContext",
    "IngestOptions",
    "Item",
    "Record",
    "Skip",
    "TableMapping",
    "connector_class",
    "detect_kind",
    "load_mapping",
    "shipped_mappings",
]
