"""The supply network: the plan and its disruptions as JSON (``/v1/supply/network``) and a
page with the network drawn (``/supply/network``, 中文 / English)."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.deps import VocDep
from chuhai.api.lang import LangDep
from chuhai.api.models.common import ERRORS
from chuhai.api.models.supply_network import NetworkOut
from chuhai.supply.network.draw import draw_network
from chuhai.supply.network.scenarios import parse_scenario
from chuhai.supply.network.service import (
    NetworkResult,
    demand_rows,
    network_of,
    run_network,
    with_demand,
)
from chuhai.supply.setup import load_setup
from chuhai.supply.sources import demand_from_stores
from chuhai.voc.scope import Scope
from chuhai.web import views
from chuhai.web.i18n import Translator
from chuhai.web.network_i18n import network_words
from chuhai.web.render import page

__all__ = ["router"]

router = APIRouter(tags=["supply"], dependencies=[require(Permission.SUPPLY)])
_lock = threading.Lock()  # one plan at a time: the solver takes a core
ScenarioQuery = Annotated[
    list[str] | None,
    Query(
        description="factory-down:NAME, lane-closed:ORIGIN>DEST[/MODE], tariff:ROUTE=+0.10, "
        "ban:MARKET (default: the setup's scenarios)",
        max_length=10,
    ),
]
WeeksQuery = Annotated[int, Query(ge=1, le=52, description="Weeks of orders the demand averages")]


def _network(voc: VocDep, scenario: list[str] | None, weeks: int) -> NetworkResult:
    """The whole network is planned (a market team sees the same plan: it holds no personal
    data, only units a week per SKU x market, as the purchase plan)."""
    setup = load_setup(voc.settings.supply.setup)
    net = network_of(setup)
    source, warnings = "setup", list[str]()
    if not net.demand:
        rows, warnings = demand_rows(setup, demand_from_stores(voc.router, "W"), weeks)
        net, source = with_demand(net, rows), f"stores (mean of the last {weeks} weeks)"
    chosen = [parse_scenario(s, net) for s in scenario] if scenario else None
    with _lock:
        return run_network(net, chosen, demand_source=source, warnings=warnings)


@router.get("/v1/supply/network", response_model=NetworkOut, responses=ERRORS)
def network_api(
    voc: VocDep, scenario: ScenarioQuery = None, weeks: WeeksQuery = 4
) -> dict[str, object]:
    """A week of the network at the least cost (factory -> overseas warehouse -> market, within
    capacities, quotas and MOQs; HiGHS), and each disruption re-planned beside it: its cost and
    fill-rate impact. A planning aid; tariff routes marked unverified are examples."""
    return _network(voc, scenario, weeks).as_dict()


@router.get("/supply/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    voc: VocDep,
    lang: LangDep,
    scenario: ScenarioQuery = None,
    weeks: WeeksQuery = 4,
) -> HTMLResponse:
    """The network drawn, its plan and its disruptions (中文 / English)."""
    result = _network(voc, scenario, weeks)
    t, w = Translator(lang), network_words(lang)
    svg = draw_network(
        result.setup,
        result.plan,
        (w["factories"], w["overseas_warehouses"], w["markets"]),
        t.market,
        w["units_per_week"],
    )
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = page(
        "supply_network.html",
        svc=voc,
        lang=lang,
        links=views.Links(lang, Scope.build()),
        path=request.url.path,
        query=query,
        page="supply",
        user=principal_of(request),
        result=result,
        svg=svg,
        w=w,
    )
    return HTMLResponse(body)
