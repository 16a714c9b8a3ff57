"""The audit log: an append-only, keyed chain of every cross-zone read, export and refusal,
and of every data-subject request and purge.

Each line is a JSON object whose ``hash`` is HMAC-SHA256, under the audit key, over the
previous line's hash and the line's own content, so editing, deleting or reordering any line
breaks the chain from there on, and nobody without the key can write a chain that verifies,
not even by rewriting the whole log. A head file keeps the count and last hash, keyed too, so
cutting lines off the end is caught. ``chuhai audit verify`` checks all of it.

The key lives outside the log (:class:`AuditKey`). Lines written before the log was keyed
carry a plain SHA-256 chain and no ``key``: they still verify, as "unkeyed, legacy", and the
first keyed line after them seals them (its MAC covers their last hash). A log with no keyed
line at all while a key is in use was rewritten without it, or never sealed: it fails.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from filelock import FileLock

from chuhai.errors import ConfigError
from chuhai.privacy.audit_key import AuditKey

__all__ = ["AuditKey", "AuditLog", "AuditProblem", "AuditReport"]

log = logging.getLogger(__name__)

GENESIS: Final = "0" * 64


@dataclass(frozen=True)
class AuditProblem:
    line: int
    reason: str


@dataclass
class AuditReport:
    entries: int = 0
    keyed: int = 0  # lines chained with the key
    legacy: int = 0  # lines of a plain SHA-256 chain, written before the log was keyed
    key_id: str | None = None  # the key verified with: its id, never the key
    key_source: str | None = None
    unsealed: bool = False  # only unkeyed lines, while a key is in use
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def chain(self) -> str:
        """``keyed``, ``unkeyed, legacy``, ``keyed, with N legacy lines`` or ``empty``."""
        if self.keyed and self.legacy:
            return f"keyed, after {self.legacy} unkeyed legacy line(s)"
        if self.keyed:
            return "keyed"
        return "unkeyed, legacy" if self.legacy else "empty"

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "chain": self.chain,
            "keyed": self.keyed,
            "legacy": self.legacy,
            "key": {"id": self.key_id, "source": self.key_source} if self.key_id else None,
            "problems": [p.__dict__ for p in self.problems],
        }


def _canonical(previous: str, body: dict[str, Any]) -> bytes:
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (previous + canonical).encode("utf-8")


def _digest(previous: str, body: dict[str, Any]) -> str:
    """The legacy, unkeyed link: anyone can recompute it."""
    return hashlib.sha256(_canonical(previous, body)).hexdigest()


class AuditLog:
    """``<data_dir>/audit/audit.jsonl`` and its head file, chained with ``key`` (by default
    the one :meth:`AuditKey.load` finds for ``data_dir``)."""

    def __init__(self, data_dir: Path, key: AuditKey | None = None) -> None:
        self.data_dir = data_dir
        self.folder = data_dir / "audit"
        self.path = self.folder / "audit.jsonl"
        self.head_path = self.folder / "audit.head"
        self._key = key

    def key(self, *, create: bool) -> AuditKey | None:
        if self._key is None:
            self._key = AuditKey.load(self.data_dir, create=create)
        return self._key

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with FileLock(self.folder / ".lock"):
            yield

    def _head(self) -> tuple[int, str, str | None, str | None] | None:
        """Count, last hash, and the head's key id and MAC (None in a legacy head); None when
        the head file cannot be read."""
        if not self.head_path.is_file():
            return 0, GENESIS, None, None
        try:
            parts = self.head_path.read_text(encoding="ascii").split()
            seq, last = int(parts[0]), parts[1]
        except (UnicodeDecodeError, ValueError, IndexError):
            return None
        if len(parts) >= 4:
            return seq, last, parts[2], parts[3]
        return seq, last, None, None

    @staticmethod
    def _head_mac(key: AuditKey, seq: int, last: str) -> str:
        return key.mac(f"head {seq} {last}".encode("ascii"))

    def append(self, event: str, **fields: Any) -> dict[str, Any]:
        """Record one event (``cross_zone_read``, ``refused``, ``export``, ``erase`` ...)."""
        key = self.key(create=True)
        if key is None:  # load() creates a missing key file; this only satisfies the checker
            raise ConfigError(f"no audit key ({AuditKey.WHERE})")
        with self._locked():
            found = self._head()
            if found is None:
                raise ConfigError(
                    f"the audit head {self.head_path} is unreadable: see `chuhai audit verify`"
                )
            seq, previous, head_key, _ = found
            if head_key is not None and head_key != key.id:
                log.warning("audit: the log was keyed with %s, appending with %s", head_key, key.id)
            body = {
                "seq": seq + 1,
                "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "event": event,
                **fields,
            }
            mac = key.mac(_canonical(previous, body))
            entry = {**body, "prev": previous, "hash": mac, "key": key.id}
            line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
            temp = self.head_path.with_suffix(".tmp")
            temp.write_text(
                f"{seq + 1} {mac} {key.id} {self._head_mac(key, seq + 1, mac)}\n", encoding="ascii"
            )
            temp.replace(self.head_path)
        log.info("audit: %s %s", event, fields)
        return entry

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.is_file():
            return []
        return [json.loads(line) for line in self.path.read_text("utf-8").splitlines() if line]

    def verify(self) -> AuditReport:
        """Every line's MAC (or legacy hash), the chain between lines, and the head."""
        key = self.key(create=False)
        report = AuditReport(key_id=key.id if key else None, key_source=key.source if key else None)
        lines = self.path.read_text("utf-8").splitlines() if self.path.is_file() else []
        expected_seq, previous = 0, GENESIS
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
            written_with = entry.pop("key", None)
            expected_seq += 1
            if entry.get("seq") != expected_seq:
                report.problems.append(
                    AuditProblem(
                        number,
                        f"sequence {entry.get('seq')}, expected {expected_seq}: "
                        "a line was deleted or reordered",
                    )
                )
                seq = entry.get("seq")
                expected_seq = seq if isinstance(seq, int) else expected_seq
            if prev != previous:
                report.problems.append(AuditProblem(number, "does not chain to the line before"))
            if written_with is None:
                self._check_legacy(report, number, str(prev), entry, stored)
            else:
                self._check_keyed(report, number, key, str(written_with), str(prev), entry, stored)
            previous = str(stored)
        self._check_head(report, key, expected_seq, previous, len(lines))
        if key is not None and report.legacy and not report.keyed:
            report.unsealed = True
            report.problems.append(
                AuditProblem(
                    0,
                    f"no line is keyed, though audit key {key.id} ({key.source}) is in use: "
                    "the log was rewritten without the key, or predates keying "
                    "(`chuhai audit seal` keys a log you trust from here on)",
                )
            )
        return report

    @staticmethod
    def _check_legacy(
        report: AuditReport, number: int, prev: str, entry: dict[str, Any], stored: Any
    ) -> None:
        if report.keyed:
            # Keyed lines are never followed by unkeyed ones: this line was forged.
            report.problems.append(
                AuditProblem(number, "an unkeyed line after keyed ones: written without the key")
            )
        elif stored != _digest(prev, entry):
            report.problems.append(AuditProblem(number, "content does not match its hash"))
        report.legacy += 1

    @staticmethod
    def _check_keyed(
        report: AuditReport,
        number: int,
        key: AuditKey | None,
        written_with: str,
        prev: str,
        entry: dict[str, Any],
        stored: Any,
    ) -> None:
        report.keyed += 1
        if key is None:
            reason = (
                f"keyed with audit key {written_with}, but no audit key is set "
                f"({AuditKey.WHERE}): it cannot be checked"
            )
        elif written_with != key.id:
            reason = (
                f"keyed with audit key {written_with}, but the key in use is {key.id} "
                f"({key.source}): wrong key, or a forged line"
            )
        elif not hmac.compare_digest(str(stored), key.mac(_canonical(prev, entry))):
            reason = "content does not match its MAC"
        else:
            return
        if not any(p.reason == reason for p in report.problems):  # a wrong key: say it once
            report.problems.append(AuditProblem(number, reason))

    def _check_head(
        self, report: AuditReport, key: AuditKey | None, seq: int, last: str, lines: int
    ) -> None:
        head = self._head()
        if head is None:
            report.problems.append(AuditProblem(lines, "the head file is unreadable"))
            return
        head_seq, head_last, head_key, head_mac = head
        if (head_seq, head_last) != (seq, last):
            report.problems.append(
                AuditProblem(
                    lines,
                    f"the head records {head_seq} entries ending {head_last[:12]}…, "
                    f"the log has {seq}: lines were cut off or added",
                )
            )
        elif report.keyed and key is not None and key.id == head_key:
            if head_mac is None or not hmac.compare_digest(
                head_mac, self._head_mac(key, head_seq, head_last)
            ):
                report.problems.append(AuditProblem(lines, "the head does not match its MAC"))
        elif report.keyed and head_key is None:
            report.problems.append(AuditProblem(lines, "the head of a keyed log is not keyed"))

    def seal(self) -> AuditReport:
        """Key a legacy log explicitly: check its plain chain, then append a keyed line that
        covers it. Returns the check; seals only when nothing but the missing key was found."""
        report = self.verify()
        if report.keyed or not report.legacy:
            return report
        if len(report.problems) == int(report.unsealed):  # nothing wrong but the missing key
            self.append("audit_keyed", legacy_lines=report.legacy)
            return self.verify()
        return report
