"""Market calendars: public holidays (the ``holidays`` package), shopping festivals and
seasons per market (``data/festivals.yaml``, with sources) and the platform campaigns the
user adds; the supply forecasters read them as known future events."""

from chuhai.calendar.build import MarketCalendars, year_range
from chuhai.calendar.campaigns import add_campaign, read_campaigns
from chuhai.calendar.festivals import festival_book, festival_events
from chuhai.calendar.models import KINDS, CalendarEvent, EventKind
from chuhai.calendar.public import public_holidays

__all__ = [
    "KINDS",
    "CalendarEvent",
    "EventKind",
    "MarketCalendars",
    "add_campaign",
    "festival_book",
    "festival_events",
    "public_holidays",
    "read_campaigns",
    "year_range",
]
