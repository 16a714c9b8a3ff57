"""Where a statement's figures come from: order lines, refunds and creators' commissions.

:class:`StoreLedger` reads them from the zone stores (order lines without buyers; refunds;
the commissions of orders the creators' affiliate exports attribute to a creator);
:class:`MemoryLedger` holds them in lists (tests, what-if runs).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from chuhai.records.partners import OrderLine, Refund

if TYPE_CHECKING:
    from chuhai.store import ZoneRouter
    from chuhai.store.base import ZoneStore

__all__ = ["Commission", "Ledger", "MemoryLedger", "StoreLedger"]

log = logging.getLogger(__name__)
Markets = Sequence[str]


@dataclass(frozen=True)
class Commission:
    """What a creator earns on one order line (the platform's order id and the SKU), in
    ``currency``."""

    order_id: str
    sku: str
    creator: str
    amount: Decimal
    currency: str


class Ledger(Protocol):
    def order_lines(self, markets: Markets, start: datetime, end: datetime) -> list[OrderLine]:
        """Order lines of these markets from ``start`` (inclusive) to ``end`` (exclusive)."""
        ...

    def order_lines_by_id(self, markets: Sequence[str], ids: Sequence[str]) -> list[OrderLine]: ...

    def refunds(self, markets: Sequence[str], start: datetime, end: datetime) -> list[Refund]: ...

    def refunds_of(self, markets: Sequence[str], order_ids: Sequence[str]) -> list[Refund]: ...

    def commissions(self, markets: Sequence[str], order_ids: Sequence[str]) -> list[Commission]:
        """Creators' commissions on these order lines (none where no creator sold it)."""
        ...


@dataclass
class MemoryLedger:
    orders: list[OrderLine] = field(default_factory=list)
    refund_list: list[Refund] = field(default_factory=list)
    commission_list: list[Commission] = field(default_factory=list)

    def order_lines(self, markets: Markets, start: datetime, end: datetime) -> list[OrderLine]:
        return [o for o in self.orders if o.market in markets and start <= o.time < end]

    def order_lines_by_id(self, markets: Sequence[str], ids: Sequence[str]) -> list[OrderLine]:
        wanted = set(ids)
        return [o for o in self.orders
                if o.market in markets and (o.id in wanted or o.ref in wanted)]  # fmt: skip

    def refunds(self, markets: Sequence[str], start: datetime, end: datetime) -> list[Refund]:
        return [r for r in self.refund_list if r.market in markets and start <= r.time < end]

    def refunds_of(self, markets: Sequence[str], order_ids: Sequence[str]) -> list[Refund]:
        wanted = set(order_ids)
        return [r for r in self.refund_list if r.market in markets and r.order_id in wanted]

    def commissions(self, markets: Sequence[str], order_ids: Sequence[str]) -> list[Commission]:
        wanted = set(order_ids)
        return [c for c in self.commission_list if c.order_id in wanted]


class StoreLedger:
    """The zone stores of the markets asked for (each market read in its own zone)."""

    def __init__(self, router: ZoneRouter) -> None:
        self.router = router

    def _stores(self, markets: Sequence[str]) -> Iterable[tuple[ZoneStore, set[str]]]:
        by_zone: dict[str, set[str]] = {}
        for m in markets:
            by_zone.setdefault(self.router.zone_of(m), set()).add(m)
        for zone, wanted in sorted(by_zone.items()):
            if self.router.exists(zone):
                yield self.router.store(zone), wanted

    def order_lines(self, markets: Markets, start: datetime, end: datetime) -> list[OrderLine]:
        return [o for store, wanted in self._stores(markets)
                for o in store.order_lines(start=start, end=end) if o.market in wanted]  # fmt: skip

    def order_lines_by_id(self, markets: Sequence[str], ids: Sequence[str]) -> list[OrderLine]:
        return [o for store, wanted in self._stores(markets)
                for o in store.order_lines(ids=ids) if o.market in wanted]  # fmt: skip

    def refunds(self, markets: Sequence[str], start: datetime, end: datetime) -> list[Refund]:
        return [r for store, wanted in self._stores(markets)
                for r in store.refunds(start=start, end=end) if r.market in wanted]  # fmt: skip

    def refunds_of(self, markets: Sequence[str], order_ids: Sequence[str]) -> list[Refund]:
        return [r for store, wanted in self._stores(markets)
                for r in store.refunds(order_ids=order_ids) if r.market in wanted]  # fmt: skip

    def commissions(self, markets: Sequence[str], order_ids: Sequence[str]) -> list[Commission]:
        ids = set(order_ids)
        found: list[Commission] = []
        for store, wanted in self._stores(markets):
            for market in sorted(wanted):
                found.extend(
                    Commission(c.order_id, c.sku, c.creator_id, c.commission, c.currency)
                    for c in store.commissions(market=market)
                    if c.order_id in ids
                )
        return found
