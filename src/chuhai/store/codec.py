"""Records <-> table rows. Shared by every SQL store so that each backend only moves rows.

Column kinds are engine-neutral: ``text``, ``int``, ``float``, ``ts`` (naive UTC timestamp).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final, Literal

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

__all__ = [
    "ANNOTATION_COLUMNS",
    "ASPECT_COLUMNS",
    "IMPORT_COLUMNS",
    "KNOWLEDGE_COLUMNS",
    "ORDER_COLUMNS",
    "PRODUCT_COLUMNS",
    "QUARANTINE_COLUMNS",
    "SESSION_COLUMNS",
    "VOICE_COLUMNS",
    "ColumnKind",
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

ColumnKind = Literal["text", "int", "float", "ts"]
Columns = tuple[tuple[str, ColumnKind], ...]

VOICE_COLUMNS: Final[Columns] = (
    ("id", "text"),
    ("channel", "text"),
    ("market", "text"),
    ("zone", "text"),
    ("language", "text"),
    ("sku", "text"),
    ("time", "ts"),
    ("author", "text"),
    ("text", "text"),
    ("rating", "float"),
    ("rating_max", "float"),
    ("conversation_id", "text"),
    ("source_system", "text"),
    ("source_file", "text"),
    ("source_locator", "text"),
    ("source_id", "text"),
    ("metadata", "text"),
    ("ingested_at", "ts"),
)
ORDER_COLUMNS: Final[Columns] = (
    ("id", "text"),
    ("sku", "text"),
    ("market", "text"),
    ("zone", "text"),
    ("quantity", "int"),
    ("unit_price", "float"),
    ("currency", "text"),
    ("time", "ts"),
    ("session_id", "text"),
    ("buyer", "text"),
    ("source_system", "text"),
    ("source_file", "text"),
    ("source_locator", "text"),
    ("source_id", "text"),
    ("ingested_at", "ts"),
)
PRODUCT_COLUMNS: Final[Columns] = (
    ("sku", "text"),
    ("category", "text"),
    ("names", "text"),
    ("markets", "text"),
    ("attributes", "text"),
    ("content_hash", "text"),
    ("updated_at", "ts"),
)
KNOWLEDGE_COLUMNS: Final[Columns] = (
    ("id", "text"),
    ("sku", "text"),
    ("language", "text"),
    ("question", "text"),
    ("answer", "text"),
    ("tags", "text"),
)
SESSION_COLUMNS: Final[Columns] = (
    ("id", "text"),
    ("room", "text"),
    ("market", "text"),
    ("zone", "text"),
    ("platform", "text"),
    ("host", "text"),
    ("started_at", "ts"),
    ("ended_at", "ts"),
    ("products", "text"),
    ("source_system", "text"),
    ("source_file", "text"),
    ("source_locator", "text"),
    ("source_id", "text"),
    ("content_hash", "text"),
)
QUARANTINE_COLUMNS: Final[Columns] = (
    ("id", "text"),
    ("connector", "text"),
    ("file", "text"),
    ("line", "int"),
    ("locator", "text"),
    ("reason", "text"),
    ("raw", "text"),
    ("market", "text"),
    ("created_at", "ts"),
)
ANNOTATION_COLUMNS: Final[Columns] = (
    ("voice_id", "text"),
    ("market", "text"),
    ("zone", "text"),
    ("language", "text"),
    ("language_confidence", "float"),
    ("sentiment", "text"),
    ("sentiment_score", "float"),
    ("sentiment_confidence", "float"),
    ("emotion", "text"),
    ("emotion_confidence", "float"),
    ("intent", "text"),
    ("intent_confidence", "float"),
    ("toxicity_score", "float"),
    ("toxicity_severity", "text"),
    ("tier", "text"),
    ("model_version", "text"),
    ("detail", "text"),
    ("annotated_at", "ts"),
)
ASPECT_COLUMNS: Final[Columns] = (
    ("id", "text"),
    ("voice_id", "text"),
    ("market", "text"),
    ("zone", "text"),
    ("aspect", "text"),
    ("sentiment", "text"),
    ("score", "float"),
    ("keyword", "text"),
)
IMPORT_COLUMNS: Final[Columns] = (
    ("id", "text"),
    ("file", "text"),
    ("sha256", "text"),
    ("connector", "text"),
    ("accepted", "int"),
    ("duplicates", "int"),
    ("updated", "int"),
    ("quarantined", "int"),
    ("skipped", "int"),
    ("started_at", "ts"),
    ("finished_at", "ts"),
)

Row = tuple[Any, ...]


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


def _source(system: str, file: str | None, locator: str | None, source_id: str | None) -> SourceRef:
    return SourceRef(system=system, file=file, locator=locator, source_id=source_id)


def voice_row(v: Voice, ingested_at: datetime) -> Row:
    s = v.source
    return (
        v.id,
        v.channel.value,
        v.market,
        v.zone,
        v.language,
        v.sku,
        _naive(v.time),
        v.author,
        v.text,
        v.rating,
        v.rating_max,
        v.conversation_id,
        s.system,
        s.file,
        s.locator,
        s.source_id,
        to_json(v.metadata),
        _naive(ingested_at),
    )


def voice_from_row(row: Sequence[Any], detail: str | None = None) -> Voice:
    """A voice from its row, with its annotations when their JSON ``detail`` is given."""
    r = dict(zip((c for c, _ in VOICE_COLUMNS), row, strict=True))
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
        source=_source(r["source_system"], r["source_file"], r["source_locator"], r["source_id"]),
        metadata=json.loads(r["metadata"]),
        annotations=Annotations.model_validate_json(detail) if detail else None,
    )


def annotation_row(v: Voice, annotated_at: datetime) -> Row:
    a = v.annotations
    assert a is not None
    return (
        v.id,
        v.market,
        v.zone,
        a.language.code,
        a.language.confidence,
        a.sentiment.label,
        a.sentiment.score,
        a.sentiment.confidence,
        a.emotion.label,
        a.emotion.confidence,
        a.intent.label,
        a.intent.confidence,
        a.toxicity.score,
        a.toxicity.severity,
        a.tier,
        a.model_version,
        a.model_dump_json(),
        _naive(annotated_at),
    )


def aspect_rows(v: Voice) -> list[Row]:
    a = v.annotations
    if a is None:
        return []
    return [
        (
            stable_id(v.id, m.aspect, m.start),
            v.id,
            v.market,
            v.zone,
            m.aspect,
            m.sentiment,
            m.score,
            m.keyword,
        )
        for m in a.aspects
    ]


def order_row(o: Order, ingested_at: datetime) -> Row:
    s = o.source
    return (
        o.id,
        o.sku,
        o.market,
        o.zone,
        o.quantity,
        o.unit_price,
        o.currency,
        _naive(o.time),
        o.session_id,
        o.buyer,
        s.system,
        s.file,
        s.locator,
        s.source_id,
        _naive(ingested_at),
    )


def order_from_row(row: Sequence[Any]) -> Order:
    r = dict(zip((c for c, _ in ORDER_COLUMNS), row, strict=True))
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
        source=_source(r["source_system"], r["source_file"], r["source_locator"], r["source_id"]),
    )


def product_row(p: Product, updated_at: datetime) -> Row:
    content = p.model_dump(mode="json")
    return (
        p.sku,
        p.category,
        to_json(p.names),
        to_json(p.markets),
        to_json(p.attributes),
        stable_id(to_json(content)),
        _naive(updated_at),
    )


def knowledge_rows(p: Product) -> list[Row]:
    return [
        (e.entry_id(p.sku), p.sku, e.language, e.question, e.answer, to_json(e.tags))
        for e in p.knowledge
    ]


def product_from_rows(row: Sequence[Any], knowledge: Sequence[Sequence[Any]]) -> Product:
    r = dict(zip((c for c, _ in PRODUCT_COLUMNS), row, strict=True))
    entries = [
        KnowledgeEntry(language=k[2], question=k[3], answer=k[4], tags=json.loads(k[5]))
        for k in knowledge
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
    src = s.source
    content = s.model_dump(mode="json", exclude={"source"})
    return (
        s.id,
        s.room,
        s.market,
        s.zone,
        s.platform,
        s.host,
        _naive(s.started_at),
        _naive(s.ended_at),
        to_json(s.products),
        src.system,
        src.file,
        src.locator,
        src.source_id,
        stable_id(to_json(content)),
    )


def session_from_row(row: Sequence[Any]) -> LiveSession:
    r = dict(zip((c for c, _ in SESSION_COLUMNS), row, strict=True))
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
        source=_source(r["source_system"], r["source_file"], r["source_locator"], r["source_id"]),
    )


def rejection_row(rej: Rejection, created_at: datetime) -> Row:
    return (
        rej.id,
        rej.connector,
        rej.file,
        rej.line,
        rej.locator,
        rej.reason,
        rej.raw,
        rej.market,
        _naive(created_at),
    )


def rejection_from_row(row: Sequence[Any]) -> tuple[Rejection, datetime]:
    r = dict(zip((c for c, _ in QUARANTINE_COLUMNS), row, strict=True))
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
