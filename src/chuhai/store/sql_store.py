"""What every SQL zone store shares: migrations, and one mixin per store interface (records,
quarantine and imports, personal data, analytics and the measures, themes and alerts, the live
journal, supply's reads), in portable SQL with ``?`` placeholders. A backend supplies the
connection, transactions, bulk insertion of an Arrow batch and its driver's error class."""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar

import pyarrow as pa

from chuhai.errors import MigrationError
from chuhai.store import codec
from chuhai.store.base import ZoneStore
from chuhai.store.creators import CreatorSql
from chuhai.store.journal import JournalSql
from chuhai.store.migrations import load_migrations
from chuhai.store.partners import SettlementSql
from chuhai.store.personal import PersonalDataSql
from chuhai.store.quarantine import ImportLogSql, QuarantineSql
from chuhai.store.records import RecordSql
from chuhai.store.sqlkit import cols, first_per_key, now
from chuhai.store.supply_reads import DemandSql
from chuhai.store.themes import ThemeSql
from chuhai.store.voc_reads import MeasureSql, QuoteSql

__all__ = ["SqlZoneStore", "cols", "first_per_key"]

log = logging.getLogger(__name__)


class SqlZoneStore(
    RecordSql,
    QuarantineSql,
    ImportLogSql,
    CreatorSql,
    PersonalDataSql,
    MeasureSql,
    QuoteSql,
    ThemeSql,
    JournalSql,
    DemandSql,
    SettlementSql,
    ZoneStore,
):
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
    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query; safe to call from several threads."""

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
                        [migration.version, migration.name, now()],
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
