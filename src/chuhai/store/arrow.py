"""Records as Arrow tables: the columnar batch format every store accepts.

Parallel ingest workers encode their records here and send the tables to the main process as
Arrow IPC bytes, which is far cheaper than pickling pydantic objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final

import pyarrow as pa

from chuhai.records import Order, Voice
from chuhai.store import codec, schema

__all__ = [
    "annotations_table",
    "aspects_table",
    "encode",
    "from_ipc",
    "orders_table",
    "to_ipc",
    "voices_table",
]

# The Arrow type of each column kind of the declaration (store/schema.py).
_TYPES: Final[dict[schema.ColumnKind, Any]] = {
    "text": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "ts": pa.timestamp("us"),
}


def encode(columns: codec.Columns, rows: Sequence[codec.Row]) -> pa.Table:
    """A table with one column per (name, kind) from row tuples."""
    data = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pa.table(
        {
            name: pa.array(values, type=_TYPES[kind])
            for (name, kind), values in zip(columns, data, strict=True)
        }
    )


def _columns(table: schema.Table, data: Mapping[str, Sequence[Any]]) -> pa.Table:
    """The Arrow table of ``table`` from its columns by name (KeyError on a missing one)."""
    return pa.table({name: pa.array(data[name], type=_TYPES[kind]) for name, kind in table.pairs})


def _naive(value: datetime) -> datetime:
    """Naive UTC for a TIMESTAMP column (record times are UTC already: UtcDatetime)."""
    return (
        value.replace(tzinfo=None)
        if value.tzinfo is UTC
        else value.astimezone(UTC).replace(tzinfo=None)
    )


def voices_table(voices: Sequence[Voice], ingested_at: datetime | None = None) -> pa.Table:
    """Voices column by column (no row tuples in between: this is the bulk import's hot path)."""
    now = (ingested_at or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    sources = [v.source for v in voices]
    data: dict[str, list[Any]] = {
        "id": [v.id for v in voices],
        "channel": [v.channel.value for v in voices],
        "market": [v.market for v in voices],
        "zone": [v.zone for v in voices],
        "language": [v.language for v in voices],
        "sku": [v.sku for v in voices],
        "time": [v.time.replace(tzinfo=None) for v in voices],  # UTC already (UtcDatetime)
        "author": [v.author for v in voices],
        "text": [v.text for v in voices],
        "rating": [v.rating for v in voices],
        "rating_max": [v.rating_max for v in voices],
        "conversation_id": [v.conversation_id for v in voices],
        "source_system": [s.system for s in sources],
        "source_file": [s.file for s in sources],
        "source_locator": [s.locator for s in sources],
        "source_id": [s.source_id for s in sources],
        "metadata": [codec.to_json(v.metadata) for v in voices],
        "ingested_at": [now] * len(voices),
    }
    return _columns(schema.VOICES, data)


def annotations_table(voices: Sequence[Voice], annotated_at: datetime | None = None) -> pa.Table:
    """The ``voice_annotations`` rows of the voices that carry annotations."""
    now = annotated_at or datetime.now(UTC)
    rows = [codec.annotation_row(v, now) for v in voices if v.annotations is not None]
    return encode(codec.ANNOTATION_COLUMNS, rows)


def aspects_table(voices: Sequence[Voice]) -> pa.Table:
    return encode(codec.ASPECT_COLUMNS, [row for v in voices for row in codec.aspect_rows(v)])


def orders_table(orders: Sequence[Order], ingested_at: datetime | None = None) -> pa.Table:
    """Orders column by column, as ``codec.order_row`` would give them row by row."""
    now = _naive(ingested_at or datetime.now(UTC))
    sources = [o.source for o in orders]
    data: dict[str, list[Any]] = {
        "id": [o.id for o in orders],
        "sku": [o.sku for o in orders],
        "market": [o.market for o in orders],
        "zone": [o.zone for o in orders],
        "quantity": [o.quantity for o in orders],
        "unit_price": [o.unit_price for o in orders],
        "currency": [o.currency for o in orders],
        "time": [_naive(o.time) for o in orders],
        "session_id": [o.session_id for o in orders],
        "buyer": [o.buyer for o in orders],
        "source_system": [s.system for s in sources],
        "source_file": [s.file for s in sources],
        "source_locator": [s.locator for s in sources],
        "source_id": [s.source_id for s in sources],
        "ingested_at": [now] * len(orders),
    }
    return _columns(schema.ORDERS, data)


def to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def from_ipc(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(data).read_all()
