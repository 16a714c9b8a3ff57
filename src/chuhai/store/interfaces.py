"""The store's interfaces, one per concern: a stage types against the ones it uses, and a
backend implements them (:class:`~chuhai.store.base.ZoneStore` is their union).

No interface takes SQL: each read is a named method returning typed rows
(:mod:`chuhai.store.rows`), so a backend need not speak any dialect. Which stage owns which
tables is in docs/ARCHITECTURE.md ("The store").
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

import pyarrow as pa

from chuhai.privacy.suppression import Grouping, Key
from chuhai.records import LiveSession, Order, Product, Rejection, Voice
from chuhai.records.creators import AffiliateOrder, Creator, CreatorContent, CreatorRecord
from chuhai.records.journal import JournalEntry
from chuhai.records.partners import OrderLine, Refund
from chuhai.records.theme import Theme
from chuhai.store.cells import Counts
from chuhai.store.filters import VoiceFilter
from chuhai.store.rows import (
    Aggregate,
    AspectTally,
    BuyerOrder,
    BuyerVoice,
    CommissionRow,
    ImportEntry,
    OrderQuantity,
    QuoteRow,
    Revenue,
    SessionProducts,
    StoredRejection,
    SubjectData,
    Tally,
    VoiceText,
    WeekCount,
    WriteResult,
)

__all__ = [
    "AlertLog",
    "AnalyticsStore",
    "AnnotationStore",
    "CreatorStore",
    "DemandStore",
    "ImportLog",
    "JournalStore",
    "QuarantineStore",
    "QuoteStore",
    "RecordStore",
    "SettlementStore",
    "SubjectStore",
    "ThemeStore",
    "VocStore",
    "Zoned",
]


class Zoned(Protocol):
    """Every store interface is of one residency zone, serving its markets."""

    zone: str
    markets: frozenset[str]


class RecordStore(Zoned, Protocol):
    """Ingest's records: ``voices``, ``orders``, ``products`` (+ ``knowledge_entries``),
    ``live_sessions``. Writes refuse records of other zones."""

    @abstractmethod
    def add_voices(self, voices: Sequence[Voice]) -> WriteResult:
        """Insert voices (and their annotations); ids already stored count as duplicates."""

    @abstractmethod
    def add_orders(self, orders: Sequence[Order]) -> WriteResult:
        """Insert orders; ids already stored count as duplicates."""

    @abstractmethod
    def add_table(self, name: str, table: pa.Table) -> WriteResult:
        """Insert an encoded batch of an insert-only table (see :mod:`chuhai.store.arrow`)."""

    @abstractmethod
    def put_sessions(self, sessions: Sequence[LiveSession]) -> WriteResult:
        """Insert or update live sessions (an unchanged session counts as a duplicate)."""

    @abstractmethod
    def put_products(self, products: Sequence[Product]) -> WriteResult:
        """Insert or update products sold in this zone, replacing their knowledge base."""

    @abstractmethod
    def voices(
        self, *, market: str | None = None, channel: str | None = None, limit: int | None = None
    ) -> list[Voice]:
        """Voices, oldest first, with their annotations where they have some."""

    @abstractmethod
    def orders(self, *, limit: int | None = None) -> list[Order]: ...

    @abstractmethod
    def products(self) -> list[Product]: ...

    @abstractmethod
    def sessions(self) -> list[LiveSession]: ...

    @abstractmethod
    def table_counts(self) -> dict[str, int]:
        """Rows per table."""

    @abstractmethod
    def voice_counts(self) -> dict[tuple[str, str], int]:
        """Voices per (market, channel)."""


class AnnotationStore(Zoned, Protocol):
    """Enrichment's side of the voices (``voice_annotations`` and ``voice_aspects`` are
    written as batches through :meth:`RecordStore.add_table`)."""

    @abstractmethod
    def unannotated_voices(self, *, after: str = "", limit: int = 1000) -> list[Voice]:
        """Voices without annotations, by id after ``after`` (for ``chuhai enrich``)."""

    @abstractmethod
    def count_unannotated(self) -> int: ...

    @abstractmethod
    def set_languages(self, languages: dict[str, str]) -> None:
        """Fill in detected languages of voices stored as ``und``."""


class QuarantineStore(Zoned, Protocol):
    """Rows refused at import (``quarantine``), kept to be fixed or purged."""

    @abstractmethod
    def add_rejections(self, rejections: Sequence[Rejection]) -> WriteResult:
        """Keep rejected rows; the same rejection twice is stored once."""

    @abstractmethod
    def rejections(self, *, limit: int | None = None) -> list[StoredRejection]:
        """Quarantined rows, newest first."""

    @abstractmethod
    def purge_quarantine_before(self, cutoff: datetime, *, dry_run: bool = False) -> int:
        """Delete quarantined rows of any market (or none) kept since before ``cutoff``;
        how many (``dry_run``: only count them)."""


class ImportLog(Zoned, Protocol):
    """Which files were imported (``imports``)."""

    @abstractmethod
    def record_import(self, entry: ImportEntry) -> None:
        """Log one file's import (this zone's share of it)."""

    @abstractmethod
    def imports(self, *, limit: int | None = None) -> list[ImportEntry]:
        """The import log, newest first."""


class SubjectStore(Zoned, Protocol):
    """Data-subject rights and retention over every table that holds a person's data."""

    @abstractmethod
    def find_subject(self, pseudonyms: Sequence[str], needles: Sequence[str]) -> SubjectData:
        """Everything of one person: by pseudonym (author, buyer, redaction tokens) or by a raw
        identifier (``needles``) still present in text or quarantined rows."""

    @abstractmethod
    def erase_subject(self, pseudonyms: Sequence[str], needles: Sequence[str]) -> dict[str, int]:
        """Delete what ``find_subject`` finds; rows deleted per table."""

    @abstractmethod
    def purge_before(
        self, cutoffs: dict[str, datetime], *, dry_run: bool = False
    ) -> dict[str, int]:
        """Delete each market's voices, orders and quarantined rows older than its cutoff."""


