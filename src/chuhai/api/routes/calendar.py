"""Market calendars over HTTP: ``/v1/calendar`` (JSON) and the ``/calendar`` page
(中文 / English): public holidays, shopping festivals and seasons, the user's campaigns."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.deps import settings_of
from chuhai.api.lang import LangDep
from chuhai.api.models.calendar import CalendarOut
from chuhai.api.models.common import ERRORS
from chuhai.calendar import KINDS, CalendarEvent, MarketCalendars, year_range
from chuhai.errors import InputError
from chuhai.markets import normalize_market
from chuhai.settings import Settings
from chuhai.web.render import plain_page

__all__ = ["router"]

router = APIRouter(tags=["calendar"], dependencies=[require(Permission.TOOLS)])
MarketsQuery = Annotated[
    list[str] | None,
    Query(description="ISO codes (default: every enabled market)", max_length=30),
]
YearQuery = Annotated[int | None, Query(ge=1950, le=2100, description="Default: this year")]
KindQuery = Annotated[
    list[str] | None, Query(description="holiday, festival, season, campaign", max_length=4)
]


def _calendar(
    settings: Settings, market: list[str] | None, year: int | None, kind: list[str] | None
) -> tuple[int, dict[str, list[CalendarEvent]]]:
    the_year = year or date.today().year
    year_range(the_year)
    markets = [normalize_market(m) for m in market] if market else list(settings.markets)
    kinds = tuple(kind) if kind else KINDS
    if bad := [k for k in kinds if k not in KINDS]:
        raise InputError(f"unknown kind {bad[0]!r}; choose from {', '.join(KINDS)}")
    calendars = MarketCalendars.from_file(settings.calendar.campaigns_file(settings.data_dir))
    return the_year, {m: calendars.year(m, the_year, kinds) for m in dict.fromkeys(markets)}


@router.get("/v1/calendar", response_model=CalendarOut, responses=ERRORS)
def calendar_api(
    request: Request, market: MarketsQuery = None, year: YearQuery = None, kind: KindQuery = None
) -> dict[str, object]:
    """A market's public holidays, shopping festivals and seasons (with sources; unverified
    where the window is a sellers' convention) and the platform campaigns added for it."""
    the_year, found = _calendar(settings_of(request), market, year, kind)
    return {"year": the_year, "markets": {m: [e.as_dict() for e in ev] for m, ev in found.items()}}


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(
    request: Request,
    lang: LangDep,
    market: MarketsQuery = None,
    year: YearQuery = None,
    kind: KindQuery = None,
) -> HTMLResponse:
    """The market calendar as a page (中文 / English), one market at a time."""
    settings = settings_of(request)
    enabled = list(settings.markets)
    chosen = [normalize_market(market[0])] if market else enabled[:1]
    the_year, found = _calendar(settings, chosen, year, kind)
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = plain_page(
        "calendar.html",
        lang=lang,
        path=request.url.path,
        query=query,
        user=principal_of(request),
        current="calendar",
        year=the_year,
        market=chosen[0],
        markets=enabled,
        events=found[chosen[0]],
        kinds=KINDS,
    )
    return HTMLResponse(body)
