"""Sources by scheme: ``tiktok:@handle``, ``youtube:VIDEO_OR_CHANNEL``, ``twitch:channel``;
``NAME=target`` names the room in our events (else the target as written)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from chuhai.errors import InputError
from chuhai.live.sources.base import LiveSource, Platform, SourceOptions, Target

__all__ = ["SOURCES", "make_source", "parse_target", "register"]

SOURCES: dict[str, type[LiveSource]] = {}
S = TypeVar("S", bound=type[LiveSource])

# What each platform accepts as its part of the target, and the reason when it does not fit.
_SHAPES: dict[str, tuple[re.Pattern[str], str]] = {
    "tiktok": (
        re.compile(r"@?[A-Za-z0-9._]{2,24}"),
        "a TikTok handle: tiktok:@name (letters, digits, '.', '_')",
    ),
    "youtube": (
        re.compile(r"[A-Za-z0-9_-]{11}|UC[A-Za-z0-9_-]{22}|@[A-Za-z0-9._-]{3,30}"),
        "a video id (11 characters), a channel id (UC...) or @handle: youtube:dQw4w9WgXcQ",
    ),
    "twitch": (
        re.compile(r"#?[A-Za-z0-9_]{3,25}"),
        "a Twitch channel name: twitch:name (letters, digits, '_')",
    ),
}
_ROOM_NAME = re.compile(r"[\w.:@-]{1,80}")


def register(platform: str) -> Callable[[S], S]:
    def add(cls: S) -> S:
        SOURCES[platform] = cls
        return cls

    return add


def parse_target(text: str) -> Target:
    """``[NAME=]platform:ident`` -> Target; a one-line InputError when it does not fit."""
    raw = text.strip()
    room: str | None = None
    if "=" in raw:
        room, raw = (part.strip() for part in raw.split("=", 1))
        if not _ROOM_NAME.fullmatch(room):
            raise InputError(f"bad room name {room!r} in {text!r}: letters, digits, . _ - : @")
    scheme, sep, ident = raw.partition(":")
    scheme = scheme.lower()
    if not sep or scheme not in _SHAPES:
        known = ", ".join(f"{p}:..." for p in _SHAPES)
        raise InputError(f"bad live target {text!r}: expected one of {known}")
    shape, expected = _SHAPES[scheme]
    ident = ident.strip()
    if not shape.fullmatch(ident):
        raise InputError(f"bad {scheme} target {text!r}: expected {expected}")
    if scheme == "tiktok":
        ident = ident.removeprefix("@")
    elif scheme == "twitch":
        ident = ident.removeprefix("#").lower()
    platform: Platform = scheme  # type: ignore[assignment]
    return Target(platform=platform, ident=ident, room=room or raw, raw=raw)


def make_source(
    target: Target,
    *,
    session: str | None = None,
    market: str | None = None,
    options: SourceOptions | None = None,
) -> LiveSource:
    cls = SOURCES.get(target.platform)
    if cls is None:  # pragma: no cover - every scheme in _SHAPES registers a source
        raise InputError(f"no source for {target.platform}")
    return cls(target, session=session, market=market, options=options)
