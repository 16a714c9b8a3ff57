"""Zone stores: one database per residency zone, behind one interface."""

from chuhai.store.base import (
    INTAKE_ZONE,
    TABLES,
    ImportEntry,
    StoredRejection,
    WriteResult,
    ZoneStore,
)
from chuhai.store.duckdb_store import DuckDBZoneStore
from chuhai.store.registry import BACKENDS, ZoneRouter, open_store

__all__ = [
    "BACKENDS",
    "INTAKE_ZONE",
    "TABLES",
    "DuckDBZoneStore",
    "ImportEntry",
    "StoredRejection",
    "WriteResult",
    "ZoneRouter",
    "ZoneStore",
    "open_store",
]
