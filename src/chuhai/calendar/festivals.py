"""Shopping festivals and seasons per market, as data (``data/festivals.yaml``): each entry
names its markets, a date rule, a source and whether the rule was checked against it.

Date rules (one per entry):

- ``fixed: "11-11"``: the same day every year;
- ``nth_weekday: {month: 11, weekday: thu, n: 4}``: the n-th weekday of a month (-1: last);
- ``anchor: {holiday: "Eid al-Fitr"}``: a public holiday of the market (or of ``market``) as
  the ``holidays`` package names it in English: moving dates (lunar and Islamic calendars)
  computed, not typed in;
- ``monthly: 25``: that day of every month (31 is the month's last day), for payday sales;
- ``dates: {2025: "2025-05-26", ...}``: listed per year where no rule exists (a campaign
  announced each year); years not listed have no event.

``offset`` (days, may be negative) moves the start; the event lasts ``days`` days or runs
``until`` a day ("12-24"; the next year's when it falls before the start).
"""

from __future__ import annotations

import calendar as stdcal
import functools
import re
from datetime import date, timedelta
from importlib import resources
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from chuhai.calendar.models import CalendarEvent
from chuhai.calendar.public import anchor_dates
from chuhai.datafiles import DataFileError, parse_model
from chuhai.markets import is_market_code

__all__ = ["Festival", "FestivalBook", "festival_book", "festival_events"]

_DAY: Final = re.compile(r"^(\d{2})-(\d{2})$")
_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class FestivalFileError(DataFileError):
    """festivals.yaml is broken."""


def _month_day(text: str) -> tuple[int, int]:
    found = _DAY.match(text)
    if not found:
        raise ValueError(f"{text!r} is not MM-DD")
    month, day = int(found.group(1)), int(found.group(2))
    date(2024, month, day)  # raises for 02-30 (2024: leap, so 02-29 passes)
    return month, day


class NthWeekday(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: int = Field(ge=1, le=12)
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    n: int = Field(ge=-1, le=5)

    @field_validator("n")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("n counts from 1 (or -1 for the last)")
        return value

    def day(self, year: int) -> date | None:
        wanted = _WEEKDAYS.index(self.weekday)
        days = [
            d
            for d in range(1, stdcal.monthrange(year, self.month)[1] + 1)
            if date(year, self.month, d).weekday() == wanted
        ]
        index = self.n - 1 if self.n > 0 else -1
        return date(year, self.month, days[index]) if -len(days) <= index < len(days) else None


class Anchor(BaseModel):
    model_config = ConfigDict(extra="forbid")

    holiday: str = Field(min_length=2)
    market: str | None = None  # default: the market the event is for


class Festival(BaseModel):
    """One festival or season, for one or more markets."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=2)
    name_zh: str = Field(min_length=1)
    kind: Literal["festival", "season"]
    markets: list[str] = Field(min_length=1)
    fixed: str | None = None
    nth_weekday: NthWeekday | None = None
    anchor: Anchor | None = None
    monthly: int | None = Field(default=None, ge=1, le=31)
    dates: dict[int, str] | None = None
    offset: int = Field(default=0, ge=-120, le=120)
    days: int | None = Field(default=None, ge=1, le=200)
    until: str | None = None
    since: int | None = Field(default=None, ge=1900, le=2100)
    source: str = Field(min_length=8)
    verified: bool
    estimated: bool = False  # the window itself is approximate (Ramadan: 29 or 30 days)
    note: str = ""

    @field_validator("markets")
    @classmethod
    def _markets(cls, value: list[str]) -> list[str]:
        for code in value:
            if not is_market_code(code):
                raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 code")
        return value

    @field_validator("fixed", "until")
    @classmethod
    def _md(cls, value: str | None) -> str | None:
        if value is not None:
            _month_day(value)
        return value

    @field_validator("dates")
    @classmethod
    def _dates(cls, value: dict[int, str] | None) -> dict[int, str] | None:
        for year, text in (value or {}).items():
            if date.fromisoformat(text).year != year:
                raise ValueError(f"{text} is not in {year}")
        return value

    @model_validator(mode="after")
    def _one_rule(self) -> Festival:
        rules = [self.fixed, self.nth_weekday, self.anchor, self.monthly, self.dates]
        if sum(r is not None for r in rules) != 1:
            raise ValueError("give exactly one of fixed, nth_weekday, anchor, monthly, dates")
        if self.days is not None and self.until is not None:
            raise ValueError("give days or until, not both")
        if self.monthly is not None and self.until is not None:
            raise ValueError("a monthly event lasts days, not until a day")
        return self

    def starts(self, market: str, year: int) -> list[tuple[date, bool]]:
        """The days the event starts in ``year`` (before ``offset``), each with whether the
        day is estimated."""
        if self.since is not None and year < self.since:
            return []
        if self.fixed is not None:
            month, day = _month_day(self.fixed)
            if (month, day) == (2, 29) and not stdcal.isleap(year):
                return []
            return [(date(year, month, day), False)]
        if self.nth_weekday is not None:
            found = self.nth_weekday.day(year)
            return [(found, False)] if found else []
        if self.anchor is not None:
            return anchor_dates(self.anchor.market or market, self.anchor.holiday, year)
        if self.monthly is not None:
            return [
                (date(year, m, min(self.monthly, stdcal.monthrange(year, m)[1])), False)
                for m in range(1, 13)
            ]
        listed = (self.dates or {}).get(year)
        return [(date.fromisoformat(listed), False)] if listed else []

    def end_of(self, start: date) -> date:
        if self.until is not None:
            month, day = _month_day(self.until)
            end = date(start.year, month, day)
            return end if end >= start else date(start.year + 1, month, day)
        return start + timedelta(days=(self.days or 1) - 1)


class FestivalBook(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    festivals: list[Festival] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> FestivalBook:
        seen: set[str] = set()
        for festival in self.festivals:
            if festival.key in seen:
                raise ValueError(f"key {festival.key!r} appears twice")
            seen.add(festival.key)
        return self

    def markets(self) -> list[str]:
        return sorted({m for f in self.festivals for m in f.markets})


@functools.cache
def festival_book() -> FestivalBook:
    text = resources.files("chuhai.calendar").joinpath("data/festivals.yaml").read_text("utf-8")
    return parse_model("festivals.yaml", text, FestivalBook, error=FestivalFileError)


def festival_events(
    market: str, year: int, book: FestivalBook | None = None
) -> list[CalendarEvent]:
    """The festivals and seasons of ``market`` that start in ``year``."""
    events = []
    for festival in (book or festival_book()).festivals:
        if market not in festival.markets:
            continue
        for day, estimated in festival.starts(market, year):
            start = day + timedelta(days=festival.offset)
            events.append(
                CalendarEvent(
                    market=market,
                    key=festival.key,
                    name=festival.name,
                    name_zh=festival.name_zh,
                    kind=festival.kind,
                    start=start,
                    end=festival.end_of(start),
                    source=festival.source,
                    verified=festival.verified,
                    estimated=estimated or festival.estimated,
                    note=festival.note,
                )
            )
    return events
