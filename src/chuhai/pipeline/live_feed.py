"""Pushing live chat events from Python, through the same checks as a JSONL replay.

    with Pipeline(settings) as pipeline, LiveFeed(pipeline, market="TH") as feed:
        feed.push({"room": "r1", "time": "2026-11-01T20:00:05+07:00",
                   "user": "nok", "text": "ราคาเท่าไหร่คะ"})

Events are buffered and written every ``flush_every`` events, on :meth:`flush`, and on exit.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from chuhai.closing import Closeable
from chuhai.connectors import IngestContext, IngestOptions, Skip
from chuhai.connectors.table_reader import Row
from chuhai.connectors.tabular import LiveChatConnector
from chuhai.pipeline.report import Counts
from chuhai.pipeline.runner import Pipeline
from chuhai.records import Rejection, Voice

__all__ = ["LiveFeed", "PushResult"]


@dataclass(frozen=True, slots=True)
class PushResult:
    """``queued`` (a valid voice, written at the next flush), ``quarantined`` or ``skipped``."""

    status: Literal["queued", "quarantined", "skipped"]
    voice: Voice | None = None
    reason: str | None = None


class LiveFeed(Closeable):
    """A live chat event sink that validates, pseudonymises and stores each event."""

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        market: str | None = None,
        mapping: str = "live-jsonl",
        source: str = "live-api",
        flush_every: int = 500,
    ) -> None:
        self.pipeline = pipeline
        self.source = Path(source)
        self.flush_every = flush_every
        ctx = IngestContext(
            pipeline.settings,
            IngestOptions(market=market, mapping=mapping),
            room_markets=pipeline.room_markets(),
        )
        self._connector = LiveChatConnector(ctx)
        self._pending: list[Voice] = []
        self._rejected: list[Rejection] = []
        self._count = 0
        self.counts = Counts()

    def push(self, event: Mapping[str, Any]) -> PushResult:
        """Validate one event (``room``, ``time``, ``user``, ``text``, ...) and queue it."""
        self._count += 1
        raw = json.dumps(dict(event), ensure_ascii=False, default=str)
        row = Row(line=None, locator=f"event {self._count}", values=event, raw=raw)
        result = PushResult("skipped")
        for item in self._connector.row_items(row, self.source):
            if isinstance(item, Rejection):
                self._rejected.append(item)
                result = PushResult("quarantined", reason=item.reason)
            elif isinstance(item, Skip):
                self.counts.skipped += 1
                result = PushResult("skipped", reason=item.reason)
            elif isinstance(item, Voice):
                self._pending.append(item)
                result = PushResult("queued", voice=item)
        if len(self._pending) + len(self._rejected) >= self.flush_every:
            self.flush()
        return result

    def flush(self) -> Counts:
        """Write what is queued; return the counts so far."""
        for counts in self.pipeline.write(self._pending).values():
            self.counts += counts
        self._pending = []
        for count in self.pipeline.keep_rejections(self._rejected).values():
            self.counts.quarantined += count
        self._rejected = []
        return self.counts

    def close(self) -> None:
        """Write what is still queued."""
        self.flush()
