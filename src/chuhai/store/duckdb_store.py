"""The embedded default: one DuckDB file per residency zone.

Bulk writes go through Arrow (one ``INSERT ... SELECT`` per batch), which is what makes
100,000-row imports fast. All SQL here is portable except the Arrow registration. The file
is open only while the store works (see :mod:`chuhai.store.shared_file`), so ``chuhai
serve`` and the CLI can use the same zones.
"""

from __future__ import annotations

import logging
import math
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
from chuhai.store.shared_file import SharedFile
from chuhai.store.sql_store import SqlZoneStore
from chuhai.store.sqlkit import cols, first_per_key

__all__ = ["HOLD_ENV", "THREADS_ENV", "WAIT_ENV", "DuckDBZoneStore"]

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
        config, hold, wait = _config(url)
        self._file = SharedFile(target, config, zone=zone, hold=hold, wait=wait)
        with self._file.lease():  # a file that cannot be opened fails here, not at first use
            pass

    @classmethod
    def exists(cls, url: str, zone: str | None = None) -> bool:
        target = _target(url)
        return target == ":memory:" or Path(target).is_file()

    def close(self) -> None:
        self._file.close()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._file.lease() as con:
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
        with self._file.lease() as con:
            con.execute(sql, list(params))

    def _select(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._file.lease() as con:
            try:
                return con.execute(sql, list(params)).fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"zone {self.zone}: query failed: {exc}") from exc

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        # A cursor is DuckDB's connection for one thread: web requests read side by side.
        with self._file.lease() as con:
            cursor = con.cursor()
            try:
                return cursor.execute(sql, list(params)).fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"zone {self.zone}: query failed: {exc}") from exc
            finally:
                cursor.close()


def _target(url: str) -> str:
    """``duckdb:///abs/path`` -> ``/abs/path``; ``duckdb://:memory:`` -> ``:memory:``."""
    target = url.removeprefix("duckdb:").removeprefix("//").split("?", 1)[0]
    if target.startswith("//"):  # duckdb:////abs/path: one root, as in messages
        target = "/" + target.lstrip("/")
    return target if target == ":memory:" else str(Path(target))


_OPTIONS: Final = {"threads": int, "memory_limit": str}
# One thread by default: on a laptop the ingest workers already use every core, and zone
# queries are small. `chuhai serve` sets CHUHAI_DUCKDB_THREADS to the cores (the dashboard's
# scans are what it waits on); a URL's ?threads=8 wins over both.
THREADS_ENV: Final = "CHUHAI_DUCKDB_THREADS"
# Seconds a store keeps its file after its last work, and waits for another process's;
# a URL's ?hold=…&wait=… win over these.
HOLD_ENV: Final = "CHUHAI_DUCKDB_HOLD"
WAIT_ENV: Final = "CHUHAI_DUCKDB_WAIT"
_TIMES: Final = {"hold": (HOLD_ENV, 1.0), "wait": (WAIT_ENV, 30.0)}


def _seconds(text: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ConfigError(f"{where}: expected a number of seconds >= 0")
    return value


def _config(url: str) -> tuple[dict[str, Any], float, float]:
    """DuckDB settings from the URL's query string (``?threads=4&memory_limit=2GB``), and
    the seconds to hold the file and to wait for it (``?hold=1&wait=30``)."""
    threads = os.environ.get(THREADS_ENV, "1")
    if not threads.isdigit() or int(threads) < 1:
        raise ConfigError(f"{THREADS_ENV}={threads!r}: expected a whole number of threads >= 1")
    config: dict[str, Any] = {"threads": int(threads)}
    times = {
        key: _seconds(text, f"{env}={text!r}")
        for key, (env, default) in _TIMES.items()
        for text in [os.environ.get(env, str(default))]
    }
    for key, values in parse_qs(urlsplit(url).query, strict_parsing=False).items():
        if key in _TIMES:
            where = f"store URL {url}: bad value for {key}: {values[-1]!r}"
            times[key] = _seconds(values[-1], where)
            continue
        if key not in _OPTIONS:
            known = ", ".join([*_OPTIONS, *_TIMES])
            raise ConfigError(f"store URL {url}: unknown option {key!r} (known: {known})")
        try:
            config[key] = _OPTIONS[key](values[-1])
        except ValueError:
            raise ConfigError(f"store URL {url}: bad value for {key}: {values[-1]!r}") from None
    return config, times["hold"], times["wait"]
