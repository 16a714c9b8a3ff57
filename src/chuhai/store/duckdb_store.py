"""The embedded default: one DuckDB file per residency zone.

Bulk writes go through Arrow (one ``INSERT ... SELECT`` per batch), which is what makes
100,000-row imports fast. All SQL here is portable except the Arrow registration.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from chuhai.errors import ConfigError, StoreError
from chuhai.store import codec
from chuhai.store.sql_store import SqlZoneStore, cols, first_per_key

__all__ = ["DuckDBZoneStore"]

log = logging.getLogger(__name__)


class DuckDBZoneStore(SqlZoneStore):
    """A zone store in one DuckDB file (``duckdb:///path/zone.duckdb``, or ``duckdb://:memory:``)."""

    backend = "duckdb"
    errors = (duckdb.Error,)

    def __init__(self, *, zone: str, markets: Sequence[str] | frozenset[str], url: str) -> None:
        super().__init__(zone=zone, markets=markets, url=url)
        target = _target(url)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.path = target
        try:
            self._con = duckdb.connect(target, config=_config(url))
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the store of zone {zone} at {target}: {exc}") from exc

    @classmethod
    def exists(cls, url: str, zone: str | None = None) -> bool:
        target = _target(url)
        return target == ":memory:" or Path(target).is_file()

    def close(self) -> None:
        self._con.close()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    # -- writes ----------------------------------------------------------------------------

    def _insert_new(
        self, con: duckdb.DuckDBPyConnection, table: str, columns: codec.Columns, batch: pa.Table
    ) -> int:
        """Insert rows whose key (first column) is not in ``table``; return how many."""
        key = columns[0][0]
        if batch.num_rows != len(pc.unique(batch[key])):  # the same id twice in one batch
            batch = first_per_key(batch, key)
        con.register("incoming", batch)
        try:
            names = cols(columns)
            result = con.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM incoming i "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{key} = i.{key})"
            ).fetchone()
        finally:
            con.unregister("incoming")
        return int(result[0]) if result else 0

    def _execute(self, sql: str, params: Sequence[object] = ()) -> None:
        self._con.execute(sql, list(params))

    def _select(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"zone {self.zone}: query failed: {exc}") from exc

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        # A cursor is DuckDB's connection for one thread: web requests read side by side.
        cursor = self._con.cursor()
        try:
            return cursor.execute(sql, list(params)).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"zone {self.zone}: query failed: {exc}") from exc
        finally:
            cursor.close()


def _target(url: str) -> str:
    """``duckdb:///abs/path`` -> ``/abs/path``; ``duckdb://:memory:`` -> ``:memory:``."""
    target = url.removeprefix("duckdb:").removeprefix("//").split("?", 1)[0]
    return target if target == ":memory:" else str(Path(target))


_OPTIONS: Final = {"threads": int, "memory_limit": str}
# One thread by default: on a laptop the ingest workers already use every core, and zone
# queries are small. `chuhai serve` sets CHUHAI_DUCKDB_THREADS to the cores (the dashboard's
# scans are what it waits on); a URL's ?threads=8 wins over both.
THREADS_ENV: Final = "CHUHAI_DUCKDB_THREADS"


def _config(url: str) -> dict[str, Any]:
    """DuckDB settings from the URL's query string: ``?threads=4&memory_limit=2GB``."""
    threads = os.environ.get(THREADS_ENV, "1")
    if not threads.isdigit() or int(threads) < 1:
        raise ConfigError(f"{THREADS_ENV}={threads!r}: expected a whole number of threads >= 1")
    config: dict[str, Any] = {"threads": int(threads)}
    for key, values in parse_qs(urlsplit(url).query, strict_parsing=False).items():
        if key not in _OPTIONS:
            raise ConfigError(
                f"store URL {url}: unknown option {key!r} (known: {', '.join(_OPTIONS)})"
            )
        try:
            config[key] = _OPTIONS[key](values[-1])
        except ValueError:
            raise ConfigError(f"store URL {url}: bad value for {key}: {values[-1]!r}") from None
    return config
