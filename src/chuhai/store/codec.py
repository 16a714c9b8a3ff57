"""Records <-> table rows. Shared by every SQL store so that each backend only moves rows.

The tables and their columns are declared once in :mod:`chuhai.store.schema`; the column
tuples here derive from it, and rows are built and read by column name (``Table.row`` /
``Table.read``), so no builder depends on the order of a table's columns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from chuhai.records import (
    Annotations,
    KnowledgeEntry,
    LiveSession,
    Order,
    Product,
    Rejection,
    SourceRef,
    Voice,
)
from chuhai.records.ids import stable_id
from chuhai.store import schema
from chuhai.store.schema import ColumnKind, Columns, Row

__all__ = [
    "ANNOTATION_COLUMNS",
    "ASPECT_COLUMNS",
    "IMPORT_COLUMNS",
    "JOURNAL_COLUMNS",
    "KNOWLEDGE_COLUMNS",
    "ORDER_COLUMNS",
    "PRODUCT_COLUMNS",
    "QUARANTINE_COLUMNS",
    "SESSION_COLUMNS",
    "THEME_COLUMNS",
    "VOICE_COLUMNS",
    "VOICE_THEME_COLUMNS",
    "ColumnKind",
    "Columns",
    "Row",
    "annotation_row",
    "aspect_rows",
    "knowledge_rows",
    "order_from_row",
    "order_row",
    "product_from_rows",
    "product_row",
    "rejection_from_row",
    "rejection_row",
    "session_from_row",
    "session_row",
    "to_json",
    "voice_from_row",
    "voice_row",
]

VOICE_COLUMNS: Final[Columns] = schema.VOICES.pairs
ORDER_COLUMNS: Final[Columns] = schema.ORDERS.pairs
PRODUCT_COLUMNS: Final[Columns] = schema.PRODUCTS.pairs
KNOWLEDGE_COLUMNS: Final[Columns] = schema.KNOWLEDGE.pairs
SESSION_COLUMNS: Final[Columns] = schema.SESSIONS.pairs
QUARANTINE_COLUMNS: Final[Columns] = schema.QUARANTINE.pairs
ANNOTATION_COLUMNS: Final[Columns] = schema.ANNOTATIONS.pairs
ASPECT_COLUMNS: Final[Columns] = schema.ASPECTS.pairs
IMPORT_COLUMNS: Final[Columns] = schema.IMPORTS.pairs
THEME_COLUMNS: Final[Columns] = schema.THEMES.pairs
VOICE_THEME_COLUMNS: Final[Columns] = schema.VOICE_THEMES.pairs
JOURNAL_COLUMNS: Final[Columns] = schema.JOURNAL.pairs


def _naive(value: datetime | None) -> datetime | None:
    """Naive UTC for TIMESTAMP columns; record times are UTC already (see UtcDatetime)."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


def _aware_or_none(value: datetime | None) -> datetime | None:
    return None if value is None else _aware(value)


# One encoder for all rows: json.dumps() with options builds a new one per call.
_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def to_json(value: object) -> str:
    """Compact, key-sorted JSON text for the TEXT columns that hold JSON."""
    return _ENCODER.encode(value)


def _source_columns(s: SourceRef) -> dict[str, Any]:
    return {
        "source_system": s.system,
        "source_file": s.file,
        "source_locator": s.locator,
        "source_id": s.source_id,
    }


def _source_of(r: dict[str, Any]) -> SourceRef:
    return SourceRef(
        system=r["source_system"],
        file=r["source_file"],
        locator=r["source_locator"],
        source_id=r["source_id"],
    )


def voice_row(v: Voice, ingested_at: datetime) -> Row:
    return schema.VOICES.row(
        {
            "id": v.id,
            "channel": v.channel.value,
            "market": v.market,
            "zone": v.zone,
            "language": v.language,
            "sku": v.sku,
            "time": _naive(v.time),
            "author": v.author,
            "text": v.text,
            "rating": v.rating,
            "rating_max": v.rating_max,
            "conversation_id": v.conversation_id,
            **_source_columns(v.source),
            "metadata": to_json(v.metadata),
            "ingested_at": _naive(ingested_at),
        }
    )


def voice_from_row(row: Sequence[Any], detail: str | None = None) -> Voice:
    """A voice from its row, with its annotations when their JSON ``detail`` is given."""
    r = schema.VOICES.read(row)
    return Voice(
        id=r["id"],
        channel=r["channel"],
        market=r["market"],
        zone=r["zone"],
        language=r["language"],
        sku=r["sku"],
        time=_aware(r["time"]),
        author=r["author"],
        text=r["text"],
        rating=r["rating"],
        rating_max=r["rating_max"],
        conversation_id=r["conversation_id"],
        source=_source_of(r),
        metadata=json.loads(r["metadata"]),
        annotations=Annotations.model_validate_json(detail) if detail else None,
    )


