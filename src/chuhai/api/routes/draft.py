"""The drafting assistants over HTTP: copy, replies, factory messages, each claim-checked and
glossary-checked before it is answered. Drafts only: there is no route that sends one."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from chuhai.access.roles import Permission, Role
from chuhai.api.access import principal_of, require
from chuhai.api.deps import VocDep, settings_of
from chuhai.api.lang import LangDep
from chuhai.api.models.common import ERRORS
from chuhai.assist.drafter import Drafter
from chuhai.assist.grounding import Context, evidence_from_voc, load_context
from chuhai.assist.models import CopyRequest, Draft, FactoryRequest, ReplyRequest
from chuhai.assist.provider import ChatModel, chat_model
from chuhai.errors import AccessError
from chuhai.glossary import load_glossary
from chuhai.web.render import site_bar, static_page

__all__ = ["router"]

router = APIRouter(tags=["assist"], dependencies=[require(Permission.TOOLS)])


def _team_market(request: Request, market: str) -> None:
    """A market team drafts for its own markets only."""
    principal = principal_of(request)
    if principal is not None and principal.markets and market not in principal.markets:
        reason = f"market {market} is outside your team's markets"
        request.app.state.access.deny(request, principal, reason)
        raise AccessError(reason)


def _reads_zone(request: Request, market: str) -> bool:
    """Orders are raw data of a zone: read for its own team, an admin, or without sign-in
    (this machine only); headquarters gets a reply without the order's facts."""
    principal = principal_of(request)
    return principal is None or principal.role == Role.ADMIN or market in principal.markets


def _drafter(request: Request, market: str, brand: str | None, context: Context) -> Drafter:
    settings = settings_of(request)
    glossary = load_glossary(market, brand, settings.providers.llm.glossary)
    state = request.app.state
    if not hasattr(state, "draft_model"):  # one client per app, made on first use
        state.draft_model = chat_model(settings.providers)
    model: ChatModel | None = state.draft_model
    return Drafter(glossary, model, context, rounds=settings.providers.llm.rounds)


@router.post("/v1/draft/copy", response_model=Draft, responses=ERRORS)
def draft_copy(body: CopyRequest, request: Request) -> Draft:
    """A listing title, description or live script localised from a Chinese brief."""
    _team_market(request, body.market)
    context = load_context(settings_of(request), body.market, sku=body.sku)
    return _drafter(request, body.market, body.brand, context).copy(body)


@router.post("/v1/draft/reply", response_model=Draft, responses=ERRORS)
def draft_reply(body: ReplyRequest, request: Request) -> Draft:
    """A reply to a review or e-mail, grounded in the product's FAQ and the order."""
    _team_market(request, body.market)
    order = body.order_id if _reads_zone(request, body.market) else None
    context = load_context(settings_of(request), body.market, sku=body.sku, order_id=order)
    return _drafter(request, body.market, body.brand, context).reply(body)


@router.post("/v1/draft/factory", response_model=Draft, responses=ERRORS)
def draft_factory(body: FactoryRequest, request: Request, voc: VocDep) -> Draft:
    """A reorder or quality message to a factory in Chinese; without evidence in the body,
    VOC's (through the residency guard) backs a quality complaint."""
    _team_market(request, body.market)
    if body.task == "quality" and body.evidence is None:
        body = body.model_copy(update={"evidence": evidence_from_voc(voc, body.market, body.sku)})
    context = load_context(settings_of(request), body.market, sku=body.sku)
    return _drafter(request, body.market, body.brand, context).factory(body)


@router.get("/draft", response_class=HTMLResponse)
def draft_page(request: Request, lang: LangDep) -> HTMLResponse:
    """Drafts of copy, replies and factory messages (中文 / English); nothing is sent."""
    bar = site_bar(lang=lang, user=principal_of(request), path="/draft",
                   query=dict(request.query_params), current="draft")  # fmt: skip
    return HTMLResponse(static_page("draft.html", bar))
