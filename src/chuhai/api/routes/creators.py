"""Creators: the report as JSON (``/v1/creators``) and a page (``/creators``, 中文/English).

Scoped like the VOC: a market team sees its own markets; headquarters sees creators of a zone
only through a transfer basis (audited), else the market's totals over at least k creators."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.deps import VocDep
from chuhai.api.lang import LangDep
from chuhai.api.models.common import ERRORS
from chuhai.api.models.creators import CreatorReportOut
from chuhai.creators import CreatorReport, SupplyCosts, creator_report
from chuhai.errors import ChuhaiError
from chuhai.supply.setup import load_setup
from chuhai.voc.scope import Scope
from chuhai.web import views
from chuhai.web.render import page

__all__ = ["router"]

router = APIRouter(tags=["creators"], dependencies=[require(Permission.VOC)])
MarketsQuery = Annotated[
    list[str] | None, Query(description="Only these markets (ISO codes)", max_length=30)
]
DayQuery = Annotated[date | None, Query(description="YYYY-MM-DD (orders from / before)")]


def _report(
    voc: VocDep, market: list[str] | None, start: date | None, end: date | None
) -> CreatorReport:
    try:
        setup = load_setup(voc.settings.supply.setup) if voc.settings.supply.setup else None
    except ChuhaiError:
        setup = None  # no landed cost: the report names the SKUs it lacks
    return creator_report(
        voc,
        SupplyCosts(setup),
        markets=market,
        start=datetime.combine(start, time(), UTC) if start else None,
        end=datetime.combine(end, time(), UTC) if end else None,
    )


@router.get("/v1/creators", response_model=CreatorReportOut, responses=ERRORS)
def creators_api(
    voc: VocDep, market: MarketsQuery = None, start: DayQuery = None, end: DayQuery = None
) -> dict[str, object]:
    """Per creator and market: GMV, orders, conversion, commission, refunds and returns, net
    margin after commission and landed cost, sample ROI, their buyers' voice, and a verdict
    (keep / renegotiate / stop) with its reasons."""
    return _report(voc, market, start, end).as_dict()


@router.get("/creators", response_class=HTMLResponse)
def creators_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    market: MarketsQuery = None,
    start: DayQuery = None,
    end: DayQuery = None,
) -> HTMLResponse:
    """The creators' ranking as a page (中文 / English)."""
    report = _report(voc, market, start, end)
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = page(
        "creators.html",
        svc=voc,
        lang=lang,
        links=views.Links(lang, Scope.build()),
        path=request.url.path,
        query=query,
        page="creators",
        user=principal_of(request),
        report=report,
    )
    return HTMLResponse(body)
