"""Live events in: raw bytes, text or mappings -> a validated comment (a pseudonymous Voice)
or a clear outcome for everything else. Nothing raises: the stream keeps flowing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from chuhai.connectors import IngestContext, IngestOptions, Skip
from chuhai.connectors.table_reader import Row
from chuhai.connectors.tabular import LiveChatConnector
from chuhai.records import Rejection, Voice
from chuhai.settings import Settings

__all__ = ["EventReader", "ReadResult"]

MAX_EVENT_BYTES = 200_000

Status = Literal["comment", "skipped", "rejected"]


@dataclass(frozen=True)
class ReadResult:
    status: Status
    voice: Voice | None = None
    event: dict[str, Any] | None = None
    reason: str | None = None
    rejection: Rejection | None = None


class EventReader:
    """Validates live events with the live-chat connector (room -> market, pseudonymous user,
    time zones, length limits)."""

    def __init__(self, settings: Settings, room_markets: Mapping[str, str]) -> None:
        self.settings = settings
        self.room_markets = dict(room_markets)
        self._count = 0
        self._source = Path("live-stream")
        self._connector = self._make_connector()

    def _make_connector(self) -> LiveChatConnector:
        ctx = IngestContext(
            self.settings,
            IngestOptions(mapping="live-jsonl"),
            room_markets={**self.room_markets, **self.settings.live.rooms},
        )
        return LiveChatConnector(ctx)

    def market_of(self, room: str) -> str | None:
        """The market of a known room (added here or configured in [live.rooms])."""
        return self.room_markets.get(room) or self.settings.live.rooms.get(room)

    def add_room(self, room: str, market: str) -> None:
        self.room_markets[room] = market
        self._connector = self._make_connector()

    def read(self, raw: bytes | str | Mapping[str, Any]) -> ReadResult:
        self._count += 1
        event, problem = _decode(raw)
        if event is None:
            return ReadResult("rejected", reason=problem, rejection=self._rejection(raw, problem))
        text = event.get("text")
        limit = self.settings.live.max_comment_chars
        if isinstance(text, str) and len(text) > limit:
            reason = f"comment of {len(text):,} characters; the live limit is {limit:,}"
            return ReadResult(
                "rejected", event=event, reason=reason, rejection=self._rejection(raw, reason)
            )
        dumped = json.dumps(event, ensure_ascii=False, default=str)
        row = Row(line=None, locator=f"event {self._count}", values=event, raw=dumped)
        for item in self._connector.row_items(row, self._source):
            if isinstance(item, Rejection):
                if item.reason.startswith("no market") and event.get("room"):
                    item = item.model_copy(  # noqa: PLW2901 - the same rejection, told better
                        update={
                            "reason": f"unknown room {str(event['room'])[:80]!r}: add it to "
                            "[live.rooms] or send a market with the event"
                        }
                    )
                return ReadResult("rejected", event=event, reason=item.reason, rejection=item)
            if isinstance(item, Skip):
                return ReadResult("skipped", event=event, reason=item.reason)
            if isinstance(item, Voice):
                return ReadResult("comment", voice=item, event=event)
        return ReadResult("skipped", event=event, reason="no comment in the event")

    def _rejection(self, raw: bytes | str | Mapping[str, Any], reason: str | None) -> Rejection:
        shown = (
            raw
            if isinstance(raw, str)
            else (
                raw.decode("utf-8", "replace")
                if isinstance(raw, bytes)
                else json.dumps(dict(raw), ensure_ascii=False, default=str)
            )
        )
        return Rejection(
            connector="live",
            file=str(self._source),
            locator=f"event {self._count}",
            reason=reason or "unreadable event",
            raw=shown[:4000],
        )


def _decode(raw: bytes | str | Mapping[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
    if isinstance(raw, Mapping):
        return dict(raw), None
    if isinstance(raw, bytes):
        if len(raw) > MAX_EVENT_BYTES:
            return None, f"event of {len(raw):,} bytes; the limit is {MAX_EVENT_BYTES:,}"
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, f"not UTF-8 (byte {exc.start})"
    if len(raw) > MAX_EVENT_BYTES:
        return None, f"event of {len(raw):,} characters; the limit is {MAX_EVENT_BYTES:,}"
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, f"not JSON: {exc.msg}"
    if not isinstance(value, dict):
        return None, "not a JSON object"
    return value, None
