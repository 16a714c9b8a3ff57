"""The translation meter: characters sent to the provider per day, against a daily budget.

Kept in ``<data_dir>/translation/usage.json`` so that every process of one installation (the
server, the enrich stage, the CLI) spends from the same budget and ``chuhai translate
--stats`` and ``GET /v1/translation`` read what the others spent. Days are UTC days; the
file keeps the last two weeks. Writes are rare (one per provider request) and serialised
with a lock file beside it (filelock: flock on POSIX, msvcrt on Windows).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from filelock import FileLock

__all__ = ["COUNTERS", "UsageMeter", "meter_path"]

log = logging.getLogger(__name__)

# chars: characters sent in answered requests; refused: texts not sent (budget spent);
# slow: texts the live room showed with their gist because the provider was too slow
COUNTERS: Final = ("chars", "requests", "errors", "retries", "malformed", "refused", "slow")
_KEEP_DAYS = 14


def meter_path(data_dir: Path) -> Path:
    return data_dir / "translation" / "usage.json"


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


class UsageMeter:
    """Counts per UTC day; ``path=None`` keeps them in memory (tests, one-off tools)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        daily_chars: int = 0,
        provider: str = "none",
        model: str | None = None,
        today: Callable[[], str] = _today,
    ) -> None:
        self.path = path
        self.daily_chars = daily_chars
        self.provider = provider
        self.model = model
        self.today = today
        self._lock = threading.Lock()
        self._memory: dict[str, Any] = {}

    # -- reading ---------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        """``{"days": {day: counters}, "last_error": ...}``."""
        if self.path is None:
            return self._memory
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:  # a damaged meter starts again, it gates nothing
            log.warning("translation meter %s unreadable (%s); counting from zero", self.path, exc)
            return {}
        if not isinstance(data, dict) or not isinstance(data.get("days"), dict):
            return {}
        return data

    def _days(self) -> dict[str, dict[str, int]]:
        days: dict[str, dict[str, int]] = self._load().get("days", {})
        return days

    def used(self) -> int:
        """Characters sent today."""
        with self._lock:
            return int(self._days().get(self.today(), {}).get("chars", 0))

    @property
    def last_error(self) -> str | None:
        with self._lock:
            error = self._load().get("last_error")
        return str(error) if error else None

    def allows(self, chars: int) -> bool:
        """Whether ``chars`` more characters fit in today's budget."""
        return self.daily_chars <= 0 or self.used() + chars <= self.daily_chars

    def snapshot(self) -> dict[str, Any]:
        """Today's counters, the budget, and the days before (newest first)."""
        with self._lock:
            data = self._load()
        days: dict[str, dict[str, int]] = data.get("days", {})
        today = self.today()
        counts = {name: int(days.get(today, {}).get(name, 0)) for name in COUNTERS}
        remaining = max(0, self.daily_chars - counts["chars"]) if self.daily_chars else None
        state = "off" if self.provider == "none" else "ok"
        if self.daily_chars and counts["chars"] >= self.daily_chars:
            state = "over_budget"
        history = [
            {"day": day, **{name: int(days[day].get(name, 0)) for name in COUNTERS}}
            for day in sorted(days, reverse=True)
            if day != today
        ]
        return {
            "provider": self.provider,
            "model": self.model,
            "state": state,
            "day": today,
            "daily_chars": self.daily_chars or None,
            "remaining_chars": remaining,
            **counts,
            "last_error": data.get("last_error"),
            "history": history,
        }

    # -- writing ---------------------------------------------------------------------------

    def add(self, error: str | None = None, **counts: int) -> None:
        """Add to today's counters (names from COUNTERS); ``error`` is kept as the last."""
        unknown = set(counts) - set(COUNTERS)
        if unknown:
            raise ValueError(f"unknown meter counters: {', '.join(sorted(unknown))}")
        with self._lock, self._locked():
            data = self._load()
            days = data.setdefault("days", {})
            today = days.setdefault(self.today(), {})
            for name, value in counts.items():
                today[name] = int(today.get(name, 0)) + value
            for day in sorted(days)[:-_KEEP_DAYS]:
                del days[day]
            if error is not None:
                data["last_error"] = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC {error}"[:300]
            self._store(data)

    def _store(self, data: dict[str, Any]) -> None:
        if self.path is None:
            self._memory = data
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            tmp.replace(self.path)
        except OSError as exc:  # counting must never stop a translation
            log.warning("translation meter %s not written: %s", self.path, exc)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self.path is None:
            yield
            return
        lock = FileLock(self.path.with_suffix(".lock"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except OSError:  # a read-only folder: counting must never stop a translation
            yield
            return
        try:
            yield
        finally:
            lock.release()
