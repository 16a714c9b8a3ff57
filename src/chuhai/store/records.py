"""Ingest's records in a SQL zone store (:class:`~chuhai.store.interfaces.RecordStore`) and
enrichment's side of them (:class:`~chuhai.store.interfaces.AnnotationStore`), in portable SQL.

Insert-only tables take new keys; products and live sessions are updated in place where
their ``content_hash`` changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from chuhai.errors import StoreError
from chuhai.records import LiveSession, Order, Product, Voice
from chuhai.store import arrow, codec, sqlkit
from chuhai.store.base import TABLES
from chuhai.store.rows import WriteResult
from chuhai.store.sqlkit import SqlBase, cols, filters, now

__all__ = ["RecordSql"]

_BATCH_COLUMNS = {
    "voices": codec.VOICE_COLUMNS,
    "orders": codec.ORDER_COLUMNS,
    "voice_annotations": codec.ANNOTATION_COLUMNS,
    "voice_aspects": codec.ASPECT_COLUMNS,
}


class RecordSql(SqlBase):
    # -- writes ----------------------------------------------------------------------------

    def _write_table(self, name: str, table: pa.Table) -> WriteResult:
        return self._add(name, _BATCH_COLUMNS[name], table)

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
        when = now()
        by_sku = {p.sku: p for p in products}
        try:
            with self._transaction() as con:
                result, touched = self._upsert(
                    con,
                    "products",
                    codec.PRODUCT_COLUMNS,
                    [codec.product_row(p, when) for p in products],
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
        where, params = filters("v.", market=market, channel=channel)
        columns = ", ".join(f"v.{name}" for name, _ in codec.VOICE_COLUMNS)
        sql = (
            f"SELECT {columns}, a.detail FROM voices v "
            f"LEFT JOIN voice_annotations a ON a.voice_id = v.id{where} "
            f"ORDER BY v.time, v.id{sqlkit.limit(limit)}"
        )
        return [codec.voice_from_row(r[:-1], r[-1]) for r in self._select(sql, params)]

    def orders(self, *, limit: int | None = None) -> list[Order]:
        sql = (
            f"SELECT {cols(codec.ORDER_COLUMNS)} FROM orders ORDER BY time, id{sqlkit.limit(limit)}"
        )
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

    # -- annotations -----------------------------------------------------------------------

    def unannotated_voices(self, *, after: str = "", limit: int = 1000) -> list[Voice]:
        columns = ", ".join(f"v.{name}" for name, _ in codec.VOICE_COLUMNS)
        sql = (
            f"SELECT {columns} FROM voices v WHERE v.id > ? AND NOT EXISTS "
            "(SELECT 1 FROM voice_annotations a WHERE a.voice_id = v.id) "
            f"ORDER BY v.id{sqlkit.limit(limit)}"
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
