"""Creators, their content and the orders attributed to them, in a zone store (portable SQL).

A mixin for SQL stores (:class:`~chuhai.store.interfaces.CreatorStore`). Every write refuses
records of another zone or market (creators are personal data of their market's zone), and
replaces a row whose content changed (a re-export reports a refund, a new commission rate),
so the same export twice stores nothing twice. Money and rates are decimal text.

It also takes part in data-subject requests and retention: a creator's handle finds and
erases their creator row, content and attributed orders; a buyer's pseudonym their affiliate
order lines; and the retention purge drops attributed orders and content older than the cutoff.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Final

from chuhai.errors import ResidencyError, StoreError
from chuhai.records import SourceRef, stable_id
from chuhai.records.creators import (
    AffiliateOrder,
    Creator,
    CreatorContent,
    CreatorRecord,
    commission_of,
    normalise_handle,
)
from chuhai.store import arrow, codec
from chuhai.store.personal import PersonalDataSql
from chuhai.store.rows import BuyerVoice, CommissionRow, SubjectData, WriteResult
from chuhai.store.schema import AFFILIATE_ORDERS, CREATOR_CONTENT, CREATORS, Table
from chuhai.store.sqlkit import chunks, naive, now

__all__ = ["BuyerVoice", "CommissionRow", "CreatorSql"]

_SOURCE: Final = ("source_system", "source_file", "source_locator", "source_id")


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _source_columns(s: SourceRef) -> dict[str, Any]:
    return {
        "source_system": s.system,
        "source_file": s.file,
        "source_locator": s.locator,
        "source_id": s.source_id,
    }


def _source(values: dict[str, Any]) -> SourceRef:
    return SourceRef(
        system=values.pop("source_system"),
        file=values.pop("source_file"),
        locator=values.pop("source_locator"),
        source_id=values.pop("source_id"),
    )


def _creator_row(c: Creator) -> dict[str, Any]:
    return {
        "id": c.id, "handle": c.handle, "platform": c.platform, "market": c.market,
        "zone": c.zone, "commission_rate": _dec(c.commission_rate), "agency": c.agency,
        "samples_sent": c.samples_sent, "sample_sku": c.sample_sku,
        "sample_cost": _dec(c.sample_cost), "currency": c.currency, "followers": c.followers,
        **_source_columns(c.source),
    }  # fmt: skip


def _content_row(c: CreatorContent) -> dict[str, Any]:
    return {
        "id": c.id, "content_id": c.content_id, "creator_id": c.creator_id, "market": c.market,
        "zone": c.zone, "kind": c.kind.value, "time": naive(c.time), "views": c.views,
        "clicks": c.clicks, "skus": codec.to_json(c.skus), **_source_columns(c.source),
    }  # fmt: skip


def _order_row(o: AffiliateOrder) -> dict[str, Any]:
    return {
        "id": o.id, "order_id": o.order_id, "creator_id": o.creator_id,
        "content_id": o.content_id,
        "content_kind": o.content_kind.value if o.content_kind else None,
        "attribution": o.attribution.value, "sku": o.sku, "market": o.market, "zone": o.zone,
        "quantity": o.quantity, "unit_price": _dec(o.unit_price), "currency": o.currency,
        "commission_rate": _dec(o.commission_rate), "commission": _dec(o.commission),
        "status": o.status.value, "refund_amount": _dec(o.refund_amount),
        "returned_units": o.returned_units, "time": naive(o.time), "buyer": o.buyer,
        **_source_columns(o.source),
    }  # fmt: skip


def _hashed(values: dict[str, Any]) -> dict[str, Any]:
    """The row with its content hash (of everything but the bookkeeping columns)."""
    content = {k: v for k, v in values.items() if k not in ("updated_at", *_SOURCE)}
    values["content_hash"] = stable_id(codec.to_json({k: str(v) for k, v in content.items()}))
    return values


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


class CreatorSql(PersonalDataSql):
    """``add_creator_records`` and the creator reads of
    :class:`~chuhai.store.sql_store.SqlZoneStore`."""

    # -- writes ------------------------------------------------------------------------------

    def add_creator_records(self, records: Sequence[CreatorRecord]) -> WriteResult:
        """Store creators, content and attributed orders of this zone; a known id whose
        content changed is replaced (counted as updated), an unchanged one is a duplicate."""
        for record in records:
            if record.zone != self.zone or record.market not in self.markets:
                raise ResidencyError(
                    f"{type(record).__name__} {record.id} of market {record.market} "
                    f"(zone {record.zone}) refused by the store of zone {self.zone}"
                )
        stamp = now()
        rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            if isinstance(record, Creator):
                rows[CREATORS].append(_hashed(_creator_row(record)) | {"updated_at": stamp})
            elif isinstance(record, CreatorContent):
                rows[CREATOR_CONTENT].append(_hashed(_content_row(record)))
            else:
                rows[AFFILIATE_ORDERS].append(_hashed(_order_row(record)))
        result = WriteResult()
        for table, batch in rows.items():
            result += self._replace_changed(table, batch)
        return result

    def _replace_changed(self, table: Table, rows: list[dict[str, Any]]) -> WriteResult:
        latest = {r["id"]: r for r in rows}  # the last version of an id in the batch wins
        known: dict[str, str] = {}
        for chunk in chunks(list(latest)):
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, content_hash FROM {table.name} WHERE id IN ({marks})"
            known.update(dict(self._select(sql, chunk)))
        new = [r for i, r in latest.items() if i not in known]
        changed = [r for i, r in latest.items() if i in known and known[i] != r["content_hash"]]
        batch = arrow.encode(table.pairs, [table.row(r) for r in [*new, *changed]])
        try:
            with self._transaction() as con:
                for chunk in chunks([r["id"] for r in changed]):
                    marks = ", ".join("?" * len(chunk))
                    con.execute(f"DELETE FROM {table.name} WHERE id IN ({marks})", chunk)
                if batch.num_rows:
                    self._insert_new(con, table.name, table.pairs, batch)
        except self.errors as exc:
            raise StoreError(f"zone {self.zone}: writing {table.name} failed: {exc}") from exc
        return WriteResult(
            inserted=len(new), duplicates=len(rows) - len(new) - len(changed), updated=len(changed)
        )

    # -- reads -------------------------------------------------------------------------------

    def _rows(self, table: Table, where: str = "", params: Sequence[object] = ()) -> list[Any]:
        names = ", ".join(table.names)
        order = "handle, id" if table is CREATORS else "time, id"
        return self._read(f"SELECT {names} FROM {table.name}{where} ORDER BY {order}", params)

    @staticmethod
    def _market_where(
        market: str | None, start: datetime | None = None, end: datetime | None = None
    ) -> tuple[str, list[object]]:
        parts: list[str] = []
        params: list[object] = []
        if market is not None:
            parts.append("market = ?")
            params.append(market)
        if start is not None:
            parts.append("time >= ?")
            params.append(naive(start))
        if end is not None:
            parts.append("time < ?")
            params.append(naive(end))
        return (" WHERE " + " AND ".join(parts) if parts else ""), params

    def creators(self, *, market: str | None = None) -> list[Creator]:
        """Creators of this zone (of one market), by handle."""
        where, params = self._market_where(market)
        out = []
        for row in self._rows(CREATORS, where, params):
            values = CREATORS.read(row)
            for key in ("content_hash", "updated_at"):
                values.pop(key)
            out.append(Creator.model_validate(values | {"source": _source(values)}))
        return out

    def creator_content(self, *, market: str | None = None) -> list[CreatorContent]:
        """Creators' videos and lives (of one market), oldest first."""
        where, params = self._market_where(market)
        out = []
        for row in self._rows(CREATOR_CONTENT, where, params):
            values = CREATOR_CONTENT.read(row)
            values.pop("content_hash")
            values["time"] = _aware(values["time"])
            values["skus"] = json.loads(values["skus"])
            out.append(CreatorContent.model_validate(values | {"source": _source(values)}))
        return out

    def affiliate_orders(
        self,
        *,
        market: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[AffiliateOrder]:
        """Attributed order lines (of one market, from ``start`` to before ``end``)."""
        where, params = self._market_where(market, start, end)
        out = []
        for row in self._rows(AFFILIATE_ORDERS, where, params):
            values = AFFILIATE_ORDERS.read(row)
            values.pop("content_hash")
            values["time"] = _aware(values["time"])
            out.append(AffiliateOrder.model_validate(values | {"source": _source(values)}))
        return out

    def commissions(
        self,
        *,
        market: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[CommissionRow]:
        """Commission per attributed order line: as reported, else the line's rate (or the
        creator's) times what was not refunded; cancelled lines owe none."""
        rates = {c.id: c.commission_rate for c in self.creators(market=market)}
        out = []
        for o in self.affiliate_orders(market=market, start=start, end=end):
            out.append(
                CommissionRow(
                    o.order_id, o.sku, o.market, o.currency, naive(o.time), o.creator_id,
                    commission_of(o, rates.get(o.creator_id, Decimal(0))),
                )
            )  # fmt: skip
        return out

    def buyer_voices(self, *, market: str | None = None) -> list[BuyerVoice]:
        """Voices of the buyers of each creator's attributed orders: a voice whose
        ``order_id`` (metadata) is an attributed order's, or whose author is the order's
        buyer (the same keyed pseudonym). A voice counts once per creator."""
        where, params = self._market_where(market)
        by_order: dict[str, set[str]] = defaultdict(set)
        by_buyer: dict[str, set[str]] = defaultdict(set)
        for order_id, buyer, creator in self._read(
            f"SELECT order_id, buyer, creator_id FROM affiliate_orders{where}", params
        ):
            by_order[order_id].add(creator)
            if buyer:
                by_buyer[buyer].add(creator)
        if not by_order:
            return []
        mwhere = " AND v.market = ?" if market is not None else ""
        rows = self._read(
            "SELECT v.id, v.author, v.metadata, v.rating, v.rating_max, a.sentiment, a.emotion, "
            "a.emotion_confidence, a.intent FROM voices v LEFT JOIN voice_annotations a "
            "ON a.voice_id = v.id WHERE (v.metadata LIKE '%order_id%' OR v.author IS NOT NULL)"
            f"{mwhere} ORDER BY v.time, v.id",
            [market] if market is not None else [],
        )
        linked: list[tuple[str, tuple[Any, ...]]] = []
        for row in rows:
            voice_id, author, metadata = row[0], row[1], row[2]
            creators = set(by_buyer.get(author, ())) if author else set()
            if "order_id" in metadata:
                order_id = json.loads(metadata).get("order_id")
                creators |= by_order.get(str(order_id), set())
            linked += [(creator, row) for creator in sorted(creators)]
        themes: dict[str, list[str]] = defaultdict(list)
        voice_ids = sorted({row[0] for _, row in linked})
        for chunk in chunks(voice_ids):
            marks = ", ".join("?" * len(chunk))
            for voice_id, name in self._read(
                "SELECT vt.voice_id, t.name FROM voice_themes vt JOIN themes t "
                f"ON t.id = vt.theme_id WHERE vt.voice_id IN ({marks}) ORDER BY t.name",
                chunk,
            ):
                themes[voice_id].append(name)
        return [
            BuyerVoice(creator, r[0], r[5], r[6], r[7], r[8], r[3], r[4], tuple(themes[r[0]]))
            for creator, r in linked
        ]

    # -- data-subject requests and retention -------------------------------------------------

    def _creator_ids(self, needles: Sequence[str]) -> list[str]:
        handles = sorted({normalise_handle(n) for n in needles if normalise_handle(n)})
        if not handles:
            return []
        marks = ", ".join("?" * len(handles))
        return [r[0] for r in self._select(f"SELECT id FROM creators WHERE handle IN ({marks})",
                                           handles)]  # fmt: skip

    def find_creator_subject(
        self, pseudonyms: Sequence[str], needles: Sequence[str]
    ) -> dict[str, list[dict[str, Any]]]:
        """A creator's rows (by handle) and a buyer's attributed order lines (by pseudonym),
        as plain dicts per table, for a data-subject export."""
        ids = self._creator_ids(needles)
        found: dict[str, list[dict[str, Any]]] = {}
        for table in (CREATORS, CREATOR_CONTENT, AFFILIATE_ORDERS):
            where, params = self._subject_rows(table, ids, pseudonyms)
            rows = self._select(f"SELECT {', '.join(table.names)} FROM {table.name}{where}", params)
            found[table.name] = [
                {k: v.isoformat() if isinstance(v, datetime) else v
                 for k, v in table.read(r).items()}
                for r in rows
            ]  # fmt: skip
        return found

    @staticmethod
    def _subject_rows(
        table: Table, creator_ids: Sequence[str], pseudonyms: Sequence[str]
    ) -> tuple[str, list[object]]:
        parts: list[str] = []
        params: list[object] = []
        column = "id" if table is CREATORS else "creator_id"
        if creator_ids:
            parts.append(f"{column} IN ({', '.join('?' * len(creator_ids))})")
            params += list(creator_ids)
        if table is AFFILIATE_ORDERS and pseudonyms:
            parts.append(f"buyer IN ({', '.join('?' * len(pseudonyms))})")
            params += list(pseudonyms)
        return (" WHERE " + " OR ".join(parts) if parts else " WHERE 1 = 0"), params

    def find_subject(self, pseudonyms: Sequence[str], needles: Sequence[str]) -> SubjectData:
        found = super().find_subject(pseudonyms, needles)
        found.creators = self.find_creator_subject(pseudonyms, needles)
        return found

    def erase_subject(self, pseudonyms: Sequence[str], needles: Sequence[str]) -> dict[str, int]:
        """Everything of :meth:`PersonalDataSql.erase_subject`, and the creator's rows (by
        handle) and the buyer's attributed order lines (by pseudonym)."""
        counts = super().erase_subject(pseudonyms, needles)
        ids = self._creator_ids(needles)
        with self._transaction() as con:
            for table in (AFFILIATE_ORDERS, CREATOR_CONTENT, CREATORS):
                where, params = self._subject_rows(table, ids, pseudonyms)
                n = int(self._select(f"SELECT count(*) FROM {table.name}{where}", params)[0][0])
                if n:  # only the tables that held something of theirs
                    counts[table.name] = n
                    con.execute(f"DELETE FROM {table.name}{where}", params)
        return counts

    def purge_before(
        self, cutoffs: dict[str, datetime], *, dry_run: bool = False
    ) -> dict[str, int]:
        """Also drops attributed orders and content of each market older than its cutoff."""
        counts = super().purge_before(cutoffs, dry_run=dry_run)
        for table in (AFFILIATE_ORDERS, CREATOR_CONTENT):
            for market, cutoff in cutoffs.items():
                params = [market, naive(cutoff)]
                sql = f"FROM {table.name} WHERE market = ? AND time < ?"
                n = int(self._select(f"SELECT count(*) {sql}", params)[0][0])
                if not n:
                    continue  # counted only where there was something to purge
                counts[table.name] = counts.get(table.name, 0) + n
                if not dry_run:
                    with self._transaction() as con:
                        con.execute(f"DELETE {sql}", params)
        return counts
