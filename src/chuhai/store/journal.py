"""The live rooms' journal in a zone store, in portable SQL.

A mixin for SQL stores (:class:`~chuhai.store.interfaces.JournalStore`); its bulk insert
skips ids already stored, so a retried flush stores nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from chuhai.errors import StoreError
from chuhai.records.journal import JournalEntry
from chuhai.store import arrow, codec
from chuhai.store.sqlkit import SqlBase

__all__ = ["JOURNAL_COLUMNS", "JournalSql"]

JOURNAL_COLUMNS: Final[codec.Columns] = codec.JOURNAL_COLUMNS
_NAMES: Final = ", ".join(name for name, _ in JOURNAL_COLUMNS)


def _row(entry: JournalEntry) -> codec.Row:
    return (
        entry.id,
        entry.room,
        entry.session_id,
        entry.market,
        entry.zone,
        entry.time.astimezone(UTC).replace(tzinfo=None),
        entry.kind,
        entry.ref,
        entry.sku,
        entry.count,
        entry.value,
        entry.actor,
        codec.to_json(entry.detail),
    )


def _entry(row: Sequence[Any]) -> JournalEntry:
    values = dict(zip((name for name, _ in JOURNAL_COLUMNS), row, strict=True))
    when: datetime = values["time"]
    values["time"] = when.replace(tzinfo=UTC)
    values["detail"] = json.loads(values["detail"])
    return JournalEntry.model_validate(values)


class JournalSql(SqlBase):
    """``add_journal`` / ``journal`` for :class:`~chuhai.store.sql_store.SqlZoneStore`."""

    def add_journal(self, entries: Sequence[JournalEntry]) -> int:
        """Store entries (ids already stored are skipped); returns how many were new."""
        foreign = sorted({e.zone for e in entries} - {self.zone})
        if foreign:
            raise StoreError(f"zone {self.zone}: journal entries of zone {foreign[0]} refused")
        if not entries:
            return 0
        batch = arrow.encode(JOURNAL_COLUMNS, [_row(e) for e in entries])
        try:
            with self._transaction() as con:
                return int(self._insert_new(con, "live_journal", JOURNAL_COLUMNS, batch))
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: writing the live journal failed: {exc}") from exc

    def journal(
        self,
        *,
        session_id: str | None = None,
        room: str | None = None,
        kinds: Sequence[str] = (),
    ) -> list[JournalEntry]:
        """Entries of a session or a room (all when neither is given), oldest first."""
        where: list[str] = []
        params: list[object] = []
        if session_id is not None:
            where.append("session_id = ?")
            params.append(session_id)
        if room is not None:
            where.append("room = ?")
            params.append(room)
        if kinds:
            where.append(f"kind IN ({', '.join('?' * len(kinds))})")
            params.extend(kinds)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._select(f"SELECT {_NAMES} FROM live_journal{clause} ORDER BY time, id", params)
        return [_entry(r) for r in rows]
