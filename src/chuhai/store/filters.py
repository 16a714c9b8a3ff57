"""Filters over voices, turned into portable SQL inside the store.

A stage describes which voices it means with any object of this shape (the VOC stage's
:class:`~chuhai.voc.scope.Scope` is one); only the store knows the tables and columns.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

__all__ = ["Span", "VoiceFilter", "needs_annotations", "where"]


class Span(Protocol):
    """A period: ``start`` included, ``end`` excluded, both aware (UTC)."""

    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...


class VoiceFilter(Protocol):
    """Which voices: every condition that is set must hold. ``aspect`` with ``sentiment``
    means that aspect with that polarity; ``sentiment`` alone is the voice's polarity."""

    @property
    def markets(self) -> tuple[str, ...]: ...

    @property
    def sku(self) -> str | None: ...

    @property
    def channel(self) -> str | None: ...

    @property
    def language(self) -> str | None: ...

    @property
    def period(self) -> Span | None: ...

    @property
    def theme(self) -> str | None: ...

    @property
    def aspect(self) -> str | None: ...

    @property
    def sentiment(self) -> str | None: ...

    @property
    def intent(self) -> str | None: ...

    @property
    def emotion(self) -> str | None: ...


def where(
    voices: VoiceFilter, v: str = "v", a: str = "a", id: str = "id"
) -> tuple[str, list[object]]:
    """``WHERE`` conditions over voices ``v`` (annotations joined as ``a``; the analytics
    tables carry both, so there ``a`` is ``v``) and their params; ``id`` names the voice
    id column of ``v``. Values are always parameters, never pasted into the SQL."""
    parts: list[str] = []
    params: list[object] = []
    if voices.markets:
        parts.append(f"{v}.market IN ({', '.join('?' * len(voices.markets))})")
        params += list(voices.markets)
    for column in ("sku", "channel", "language"):
        value = getattr(voices, column)
        if value is not None:
            parts.append(f"{v}.{column} = ?")
            params.append(value)
    if voices.period is not None:
        parts.append(f"{v}.time >= ? AND {v}.time < ?")
        params += [_naive(voices.period.start), _naive(voices.period.end)]
    if voices.theme is not None:
        parts.append(f"{v}.{id} IN (SELECT voice_id FROM voice_themes WHERE theme_id = ?)")
        params.append(voices.theme)
    if voices.aspect is not None:
        polarity = " AND sentiment = ?" if voices.sentiment else ""
        parts.append(f"{v}.{id} IN (SELECT voice_id FROM voice_aspects WHERE aspect = ?{polarity})")
        params += [voices.aspect, *([voices.sentiment] if voices.sentiment else [])]
    elif voices.sentiment is not None:
        parts.append(f"{a}.sentiment = ?")
        params.append(voices.sentiment)
    for column in ("intent", "emotion"):
        value = getattr(voices, column)
        if value is not None:
            parts.append(f"{a}.{column} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def needs_annotations(voices: VoiceFilter) -> bool:
    """Whether :func:`where` refers to the annotations alias."""
    return bool(voices.intent or voices.emotion or (voices.sentiment and not voices.aspect))


def _naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)