class AnalyticsStore(Zoned, Protocol):
    """The VOC analytics tables (``voice_facts``, ``aspect_facts``, ``theme_facts``): derived
    from the records, rebuilt when stale, counted by the measures, cells and alerts."""

    @abstractmethod
    def mark_analytics_stale(self, con: Any | None = None) -> None:
        """Say the analytics tables (voice_facts, ...) no longer match their sources."""

    @abstractmethod
    def refresh_analytics(self, *, force: bool = False) -> bool:
        """Rebuild the analytics tables if they are stale; True if they were rebuilt."""

    @abstractmethod
    def analytics_version(self) -> str:
        """A key that changes whenever the analytics tables are rebuilt."""

    # -- cells: what aggregates leaving a zone are cut from (store/cells) -------------------

    @abstractmethod
    def aggregate_voices(self, by: Sequence[str], min_people: int) -> Aggregate:
        """Counts per group, groups of fewer than ``min_people`` people left out."""

    @abstractmethod
    def count_cells(
        self, universe: str, groupings: Sequence[Grouping], *, means: bool = False
    ) -> dict[Grouping, dict[Key, Counts]]:
        """Every group of every grouping with its counts (:func:`~chuhai.store.cells.cut`)."""

    @abstractmethod
    def small_groups(
        self, universe: str, groupings: Sequence[Grouping], below: int
    ) -> dict[Grouping, dict[Key, frozenset[str]]]:
        """The people of every group of fewer than ``below`` people."""

    @abstractmethod
    def most_per_person(self, universe: str) -> int:
        """The most rows of ``universe`` any one person has (1 when it is empty)."""

    # -- the measures ----------------------------------------------------------------------

    @abstractmethod
    def tallies(
        self, voices: VoiceFilter, breakdowns: Sequence[str]
    ) -> tuple[Tally, dict[str, list[tuple[object, Tally]]]]:
        """The total of the filtered voices and, per breakdown (see
        :data:`chuhai.store.voc_reads.BREAKDOWNS`), each group's value and tally."""

    @abstractmethod
    def people(self, voices: VoiceFilter) -> int:
        """Distinct people of the filtered voices."""

    @abstractmethod
    def voice_count(self, voices: VoiceFilter) -> int: ...

    @abstractmethod
    def aspect_tallies(self, voices: VoiceFilter) -> list[AspectTally]:
        """Mentions per aspect and polarity in the filtered voices."""

    @abstractmethod
    def theme_tallies(self, voices: VoiceFilter) -> list[tuple[str, Tally]]:
        """Voices per theme (and their polarity) in the filtered voices."""

    @abstractmethod
    def weekly_counts(
        self, start: datetime, end: datetime, channels: Sequence[str]
    ) -> list[WeekCount]:
        """Per market and ISO week from ``start`` to ``end`` (naive UTC), the voices of every
        alert series (negative voices, negative aspect mentions, intents, themes)."""

    @abstractmethod
    def weekly_totals(
        self, start: datetime, end: datetime, channels: Sequence[str]
    ) -> dict[tuple[str, date], int]:
        """Voices per (market, ISO week's Monday) in ``channels``."""

    @abstractmethod
    def series_by_sku(
        self,
        market: str,
        start: datetime,
        end: datetime,
        series: tuple[str, str],
        channels: Sequence[str],
    ) -> dict[str, tuple[int, int]]:
        """Voices and people per SKU in one alert series (``("aspect_negative", aspect)`` or
        ``("intent", intent)``) of ``market`` from ``start`` to ``end`` (naive UTC)."""


