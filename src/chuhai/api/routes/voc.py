"""The Voice-of-Customer API: measures, themes, quotes, journeys and alerts, as JSON.

Every read goes through the residency guard: measures of a zone the reader may not read raw
come without groups of fewer than k people; quotes and journeys of such a zone answer 403.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from chuhai.access.roles import Permission
from chuhai.api.access import require
from chuhai.api.deps import VocDep
from chuhai.api.models.common import ERRORS
from chuhai.api.models.voc import (
    AlertsOut,
    JourneyOut,
    MeasuresOut,
    OverviewOut,
    QuotesOut,
    ThemeDetailOut,
    ThemesOut,
)
from chuhai.voc.scope import Period, Scope

__all__ = ["Filters", "ScopeQuery", "router", "scope_from"]

router = APIRouter(tags=["voc"], dependencies=[require(Permission.VOC)], responses=ERRORS)

Text = Annotated[str | None, Query(max_length=200)]
PeriodQuery = Annotated[
    str | None,
    Query(max_length=40, description="2026-10, 2026-W44, 2026-10-01..2026-10-31, last-8w"),
]
MarketQuery = Annotated[str, Query(min_length=2, max_length=40, description="ISO market code")]


class ScopeQuery:
    """The filters every VOC endpoint understands."""

    def __init__(
        self,
        period: PeriodQuery = None,
        sku: Text = None,
        channel: Text = None,
        language: Text = None,
        theme: Text = None,
        aspect: Text = None,
        sentiment: Text = None,
        intent: Text = None,
        emotion: Text = None,
    ) -> None:
        self.values: dict[str, Any] = {
            "period": period,
            "sku": sku,
            "channel": channel,
            "language": language,
            "theme": theme,
            "aspect": aspect,
            "sentiment": sentiment,
            "intent": intent,
            "emotion": emotion,
        }


def scope_from(filters: ScopeQuery, market: str | None = None) -> Scope:
    return Scope.build(market=market, **filters.values)


Filters = Annotated[ScopeQuery, Depends()]


@router.get("/v1/voc/overview", response_model=OverviewOut, response_model_exclude_unset=True)
def overview(voc: VocDep, filters: Filters) -> dict[str, Any]:
    """Every market side by side, from aggregates of at least k people only."""
    scope = scope_from(filters)
    return {
        "reader": voc.reader,
        "k": voc.k,
        "markets": [s.as_dict() for s in voc.released(scope)],
    }


@router.get("/v1/voc/measures", response_model=MeasuresOut, response_model_exclude_unset=True)
def measures(voc: VocDep, market: MarketQuery, filters: Filters) -> dict[str, Any]:
    """Volume, Net Sentiment, emotion, intent, aspect x sentiment, ratings, share of voice,
    channels and weekly series of one market."""
    scope = scope_from(filters, market)
    summary = voc.summary(scope)
    zone = voc.zone_of(scope.markets[0])
    if summary is None:
        raise HTTPException(status_code=404, detail=f"zone {zone} has no store yet")
    return {"raw_access": voc.access(zone).allowed, **summary.as_dict()}


@router.get("/v1/voc/themes", response_model=ThemesOut, response_model_exclude_unset=True)
def themes(voc: VocDep, market: MarketQuery, filters: Filters) -> dict[str, Any]:
    """Themes of a market with their voices there (quotes only where the reader may read)."""
    scope = scope_from(filters, market)
    return {"market": scope.markets[0], "themes": [v.as_dict() for v in voc.themes(scope)]}


@router.get(
    "/v1/voc/themes/{theme_id}", response_model=ThemeDetailOut, response_model_exclude_unset=True
)
def theme(voc: VocDep, theme_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    found = voc.theme(theme_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no theme {theme_id}")
    zone, value = found
    return {"zone": zone, **value.model_dump(mode="json")}


@router.get("/v1/voc/quotes", response_model=QuotesOut, response_model_exclude_unset=True)
def quotes(
    voc: VocDep,
    market: MarketQuery,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Voices of a scope, newest first (403 where no transfer basis lets them leave)."""
    scope = scope_from(filters, market)
    found = voc.quotes(scope, limit=limit, offset=offset)
    return {"market": scope.markets[0], "quotes": [q.as_dict() for q in found]}


@router.get("/v1/voc/journey", response_model=JourneyOut, response_model_exclude_unset=True)
def journey(
    voc: VocDep,
    zone: Annotated[str, Query(max_length=32)],
    person: Annotated[str, Query(min_length=1, max_length=200)],
) -> dict[str, Any]:
    """Everything one pseudonymised person said and bought in a zone, across channels."""
    if zone not in voc.router.zones:
        raise HTTPException(status_code=404, detail=f"unknown zone {zone!r}")
    return voc.journey(zone, person)


@router.get("/v1/voc/alerts", response_model=AlertsOut, response_model_exclude_unset=True)
def alerts(
    voc: VocDep,
    week: Annotated[
        str | None, Query(max_length=10, description="2026-W47; default: last week")
    ] = None,
    market: Annotated[str | None, Query(max_length=40)] = None,
) -> dict[str, Any]:
    """Significant week-over-week changes (exact rate test, Benjamini-Hochberg)."""
    start = Period.parse(week).start.date() if week else None
    found = voc.alerts(week=start, market=market)
    return {"alerts": [a.as_dict() for a in found]}
