"""The project's own identifier set (``chuhai_tools/data/identifiers.yaml``): recall on valid
identifiers of every market, and whether invalid ones (wrong check digit, impossible
structure) are kept from being reported as national IDs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from chuhai.privacy.pii.scanner import PiiScanner

__all__ = ["IdentifierCase", "evaluate_identifiers", "identifier_cases"]


@dataclass(frozen=True, slots=True)
class IdentifierCase:
    market: str
    language: str
    text: str
    value: str
    type: str
    kind: str
    valid: bool


@cache
def identifier_cases() -> tuple[IdentifierCase, ...]:
    raw = resources.files("chuhai_tools").joinpath("data/identifiers.yaml").read_text("utf-8")
    return tuple(IdentifierCase(**item) for item in yaml.safe_load(raw))


def found(case: IdentifierCase, scanner: PiiScanner) -> tuple[bool, bool]:
    """(reported with its type, reported as a national ID) for one case."""
    entities = scanner.scan(case.text, case.market)
    spans = [(e.type, case.text[e.start : e.end].strip()) for e in entities]
    as_type = (case.type, case.value) in spans
    as_id = any(t == "NATIONAL_ID" and case.value in v for t, v in spans)
    return as_type, as_id


def evaluate_identifiers(
    scanner: PiiScanner | None = None, cases: Sequence[IdentifierCase] | None = None
) -> list[dict[str, Any]]:
    """One row per market (and identifier kind) plus a total row."""
    scanner = scanner or PiiScanner()
    cases = cases or identifier_cases()
    groups: dict[str, list[IdentifierCase]] = {}
    for case in cases:
        groups.setdefault(f"{case.market} {case.kind or case.type}", []).append(case)
    rows = []
    totals = {"valid": 0, "found": 0, "invalid": 0, "reported": 0}
    for name in sorted(groups):
        valid = [c for c in groups[name] if c.valid]
        invalid = [c for c in groups[name] if not c.valid]
        hits = sum(found(c, scanner)[0] for c in valid)
        wrong = sum(found(c, scanner)[1] for c in invalid)
        totals["valid"] += len(valid)
        totals["found"] += hits
        totals["invalid"] += len(invalid)
        totals["reported"] += wrong
        rows.append(_row(name, len(valid), hits, len(invalid), wrong))
    rows.append(
        _row("all markets", totals["valid"], totals["found"], totals["invalid"], totals["reported"])
    )
    return rows


def _row(name: str, valid: int, hits: int, invalid: int, wrong: int) -> dict[str, Any]:
    return {
        "identifier": name,
        "valid": valid,
        "recall": hits / valid if valid else None,
        "invalid": invalid,
        "invalid reported as an ID": wrong,
    }
