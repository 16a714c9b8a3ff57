"""Platform campaigns the user adds (TikTok Shop 9.9, Shopee payday, a brand's own day): a
CSV with ``market, name, start[, end, platform, name_zh, note]``, dates as YYYY-MM-DD.
``chuhai calendar add`` appends to it; ``[calendar] campaigns`` in chuhai.toml names it."""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Final

from chuhai.calendar.models import CalendarEvent
from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = ["COLUMNS", "add_campaign", "read_campaigns"]

logger = logging.getLogger(__name__)

COLUMNS: Final = ("market", "name", "start", "end", "platform", "name_zh", "note")
_REQUIRED: Final = ("market", "name", "start")
_LONGEST_DAYS: Final = 120


def _day(text: str, where: str, column: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{where}: {column} {text!r} is not a date (YYYY-MM-DD)") from None


def _event(row: dict[str, str], where: str, source: str) -> CalendarEvent:
    name = (row.get("name") or "").strip()
    if not name:
        raise InputError(f"{where}: name is empty")
    try:
        market = normalize_market(row.get("market") or "")
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    start = _day(row.get("start") or "", where, "start")
    end = _day(row["end"], where, "end") if (row.get("end") or "").strip() else start
    if end < start:
        raise InputError(f"{where}: end {end} is before start {start}")
    if (end - start).days >= _LONGEST_DAYS:
        raise InputError(f"{where}: {(end - start).days + 1} days is longer than a campaign")
    platform = (row.get("platform") or "").strip()
    slug = "-".join(f"{platform} {name}".lower().split())
    return CalendarEvent(
        market=market,
        key=f"campaign:{slug}",
        name=name,
        name_zh=(row.get("name_zh") or "").strip() or name,
        kind="campaign",
        start=start,
        end=end,
        source=source,
        verified=True,  # the user's own plan
        platform=platform,
        note=(row.get("note") or "").strip(),
    )


def read_campaigns(path: Path) -> list[CalendarEvent]:
    """Every campaign in the file; a bad row is an error naming its line."""
    if not path.is_file():
        raise InputError(f"{path}: no such campaigns file (chuhai calendar add creates it)")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            reader.fieldnames = header
            if missing := [c for c in _REQUIRED if c not in header]:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            events = [
                _event(row, f"{path.name} line {line}", f"campaigns: {path.name}")
                for line, row in enumerate(reader, start=2)
            ]
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8") from None
    logger.info("read %d campaigns from %s", len(events), path)
    return events


def add_campaign(path: Path, rows: Iterable[dict[str, str]]) -> list[CalendarEvent]:
    """Check ``rows`` as the file would and append them (the file and its header are
    created when missing); returns the events added."""
    rows = [{c: str(row.get(c) or "").strip() for c in COLUMNS} for row in rows]
    added = [_event(row, "campaign", f"campaigns: {path.name}") for row in rows]
    for row, event in zip(rows, added, strict=True):
        row["market"] = event.market
        row["end"] = event.end.isoformat()
    if path.is_file():
        read_campaigns(path)  # never append to a broken file
    new = not path.is_file() or path.stat().st_size == 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        if new:
            writer.writeheader()
        writer.writerows(rows)
    return added
