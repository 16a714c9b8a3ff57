"""The zone store contract. One store per residency zone; it refuses records of other zones.

A backend implements the ``_write_*`` and read methods; the public ``add_*`` / ``put_*``
methods check residency first, so no backend can forget to.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Final

import pyarrow as pa
import pyarrow.compute as pc

from chuhai.closing import Closeable
from chuhai.errors import ResidencyError
from chuhai.records import LiveSession, Order, Product, Rejection, Voice
from chuhai.records.ids import stable_id
from chuhai.records.journal import JournalEntry
from chuhai.records.theme import Theme
from chuhai.store import arrow

__all__ = [
    "INTAKE_ZONE",
    "TABLES",
    "Aggregate",
    "ImportEntry",
    "StoredRejection",
    "SubjectData",
    "WriteResult",
    "ZoneStore",
]

TABLES: Final = (
    "voices",
    "voice_annotations",
    "voice_aspects",
    "orders",
    "products",
    "knowledge_entries",
    "live_sessions",
    "quarantine",
    "imports",
    "themes",
    "voice_themes",
    "alert_deliveries",
    "live_journal",
)
"""The tables of a zone store's schema (see store/migrations)."""
INSERT_ONLY: Final = ("voices", "voice_annotations", "voice_aspects", "orders")

INTAKE_ZONE = "intake"
"""Holds only rejections whose market could not be read, on the machine that received them."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a write did: new rows, rows already present, rows replaced by a newer version."""

    inserted: int = 0
    duplicates: int = 0
    updated: int = 0

    def __add__(self, other: WriteResult) -> WriteResult:
        return WriteResult(
            self.inserted + other.inserted,
            self.duplicates + other.duplicates,
            self.updated + other.updated,
        )


@dataclass(frozen=True, slots=True)
class ImportEntry:
    """One file's import into one zone: the zone's share of the counts."""

    file: str
    sha256: str
    connector: str
    started_at: datetime
    finished_at: datetime
    accepted: int = 0
    duplicates: int = 0
    updated: int = 0
    quarantined: int = 0
    skipped: int = 0
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            key = stable_id(self.file, self.sha256, self.connector, self.started_at.isoformat())
            object.__setattr__(self, "id", key)


@dataclass(frozen=True, slots=True)
class StoredRejection:
    rejection: Rejection
    created_at: datetime


@dataclass
class SubjectData:
    """Everything a zone holds about one person."""

    voices: list[Voice] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    rejections: list[StoredRejection] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.voices or self.orders or self.rejections)


@dataclass
class Aggregate:
    rows: list[dict[str, Any]]
    suppressed_groups: int  # groups of fewer than k people, left out


