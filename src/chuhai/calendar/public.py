"""Public holidays from the maintained ``holidays`` package (python-holidays), with their
English names and a Chinese name from ``data/holiday_names.yaml`` where we have one."""

from __future__ import annotations

import functools
import logging
import re
from datetime import date, timedelta
from importlib import resources
from importlib.metadata import version
from typing import Final

import holidays
from pydantic import BaseModel, ConfigDict, Field

from chuhai.calendar.models import CalendarEvent
from chuhai.datafiles import DataFileError, parse_model
from chuhai.errors import InputError

__all__ = [
    "SOURCE",
    "anchor_dates",
    "holiday_name_zh",
    "public_holidays",
    "supported",
]

logger = logging.getLogger(__name__)

SOURCE: Final = f"python-holidays {version('holidays')} (https://github.com/vacanza/holidays)"
_ENGLISH: Final = ("en_US", "en_GB", "en_PH", "en_SG")  # the first one a country speaks
_QUALIFIER: Final = re.compile(r"\s*\((observed|estimated|in lieu)\)", re.IGNORECASE)


class _Names(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: dict[str, str] = Field(min_length=1)  # English name (no qualifier) -> Chinese
    qualifiers: dict[str, str]  # "observed" -> "补假"


@functools.cache
def _names() -> _Names:
    text = resources.files("chuhai.calendar").joinpath("data/holiday_names.yaml").read_text("utf-8")
    return parse_model("holiday_names.yaml", text, _Names, error=DataFileError)


def supported(market: str) -> bool:
    return market in holidays.list_supported_countries()


@functools.lru_cache(maxsize=256)
def _country(market: str, year: int) -> tuple[tuple[date, str], ...]:
    if not supported(market):
        return ()
    probe = holidays.country_holidays(market, years=year)
    languages = getattr(probe, "supported_languages", ()) or ()
    language = next((lang for lang in _ENGLISH if lang in languages), None)
    found = holidays.country_holidays(market, years=year, language=language)
    out: list[tuple[date, str]] = []
    for day, names in sorted(found.items()):
        out.extend((day, name.strip()) for name in str(names).split(";") if name.strip())
    return tuple(out)


def holiday_name_zh(name: str) -> str:
    """The Chinese name of a holiday's English name; qualifiers ("(observed)") translated; the
    English name itself where the table has none."""
    table = _names()
    qualifiers = [m.group(1).lower() for m in _QUALIFIER.finditer(name)]
    base = _QUALIFIER.sub("", name).strip()
    zh = table.names.get(base)
    if zh is None:
        return name
    return zh + "".join(f"（{table.qualifiers.get(q, q)}）" for q in qualifiers)


def public_holidays(market: str, year: int) -> list[CalendarEvent]:
    """The market's public holidays of ``year``; one event a day and name."""
    events = []
    for day, name in _country(market, year):
        estimated = "(estimated)" in name.lower()
        events.append(
            CalendarEvent(
                market=market,
                key=f"holiday:{_QUALIFIER.sub('', name).strip()}",
                name=name,
                name_zh=holiday_name_zh(name),
                kind="holiday",
                start=day,
                end=day,
                source=SOURCE,
                verified=True,
                estimated=estimated,
            )
        )
    return events


def anchor_dates(market: str, holiday: str, year: int) -> list[tuple[date, bool]]:
    """Days of ``year`` whose holiday in ``market`` is named ``holiday`` (English, without
    "(observed)" or "(estimated)"); each with whether it is estimated. Observed days and
    later days of a multi-day holiday are left out: the first day anchors."""
    if not supported(market):
        raise InputError(f"the holidays package has no calendar for {market}")
    matched: dict[date, bool] = {}
    for day, name in _country(market, year):
        lowered = name.lower()
        if "(observed)" in lowered or "(in lieu)" in lowered:
            continue
        if _QUALIFIER.sub("", name).strip() == holiday:
            matched[day] = matched.get(day, False) or "(estimated)" in lowered
    return [(d, e) for d, e in sorted(matched.items()) if d - timedelta(days=1) not in matched]
