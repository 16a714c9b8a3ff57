"""The residency guard: the one way raw customer data of a zone is read from elsewhere.

A reader sitting in the zone's own market (or, for an EU zone, anywhere in the EU) reads it
freely. From anywhere else, raw text and personal data are released only where the
company's config records a legal basis for the route (``[[compliance.transfers]]``) for
every market of the zone; otherwise only aggregates of at least k people leave. Every
cross-zone read, export, aggregate and refusal is written to the audit log.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chuhai.errors import InputError, ResidencyError
from chuhai.markets import EU_MEMBERS
from chuhai.privacy.audit import AuditLog
from chuhai.records import Voice
from chuhai.settings import Settings, TransferBasis
from chuhai.store import INTAKE_ZONE
from chuhai.store.base import Aggregate, StoredRejection
from chuhai.store.registry import ZoneRouter

__all__ = ["Access", "ResidencyGuard"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Access:
    allowed: bool
    local: bool
    reason: str
    bases: list[TransferBasis] = field(default_factory=list)


def _same_jurisdiction(market: str, reader: str) -> bool:
    return market == reader or (market in EU_MEMBERS and reader in EU_MEMBERS)


class ResidencyGuard:
    def __init__(self, settings: Settings, router: ZoneRouter, audit: AuditLog | None = None):
        self.settings = settings
        self.router = router
        self.audit = audit or AuditLog(settings.data_dir)

    def access(self, zone: str, reader: str) -> Access:
        """Whether ``reader`` (a country code) may read raw data of ``zone``, and why."""
        if zone == INTAKE_ZONE:
            return Access(True, True, "the local intake store")
        markets = self.settings.zone_markets().get(zone)
        if markets is None:
            raise InputError(f"unknown zone {zone!r}; zones: {', '.join(self.router.zones)}")
        if all(_same_jurisdiction(m, reader) for m in markets):
            return Access(True, True, f"reader in {reader}, inside zone {zone}")
        transfers = self.settings.compliance.transfers
        bases, missing = [], []
        for market in markets:
            found = [b for b in transfers if b.covers(market, reader)]
            if found:
                bases += found
            elif not _same_jurisdiction(market, reader):
                missing.append(market)
        if missing:
            shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
            return Access(False, False, f"no transfer basis recorded for {shown} -> {reader}", [])
        mechanisms = ", ".join(sorted({b.mechanism for b in bases}))
        return Access(True, False, f"transfer basis: {mechanisms}", bases)

    def check(self, zone: str, reader: str, action: str, purpose: str, rows: str) -> Access:
        """Allow a raw read of ``zone`` from ``reader`` (audited when it crosses a border), or
        raise :class:`ResidencyError`."""
        access = self.access(zone, reader)
        if not access.local:
            self.audit.append(
                action if access.allowed else "refused",
                zone=zone,
                reader=reader,
                purpose=purpose,
                reason=access.reason,
                requested=action,
                rows=rows if access.allowed else "none",
            )
        if not access.allowed:
            raise ResidencyError(
                f"zone {zone}: raw data may not be read from {reader} ({access.reason}); "
                f"only aggregates of at least {self.settings.compliance.k_anonymity} people"
            )
        return access

    def voices(
        self,
        zone: str,
        reader: str,
        *,
        purpose: str,
        market: str | None = None,
        channel: str | None = None,
        limit: int | None = None,
    ) -> list[Voice]:
        self.check(zone, reader, "cross_zone_read", purpose, f"voices limit={limit}")
        return self.router.store(zone).voices(market=market, channel=channel, limit=limit)

    def rejections(
        self, zone: str, reader: str, *, purpose: str, limit: int | None = None
    ) -> list[StoredRejection]:
        self.check(zone, reader, "cross_zone_read", purpose, f"quarantine limit={limit}")
        if not self.router.exists(zone):
            return []
        return self.router.store(zone).rejections(limit=limit)

    def export(self, zone: str, reader: str, destination: Path, *, purpose: str) -> int:
        """Write the zone's voices to a JSONL file where the reader is; returns the count."""
        self.check(zone, reader, "export", purpose, f"voices -> {destination.name}")
        voices = self.router.store(zone).voices()
        with destination.open("w", encoding="utf-8") as handle:
            for voice in voices:
                handle.write(json.dumps(voice.model_dump(mode="json"), ensure_ascii=False) + "\n")
        return len(voices)

    def note_release(self, zone: str, reader: str, *, purpose: str, **detail: object) -> Access:
        """Record that aggregates of ``zone`` (groups of at least k people) were shown to
        ``reader``; a read inside the zone is not recorded."""
        access = self.access(zone, reader)
        if not access.local:
            k = self.settings.compliance.k_anonymity
            self.audit.append(
                "cross_zone_aggregate", zone=zone, reader=reader, purpose=purpose, k=k, **detail
            )
        return access

    def aggregate(self, zone: str, reader: str, by: Sequence[str], *, purpose: str) -> Aggregate:
        """Counts per group: what may always leave a zone (groups of >= k people, no text)."""
        k = self.settings.compliance.k_anonymity
        access = self.access(zone, reader)
        result = self.router.store(zone).aggregate_voices(by, k)
        if not access.local:
            self.audit.append(
                "cross_zone_aggregate",
                zone=zone,
                reader=reader,
                purpose=purpose,
                by=list(by),
                k=k,
                groups=len(result.rows),
                suppressed=result.suppressed_groups,
            )
        return result
