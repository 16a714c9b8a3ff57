"""Partners' profit-share statements: ``/v1/partners/statements`` (JSON), CSV and the
``/partners`` page (中文 / English). A partner user sees only its own statements."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from chuhai.access.roles import Permission, Principal
from chuhai.api.access import principal_of, require
from chuhai.api.deps import settings_of
from chuhai.api.lang import LangDep
from chuhai.api.models.common import ERRORS
from chuhai.api.models.partners import StatementsOut
from chuhai.api.responses import CsvResponse
from chuhai.errors import AccessError, InputError
from chuhai.partners.export import statements_csv
from chuhai.partners.ledger import StoreLedger
from chuhai.partners.money import Money
from chuhai.partners.service import load_partners, money_of, partners_path, statements
from chuhai.partners.statement import Statement
from chuhai.store import ZoneRouter
from chuhai.supply.setup import load_setup
from chuhai.web.partners import render_statements

__all__ = ["router"]

router = APIRouter(tags=["partners"], dependencies=[require(Permission.PARTNERS)])
PeriodQuery = Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")]
PartnerQuery = Annotated[
    list[str] | None, Query(description="Only these partners (ids)", max_length=50)
]


def _statements(
    request: Request, period: str, partner: list[str] | None
) -> tuple[list[Statement], Money]:
    """The statements the user may read: a partner user only its own (asking for another
    is refused), others every partner or those asked for."""
    settings = settings_of(request)
    config = load_partners(partners_path(settings))
    who: Principal | None = principal_of(request)
    asked = list(partner or ())
    if who is not None and who.partner:
        if any(not who.sees_partner(p) for p in asked):
            raise AccessError("a partner sees only its own statements")
        asked = [who.partner]
    elif who is not None and any(not who.sees_partner(p) for p in asked):
        raise AccessError("your role does not read partners' statements")
    supply = load_setup(settings.supply.setup)
    with ZoneRouter(settings) as router_:
        found = statements(config, supply, StoreLedger(router_), period, asked)
    if who is not None:
        found = [s for s in found if who.sees_partner(s.partner.id)]
    return found, money_of(config)


@router.get("/v1/partners/statements", response_model=StatementsOut, responses=ERRORS)
def statements_api(
    request: Request, period: PeriodQuery, partner: PartnerQuery = None
) -> dict[str, object]:
    """Each partner's statement for the month: order lines (revenue, refunds, landed cost,
    creators' commission, fees, net), the share by tiers with threshold and cap, clawbacks
    of refunds of earlier months, and what is payable; amounts as decimal text."""
    found, _ = _statements(request, period, partner)
    return {"period": period, "statements": [s.as_dict() for s in found]}


@router.get("/partners/statements.csv", response_class=CsvResponse)
def statements_csv_route(
    request: Request, period: PeriodQuery, partner: PartnerQuery = None
) -> Response:
    found, money = _statements(request, period, partner)
    name = re.sub(r"[^0-9-]", "", period)
    headers = {"Content-Disposition": f'attachment; filename="partners-{name}.csv"'}
    return Response(statements_csv(found, money), media_type="text/csv", headers=headers)


@router.get("/partners", response_class=HTMLResponse)
def statements_page(
    request: Request, lang: LangDep, period: str | None = None, partner: PartnerQuery = None
) -> HTMLResponse:
    """The statements as a page (中文 / English); the month defaults to the last one."""
    from datetime import date

    if period is None:
        today = date.today()
        period = f"{today.year - (today.month == 1):04d}-{(today.month - 2) % 12 + 1:02d}"
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        raise InputError(f"period {period!r}: expected YYYY-MM")
    setup = partners_path(settings_of(request))
    found: list[Statement] = []
    if not setup.is_file():  # nothing set up yet: the page says where the file goes
        money, missing = Money(), str(setup)
    else:
        (found, money), missing = _statements(request, period, partner), None
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = render_statements(
        found,
        money,
        missing=missing,
        lang=lang,
        period=period,
        user=principal_of(request),
        path=request.url.path,
        query=query,
        in_app=True,
    )
    return HTMLResponse(body)
