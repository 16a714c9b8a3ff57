"""Replaying a live chat recording (JSONL) at its original pace, sped up, or as fast as the
copilot goes."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = ["ReplayReport", "read_events", "replay"]


@dataclass
class ReplayReport:
    events: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _when(line: bytes) -> float | None:
    try:
        value = json.loads(line).get("time")
    except (ValueError, AttributeError):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return None
    return None


def read_events(path: Path) -> Iterator[tuple[float | None, bytes]]:
    """(event time, raw line) for each non-empty line; bytes as they are, so broken lines
    reach the copilot and get their outcome."""
    with path.open("rb") as handle:
        for line in handle:
            stripped = line.rstrip(b"\r\n")
            if stripped.strip():
                yield _when(stripped), stripped


def replay(
    events: Iterator[tuple[float | None, bytes]],
    sink: Callable[[bytes], Any],
    *,
    speed: float = 1.0,
    on_result: Callable[[Any], None] | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> ReplayReport:
    """Send each event to ``sink`` when its time comes (``speed`` 0: at once)."""
    report = ReplayReport()
    started = time.monotonic()
    first: float | None = None
    for when, raw in events:
        if stop():
            break
        if speed > 0 and when is not None:
            first = when if first is None else first
            due = started + (when - first) / speed
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        sent = time.monotonic()
        result = sink(raw)
        report.latencies_ms.append((time.monotonic() - sent) * 1000)
        report.events += 1
        if on_result is not None:
            on_result(result)
    report.seconds = time.monotonic() - started
    return report