def annotation_row(v: Voice, annotated_at: datetime) -> Row:
    a = v.annotations
    assert a is not None
    return schema.ANNOTATIONS.row(
        {
            "voice_id": v.id,
            "market": v.market,
            "zone": v.zone,
            "language": a.language.code,
            "language_confidence": a.language.confidence,
            "sentiment": a.sentiment.label,
            "sentiment_score": a.sentiment.score,
            "sentiment_confidence": a.sentiment.confidence,
            "emotion": a.emotion.label,
            "emotion_confidence": a.emotion.confidence,
            "intent": a.intent.label,
            "intent_confidence": a.intent.confidence,
            "toxicity_score": a.toxicity.score,
            "toxicity_severity": a.toxicity.severity,
            "tier": a.tier,
            "model_version": a.model_version,
            "detail": a.model_dump_json(),
            "annotated_at": _naive(annotated_at),
        }
    )


def aspect_rows(v: Voice) -> list[Row]:
    a = v.annotations
    if a is None:
        return []
    return [
        schema.ASPECTS.row(
            {
                "id": stable_id(v.id, m.aspect, m.start),
                "voice_id": v.id,
                "market": v.market,
                "zone": v.zone,
                "aspect": m.aspect,
                "sentiment": m.sentiment,
                "score": m.score,
                "keyword": m.keyword,
            }
        )
        for m in a.aspects
    ]


def order_row(o: Order, ingested_at: datetime) -> Row:
    return schema.ORDERS.row(
        {
            "id": o.id,
            "sku": o.sku,
            "market": o.market,
            "zone": o.zone,
            "quantity": o.quantity,
            "unit_price": o.unit_price,
            "currency": o.currency,
            "time": _naive(o.time),
            "session_id": o.session_id,
            "buyer": o.buyer,
            **_source_columns(o.source),
            "ingested_at": _naive(ingested_at),
        }
    )


def order_from_row(row: Sequence[Any]) -> Order:
    r = schema.ORDERS.read(row)
    return Order(
        id=r["id"],
        sku=r["sku"],
        market=r["market"],
        zone=r["zone"],
        quantity=r["quantity"],
        unit_price=r["unit_price"],
        currency=r["currency"],
        time=_aware(r["time"]),
        session_id=r["session_id"],
        buyer=r["buyer"],
        source=_source_of(r),
    )


def product_row(p: Product, updated_at: datetime) -> Row:
    content = p.model_dump(mode="json")
    return schema.PRODUCTS.row(
        {
            "sku": p.sku,
            "category": p.category,
            "names": to_json(p.names),
            "markets": to_json(p.markets),
            "attributes": to_json(p.attributes),
            "content_hash": stable_id(to_json(content)),
            "updated_at": _naive(updated_at),
        }
    )


def knowledge_rows(p: Product) -> list[Row]:
    return [
        schema.KNOWLEDGE.row(
            {
                "id": e.entry_id(p.sku),
                "sku": p.sku,
                "language": e.language,
                "question": e.question,
                "answer": e.answer,
                "tags": to_json(e.tags),
            }
        )
        for e in p.knowledge
    ]


def product_from_rows(row: Sequence[Any], knowledge: Sequence[Sequence[Any]]) -> Product:
    r = schema.PRODUCTS.read(row)
    entries = [
        KnowledgeEntry(
            language=k["language"],
            question=k["question"],
            answer=k["answer"],
            tags=json.loads(k["tags"]),
        )
        for k in map(schema.KNOWLEDGE.read, knowledge)
    ]
    return Product(
        sku=r["sku"],
        category=r["category"],
        names=json.loads(r["names"]),
        markets=json.loads(r["markets"]),
        attributes=json.loads(r["attributes"]),
        knowledge=entries,
    )


def session_row(s: LiveSession) -> Row:
    content = s.model_dump(mode="json", exclude={"source"})
    return schema.SESSIONS.row(
        {
            "id": s.id,
            "room": s.room,
            "market": s.market,
            "zone": s.zone,
            "platform": s.platform,
            "host": s.host,
            "started_at": _naive(s.started_at),
            "ended_at": _naive(s.ended_at),
            "products": to_json(s.products),
            **_source_columns(s.source),
            "content_hash": stable_id(to_json(content)),
        }
    )


def session_from_row(row: Sequence[Any]) -> LiveSession:
    r = schema.SESSIONS.read(row)
    return LiveSession(
        id=r["id"],
        room=r["room"],
        market=r["market"],
        zone=r["zone"],
        platform=r["platform"],
        host=r["host"],
        started_at=_aware(r["started_at"]),
        ended_at=_aware_or_none(r["ended_at"]),
        products=json.loads(r["products"]),
        source=_source_of(r),
    )


def rejection_row(rej: Rejection, created_at: datetime) -> Row:
    return schema.QUARANTINE.row(
        {
            "id": rej.id,
            "connector": rej.connector,
            "file": rej.file,
            "line": rej.line,
            "locator": rej.locator,
            "reason": rej.reason,
            "raw": rej.raw,
            "market": rej.market,
            "created_at": _naive(created_at),
        }
    )


def rejection_from_row(row: Sequence[Any]) -> tuple[Rejection, datetime]:
    r = schema.QUARANTINE.read(row)
    rej = Rejection(
        connector=r["connector"],
        file=r["file"],
        line=r["line"],
        locator=r["locator"],
        reason=r["reason"],
        raw=r["raw"],
        market=r["market"],
    )
    return rej, _aware(r["created_at"])
