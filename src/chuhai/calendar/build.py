"""A market's calendar: public holidays, festivals and seasons, and the user's campaigns,
between two days."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from chuhai.calendar.campaigns import read_campaigns
from chuhai.calendar.festivals import festival_events
from chuhai.calendar.models import KINDS, CalendarEvent
from chuhai.calendar.public import public_holidays, supported
from chuhai.errors import InputError
from chuhai.markets import is_market_code

__all__ = ["MarketCalendars", "year_range"]

logger = logging.getLogger(__name__)

_FIRST_YEAR, _LAST_YEAR = 1950, 2100


def year_range(year: int) -> tuple[date, date]:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise InputError(f"year {year} is outside {_FIRST_YEAR}-{_LAST_YEAR}")
    return date(year, 1, 1), date(year, 12, 31)


@dataclass
class MarketCalendars:
    """Every market's events; ``campaigns`` are the user's (read once)."""

    campaigns: list[CalendarEvent] = field(default_factory=list)
    _cache: dict[tuple[str, int], list[CalendarEvent]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_file(cls, campaigns: Path | None) -> MarketCalendars:
        """With the campaigns of ``campaigns`` (a missing file means none yet)."""
        if campaigns is None or not campaigns.exists():
            return cls()
        return cls(read_campaigns(campaigns))

    def _year(self, market: str, year: int) -> list[CalendarEvent]:
        key = (market, year)
        if key not in self._cache:
            self._cache[key] = [*public_holidays(market, year), *festival_events(market, year)]
        return self._cache[key]

    def events(
        self,
        market: str,
        start: date,
        end: date,
        kinds: Sequence[str] = KINDS,
    ) -> list[CalendarEvent]:
        """Events of ``market`` that touch ``start``..``end``, by start day."""
        if not is_market_code(market):
            return []
        found = [
            e
            for year in range(start.year - 1, end.year + 1)
            for e in self._year(market, year)
            if e.kind in kinds and e.start <= end and e.end >= start
        ]
        found += [
            e
            for e in self.campaigns
            if e.market == market and e.kind in kinds and e.start <= end and e.end >= start
        ]
        return sorted(found, key=lambda e: (e.start, KINDS.index(e.kind), e.name))

    def year(self, market: str, year: int, kinds: Sequence[str] = KINDS) -> list[CalendarEvent]:
        first, last = year_range(year)
        return self.events(market, first, last, kinds)

    @staticmethod
    def has_holidays(market: str) -> bool:
        return supported(market)
