"""Connectors for tabular exports: reviews, surveys, user tests, live chat, orders, sessions.

Each one reads rows through :class:`TableReader` with a column mapping and builds records
from the mapped fields; what differs is the record they build.
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar, Final

from pydantic import ValidationError

from chuhai.connectors.base import Connector, IngestContext, Item, Record, Skip
from chuhai.connectors.fields import (
    describe_validation_error,
    parse_amount,
    parse_int,
    parse_list,
    parse_rating,
    time_parser,
)
from chuhai.connectors.mapping import TableMapping, load_mapping
from chuhai.connectors.table_reader import Row, RowProblem, TableReader
from chuhai.errors import RecordError
from chuhai.markets import market_info
from chuhai.records import Channel, LiveSession, Order, SourceRef, Voice, stable_id
from chuhai.records.journal import ACTIVITY_KINDS, JournalEntry

__all__ = [
    "LiveChatConnector",
    "OrdersConnector",
    "ReviewsConnector",
    "SessionsConnector",
    "SurveysConnector",
    "TableConnector",
    "UserTestsConnector",
    "VoiceTableConnector",
]

log = logging.getLogger(__name__)

_TABLE_SUFFIXES: Final = (".csv", ".tsv", ".json", ".jsonl", ".ndjson")


class TableConnector(Connector):
    """Base of the tabular connectors: mapping, row reading, error capture."""

    default_mapping: ClassVar[str]
    fields: ClassVar[frozenset[str]]
    required: ClassVar[frozenset[str]]
    suffixes: ClassVar[tuple[str, ...]] = _TABLE_SUFFIXES

    def __init__(self, ctx: IngestContext) -> None:
        super().__init__(ctx)
        self.mapping: TableMapping = load_mapping(ctx.options.mapping or self.default_mapping)
        self.mapping.check_fields(allowed=self.fields, required=self.required, kind=self.name)
        if self.mapping.kind and self.mapping.kind != self.name:
            ctx.warn(
                f"mapping {self.mapping.name} is written for {self.mapping.kind}, not {self.name}"
            )
        self.reader = TableReader(ctx, self.mapping, self.required)
        # Pre-resolved per field: (columns, value translation table, constant fallback).
        self._plan: dict[str, tuple[tuple[str, ...], dict[str, str] | None, Any]] = {
            f: (
                tuple(self.mapping.sources(f)),
                self.mapping.values.get(f),
                self.mapping.constants.get(f),
            )
            for f in {*self.mapping.columns, *self.mapping.constants}
        }
        self._time_parser = time_parser(self.mapping.time_format)

    def read(self, path: Path) -> Iterator[Item]:
        try:
            yield from self.items(path, self.reader.rows(path))
        except RecordError as exc:
            yield self.reject(path, f"file rejected: {exc.reason}", market=self.ctx.options.market)

    def items(self, path: Path, rows: Iterable[Row | RowProblem]) -> Iterator[Item]:
        """Records, skips and rejections of already split rows (parallel workers call this)."""
        for row in rows:
            if isinstance(row, RowProblem):
                market = self.ctx.options.market
                yield self.reject(
                    path, row.reason, line=row.line, locator=row.locator, raw=row.raw, market=market
                )
            else:
                yield from self.row_items(row, path)

    def row_items(self, row: Row, path: Path) -> Iterator[Item]:
        """Records of one row, or its skip, or its rejection; never raises for bad content."""
        skip = self._skip_reason(row)
        if skip:
            yield Skip(skip, row.locator)
            return
        try:
            records = self.build(row, path)
        except RecordError as exc:
            yield self._row_rejection(path, row, exc.reason)
        except ValidationError as exc:
            yield self._row_rejection(path, row, describe_validation_error(exc))
        except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError) as exc:
            # a value no parser foresaw: this row is lost, never the rest of the file
            log.warning("%s %s: %s", path, row.locator, exc, exc_info=True)
            reason = f"unreadable row ({type(exc).__name__}: {str(exc)[:200]})"
            yield self._row_rejection(path, row, reason)
        else:
            yield from records

    def _row_rejection(self, path: Path, row: Row, reason: str) -> Item:
        # The --market default is only for rows that name no market: a row of a market that is
        # not enabled must not land in another market's zone, even in quarantine.
        market = row.market
        if market is None and self.value(row, "market") is None:
            market = self.ctx.options.market
        return self.reject(
            path, reason, line=row.line, locator=row.locator, raw=row.raw, market=market
        )

    def _skip_reason(self, row: Row) -> str | None:
        for column, accepted in self.mapping.keep_when.items():
            value = row.values.get(column)
            value = "" if value is None else str(value).strip()
            if value not in accepted:
                return f"{column} = {value!r} is not kept by mapping {self.mapping.name}"
        return None

    # -- field access --------------------------------------------------------------------------

    def value(self, row: Row, field: str) -> Any:
        """The first non-empty source value of ``field`` (stripped, translated), or the constant."""
        # Hot path (one call per field per row): the mapping is pre-resolved in __init__.
        plan = self._plan.get(field)
        if plan is None:
            return None
        columns, table, constant = plan
        values = row.values
        for column in columns:
            raw = values[column] if column in values else _at(values, column)
            if raw is None or (isinstance(raw, str) and not (raw := raw.strip())):
                continue
            if table is not None:
                key = str(raw)
                return table.get(key, table.get(key.lower(), key))
            return raw
        return constant

    def text_value(self, row: Row, field: str) -> str | None:
        value = self.value(row, field)
        return value if value is None or isinstance(value, str) else str(value)

    def metadata(self, row: Row) -> dict[str, str | int | float | bool | None]:
        out: dict[str, str | int | float | bool | None] = {}
        for key, column in self.mapping.metadata.items():
            value = _at(row.values, column)
            if value is None or value == "":
                continue
            out[key] = value if isinstance(value, str | int | float | bool) else str(value)
        return out

    def locate(self, row: Row, field: str = "market") -> tuple[str, str]:
        """Market and zone of a row; remembers the market on the row for its rejection."""
        market = self.ctx.market(self.value(row, field))
        zone = self.ctx.zone_of(market)
        row.market = market
        return market, zone

    def time(self, row: Row, field: str, market: str, *, required: bool = True) -> Any:
        value = self.value(row, field)
        if value is None and not required:
            return None
        tz = self.ctx.timezone(market, self.mapping.timezone)
        try:
            return self._time_parser(value, tz)
        except RecordError as exc:
            raise RecordError(f"{field}: {exc.reason}") from None

    def source(self, row: Row, path: Path, source_id: str | None) -> SourceRef:
        return SourceRef(
            system=self.mapping.system, file=path.name, locator=row.locator, source_id=source_id
        )

    @abstractmethod
    def build(self, row: Row, path: Path) -> list[Record]:
        """Records from one mapped row; raise RecordError or ValidationError to reject it."""


class VoiceTableConnector(TableConnector):
    """Rows become voices of one channel; several text columns give one voice each."""

    channel: ClassVar[Channel]
    fields = frozenset(
        {
            "source_id",
            "time",
            "market",
            "sku",
            "author",
            "rating",
            "rating_max",
            "language",
            "title",
            "conversation_id",
            "text",
        }
    )
    required = frozenset({"time", "text"})

    def build(self, row: Row, path: Path) -> list[Record]:
        market, zone = self.locate(row)
        time = self.time(row, "time", market)
        rating = parse_rating(self.value(row, "rating"))
        rating_max_value = self.value(row, "rating_max")
        rating_max = parse_amount(rating_max_value) if rating_max_value is not None else None
        rating_max = rating_max or (self.mapping.rating_max if rating is not None else None)
        author = self.ctx.pseudonym(zone, self.value(row, "author"))
        sku = self.text_value(row, "sku")
        language = (self.text_value(row, "language") or "und").lower()
        source_id = self.text_value(row, "source_id")
        title = self.ctx.text(self.value(row, "title"), required=False)
        columns = self.mapping.sources("text")
        answers = [
            (column, self.ctx.text(_at(row.values, column), required=False)) for column in columns
        ]
        answered = [(c, t) for c, t in answers if t]
        if not answered:
            if rating is None and not title:
                quoted = ", ".join(f"'{c}'" for c in columns)
                raise RecordError(f"no text in {quoted} and no rating")
            answered = [(columns[0], "")]
        conversation = self.text_value(row, "conversation_id")
        if conversation is None and len(answered) > 1:
            conversation = source_id  # answers of one survey response belong together
        metadata = self.metadata(row)
        if title:
            metadata["title"] = title
        voices: list[Record] = []
        for column, text in answered:
            meta = {**metadata, "question": column} if len(columns) > 1 else metadata
            body = f"{title}\n{text}".strip() if title else text
            voice_id = (
                stable_id(self.channel, self.mapping.system, source_id, column)
                if source_id
                else stable_id(
                    self.channel,
                    self.mapping.system,
                    market,
                    sku,
                    author,
                    time.isoformat(),
                    column,
                    body,
                )
            )
            voices.append(
                Voice(
                    id=voice_id,
                    channel=self.channel,
                    market=market,
                    zone=zone,
                    language=language,
                    sku=sku,
                    time=time,
                    author=author,
                    text=body,
                    rating=rating,
                    rating_max=rating_max,
                    conversation_id=conversation,
                    source=self.source(row, path, source_id),
                    metadata=meta,
                )
            )
        return voices


class ReviewsConnector(VoiceTableConnector):
    name = "reviews"
    summary = "Marketplace review exports (CSV/TSV/JSON/JSONL) through a column mapping"
    channel = Channel.REVIEW
    default_mapping = "generic-reviews"


class SurveysConnector(VoiceTableConnector):
    name = "surveys"
    summary = "Survey answers in CSV; one voice per answered open question"
    channel = Channel.SURVEY
    default_mapping = "survey"


class UserTestsConnector(VoiceTableConnector):
    name = "user-tests"
    summary = "User-test notes in CSV; one voice per observation"
    channel = Channel.USER_TEST
    default_mapping = "user-test"


class LiveChatConnector(VoiceTableConnector):
    """Live comments; an event without a market takes the market of its room's session.

    A platform event that is no comment (viewers, gift, like, join...) is skipped as before,
    and kept as a live journal entry (no user, no text) that :meth:`take_journal` hands to
    the pipeline: the 直播复盘 counts them."""

    name = "live"
    summary = "Live chat replay in JSONL: one event per line (room, time, user, text)"
    channel = Channel.LIVE_COMMENT
    default_mapping = "live-jsonl"
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson")

    def __init__(self, ctx: IngestContext) -> None:
        super().__init__(ctx)
        self._journal: list[JournalEntry] = []

    def items(self, path: Path, rows: Iterable[Row | RowProblem]) -> Iterator[Item]:
        for row in rows:
            if isinstance(row, RowProblem):
                yield from super().items(path, (row,))
                continue
            for item in self.row_items(row, path):
                if isinstance(item, Skip):
                    self._keep_platform_event(row)
                yield item

    def take_journal(self) -> list[JournalEntry]:
        """The journal entries read since the last call."""
        taken, self._journal = self._journal, []
        return taken

    def _keep_platform_event(self, row: Row) -> None:
        kind = str(row.values.get("type") or "").strip().lower()
        room = _at(row.values, self.mapping.metadata.get("room", "room"))
        if not kind or room is None or not str(room).strip():
            return
        try:
            market, zone = self.locate(row)
            when = self.time(row, "time", market)
        except RecordError:
            return  # an event we cannot place is only counted as skipped
        kind = _PLATFORM_KINDS.get(kind, kind)
        detail: dict[str, str | int | float | bool | None] = {}
        if kind not in ACTIVITY_KINDS:
            detail["raw_type"], kind = kind[:64], "unknown"
        for key in ("unit", "gift", "action"):
            if isinstance(row.values.get(key), str | int | float) and row.values[key] != "":
                detail[key] = str(row.values[key])[:64]
        count = int(_amount(row.values.get("count") or row.values.get("viewers")))
        session = row.values.get("session_id") or row.values.get("session")
        sku = row.values.get("sku") or row.values.get("product")
        where = self.text_value(row, "source_id") or row.locator
        try:
            entry = JournalEntry(
                id=stable_id("live_journal", self.mapping.system, room, where, kind, when),
                room=str(room)[:256],
                session_id=str(session)[:128] if session else None,
                market=market,
                zone=zone,
                time=when,
                kind=kind,
                sku=str(sku)[:128] if sku else None,
                count=count if kind == "viewers" else max(count, 1),
                value=_amount(row.values.get("value")),
                actor="system",
                detail=detail,
            )
        except ValidationError:
            return
        self._journal.append(entry)

    def locate(self, row: Row, field: str = "market") -> tuple[str, str]:
        if self.value(row, field) is None and self.ctx.room_markets:
            columns = [*self.mapping.sources("conversation_id"), *self.mapping.metadata.values()]
            for column in columns:
                known = self.ctx.room_markets.get(str(_at(row.values, column) or ""))
                if known is not None:
                    row.market = known
                    return known, self.ctx.zone_of(known)
        return super().locate(row, field)


class OrdersConnector(TableConnector):
    name = "orders"
    summary = "Orders in CSV: one line per SKU, optionally tied to a live session"
    default_mapping = "orders"
    fields = frozenset(
        {
            "source_id",
            "line_id",
            "sku",
            "market",
            "quantity",
            "unit_price",
            "currency",
            "time",
            "session_id",
            "buyer",
        }
    )
    required = frozenset({"source_id", "sku", "quantity", "unit_price", "time"})

    def build(self, row: Row, path: Path) -> list[Record]:
        market, zone = self.locate(row)
        order_id = self.text_value(row, "source_id")
        if order_id is None:
            raise RecordError("missing order id")
        sku = self.text_value(row, "sku")
        if sku is None:
            raise RecordError("missing sku")
        line = self.text_value(row, "line_id") or sku
        currency = (self.text_value(row, "currency") or market_info(market).currency).upper()
        return [
            Order(
                id=stable_id("order", self.mapping.system, order_id, line),
                sku=sku,
                market=market,
                zone=zone,
                quantity=parse_int(self.value(row, "quantity")),
                unit_price=parse_amount(self.value(row, "unit_price")),
                currency=currency,
                time=self.time(row, "time", market),
                session_id=self.text_value(row, "session_id"),
                buyer=self.ctx.pseudonym(zone, self.value(row, "buyer")),
                source=self.source(row, path, order_id),
            )
        ]


class SessionsConnector(TableConnector):
    name = "sessions"
    summary = "Live sessions (CSV/JSON): room, market, host, start/end, products shown"
    default_mapping = "live-sessions"
    fields = frozenset(
        {"id", "room", "market", "platform", "host", "started_at", "ended_at", "products"}
    )
    required = frozenset({"room", "started_at"})

    def build(self, row: Row, path: Path) -> list[Record]:
        market, zone = self.locate(row)
        room = self.text_value(row, "room")
        if room is None:
            raise RecordError("missing room")
        started = self.time(row, "started_at", market)
        platform = self.text_value(row, "platform") or "tiktok_shop"
        session_id = self.text_value(row, "id") or stable_id(platform, room, started.isoformat())
        return [
            LiveSession(
                id=session_id,
                room=room,
                market=market,
                zone=zone,
                platform=platform,
                host=self.text_value(row, "host"),
                started_at=started,
                ended_at=self.time(row, "ended_at", market, required=False),
                products=parse_list(self.value(row, "products"), self.mapping.list_separator),
                source=self.source(row, path, session_id),
            )
        ]


_PLATFORM_KINDS: Final = {
    "viewer_count": "viewers",
    "viewer": "viewers",
    "gifts": "gift",
    "likes": "like",
    "member": "join",
    "enter": "join",
}
"""Platform names of activity kinds (see :mod:`chuhai.records.journal`)."""


def _amount(value: Any) -> float:
    """A platform's count or value, >= 0 (0 for what is missing or unreadable)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if 0 <= number < 1e15 else 0.0


def _at(values: Any, column: str) -> Any:
    """``values[column]``, following dots into nested JSON objects when needed."""
    if column in values:
        return values[column]
    node = values
    for key in column.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node