class ZoneStore(Closeable):
    """Storage of one residency zone. Use as a context manager, or call :meth:`close`."""

    backend: ClassVar[str]

    def __init__(self, *, zone: str, markets: Collection[str], url: str) -> None:
        self.zone = zone
        self.markets = frozenset(markets)
        self.url = url

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def exists(cls, url: str, zone: str | None = None) -> bool:
        """Whether the store of ``zone`` is already at ``url`` (created and migrated)."""
        return True

    @abstractmethod
    def migrate(self) -> list[int]:
        """Apply pending schema migrations; return the versions applied."""

    @abstractmethod
    def schema_version(self) -> int:
        """The highest migration applied (0 for an empty store)."""

    @abstractmethod
    def close(self) -> None: ...

    # -- guarded writes --------------------------------------------------------------------

    def add_voices(self, voices: Sequence[Voice]) -> WriteResult:
        """Insert voices (and their annotations); ids already stored count as duplicates."""
        self._check_zone(voices)
        if not voices:
            return WriteResult()
        result = self._write_table("voices", arrow.voices_table(voices))
        if any(v.annotations is not None for v in voices):
            self._write_table("voice_annotations", arrow.annotations_table(voices))
            self._write_table("voice_aspects", arrow.aspects_table(voices))
        self.mark_analytics_stale()
        return result

    def add_orders(self, orders: Sequence[Order]) -> WriteResult:
        """Insert orders; ids already stored count as duplicates."""
        self._check_zone(orders)
        return self._write_table("orders", arrow.orders_table(orders)) if orders else WriteResult()

    def add_table(self, name: str, table: pa.Table) -> WriteResult:
        """Insert an encoded batch of an insert-only table (see :mod:`chuhai.store.arrow`)."""
        if name not in INSERT_ONLY:
            raise ValueError(f"add_table takes {', '.join(INSERT_ONLY)}, not {name!r}")
        if table.num_rows == 0:
            return WriteResult()
        zones = set(pc.unique(table["zone"]).to_pylist())
        markets = set(pc.unique(table["market"]).to_pylist())
        if zones != {self.zone} or not markets <= self.markets:
            raise ResidencyError(
                f"{name} of zones {sorted(zones)} / markets {sorted(markets)} refused by the "
                f"store of zone {self.zone}"
            )
        result = self._write_table(name, table)
        if name != "orders" and result.inserted:
            self.mark_analytics_stale()
        return result

    def put_sessions(self, sessions: Sequence[LiveSession]) -> WriteResult:
        """Insert or update live sessions (an unchanged session counts as a duplicate)."""
        self._check_zone(sessions)
        return self._write_sessions(sessions) if sessions else WriteResult()

    def put_products(self, products: Sequence[Product]) -> WriteResult:
        """Insert or update products sold in this zone, replacing their knowledge base."""
        for product in products:
            if not self.markets.intersection(product.markets):
                raise ResidencyError(
                    f"product {product.sku} is not sold in zone {self.zone} "
                    f"(markets {', '.join(product.markets)})"
                )
        return self._write_products(products) if products else WriteResult()

    def add_rejections(self, rejections: Sequence[Rejection]) -> WriteResult:
        """Keep rejected rows; the same rejection twice is stored once."""
        for rej in rejections:
            if rej.market is None and self.zone != INTAKE_ZONE:
                raise ResidencyError("a rejection without a market belongs to the intake store")
            if rej.market is not None and rej.market not in self.markets:
                raise ResidencyError(f"rejection of market {rej.market} sent to zone {self.zone}")
        return self._write_rejections(rejections) if rejections else WriteResult()

    def record_import(self, entry: ImportEntry) -> None:
        """Log one file's import (this zone's share of it)."""
        self._write_import(entry)

    def _check_zone(self, records: Sequence[Voice | Order | LiveSession]) -> None:
        for record in records:
            if record.zone != self.zone or record.market not in self.markets:
                raise ResidencyError(
                    f"{type(record).__name__} {record.id} of market {record.market} "
                    f"(zone {record.zone}) refused by the store of zone {self.zone}"
                )

    @abstractmethod
    def _write_table(self, name: str, table: pa.Table) -> WriteResult:
        """Insert rows whose id is not stored yet (insert-only tables)."""

    @abstractmethod
    def _write_sessions(self, sessions: Sequence[LiveSession]) -> WriteResult: ...

    @abstractmethod
    def _write_products(self, products: Sequence[Product]) -> WriteResult: ...

    @abstractmethod
    def _write_rejections(self, rejections: Sequence[Rejection]) -> WriteResult: ...

    @abstractmethod
    def _write_import(self, entry: ImportEntry) -> None: ...

    # -- reads -----------------------------------------------------------------------------

    @abstractmethod
    def table_counts(self) -> dict[str, int]:
        """Rows per table."""

    @abstractmethod
    def voice_counts(self) -> dict[tuple[str, str], int]:
        """Voices per (market, channel)."""

    @abstractmethod
    def voices(
        self, *, market: str | None = None, channel: str | None = None, limit: int | None = None
    ) -> list[Voice]:
        """Voices, oldest first, with their annotations where they have some."""

    @abstractmethod
    def orders(self, *, limit: int | None = None) -> list[Order]: ...

    @abstractmethod
    def unannotated_voices(self, *, after: str = "", limit: int = 1000) -> list[Voice]:
        """Voices without annotations, by id after ``after`` (for ``chuhai enrich``)."""

    @abstractmethod
    def count_unannotated(self) -> int: ...

    @abstractmethod
    def set_languages(self, languages: dict[str, str]) -> None:
        """Fill in detected languages of voices stored as ``und``."""

    @abstractmethod
    def products(self) -> list[Product]: ...

    @abstractmethod
    def sessions(self) -> list[LiveSession]: ...

    @abstractmethod
    def add_journal(self, entries: Sequence[JournalEntry]) -> int:
        """Store live-room journal entries of this zone (known ids skipped); how many new."""

    @abstractmethod
    def journal(
        self, *, session_id: str | None = None, room: str | None = None, kinds: Sequence[str] = ()
    ) -> list[JournalEntry]:
        """Journal entries of a session or room (all when neither), oldest first."""

    @abstractmethod
    def rejections(self, *, limit: int | None = None) -> list[StoredRejection]:
        """Quarantined rows, newest first."""

    @abstractmethod
    def imports(self, *, limit: int | None = None) -> list[ImportEntry]:
        """The import log, newest first."""

    # -- personal data ---------------------------------------------------------------------

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

    @abstractmethod
    def purge_quarantine_before(self, cutoff: datetime, *, dry_run: bool = False) -> int:
        """Delete quarantined rows of any market (or none) kept since before ``cutoff``;
        how many (``dry_run``: only count them)."""

    @abstractmethod
    def aggregate_voices(self, by: Sequence[str], min_people: int) -> Aggregate:
        """Counts per group, groups of fewer than ``min_people`` people left out."""

    # -- analytics (the VOC measures) ------------------------------------------------------

    @abstractmethod
    def mark_analytics_stale(self, con: Any | None = None) -> None:
        """Say the analytics tables (voice_facts, ...) no longer match their sources."""

    @abstractmethod
    def refresh_analytics(self, *, force: bool = False) -> bool:
        """Rebuild the analytics tables if they are stale; True if they were rebuilt."""

    @abstractmethod
    def analytics_version(self) -> str:
        """A key that changes whenever the analytics tables are rebuilt."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run a read-only query in portable SQL; safe to call from several threads."""

    # -- themes and alert deliveries -------------------------------------------------------

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
    def delivered_alerts(self, target: str, alert_ids: Sequence[str]) -> set[str]: ...

    @abstractmethod
    def record_delivery(self, target: str, alert_id: str, status: int) -> None: ...
