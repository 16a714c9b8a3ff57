"""What a market calendar holds: dated events of four kinds, each with where it comes from.

- ``holiday``: a public holiday (the ``holidays`` package);
- ``festival``: a shopping day or short sale (11.11, Harbolnas, Black Friday, Songkran);
- ``season``: a longer buying window (Ramadan, back to school, the Tết run-up);
- ``campaign``: a platform campaign the user adds (TikTok Shop 9.9, Shopee payday).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Final, Literal

__all__ = ["KINDS", "CalendarEvent", "EventKind"]

EventKind = Literal["holiday", "festival", "season", "campaign"]
KINDS: Final[tuple[EventKind, ...]] = ("holiday", "festival", "season", "campaign")


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One event in one market, ``start`` to ``end`` inclusive."""

    market: str
    key: str  # stable: "double_11", "holiday:Songkran Festival", "campaign:tiktok-9-9"
    name: str  # English
    name_zh: str
    kind: EventKind
    start: date
    end: date
    source: str  # a URL, "holidays <version>", or the campaigns file
    verified: bool = True  # False: a seller's convention, a window chosen, a listed guess
    estimated: bool = False  # the date itself may move by a day or two (lunar calendars)
    platform: str = ""
    note: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["start"], out["end"] = self.start.isoformat(), self.end.isoformat()
        out["days"] = self.days
        return out
