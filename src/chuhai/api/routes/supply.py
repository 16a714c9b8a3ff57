"""Supply: the purchase plan as JSON (``/v1/supply/plan``), CSV and a page (``/supply``)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.deps import VocDep
from chuhai.api.lang import LangDep
from chuhai.api.models.common import ERRORS
from chuhai.api.models.supply import PlanOut
from chuhai.api.responses import CsvResponse
from chuhai.charts import Bar, bars
from chuhai.supply.quality import flag_quality
from chuhai.supply.service import PlanResult, plan_from_stores
from chuhai.voc.scope import Scope
from chuhai.web import views
from chuhai.web.i18n import Translator
from chuhai.web.render import page

__all__ = ["router"]

router = APIRouter(tags=["supply"], dependencies=[require(Permission.SUPPLY)])
MarketsQuery = Annotated[
    list[str] | None, Query(description="Only these markets (ISO codes)", max_length=30)
]
HorizonQuery = Annotated[int | None, Query(ge=2, le=104, description="Weeks (default: setup)")]
AsOfQuery = Annotated[
    date | None, Query(description="The day the plan starts from (default: today)")
]
ModelQuery = Annotated[
    str, Query(pattern=r"^[a-z_]{2,32}$", description="Forecaster (default chuhai)")
]


def _plan(
    voc: VocDep,
    market: list[str] | None,
    horizon: int | None,
    model: str,
    as_of: date | None = None,
) -> PlanResult:
    # a market team plans its own markets: zone_of refuses the others
    markets = [m.upper() for m in market] if market else None
    for code in markets or ():
        voc.zone_of(code)
    if markets is None and voc.allowed is not None:
        markets = sorted(voc.allowed)
    result = plan_from_stores(voc.settings, voc.router, markets, horizon, model, as_of)
    flag_quality(result.lines, voc, result.as_of)  # 先核查批次 where a quality alert is behind
    return result


@router.get("/v1/supply/plan", response_model=PlanOut, responses=ERRORS)
def plan_api(
    voc: VocDep,
    market: MarketsQuery = None,
    horizon: HorizonQuery = None,
    model: ModelQuery = "chuhai",
    as_of: AsOfQuery = None,
) -> dict[str, object]:
    """The purchase plan over the orders and live sessions in the zone stores: per SKU x
    warehouse what to order, when, from which factory, by which mode, from today (or
    ``as_of``) on. A planning aid."""
    return _plan(voc, market, horizon, model, as_of).as_dict()


@router.get("/supply/plan.csv", response_class=CsvResponse)
def plan_csv(
    voc: VocDep,
    market: MarketsQuery = None,
    horizon: HorizonQuery = None,
    model: ModelQuery = "chuhai",
    as_of: AsOfQuery = None,
) -> Response:
    rows = [line.as_dict() for line in _plan(voc, market, horizon, model, as_of).lines]
    buffer = io.StringIO()
    if rows:
        fields = [k for k in rows[0] if k != "alternatives"]
        writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    headers = {"Content-Disposition": 'attachment; filename="purchase-plan.csv"'}
    return Response("\ufeff" + buffer.getvalue(), media_type="text/csv", headers=headers)


@router.get("/supply", response_class=HTMLResponse)
def plan_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    market: MarketsQuery = None,
    horizon: HorizonQuery = None,
    as_of: AsOfQuery = None,
) -> HTMLResponse:
    """The purchase plan as a page (中文 / English)."""
    result = _plan(voc, market, horizon, "chuhai", as_of)
    t = Translator(lang)
    by_market: dict[str, float] = {}
    for line in result.lines:
        by_market[line.market] = by_market.get(line.market, 0.0) + line.order_cost
    chart = bars(
        [Bar(t.market(m), round(v)) for m, v in sorted(by_market.items())],
        label=t("order_cost_by_market"),
    )
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = page(
        "supply.html",
        svc=voc,
        lang=lang,
        links=views.Links(lang, Scope.build()),
        path=request.url.path,
        query=query,
        page="supply",
        user=principal_of(request),
        result=result,
        chart=chart,
        csv_url="/supply/plan.csv" + (f"?{request.url.query}" if request.url.query else ""),
    )
    return HTMLResponse(body)
