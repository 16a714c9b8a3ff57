"""The zone store: the union of the store interfaces (:mod:`chuhai.store.interfaces`), one
store per residency zone; it refuses records of other zones.

A backend implements the interfaces' reads and the ``_write_*`` methods; the public ``add_*``
/ ``put_*`` methods check residency first, so no backend can forget to. Code that needs only
part of a store types against the interfaces it uses.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Collection, Sequence
from typing import ClassVar, Final

import pyarrow as pa
import pyarrow.compute as pc

from chuhai.closing import Closeable
from chuhai.errors import ResidencyError
from chuhai.records import LiveSession, Order, Product, Rejection, Voice
from chuhai.store import arrow
from chuhai.store.interfaces import (
    AlertLog,
    AnalyticsStore,
    AnnotationStore,
    CreatorStore,
    DemandStore,
    ImportLog,
    JournalStore,
    QuarantineStore,
    QuoteStore,
    RecordStore,
    SettlementStore,
    SubjectStore,
    ThemeStore,
)
from chuhai.store.rows import (
    Aggregate,
    ImportEntry,
    StoredRejection,
    SubjectData,
    WriteResult,
)

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
    "creators",
    "creator_content",
    "affiliate_orders",
    "refunds",
)
"""The tables of a zone store's schema (see store/migrations)."""
INSERT_ONLY: Final = ("voices", "voice_annotations", "voice_aspects", "orders")

INTAKE_ZONE = "intake"
"""Holds only rejections whose market could not be read, on the machine that received them."""


class ZoneStore(
    RecordStore,
    AnnotationStore,
    QuarantineStore,
    ImportLog,
    SubjectStore,
    AnalyticsStore,
    ThemeStore,
    QuoteStore,
    AlertLog,
    JournalStore,
    DemandStore,
    SettlementStore,
    CreatorStore,
    Closeable,
):
    """Storage of one residency zone, every interface. Use as a context manager, or call
    :meth:`close`."""

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
