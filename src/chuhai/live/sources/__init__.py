"""Live sources: connect the copilot to real rooms on TikTok LIVE, YouTube and Twitch.

Each platform is a :class:`LiveSource` registered by scheme (``tiktok:@handle``,
``youtube:VIDEO_OR_CHANNEL``, ``twitch:channel``) that yields our event dicts; the
:class:`LiveRunner` supervises several in one process and keeps their states on a
:class:`ConnectionBoard`.
"""

from __future__ import annotations

from chuhai.live.sources import tiktok, twitch, youtube  # noqa: F401 - they register themselves
from chuhai.live.sources.base import (
    EVENT_TYPES,
    ConnectionDroppedError,
    LiveSource,
    RateLimitedError,
    ReconnectRequestedError,
    RoomOfflineError,
    SourceError,
    SourceOptions,
    Target,
)
from chuhai.live.sources.registry import SOURCES, make_source, parse_target
from chuhai.live.sources.runner import Backoff, ConnectionBoard, LiveRunner

__all__ = [
    "EVENT_TYPES",
    "SOURCES",
    "Backoff",
    "ConnectionBoard",
    "ConnectionDroppedError",
    "LiveRunner",
    "LiveSource",
    "RateLimitedError",
    "ReconnectRequestedError",
    "RoomOfflineError",
    "SourceError",
    "SourceOptions",
    "Target",
    "make_source",
    "parse_target",
]
