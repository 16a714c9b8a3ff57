"""What every SQL zone store shares: migrations, guarded writes (insert new keys, update
changed rows), and reads, in portable SQL with ``?`` placeholders. A backend supplies the
connection, transactions, bulk insertion of an Arrow batch and its driver's error class."""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, ClassVar

import pyarrow as pa

from chuhai.errors import MigrationError, StoreError
from chuhai.records import LiveSession, Order, Product, Rejection, Voice
from chuhai.store import arrow, codec
from chuhai.store.base import TABLES, ImportEntry, StoredRejection, WriteResult, ZoneStore
from chuhai.store.journal import JournalSql
from chuhai.store.migrations import load_migrations
from chuhai.store.personal import PersonalDataSql
from chuhai.store.themes import ThemeSql

__all__ = ["SqlZoneStore", "cols", "first_per_key"]

log = logging.getLogger(__name__)


def cols(columns: codec.Columns) -> str:
    return ", ".join(name for name, _ in columns)


class SqlZoneStore(PersonalDataSql, ThemeSql, JournalSql, ZoneStore):
    """The portable part of a SQL zone store."""

    errors: ClassVar[tuple[type[BaseException], ...]] = ()  # the driver's error classes

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """A connection inside BEGIN ... COMMIT (ROLLBACK on error)."""

    @abstractmethod
    def _insert_new(self, con: Any, table: str, columns: codec.Columns, batch: pa.Table) -> int:
        """Insert rows whose key (first column) is not in ``table``; return how many."""

    @abstractmethod
    def _select(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read on the store's own connection."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[object] = ()) -> None:
        """One statement outside a transaction (DDL of the migration table)."""

    # -- schema ----------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self._select(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = 'schema_migrations' AND table_schema = current_schema()"
        )
        if not exists or not exists[0][0]:
            return 0
        row = self._select("SELECT max(version) FROM schema_migrations")
        return int(row[0][0]) if row and row[0][0] is not None else 0

    def migrate(self) -> list[int]:
        migrations = load_migrations()
        current = self.schema_version()
        if current > migrations[-1].version:
            raise MigrationError(
                f"the store of zone {self.zone} is at schema {current}, newer than this "
                f"chuhai ({migrations[-1].version}); upgrade chuhai"
            )
        applied: list[int] = []
        self._execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        for migration in migrations:
            if migration.version <= current:
                continue
            try:
                with self._transaction() as con:
                    for statement in migration.statements():
                        con.execute(statement)
                    con.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        [migration.version, migration.name, _now()],
                    )
            except self.errors as exc:
                raise MigrationError(
                    f"migration {migration.version:04d}_{migration.name} failed in zone "
                    f"{self.zone}: {exc}"
                ) from exc
            log.info(
                "zone %s: applied migration %04d_%s", self.zone, migration.version, migration.name
            )
            applied.append(migration.version)
        return applied

    # -- writes ----------------------------------------------------------------------------

    def _add(self, table: str, columns: codec.Columns, batch: pa.Table) -> WriteResult:
        try:
            with self._transaction() as con:
                inserted = self._insert_new(con, table, columns, batch)
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: writing {table} failed: {exc}") from exc
        return WriteResult(inserted=inserted, duplicates=batch.num_rows - inserted)

    def _write_table(self, name: str, table: pa.Table) -> WriteResult:
        columns = {
            "voices": codec.VOICE_COLUMNS,
            "orders": codec.ORDER_COLUMNS,
            "voice_annotations": codec.ANNOTATION_COLUMNS,
            "voice_aspects": codec.ASPECT_COLUMNS,
        }[name]
        return self._add(name, columns, table)

    def _write_rejections(self, rejections: Sequence[Rejection]) -> WriteResult:
        now = _now()
        rows = [codec.rejection_row(r, now) for r in rejections]
        return self._add(
            "quarantine", codec.QUARANTINE_COLUMNS, arrow.encode(codec.QUARANTINE_COLUMNS, rows)
        )

    def _write_import(self, entry: ImportEntry) -> None:
        row = (
            entry.id,
            entry.file,
            entry.sha256,
            entry.connector,
            entry.accepted,
            entry.duplicates,
            entry.updated,
            entry.quarantined,
            entry.skipped,
            _naive(entry.started_at),
            _naive(entry.finished_at),
        )
        self._add("imports", codec.IMPORT_COLUMNS, arrow.encode(codec.IMPORT_COLUMNS, [row]))

    def _upsert(
        self,
        con: Any,
        table: str,
        columns: codec.Columns,
        rows: Sequence[codec.Row],
    ) -> tuple[WriteResult, list[str]]:
        """Insert new keys, update rows whose ``content_hash`` changed; return changed keys."""
        key = columns[0][0]
        by_key = {row[0]: row for row in rows}
        hash_at = [name for name, _ in columns].index("content_hash")
        stored = dict(
            con.execute(
                f"SELECT {key}, content_hash FROM {table} WHERE {key} IN "
                f"(SELECT unnest(?::TEXT[]))",
                [list(by_key)],
            ).fetchall()
        )
        changed = [k for k, row in by_key.items() if k in stored and stored[k] != row[hash_at]]
        assignments = ", ".join(f"{name} = ?" for name, _ in columns[1:])
        for k in changed:
            con.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", [*by_key[k][1:], k])
        new_rows = [r for k, r in by_key.items() if k not in stored]
        inserted = self._insert_new(con, table, columns, arrow.encode(columns, new_rows))
        result = WriteResult(inserted, len(rows) - inserted - len(changed), len(changed))
        return result, changed + [k for k in by_key if k not in stored]

    def _write_sessions(self, sessions: Sequence[LiveSession]) -> WriteResult:
        try:
            with self._transaction() as con:
                result, _ = self._upsert(
                    con,
                    "live_sessions",
                    codec.SESSION_COLUMNS,
                    [codec.session_row(s) for s in sessions],
                )
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: writing live sessions failed: {exc}") from exc
        return result

    def _write_products(self, products: Sequence[Product]) -> WriteResult:
        now = _now()
        by_sku = {p.sku: p for p in products}
        try:
            with self._transaction() as con:
                result, touched = self._upsert(
                    con,
                    "products",
                    codec.PRODUCT_COLUMNS,
                    [codec.product_row(p, now) for p in products],
                )
                for sku in touched:
                    self._replace_knowledge(con, by_sku[sku])
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: writing products failed: {exc}") from exc
        return result

    def _replace_knowledge(self, con: Any, product: Product) -> None:
        # Update in place rather than delete + insert: the same key twice in one
        # transaction is not portable across engines' unique indexes.
        wanted = {row[0]: row for row in codec.knowledge_rows(product)}
        stored = {
            r[0]
            for r in con.execute(
                "SELECT id FROM knowledge_entries WHERE sku = ?", [product.sku]
            ).fetchall()
        }
        for stale in stored - wanted.keys():
            con.execute("DELETE FROM knowledge_entries WHERE id = ?", [stale])
        for key in stored & wanted.keys():
            con.execute(
                "UPDATE knowledge_entries SET answer = ?, tags = ? WHERE id = ?",
                [wanted[key][4], wanted[key][5], key],
            )
        new = [row for key, row in wanted.items() if key not in stored]
        if new:
            columns = codec.KNOWLEDGE_COLUMNS
            self._insert_new(con, "knowledge_entries", columns, arrow.encode(columns, new))

    # -- reads -----------------------------------------------------------------------------

    def table_counts(self) -> dict[str, int]:
        return {t: int(self._select(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}

    def voice_counts(self) -> dict[tuple[str, str], int]:
        rows = self._select("SELECT market, channel, count(*) FROM voices GROUP BY market, channel")
        return {(m, c): int(n) for m, c, n in rows}

    def voices(
        self, *, market: str | None = None, channel: str | None = None, limit: int | None = None
    ) -> list[Voice]:
        where, params = _filters("v.", market=market, channel=channel)
        columns = ", ".join(f"v.{name}" for name, _ in codec.VOICE_COLUMNS)
        sql = (
            f"SELECT {columns}, a.detail FROM voices v "
            f"LEFT JOIN voice_annotations a ON a.voice_id = v.id{where} "
            f"ORDER BY v.time, v.id{_limit(limit)}"
        )
        return [codec.voice_from_row(r[:-1], r[-1]) for r in self._select(sql, params)]

    def unannotated_voices(self, *, after: str = "", limit: int = 1000) -> list[Voice]:
        columns = ", ".join(f"v.{name}" for name, _ in codec.VOICE_COLUMNS)
        sql = (
            f"SELECT {columns} FROM voices v WHERE v.id > ? AND NOT EXISTS "
            "(SELECT 1 FROM voice_annotations a WHERE a.voice_id = v.id) "
            f"ORDER BY v.id{_limit(limit)}"
        )
        return [codec.voice_from_row(r) for r in self._select(sql, [after])]

    def count_unannotated(self) -> int:
        rows = self._select(
            "SELECT count(*) FROM voices v WHERE NOT EXISTS "
            "(SELECT 1 FROM voice_annotations a WHERE a.voice_id = v.id)"
        )
        return int(rows[0][0])

    def set_languages(self, languages: dict[str, str]) -> None:
        """Fill in the language of voices whose source gave none (``und``)."""
        pairs = list(languages.items())
        with self._transaction() as con:
            for first in range(0, len(pairs), 500):  # one statement per 500, not per voice
                chunk = pairs[first : first + 500]
                values = ", ".join("(?, ?)" for _ in chunk)
                con.execute(
                    f"UPDATE voices SET language = t.language FROM (VALUES {values}) "
                    "AS t(id, language) WHERE voices.id = t.id AND voices.language = 'und'",
                    [x for pair in chunk for x in pair],
                )

    def orders(self, *, limit: int | None = None) -> list[Order]:
        sql = f"SELECT {cols(codec.ORDER_COLUMNS)} FROM orders ORDER BY time, id{_limit(limit)}"
        return [codec.order_from_row(r) for r in self._select(sql)]

    def products(self) -> list[Product]:
        knowledge: dict[str, list[tuple[Any, ...]]] = {}
        columns = cols(codec.KNOWLEDGE_COLUMNS)
        for row in self._select(
            f"SELECT {columns} FROM knowledge_entries ORDER BY sku, language, id"
        ):
            knowledge.setdefault(row[1], []).append(row)
        rows = self._select(f"SELECT {cols(codec.PRODUCT_COLUMNS)} FROM products ORDER BY sku")
        return [codec.product_from_rows(r, knowledge.get(r[0], [])) for r in rows]

    def sessions(self) -> list[LiveSession]:
        sql = f"SELECT {cols(codec.SESSION_COLUMNS)} FROM live_sessions ORDER BY started_at, id"
        return [codec.session_from_row(r) for r in self._select(sql)]

    def rejections(self, *, limit: int | None = None) -> list[StoredRejection]:
        sql = (
            f"SELECT {cols(codec.QUARANTINE_COLUMNS)} FROM quarantine "
            f"ORDER BY created_at DESC, file, line{_limit(limit)}"
        )
        return [StoredRejection(*codec.rejection_from_row(r)) for r in self._select(sql)]

    def purge_quarantine_before(self, cutoff: datetime, *, dry_run: bool = False) -> int:
        when = _naive(cutoff)
        sql = "FROM quarantine WHERE created_at < ?"
        count = int(self._select(f"SELECT count(*) {sql}", [when])[0][0])
        if count and not dry_run:
            with self._transaction() as con:
                con.execute(f"DELETE {sql}", [when])
        return count

    def imports(self, *, limit: int | None = None) -> list[ImportEntry]:
        columns = cols(codec.IMPORT_COLUMNS)
        sql = f"SELECT {columns} FROM imports ORDER BY started_at DESC{_limit(limit)}"
        out = []
        for r in self._select(sql):
            out.append(
                ImportEntry(
                    id=r[0],
                    file=r[1],
                    sha256=r[2],
                    connector=r[3],
                    accepted=r[4],
                    duplicates=r[5],
                    updated=r[6],
                    quarantined=r[7],
                    skipped=r[8],
                    started_at=r[9].replace(tzinfo=UTC),
                    finished_at=r[10].replace(tzinfo=UTC),
                )
            )
        return out


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def _filters(prefix: str = "", **conditions: str | None) -> tuple[str, list[object]]:
    parts = [
        (f"{prefix}{name} = ?", value) for name, value in conditions.items() if value is not None
    ]
    if not parts:
        return "", []
    return " WHERE " + " AND ".join(p for p, _ in parts), [v for _, v in parts]


def _limit(limit: int | None) -> str:
    return f" LIMIT {int(limit)}" if limit is not None else ""


def first_per_key(batch: pa.Table, key: str) -> pa.Table:
    """The batch without repeated keys (the first row of each key is kept)."""
    seen: set[object] = set()
    keep = []
    for index, value in enumerate(batch[key].to_pylist()):
        if value not in seen:
            seen.add(value)
            keep.append(index)
    return batch.take(keep)
