"""A zone store in PostgreSQL: one schema per zone (``chuhai_<zone>`` unless the URL names one
with ``?schema=``), so each zone may live in its own database server, the way data
localisation requires, or several zones may share one server in separate schemas.

    postgresql://chuhai@db.id.example:5432/chuhai?schema=chuhai_id

The SQL is the portable SQL of every store (``?`` placeholders become ``%s`` here); bulk
writes go through COPY into a temporary table, then one ``INSERT ... SELECT`` of new keys.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import psycopg
import pyarrow as pa
import pyarrow.compute as pc

from chuhai.errors import ConfigError, StoreError
from chuhai.store import codec
from chuhai.store.sql_store import SqlZoneStore
from chuhai.store.sqlkit import cols, first_per_key

__all__ = ["PostgresZoneStore", "postgres_sql"]

log = logging.getLogger(__name__)

_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_TOKENS = re.compile(r"'(?:[^']|'')*'|\?|%")


def postgres_sql(sql: str) -> str:
    """Portable SQL with ``?`` placeholders -> psycopg's ``%s`` (``%`` doubled), leaving
    quoted literals alone."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        return "%s" if token == "?" else "%%" if token == "%" else token

    return _TOKENS.sub(swap, sql)


def _split(url: str, zone: str | None) -> tuple[str, str]:
    """The libpq connection URL and the zone's schema."""
    parts = urlsplit(url)
    options = parse_qs(parts.query)
    schema = (options.pop("schema", [None])[-1] or (f"chuhai_{zone}" if zone else "")).lower()
    if not _SCHEMA.match(schema):
        raise ConfigError(f"store URL {url}: schema {schema!r} is not a plain lower-case name")
    query = urlencode({k: v[-1] for k, v in options.items()})
    scheme = "postgresql"
    return urlunsplit((scheme, parts.netloc, parts.path, query, "")), schema


class _Connection:
    """A psycopg connection that speaks the stores' ``?`` SQL."""

    def __init__(self, con: Any) -> None:
        self.raw = con

    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        if params:
            return self.raw.execute(postgres_sql(sql), list(params))
        return self.raw.execute(sql)


def _connect(conninfo: str, schema: str, zone: str) -> Any:
    from psycopg.types.numeric import FloatLoader

    try:
        con = psycopg.connect(conninfo, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        where = urlsplit(conninfo)._replace(netloc=urlsplit(conninfo).hostname or "").geturl()
        raise StoreError(f"cannot open the store of zone {zone} at {where}: {exc}") from exc
    con.adapters.register_loader("numeric", FloatLoader)  # averages as float, like DuckDB
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    con.execute(f"SET search_path TO {schema}")
    return con


class PostgresZoneStore(SqlZoneStore):
    """A zone store in a PostgreSQL schema (``postgresql://...``)."""

    backend = "postgresql"
    errors: ClassVar[tuple[type[BaseException], ...]] = (psycopg.Error,)

    def __init__(self, *, zone: str, markets: Sequence[str] | frozenset[str], url: str) -> None:
        super().__init__(zone=zone, markets=markets, url=url)
        self._conninfo, self.schema = _split(url, zone)
        self._con = _connect(self._conninfo, self.schema, zone)
        self._lock = threading.RLock()
        self._readers = threading.local()
        self._opened: list[Any] = []

    @classmethod
    def exists(cls, url: str, zone: str | None = None) -> bool:
        conninfo, schema = _split(url, zone)
        try:
            with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as con:
                row = con.execute(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = %s AND table_name = 'schema_migrations'",
                    [schema],
                ).fetchone()
        except psycopg.Error as exc:
            raise StoreError(f"cannot reach the store at {urlsplit(url).hostname}: {exc}") from exc
        return bool(row and row[0])

    def close(self) -> None:
        for con in [self._con, *self._opened]:
            con.close()
        self._opened.clear()

    @contextmanager
    def _transaction(self) -> Iterator[_Connection]:
        with self._lock, self._con.transaction():
            yield _Connection(self._con)

    def _execute(self, sql: str, params: Sequence[object] = ()) -> None:
        with self._lock:
            _Connection(self._con).execute(sql, params)

    def _insert_new(
        self, con: _Connection, table: str, columns: codec.Columns, batch: pa.Table
    ) -> int:
        key = columns[0][0]
        if batch.num_rows != len(pc.unique(batch[key])):  # the same id twice in one batch
            batch = first_per_key(batch, key)
        if batch.num_rows == 0:
            return 0
        names = cols(columns)
        incoming = f"incoming_{table}"
        raw = con.raw
        raw.execute(f"CREATE TEMP TABLE {incoming} AS SELECT {names} FROM {table} WITH NO DATA")
        try:
            with raw.cursor() as cursor:
                with cursor.copy(f"COPY {incoming} ({names}) FROM STDIN") as copy:
                    for row in zip(*(batch[name].to_pylist() for name, _ in columns), strict=True):
                        copy.write_row(row)
                cursor.execute(
                    f"INSERT INTO {table} ({names}) SELECT {names} FROM {incoming} i "
                    f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.{key} = i.{key})"
                )
                inserted = cursor.rowcount
        finally:
            raw.execute(f"DROP TABLE IF EXISTS {incoming}")
        return int(inserted)

    def _select(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                rows: list[tuple[Any, ...]] = _Connection(self._con).execute(sql, params).fetchall()
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: query failed: {exc}") from exc
        return rows

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        # One connection per thread: web requests read side by side, outside any write.
        con = getattr(self._readers, "con", None)
        if con is None:
            con = self._readers.con = _connect(self._conninfo, self.schema, self.zone)
            self._opened.append(con)
        try:
            rows: list[tuple[Any, ...]] = _Connection(con).execute(sql, params).fetchall()
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: query failed: {exc}") from exc
        return rows
