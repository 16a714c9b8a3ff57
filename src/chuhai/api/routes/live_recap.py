"""The 直播复盘 (post-live review) over HTTP: the list of stored sessions (``/live/recap``), one
session's recap page (``/live/recap/{session}``, 中文 / English) and its JSON
(``GET /v1/live/sessions/{id}/recap``). Read as the VOC pages read: a market team sees its
markets' sessions, and where the reader may not read a zone's comments the recap carries no
quotes and no figure under k people."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.deps import VocDep
from chuhai.api.lang import LangDep
from chuhai.api.models.common import Out
from chuhai.errors import InputError
from chuhai.live.recap import find_session, list_sessions, recap
from chuhai.live.recap_model import Recap
from chuhai.voc.service import VocService
from chuhai.web.recap import render_index, render_recap

__all__ = ["SessionItem", "SessionList", "router"]

router = APIRouter(tags=["live"], dependencies=[require(Permission.LIVE)])
SessionId = Annotated[str, Path(min_length=1, max_length=128)]


class SessionItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    room: str
    market: str
    host: str | None
    started_at: str
    ended_at: str | None
    recap: str  # the recap's JSON


class SessionList(Out):
    sessions: list[SessionItem]


def _recap(voc: VocService, session: str) -> Recap:
    try:
        find_session(voc, session)
    except InputError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None
    return recap(voc, session)


@router.get("/v1/live/sessions", response_model=SessionList)
def sessions(voc: VocDep) -> SessionList:
    """The stored live sessions the reader's team may see, newest first."""
    return SessionList(
        sessions=[
            SessionItem(
                id=s.id,
                room=s.room,
                market=s.market,
                host=s.host,
                started_at=s.started_at.isoformat(),
                ended_at=s.ended_at.isoformat() if s.ended_at else None,
                recap=f"/v1/live/sessions/{s.id}/recap",
            )
            for _, s in list_sessions(voc)
        ]
    )


@router.get(
    "/v1/live/sessions/{session}/recap",
    response_model=Recap,
    responses={404: {"description": "No such session (GET /v1/live/sessions lists them)"}},
)
def session_recap(voc: VocDep, session: SessionId) -> Recap:
    """The session's 直播复盘: timeline with spikes, viewers, purchase intent, orders and GMV,
    questions answered, complaints, temperature, products, moderation, gifts, the room's
    earlier sessions and recommended actions."""
    return _recap(voc, session)


@router.get("/live/recap", response_class=HTMLResponse)
def recap_index(request: Request, voc: VocDep, lang: LangDep) -> HTMLResponse:
    """The stored live sessions, each linked to its recap."""
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = render_index(voc, list_sessions(voc), lang=lang, path=request.url.path, query=query,
                        user=principal_of(request))  # fmt: skip
    return HTMLResponse(body)


@router.get("/live/recap/{session}", response_class=HTMLResponse)
def recap_page(request: Request, voc: VocDep, lang: LangDep, session: SessionId) -> HTMLResponse:
    """One session's 直播复盘 (中文 / English)."""
    found = _recap(voc, session)
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    body = render_recap(voc, found, lang=lang, path=request.url.path, query=query,
                        user=principal_of(request))  # fmt: skip
    return HTMLResponse(body)
