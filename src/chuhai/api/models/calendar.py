"""What ``/v1/calendar`` answers: a market's events for a year."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from chuhai.api.models.common import Out

__all__ = ["CalendarEventOut", "CalendarOut"]


class CalendarEventOut(Out):
    """One ``chuhai.calendar.CalendarEvent``."""

    market: str
    key: str
    name: str
    name_zh: str
    kind: str = Field(description="holiday, festival, season or campaign")
    start: date
    end: date = Field(description="Inclusive")
    days: int
    source: str
    verified: bool = Field(description="False: a sellers' convention or a window chosen")
    estimated: bool = Field(description="The date may move by a day or two (lunar calendars)")
    platform: str
    note: str


class CalendarOut(Out):
    year: int
    markets: dict[str, list[CalendarEventOut]]
