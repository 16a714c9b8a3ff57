"""Data-subject rights inside a zone: find a person across channels by an identifier (e-mail,
phone, handle) or a pseudonym, export or erase everything of theirs, and purge what is older
than each market's retention period. Every request is written to the audit log.

Rows quarantined in the intake store (their market could not be read) may be anyone's:
every request on a zone covers them too, and the purge keeps them no longer than the
shortest retention period configured."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from chuhai.errors import InputError
from chuhai.privacy.audit import AuditLog
from chuhai.privacy.pii.redact import normalise_value
from chuhai.privacy.pseudonym import ZoneSecrets
from chuhai.settings import Settings
from chuhai.store.base import INTAKE_ZONE, SubjectData
from chuhai.store.registry import ZoneRouter

__all__ = ["SubjectRequests", "subject_keys"]

_PSEUDONYM = re.compile(r"^p_[0-9a-f]{24}$")
_TYPES = ("EMAIL", "PHONE", "NATIONAL_ID", "CREDIT_CARD", "IBAN", "PERSON", "ADDRESS")


def subject_keys(identifier: str, pseudonym: Any) -> tuple[list[str], list[str]]:
    """(pseudonyms, raw needles) under which a person may be stored in a zone.

    Authors and buyers are keyed by the raw handle; redaction tokens by the normalised value
    of each type (so "+62 812-3456-7890" and "6281234567890" find the same person).
    """
    value = identifier.strip()
    if not value:
        raise InputError("the subject identifier is empty")
    if _PSEUDONYM.match(value):
        return [value], []
    forms = {value, *(normalise_value(t, value) for t in _TYPES)}
    digits = re.sub(r"\D", "", value)
    needles = {value}
    if len(digits) >= 7 and len(digits) >= len(re.sub(r"[\s().+-]", "", value)) - 1:
        needles |= {digits, "+" + digits}  # a phone number written another way
        forms |= {digits, "+" + digits}
    pseudonyms = sorted({pseudonym(f) for f in forms if f})
    return pseudonyms, sorted(needles)


class SubjectRequests:
    def __init__(self, settings: Settings, router: ZoneRouter, audit: AuditLog | None = None):
        self.settings = settings
        self.router = router
        self.audit = audit or AuditLog(settings.data_dir)
        self.secrets = ZoneSecrets(settings.data_dir)

    def _keys(self, zone: str, identifier: str) -> tuple[list[str], list[str]]:
        return subject_keys(identifier, self.secrets.pseudonymizer(zone).pseudonym)

    def _stores(self, zone: str) -> list[str]:
        """The zone asked for, then the intake store (each where it exists)."""
        if zone not in self.router.zones and zone != INTAKE_ZONE:
            zones = ", ".join([*self.router.zones, INTAKE_ZONE])
            raise InputError(f"unknown zone {zone!r}; zones: {zones}")
        wanted = [zone] if zone == INTAKE_ZONE else [zone, INTAKE_ZONE]
        return [name for name in wanted if self.router.exists(name)]

    def find(self, zone: str, identifier: str) -> SubjectData:
        """The person's data in ``zone``, and their rows quarantined in the intake store."""
        found = SubjectData()
        for name in self._stores(zone):
            part = self.router.store(name).find_subject(*self._keys(name, identifier))
            if name == zone:
                found.voices, found.orders = part.voices, part.orders
                found.creators = part.creators  # a creator's rows, a buyer's affiliate orders
            found.rejections += part.rejections
        return found

    def export(
        self, zone: str, identifier: str, destination: Path, *, requested_by: str
    ) -> SubjectData:
        found = self.find(zone, identifier)
        document = {
            "zone": zone,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "voices": [v.model_dump(mode="json") for v in found.voices],
            "orders": [o.model_dump(mode="json") for o in found.orders],
            "quarantined_rows": [
                {"zone": zone if r.rejection.market else INTAKE_ZONE, "file": r.rejection.file,
                 "line": r.rejection.line, "raw": r.rejection.raw, "reason": r.rejection.reason}
                for r in found.rejections
            ],
            "creators": found.creators,
        }  # fmt: skip
        destination.write_text(json.dumps(document, ensure_ascii=False, indent=1), "utf-8")
        self.audit.append(
            "subject_export",
            zone=zone,
            requested_by=requested_by,
            file=destination.name,
            voices=len(found.voices),
            orders=len(found.orders),
            quarantined=len(found.rejections),
        )
        return found

    def erase(self, zone: str, identifier: str, *, requested_by: str) -> dict[str, int]:
        """Delete the person's data in ``zone`` and their rows quarantined in the intake store
        (counted as ``intake_quarantine``); rows deleted per table."""
        stores = self._stores(zone)
        if not stores:
            return {}
        counts: dict[str, int] = {}
        for name in stores:
            deleted = self.router.store(name).erase_subject(*self._keys(name, identifier))
            if name == zone:
                counts.update(deleted)
            else:
                counts["intake_quarantine"] = deleted.get("quarantine", 0)
        # The identifier itself is not logged: the log must not keep what was erased.
        self.audit.append("subject_erase", zone=zone, requested_by=requested_by, deleted=counts)
        return counts

    def purge(
        self, *, now: datetime | None = None, dry_run: bool = False
    ) -> dict[str, dict[str, int]]:
        """Delete what is older than each market's retention period, zone by zone, and
        quarantined rows of the intake store older than the shortest period."""
        now = now or datetime.now(UTC)
        retention = self.settings.compliance.retention_days
        out: dict[str, dict[str, int]] = {}
        for zone, markets in self.settings.zone_markets().items():
            cutoffs = {m: now - timedelta(days=retention[m]) for m in markets if m in retention}
            if not cutoffs or not self.router.exists(zone):
                continue
            out[zone] = self.router.store(zone).purge_before(cutoffs, dry_run=dry_run)
            if dry_run:
                continue
            self.audit.append(
                "retention_purge",
                zone=zone,
                deleted=out[zone],
                cutoffs={m: c.date().isoformat() for m, c in cutoffs.items()},
            )
        if retention and self.router.exists(INTAKE_ZONE):
            cutoff = now - timedelta(days=min(retention.values()))
            out[INTAKE_ZONE] = {
                "quarantine": self.router.store(INTAKE_ZONE).purge_quarantine_before(
                    cutoff, dry_run=dry_run
                )
            }
            if not dry_run:
                self.audit.append(
                    "retention_purge",
                    zone=INTAKE_ZONE,
                    deleted=out[INTAKE_ZONE],
                    cutoffs={"unknown market": cutoff.date().isoformat()},
                )
        return out
