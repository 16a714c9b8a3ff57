"""Raw SQL for tests that look at a SQL store's tables themselves (what a person's erasure
left behind, a backend's settings). Code outside the store never does: it calls the store's
named reads (tests/store/test_layering.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from chuhai.store.base import ZoneStore
from chuhai.store.sql_store import SqlZoneStore

__all__ = ["read_sql"]


def read_sql(store: ZoneStore, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    assert isinstance(store, SqlZoneStore), f"{type(store).__name__} is not a SQL store"
    return store._read(sql, params)
