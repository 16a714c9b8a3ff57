"""What every SQL mixin of a zone store builds on: the backend's primitives (declared here,
supplied by :class:`~chuhai.store.duckdb_store.DuckDBZoneStore` and
:class:`~chuhai.store.postgres_store.PostgresZoneStore`) and small helpers for portable SQL.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, ClassVar

import pyarrow as pa

from chuhai.errors import StoreError
from chuhai.store import codec
from chuhai.store.rows import WriteResult

__all__ = ["SqlBase", "chunks", "cols", "filters", "first_per_key", "limit", "naive", "now"]


class SqlBase:
    """The primitives a SQL mixin may call. SQL is portable with ``?`` placeholders."""

    zone: str
    markets: frozenset[str]
    errors: ClassVar[tuple[type[BaseException], ...]] = ()  # the driver's error classes

    def _transaction(self) -> AbstractContextManager[Any]:
        """A connection inside BEGIN ... COMMIT (ROLLBACK on error)."""
        raise NotImplementedError

    def _insert_new(self, con: Any, table: str, columns: codec.Columns, batch: pa.Table) -> int:
        """Insert rows whose key (first column) is not in ``table``; return how many."""
        raise NotImplementedError

    def _select(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read on the store's own connection (the one writes use)."""
        raise NotImplementedError

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query, safe to run from several threads at once (the
        dashboard's reads run side by side, outside any write)."""
        raise NotImplementedError

    def _add(self, table: str, columns: codec.Columns, batch: pa.Table) -> WriteResult:
        """Insert a batch in its own transaction; keys already stored count as duplicates."""
        try:
            with self._transaction() as con:
                inserted = self._insert_new(con, table, columns, batch)
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: writing {table} failed: {exc}") from exc
        return WriteResult(inserted=inserted, duplicates=batch.num_rows - inserted)


def cols(columns: codec.Columns) -> str:
    return ", ".join(name for name, _ in columns)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def filters(prefix: str = "", **conditions: str | None) -> tuple[str, list[object]]:
    """``WHERE`` of equality conditions that are set (None: no condition)."""
    parts = [
        (f"{prefix}{name} = ?", value) for name, value in conditions.items() if value is not None
    ]
    if not parts:
        return "", []
    return " WHERE " + " AND ".join(p for p, _ in parts), [v for _, v in parts]


def limit(count: int | None) -> str:
    return f" LIMIT {int(count)}" if count is not None else ""


def chunks(items: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    """Ids in slices small enough for one ``IN (...)`` list."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def first_per_key(batch: pa.Table, key: str) -> pa.Table:
    """The batch without repeated keys (the first row of each key is kept)."""
    seen: set[object] = set()
    keep = []
    for index, value in enumerate(batch[key].to_pylist()):
        if value not in seen:
            seen.add(value)
            keep.append(index)
    return batch.take(keep)
