"""What a VOC question is about: a period and filters. A scope is a
:class:`~chuhai.store.filters.VoiceFilter`: the store turns it into its queries.

Periods are written the way operators say them: ``2026-10`` (a month), ``2026-W44`` (an ISO
week), ``2026-10-05`` (a day), ``2026-10-01..2026-10-31`` (days, both ends included),
``2026`` (a year), ``last-4w`` / ``last-30d`` (up to today). All times are UTC.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from chuhai.errors import InputError
from chuhai.markets import normalize_market
from chuhai.records import Channel

__all__ = ["POLARITIES", "Period", "Scope"]

POLARITIES: Final = ("pos", "neu", "neg")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^(\d{4})$")
_LAST = re.compile(r"^last-(\d{1,4})([dw])$", re.IGNORECASE)
_FORMS = "2026-10, 2026-W44, 2026-10-05, 2026-10-01..2026-10-31, 2026, last-4w or last-30d"


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"period: {text!r} is not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True)
class Period:
    """``start`` included, ``end`` excluded, both UTC."""

    start: datetime
    end: datetime
    label: str

    @classmethod
    def parse(cls, text: str, *, today: date | None = None) -> Period:
        value = text.strip()
        try:
            return cls._parse(value, today or datetime.now(UTC).date())
        except ValueError:
            raise InputError(f"period {text!r} does not exist (forms: {_FORMS})") from None

    @classmethod
    def _parse(cls, value: str, today: date) -> Period:
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            start = date(year, month, 1)
            end = date(year + month // 12, month % 12 + 1, 1)
        elif match := _WEEK.match(value):
            start = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            end = start + timedelta(days=7)
            value = f"{match[1]}-W{int(match[2]):02d}"
        elif ".." in value:
            first, _, last = value.partition("..")
            start, end = _day(first.strip()), _day(last.strip()) + timedelta(days=1)
            if end <= start:
                raise InputError(f"period {value!r} ends before it starts")
        elif _DAY.match(value):
            start = _day(value)
            end = start + timedelta(days=1)
        elif match := _YEAR.match(value):
            start, end = date(int(match[1]), 1, 1), date(int(match[1]) + 1, 1, 1)
        elif match := _LAST.match(value):
            days = int(match[1]) * (7 if match[2].lower() == "w" else 1)
            if days < 1:
                raise InputError(f"period {value!r} is empty")
            end = today + timedelta(days=1)
            start = end - timedelta(days=days)
        else:
            raise InputError(f"period {value!r} not understood (forms: {_FORMS})")
        return cls(_midnight(start), _midnight(end), value)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        length = self.end - self.start
        return Period(self.start - length, self.start, f"before {self.label}")

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True)
class Scope:
    """Filters over voices. ``aspect`` with ``sentiment`` means that aspect with that polarity;
    ``sentiment`` alone is the voice's overall polarity."""

    markets: tuple[str, ...] = ()
    sku: str | None = None
    channel: str | None = None
    language: str | None = None
    period: Period | None = None
    theme: str | None = None
    aspect: str | None = None
    sentiment: str | None = None
    intent: str | None = None
    emotion: str | None = None

    @classmethod
    def build(
        cls,
        *,
        market: str | None = None,
        markets: tuple[str, ...] = (),
        period: str | Period | None = None,
        today: date | None = None,
        **filters: Any,
    ) -> Scope:
        """A scope from user input (market codes, a period string), checked."""
        codes = tuple(normalize_market(m) for m in (*markets, *([market] if market else [])))
        if isinstance(period, str):
            period = Period.parse(period, today=today) if period.strip() else None
        channel = filters.get("channel")
        if channel and channel not in {c.value for c in Channel}:
            known = ", ".join(c.value for c in Channel)
            raise InputError(f"unknown channel {channel!r} (channels: {known})")
        sentiment = filters.get("sentiment")
        if sentiment and sentiment not in POLARITIES:
            raise InputError(f"sentiment must be one of {', '.join(POLARITIES)}, not {sentiment!r}")
        clean = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in filters.items()}
        return cls(markets=codes, period=period, **clean)

    def narrowed(self, **changes: Any) -> Scope:
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items() if v not in (None, ())}
        if self.period is not None:
            out["period"] = self.period.as_dict()
        if self.markets:
            out["markets"] = list(self.markets)
        return out
