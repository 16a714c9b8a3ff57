"""The audit log: an append-only, hash-chained record of every cross-zone read, export and
refusal, and of every data-subject request and purge.

Each line is a JSON object whose ``hash`` is SHA-256 over the previous line's hash and the
line's own content, so editing or deleting any line breaks the chain from there on. A head
file keeps the last hash and line count, so cutting lines off the end is caught too.
``chuhai audit verify`` checks both.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

__all__ = ["AuditLog", "AuditProblem", "AuditReport"]

log = logging.getLogger(__name__)

GENESIS: Final = "0" * 64


@dataclass(frozen=True)
class AuditProblem:
    line: int
    reason: str


@dataclass
class AuditReport:
    entries: int = 0
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _digest(previous: str, body: dict[str, Any]) -> str:
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((previous + canonical).encode("utf-8")).hexdigest()


class AuditLog:
    """``<data_dir>/audit/audit.jsonl`` and its head file."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "audit"
        self.path = self.folder / "audit.jsonl"
        self.head_path = self.folder / "audit.head"

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _head(self) -> tuple[int, str]:
        if not self.head_path.is_file():
            return 0, GENESIS
        seq, _, last = self.head_path.read_text(encoding="ascii").strip().partition(" ")
        return int(seq), last

    def append(self, event: str, **fields: Any) -> dict[str, Any]:
        """Record one event (``cross_zone_read``, ``refused``, ``export``, ``erase`` ...)."""
        with self._locked():
            seq, previous = self._head()
            body = {
                "seq": seq + 1,
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "event": event,
                **fields,
            }
            entry = {**body, "prev": previous, "hash": _digest(previous, body)}
            line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            temp = self.head_path.with_suffix(".tmp")
            temp.write_text(f"{seq + 1} {entry['hash']}\n", encoding="ascii")
            temp.replace(self.head_path)
        log.info("audit: %s %s", event, fields)
        return entry

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.is_file():
            return []
        return [json.loads(line) for line in self.path.read_text("utf-8").splitlines() if line]

    def verify(self) -> AuditReport:
        """Every line's hash, the chain between lines, and the head."""
        report = AuditReport()
        expected_seq, previous = 0, GENESIS
        lines = self.path.read_text("utf-8").splitlines() if self.path.is_file() else []
        for number, raw in enumerate(lines, start=1):
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError:
                report.problems.append(AuditProblem(number, "not a JSON line"))
                continue
            if not isinstance(entry, dict):
                report.problems.append(AuditProblem(number, "not a JSON object"))
                continue
            report.entries += 1
            stored, prev = entry.pop("hash", None), entry.pop("prev", None)
            expected_seq += 1
            if entry.get("seq") != expected_seq:
                report.problems.append(
                    AuditProblem(
                        number,
                        f"sequence {entry.get('seq')}, expected {expected_seq}: "
                        "a line was deleted or reordered",
                    )
                )
                expected_seq = int(entry.get("seq") or expected_seq)
            if prev != previous:
                report.problems.append(AuditProblem(number, "does not chain to the line before"))
            if stored != _digest(str(prev), entry):
                report.problems.append(AuditProblem(number, "content does not match its hash"))
            previous = str(stored)
        seq, last = self._head()
        if (seq, last) != (expected_seq, previous):
            report.problems.append(
                AuditProblem(
                    len(lines),
                    f"the head records {seq} entries ending {last[:12]}…, "
                    f"the log has {expected_seq}: lines were cut off or added",
                )
            )
        return report
