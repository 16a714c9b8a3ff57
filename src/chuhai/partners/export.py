"""A statement as CSV: one row per order line and per clawback, then the totals, every amount
in the statement's currency with its decimals (spreadsheets open it with the BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from chuhai.partners.money import Money
from chuhai.partners.statement import Section, Statement

__all__ = ["CSV_FIELDS", "statements_csv"]

CSV_FIELDS = (
    "partner",
    "period",
    "currency",
    "row",
    "markets",
    "order_id",
    "platform_order_id",
    "refund_id",
    "market",
    "sku",
    "time",
    "quantity",
    "unit_price",
    "order_currency",
    "fx",
    "revenue",
    "refunds",
    "landed",
    "commission",
    "fees",
    "net",
    "rate",
    "share",
    "clawback",
)


def statements_csv(statements: Sequence[Statement], money: Money) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, restval="")
    writer.writeheader()
    for s in statements:
        for row in _rows(s, money):
            writer.writerow(row)
    return "\ufeff" + buffer.getvalue()


def _rows(s: Statement, money: Money) -> list[dict[str, Any]]:
    def cash(value: Decimal) -> str:
        return str(money.round(value, s.currency))

    base = {"partner": s.partner.id, "period": s.period, "currency": s.currency}
    rows: list[dict[str, Any]] = []
    for section in s.sections:
        markets = " ".join(section.markets)
        for x in section.lines:
            rows.append(
                base
                | {
                    "row": "order",
                    "markets": markets,
                    "order_id": x.order_id,
                    "platform_order_id": x.order_ref or "",
                    "refund_id": " ".join(x.refund_ids),
                    "market": x.market,
                    "sku": x.sku,
                    "time": x.time.isoformat(),
                    "quantity": x.quantity,
                    "unit_price": str(x.unit_price),
                    "order_currency": x.order_currency,
                    "fx": str(x.fx),
                    "revenue": cash(x.revenue),
                    "refunds": cash(x.refunds),
                    "landed": cash(x.landed),
                    "commission": cash(x.commission),
                    "fees": cash(x.fees),
                    "net": cash(x.net),
                }
            )
        for c in section.clawbacks:
            rows.append(
                base
                | {
                    "row": f"clawback of {c.order_period}",
                    "markets": markets,
                    "order_id": c.order_id,
                    "refund_id": c.refund_id,
                    "market": c.market,
                    "time": c.refund_time.isoformat(),
                    "refunds": cash(c.refund),
                    "rate": f"{c.rate:.6f}",
                    "clawback": cash(c.clawback),
                }
            )
        rows.append(base | {"row": "section", "markets": markets, **_totals(section, cash)})
    rows.append(
        base
        | {
            "row": "payable (share - clawback)",
            "net": cash(s.net_profit),
            "share": cash(s.share),
            "clawback": cash(s.clawback),
        }
    )
    rows[-1]["row"] = f"payable {cash(s.payable)} (share - clawback)"
    return rows


def _totals(section: Section, cash: Any) -> dict[str, str]:
    return {
        "revenue": cash(section.revenue),
        "refunds": cash(section.refunds),
        "landed": cash(section.landed),
        "commission": cash(section.commission),
        "fees": cash(section.fees),
        "net": cash(section.net_profit),
        "rate": f"{section.effective_rate:.6f}",
        "share": cash(section.share),
        "clawback": cash(section.clawback),
    }
