"""Connectors for affiliate-creator exports: the creators, their content, and the order lines
the platform attributes to them (TikTok Shop's affiliate centre exports these as CSV).

Like every tabular connector they read through a column mapping and quarantine the rows they
cannot use, with the reason. A creator's handle is kept (it is how the brand works with them)
in the store of the creator's market, never elsewhere; contact columns of an export (name,
e-mail, phone, address) are never mapped and never read. Buyers become the zone's keyed
pseudonym, as on every order.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Final

from chuhai.connectors.base import Record
from chuhai.connectors.fields import parse_amount, parse_int, parse_list
from chuhai.connectors.table_reader import Row
from chuhai.connectors.tabular import TableConnector
from chuhai.errors import RecordError
from chuhai.markets import market_info
from chuhai.records import stable_id
from chuhai.records.creators import (
    AffiliateOrder,
    Attribution,
    ContentKind,
    Creator,
    CreatorContent,
    OrderStatus,
    creator_id,
    normalise_handle,
)

__all__ = [
    "AffiliateOrdersConnector",
    "CreatorContentConnector",
    "CreatorsConnector",
    "parse_money",
    "parse_rate",
]

_PLATFORM: Final = "tiktok_shop"


def parse_money(value: object) -> Decimal:
    """An amount as Decimal from what :func:`parse_amount` reads (``Rp 125.000``, ``1,299.00``);
    through the shortest float text, which is exact for amounts of up to 15 digits."""
    amount = parse_amount(value)
    if amount < 0:
        raise RecordError(f"negative amount: {value!r}")
    return Decimal(repr(amount))


def parse_rate(value: object) -> Decimal:
    """A share from ``15%``, ``15``, ``0.15`` (a number above 1 is read as percent)."""
    text = str(value).strip()
    percent = text.endswith("%")
    try:
        rate = parse_money(text.rstrip("%").strip())
    except RecordError:
        raise RecordError(f"not a commission rate: {value!r}") from None
    if percent or rate > 1:
        rate /= 100
    if rate > 1:
        raise RecordError(f"commission rate {value!r} is above 100%")
    return rate.quantize(Decimal("0.000001")).normalize()


def _enum_value(value: str | None, field: str, accepted: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    return _choice(value, field, accepted)


def _choice(value: str, field: str, accepted: tuple[str, ...]) -> str:
    key = re.sub(r"[\s-]+", "_", value.strip().lower())
    if key not in accepted:
        raise RecordError(
            f"{field} {value!r} is not one of {', '.join(accepted)} (map it in [values.{field}])"
        )
    return key


class _CreatorTable(TableConnector):
    def handle(self, row: Row, field: str = "handle") -> str:
        raw = self.text_value(row, field)
        handle = normalise_handle(raw or "")
        if not handle:
            raise RecordError(f"no creator handle in {field}")
        return handle

    def platform(self, row: Row) -> str:
        return self.text_value(row, "platform") or _PLATFORM

    def currency(self, row: Row, market: str) -> str:
        return (self.text_value(row, "currency") or market_info(market).currency).upper()

    def money(self, row: Row, field: str) -> Decimal | None:
        value = self.value(row, field)
        return None if value is None else parse_money(value)


class CreatorsConnector(_CreatorTable):
    name = "creators"
    summary = "Affiliate creators (CSV): handle, market, commission rate, agency/MCN, samples"
    default_mapping = "creators"
    fields = frozenset(
        {
            "source_id", "handle", "platform", "market", "commission_rate", "agency",
            "samples_sent", "sample_sku", "sample_cost", "currency", "followers",
        }
    )  # fmt: skip
    required = frozenset({"handle", "commission_rate"})

    def build(self, row: Row, path: Path) -> list[Record]:
        market, zone = self.locate(row)
        handle = self.handle(row)
        platform = self.platform(row)
        rate = self.value(row, "commission_rate")
        if rate is None:
            raise RecordError("no commission rate")
        samples = self.value(row, "samples_sent")
        followers = self.value(row, "followers")
        return [
            Creator(
                id=creator_id(platform, market, handle),
                handle=handle,
                platform=platform,
                market=market,
                zone=zone,
                commission_rate=parse_rate(rate),
                agency=self.text_value(row, "agency"),
                samples_sent=0 if samples is None else parse_int(samples),
                sample_sku=self.text_value(row, "sample_sku"),
                sample_cost=self.money(row, "sample_cost"),
                currency=self.currency(row, market),
                followers=None if followers is None else parse_int(followers),
                source=self.source(row, path, self.text_value(row, "source_id") or handle),
            )
        ]


class CreatorContentConnector(_CreatorTable):
    name = "creator-content"
    summary = "Creators' videos and lives (CSV): content id, creator, kind, time, views, clicks"
    default_mapping = "creator-content"
    fields = frozenset(
        {"source_id", "creator", "platform", "market", "kind", "time", "views", "clicks", "skus"}
    )
    required = frozenset({"source_id", "creator", "time"})

    def build(self, row: Row, path: Path) -> list[Record]:
        market, zone = self.locate(row)
        content = self.text_value(row, "source_id")
        if content is None:
            raise RecordError("no content id")
        platform = self.platform(row)
        kind = _choice(self.text_value(row, "kind") or "video", "kind", tuple(ContentKind))
        views = self.value(row, "views")
        clicks = self.value(row, "clicks")
        return [
            CreatorContent(
                id=stable_id("creator_content", self.mapping.system, market, content),
                content_id=content,
                creator_id=creator_id(platform, market, self.handle(row, "creator")),
                market=market,
                zone=zone,
                kind=ContentKind(kind),
                time=self.time(row, "time", market),
                views=0 if views is None else parse_int(views),
                clicks=None if clicks is None else parse_int(clicks),
                skus=parse_list(self.value(row, "skus"), self.mapping.list_separator),
                source=self.source(row, path, content),
            )
        ]


class AffiliateOrdersConnector(_CreatorTable):
    name = "affiliate-orders"
    summary = "Orders attributed to creators (CSV): direct or attributed, commission, refunds"
    default_mapping = "affiliate-orders"
    fields = frozenset(
        {
            "source_id", "line_id", "creator", "platform", "content_id", "content_kind",
            "attribution", "sku", "market", "quantity", "unit_price", "line_total",
            "currency", "commission_rate", "commission", "status", "refund_amount",
            "returned_units", "time", "buyer",
        }
    )  # fmt: skip
    required = frozenset({"source_id", "creator", "sku", "quantity", "time"})

    def build(self, row: Row, path: Path) -> list[Record]:
        market, zone = self.locate(row)
        order_id = self.text_value(row, "source_id")
        sku = self.text_value(row, "sku")
        if order_id is None or sku is None:
            raise RecordError("no order id" if order_id is None else "no sku")
        quantity = parse_int(self.value(row, "quantity"))
        if quantity <= 0:
            raise RecordError(f"quantity {quantity} is not above 0")
        unit_price = self.money(row, "unit_price")
        if unit_price is None:
            total = self.money(row, "line_total")  # exports that give the line's amount only
            if total is None:
                raise RecordError("no unit_price or line_total")
            unit_price = (total / quantity).quantize(Decimal("0.000001"))
        platform = self.platform(row)
        rate = self.value(row, "commission_rate")
        kind = _enum_value(self.text_value(row, "content_kind"), "content_kind",
                           tuple(ContentKind))  # fmt: skip
        attribution = _choice(
            self.text_value(row, "attribution") or "direct", "attribution", tuple(Attribution)
        )
        status = _choice(self.text_value(row, "status") or "settled", "status",
                             tuple(OrderStatus))  # fmt: skip
        returned = self.value(row, "returned_units")
        line = self.text_value(row, "line_id") or sku
        return [
            AffiliateOrder(
                id=stable_id("affiliate_order", self.mapping.system, market, order_id, line),
                order_id=order_id,
                creator_id=creator_id(platform, market, self.handle(row, "creator")),
                content_id=self.text_value(row, "content_id"),
                content_kind=ContentKind(kind) if kind else None,
                attribution=Attribution(attribution),
                sku=sku,
                market=market,
                zone=zone,
                quantity=quantity,
                unit_price=unit_price,
                currency=self.currency(row, market),
                commission_rate=None if rate is None else parse_rate(rate),
                commission=self.money(row, "commission"),
                status=OrderStatus(status),
                refund_amount=self.money(row, "refund_amount") or Decimal(0),
                returned_units=0 if returned is None else parse_int(returned),
                time=self.time(row, "time", market),
                buyer=self.ctx.pseudonym(zone, self.value(row, "buyer")),
                source=self.source(row, path, order_id),
            )
        ]
