"""What an import did, per file and per zone, in a form for people and for ``--json``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from chuhai.store import WriteResult

__all__ = ["Counts", "FileReport", "IngestReport"]


@dataclass
class Counts:
    """accepted = new records stored; duplicates = already stored; updated = newer version
    replaced the stored one (products, sessions); quarantined = rejected rows kept for review;
    skipped = valid rows that are not customer data (agent turns, gift events)."""

    accepted: int = 0
    duplicates: int = 0
    updated: int = 0
    quarantined: int = 0
    skipped: int = 0

    def add_write(self, result: WriteResult) -> None:
        self.accepted += result.inserted
        self.duplicates += result.duplicates
        self.updated += result.updated

    def __iadd__(self, other: Counts) -> Counts:
        self.accepted += other.accepted
        self.duplicates += other.duplicates
        self.updated += other.updated
        self.quarantined += other.quarantined
        self.skipped += other.skipped
        return self

    def as_dict(self) -> dict[str, int]:
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "updated": self.updated,
            "quarantined": self.quarantined,
            "skipped": self.skipped,
        }


@dataclass
class FileReport:
    """One file's import. ``status``: ok, empty, or rejected (nothing in it was usable)."""

    file: str
    kind: str
    sha256: str
    status: str = "ok"
    counts: Counts = field(default_factory=Counts)
    by_zone: dict[str, Counts] = field(default_factory=dict)
    records: Counter[str] = field(default_factory=Counter)
    skip_reasons: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    rejection_reason: str | None = None
    seconds: float = 0.0

    def zone(self, name: str) -> Counts:
        return self.by_zone.setdefault(name, Counts())

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "sha256": self.sha256,
            "status": self.status,
            **self.counts.as_dict(),
            "by_zone": {zone: c.as_dict() for zone, c in sorted(self.by_zone.items())},
            "records": dict(self.records),
            "skip_reasons": dict(self.skip_reasons),
            "warnings": list(self.warnings),
            "rejection_reason": self.rejection_reason,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class IngestReport:
    """Every file of one ``chuhai ingest`` run, and the files it chose not to read."""

    files: list[FileReport] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)

    @property
    def totals(self) -> Counts:
        total = Counts()
        for report in self.files:
            total += report.counts
        return total

    def zone_totals(self) -> dict[str, Counts]:
        out: dict[str, Counts] = {}
        for report in self.files:
            for zone, counts in report.by_zone.items():
                total = out.setdefault(zone, Counts())
                total += counts
        return dict(sorted(out.items()))

    @property
    def seconds(self) -> float:
        return sum(f.seconds for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.totals.as_dict(),
            "files": [f.as_dict() for f in self.files],
            "by_zone": {zone: c.as_dict() for zone, c in self.zone_totals().items()},
            "ignored": [{"file": f, "reason": r} for f, r in self.ignored],
            "seconds": round(self.seconds, 3),
        }
