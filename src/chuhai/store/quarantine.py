"""Rows refused at import (``quarantine``) and the import log (``imports``) in a SQL zone
store: :class:`~chuhai.store.interfaces.QuarantineStore` and
:class:`~chuhai.store.interfaces.ImportLog`, in portable SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from chuhai.records import Rejection
from chuhai.store import arrow, codec, sqlkit
from chuhai.store.rows import ImportEntry, StoredRejection, WriteResult
from chuhai.store.sqlkit import SqlBase, cols, naive, now

__all__ = ["ImportLogSql", "QuarantineSql"]


class QuarantineSql(SqlBase):
    def _write_rejections(self, rejections: Sequence[Rejection]) -> WriteResult:
        when = now()
        rows = [codec.rejection_row(r, when) for r in rejections]
        return self._add(
            "quarantine", codec.QUARANTINE_COLUMNS, arrow.encode(codec.QUARANTINE_COLUMNS, rows)
        )

    def rejections(self, *, limit: int | None = None) -> list[StoredRejection]:
        sql = (
            f"SELECT {cols(codec.QUARANTINE_COLUMNS)} FROM quarantine "
            f"ORDER BY created_at DESC, file, line{sqlkit.limit(limit)}"
        )
        return [StoredRejection(*codec.rejection_from_row(r)) for r in self._select(sql)]

    def purge_quarantine_before(self, cutoff: datetime, *, dry_run: bool = False) -> int:
        when = naive(cutoff)
        sql = "FROM quarantine WHERE created_at < ?"
        count = int(self._select(f"SELECT count(*) {sql}", [when])[0][0])
        if count and not dry_run:
            with self._transaction() as con:
                con.execute(f"DELETE {sql}", [when])
        return count


class ImportLogSql(SqlBase):
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
            naive(entry.started_at),
            naive(entry.finished_at),
        )
        self._add("imports", codec.IMPORT_COLUMNS, arrow.encode(codec.IMPORT_COLUMNS, [row]))

    def imports(self, *, limit: int | None = None) -> list[ImportEntry]:
        columns = cols(codec.IMPORT_COLUMNS)
        sql = f"SELECT {columns} FROM imports ORDER BY started_at DESC{sqlkit.limit(limit)}"
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