class ThemeStore(Zoned, Protocol):
    """Themes and their voices (``themes``, ``voice_themes``)."""

    @abstractmethod
    def themes(self, *, kind: str | None = None) -> list[Theme]:
        """Themes of this zone, largest first."""

    @abstractmethod
    def theme(self, theme_id: str) -> Theme | None: ...

    @abstractmethod
    def save_themes(
        self, themes: Sequence[Theme], assignments: pa.Table, *, replace: Sequence[str] = ()
    ) -> int:
        """Store themes and their voices (``voice_themes`` rows), replacing ``replace``."""

    @abstractmethod
    def delete_theme(self, theme_id: str) -> bool: ...

    @abstractmethod
    def voice_texts(self, voices: VoiceFilter) -> list[VoiceText]:
        """The filtered voices with what naming and tagging need, by id."""

    @abstractmethod
    def voice_aspects(self, voices: VoiceFilter) -> dict[str, list[str]]:
        """The aspects each filtered voice names (voices naming none left out)."""


class QuoteStore(Zoned, Protocol):
    """Raw voices and orders read as quotes and journeys (inside the zone, or on a basis)."""

    @abstractmethod
    def quotes(self, voices: VoiceFilter, *, limit: int, offset: int = 0) -> list[QuoteRow]:
        """The filtered voices, newest first."""

    @abstractmethod
    def quotes_by_id(self, ids: Sequence[str]) -> list[QuoteRow]: ...

    @abstractmethod
    def quotes_of(self, person: str) -> list[QuoteRow]:
        """What one (pseudonymised) person wrote, oldest first."""

    @abstractmethod
    def orders_of(self, person: str) -> list[BuyerOrder]:
        """What one (pseudonymised) person bought, oldest first."""


class AlertLog(Zoned, Protocol):
    """Which alerts went to which webhook (``alert_deliveries``)."""

    @abstractmethod
    def delivered_alerts(self, target: str, alert_ids: Sequence[str]) -> set[str]: ...

    @abstractmethod
    def record_delivery(self, target: str, alert_id: str, status: int) -> None: ...


class JournalStore(Zoned, Protocol):
    """The live rooms' journal (``live_journal``)."""

    @abstractmethod
    def add_journal(self, entries: Sequence[JournalEntry]) -> int:
        """Store live-room journal entries of this zone (known ids skipped); how many new."""

    @abstractmethod
    def journal(
        self, *, session_id: str | None = None, room: str | None = None, kinds: Sequence[str] = ()
    ) -> list[JournalEntry]:
        """Journal entries of a session or room (all when neither), oldest first."""


class DemandStore(Zoned, Protocol):
    """What supply planning reads: orders as demand, sessions as events, revenue."""

    @abstractmethod
    def order_quantities(self) -> list[OrderQuantity]: ...

    @abstractmethod
    def session_products(self) -> list[SessionProducts]: ...

    @abstractmethod
    def revenue(self) -> list[Revenue]:
        """Order value per market and currency."""


class SettlementStore(Zoned, Protocol):
    """What the partners' statements read: order lines without buyers, and ``refunds``."""

    @abstractmethod
    def add_refunds(self, refunds: Sequence[Refund]) -> WriteResult:
        """Store refunds and returns; ids already stored count as duplicates."""

    @abstractmethod
    def refunds(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        order_ids: Sequence[str] | None = None,
    ) -> list[Refund]:
        """Refunds from ``start`` (inclusive) to ``end`` (exclusive), or of these orders."""

    @abstractmethod
    def order_lines(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[OrderLine]:
        """Order lines from ``start`` (inclusive) to ``end`` (exclusive), or whose id or
        platform order id is one of ``ids``."""


class CreatorStore(Zoned, Protocol):
    """Affiliate creators (``creators``, ``creator_content``, ``affiliate_orders``): personal
    data of this zone; writes refuse other zones' records. See :mod:`chuhai.store.creators`."""

    @abstractmethod
    def add_creator_records(self, records: Sequence[CreatorRecord]) -> WriteResult:
        """Store creators, content and attributed orders (changed ones replaced)."""

    @abstractmethod
    def creators(self, *, market: str | None = None) -> list[Creator]: ...

    @abstractmethod
    def creator_content(self, *, market: str | None = None) -> list[CreatorContent]: ...

    @abstractmethod
    def affiliate_orders(
        self,
        *,
        market: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[AffiliateOrder]:
        """Attributed order lines from ``start`` (inclusive) to ``end`` (exclusive)."""

    @abstractmethod
    def commissions(
        self,
        *,
        market: str | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[CommissionRow]:
        """Commission per attributed order line (reported, else rate x not refunded)."""

    @abstractmethod
    def buyer_voices(self, *, market: str | None = None) -> list[BuyerVoice]:
        """Voices of each creator's buyers, linked by order id or buyer pseudonym."""


class VocStore(AnalyticsStore, ThemeStore, QuoteStore, Protocol):
    """What the VOC stage reads: measures, themes and quotes of one zone."""
