"""What the partners' statements read and write in a zone store, in portable SQL
(:class:`~chuhai.store.interfaces.SettlementStore`): refunds and returns, and order lines
without their buyer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from chuhai.errors import StoreError
from chuhai.records.partners import OrderLine, Refund
from chuhai.records.voice import SourceRef
from chuhai.store import arrow, schema
from chuhai.store.rows import WriteResult
from chuhai.store.sqlkit import SqlBase, chunks, naive, now

__all__ = ["REFUND_COLUMNS", "SettlementSql"]

REFUND_COLUMNS: Final = schema.REFUNDS.pairs
_REFUND_NAMES: Final = ", ".join(schema.REFUNDS.names)
_LINE: Final = "id, source_id, sku, market, zone, quantity, unit_price, currency, time, session_id"
_LINE_NAMES: Final = ("id", "ref", *_LINE.split(", ")[2:])


def _refund_row(r: Refund, ingested_at: datetime) -> tuple[Any, ...]:
    return schema.REFUNDS.row(
        {
            **r.model_dump(exclude={"source", "time"}),
            "time": naive(r.time),
            "source_system": r.source.system,
            "source_file": r.source.file,
            "source_locator": r.source.locator,
            "source_id": r.source.source_id,
            "ingested_at": naive(ingested_at),
        }
    )


def _refund(row: Sequence[Any]) -> Refund:
    r = schema.REFUNDS.read(row)
    source = SourceRef(system=r["source_system"], file=r["source_file"],
                       locator=r["source_locator"], source_id=r["source_id"])  # fmt: skip
    keep = {k: v for k, v in r.items() if not k.startswith("source_") and k != "ingested_at"}
    keep["time"] = r["time"].replace(tzinfo=UTC)
    return Refund.model_validate({**keep, "source": source})


def _line(row: Sequence[Any]) -> OrderLine:
    values = dict(zip(_LINE_NAMES, row, strict=True))
    values["time"] = values["time"].replace(tzinfo=UTC)
    return OrderLine.model_validate(values)


class SettlementSql(SqlBase):
    """``add_refunds`` / ``refunds`` / ``order_lines`` for the SQL zone stores."""

    def add_refunds(self, refunds: Sequence[Refund]) -> WriteResult:
        """Store refunds (ids already stored count as duplicates); other zones' are refused."""
        foreign = sorted({r.zone for r in refunds} - {self.zone})
        if foreign:
            raise StoreError(f"zone {self.zone}: refunds of zone {foreign[0]} refused")
        if not refunds:
            return WriteResult()
        at = now()
        batch = arrow.encode(REFUND_COLUMNS, [_refund_row(r, at) for r in refunds])
        return self._add("refunds", REFUND_COLUMNS, batch)

    def refunds(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        order_ids: Sequence[str] | None = None,
    ) -> list[Refund]:
        """Refunds from ``start`` (inclusive) to ``end`` (exclusive), or of these orders."""
        if order_ids is not None:
            found: list[Refund] = []
            for part in chunks(list(order_ids)):
                marks = ", ".join("?" * len(part))
                rows = self._read(
                    f"SELECT {_REFUND_NAMES} FROM refunds WHERE order_id IN ({marks})", part
                )
                found.extend(_refund(r) for r in rows)
            return sorted(found, key=lambda r: (r.time, r.id))
        where, params = _between(start, end)
        rows = self._read(f"SELECT {_REFUND_NAMES} FROM refunds{where} ORDER BY time, id", params)
        return [_refund(r) for r in rows]

    def order_lines(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[OrderLine]:
        """Order lines (without buyers) from ``start`` to ``end``, or whose id or platform
        order id (``source_id``) is one of ``ids``."""
        if ids is not None:
            found: list[OrderLine] = []
            for part in chunks(list(ids)):
                marks = ", ".join("?" * len(part))
                rows = self._read(
                    f"SELECT {_LINE} FROM orders WHERE id IN ({marks}) OR source_id IN ({marks})",
                    [*part, *part],
                )
                found.extend(_line(r) for r in rows)
            return sorted(found, key=lambda o: (o.time, o.id))
        where, params = _between(start, end)
        rows = self._read(f"SELECT {_LINE} FROM orders{where} ORDER BY time, id", params)
        return [_line(r) for r in rows]


def _between(start: datetime | None, end: datetime | None) -> tuple[str, list[object]]:
    conditions: list[str] = []
    params: list[object] = []
    if start is not None:
        conditions.append("time >= ?")
        params.append(naive(start))
    if end is not None:
        conditions.append("time < ?")
        params.append(naive(end))
    return (f" WHERE {' AND '.join(conditions)}" if conditions else ""), params
