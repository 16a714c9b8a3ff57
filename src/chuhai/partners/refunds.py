"""Refunds and returns from a CSV (``chuhai partners refunds``): one row per refund, written
to the zone of its market; rows that do not validate are named with file, line and reason."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from chuhai.errors import InputError
from chuhai.records import SourceRef, stable_id
from chuhai.records.partners import Refund

if TYPE_CHECKING:
    from chuhai.store import ZoneRouter

__all__ = ["read_refunds"]

COLUMNS = (
    "refund_id",
    "order_id",
    "sku",
    "market",
    "kind",
    "quantity",
    "amount",
    "currency",
    "time",
    "reason",
)


def read_refunds(files: Sequence[Path], router: ZoneRouter) -> dict[str, Any]:
    found: dict[str, list[Refund]] = {}
    rejected: list[str] = []
    for path in files:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"order_id", "market", "amount", "currency", "time"} - set(
                reader.fieldnames or ()
            )
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            for line, row in enumerate(reader, start=2):
                try:
                    refund = _refund(row, path, line, router)
                except (ValidationError, InputError, ValueError) as exc:
                    reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else exc
                    rejected.append(f"{path.name} line {line}: {reason}")
                    continue
                found.setdefault(refund.zone, []).append(refund)
    inserted = duplicates = 0
    for zone, refunds in sorted(found.items()):
        result = router.store(zone).add_refunds(refunds)
        inserted, duplicates = inserted + result.inserted, duplicates + result.duplicates
    return {"inserted": inserted, "duplicates": duplicates, "rejected": rejected}


def _refund(row: dict[str, str], path: Path, line: int, router: ZoneRouter) -> Refund:
    values = {k: (v or "").strip() for k, v in row.items() if k in COLUMNS}
    market = values.get("market", "").upper()
    zone = router.zone_of(market)
    rid = values.get("refund_id") or stable_id(
        "refund", values.get("order_id", ""), values.get("sku", ""), values.get("time", "")
    )
    return Refund.model_validate(
        {
            "id": rid,
            "order_id": values.get("order_id"),
            "sku": values.get("sku") or None,
            "market": market,
            "zone": zone,
            "kind": values.get("kind") or "refund",
            "quantity": values.get("quantity") or 1,
            "amount": values.get("amount"),
            "currency": values.get("currency", "").upper(),
            "time": values.get("time"),
            "reason": values.get("reason") or None,
            "source": SourceRef(
                system="csv",
                file=path.name,
                locator=f"line {line}",
                source_id=values.get("refund_id") or None,
            ),
        }
    )
