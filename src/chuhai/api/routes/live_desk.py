"""The host's actions on a live room over HTTP: pinned products, a question answered,
moderation and its undo, the room's settings. Each is noted in the room's journal; none is
posted to the platform."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.models.common import ERRORS
from chuhai.api.models.live import (
    Answered,
    ModerationEntry,
    ModerationLog,
    ModerationRequest,
    Pinned,
    PinRequest,
    RoomSettings,
    RoomSettingsRequest,
)
from chuhai.api.routes.live_common import HubDep, actor, check_room, known
from chuhai.errors import AccessError

__all__ = ["router"]

router = APIRouter(tags=["live"], dependencies=[require(Permission.LIVE)], responses=ERRORS)


@router.post("/v1/live/rooms/{room}/pin", response_model=Pinned)
def pin(room: str, body: PinRequest, request: Request, hub: HubDep) -> Pinned:
    """The room's products on screen; each one pinned or taken off is noted (``pin``)."""
    check_room(request, hub, room)
    return Pinned(room=room, pinned=hub.desk.set_pins(room, body.skus, actor(request)))


@router.post(
    "/v1/live/rooms/{room}/questions/{question_id}/answered",
    response_model=Answered,
    responses={404: {"description": "No such room, or no such question open in it"}},
)
def question_answered(room: str, question_id: str, request: Request, hub: HubDep) -> Answered:
    """The host answered the question: it leaves the queue (noted as ``answered``)."""
    check_room(request, hub, room)
    known(hub, room)
    done = hub.desk.answer(room, question_id, actor(request))
    if done is None:
        raise HTTPException(status_code=404, detail=f"no open question {question_id!r}")
    return Answered(**done)


@router.get("/v1/live/rooms/{room}/moderation", response_model=ModerationLog)
def moderation_log(room: str, request: Request, hub: HubDep) -> ModerationLog:
    check_room(request, hub, room)
    known(hub, room)
    desk = hub.desk.desk(room)
    entries = [ModerationEntry(**r.view()) for r in reversed(desk.log)]
    return ModerationLog(room=room, entries=entries, muted=sorted(desk.muted()))


@router.post(
    "/v1/live/rooms/{room}/moderation",
    response_model=ModerationEntry,
    responses={404: {"description": "No such room, or the comment is not in its feed"}},
)
def moderate(room: str, body: ModerationRequest, request: Request, hub: HubDep) -> ModerationEntry:
    """A person's decision on a comment, noted as ``moderation`` (the platform is not told)."""
    check_room(request, hub, room)
    known(hub, room)
    record = hub.desk.moderate(room, body.comment_id, body.action, actor(request))
    if record is None:
        raise HTTPException(status_code=404, detail=f"no comment {body.comment_id!r} in {room}")
    return ModerationEntry(**record.view())


@router.post(
    "/v1/live/rooms/{room}/moderation/{entry_id}/undo",
    response_model=ModerationEntry,
    responses={404: {"description": "No such entry"}, 422: {"description": "Undone already"}},
)
def undo_moderation(room: str, entry_id: str, request: Request, hub: HubDep) -> ModerationEntry:
    """Takes a decision back, noted as ``undo``."""
    check_room(request, hub, room)
    known(hub, room)
    record = hub.desk.undo(room, entry_id, actor(request))
    if record is None:
        raise HTTPException(status_code=404, detail=f"no moderation entry {entry_id!r}")
    return ModerationEntry(**record.view())


@router.get("/v1/live/rooms/{room}/settings", response_model=RoomSettings)
def room_settings(room: str, request: Request, hub: HubDep) -> RoomSettings:
    check_room(request, hub, room)
    known(hub, room)
    return RoomSettings(**hub.desk.settings_of(room))


@router.post("/v1/live/rooms/{room}/settings", response_model=RoomSettings)
def change_room_settings(
    room: str, body: RoomSettingsRequest, request: Request, hub: HubDep
) -> RoomSettings:
    """Market, pinned products, moderation level, autonomy (noted as ``settings``/``pin``).
    A market team may not move a room out of its markets."""
    check_room(request, hub, room)
    known(hub, room)
    market = body.market.upper() if body.market else None
    principal = principal_of(request)
    if market and principal is not None and principal.markets and market not in principal.markets:
        reason = f"market {market} is outside your team's markets"
        request.app.state.access.deny(request, principal, reason)
        raise AccessError(reason)
    changed = hub.desk.configure(
        room, actor(request), market=market, pinned=body.pinned,
        moderation=body.moderation, autonomy=body.autonomy,
    )  # fmt: skip
    return RoomSettings(**hub.desk.settings_of(room), changed=changed)
