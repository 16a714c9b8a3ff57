"""What the live routes share: the app's hub, and whether a market team may touch a room."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.requests import HTTPConnection

from chuhai.api.access import principal_of
from chuhai.api.deps import settings_of
from chuhai.errors import AccessError
from chuhai.live.hub import LiveHub

__all__ = ["HubDep", "actor", "check_room", "known", "refusal"]


def _hub(request: Request) -> LiveHub:
    hub = getattr(request.app.state, "live", None)
    if hub is None:
        raise HTTPException(
            status_code=503, detail="the live copilot is not running (chuhai serve)"
        )
    return hub  # type: ignore[no-any-return]


HubDep = Annotated[LiveHub, Depends(_hub)]


def _room_market(conn: HTTPConnection, hub: LiveHub, room: str) -> str | None:
    for found in hub.room_list():
        if found["room"] == room and found["market"]:
            return str(found["market"])
    return settings_of(conn).live.rooms.get(room)


def refusal(conn: HTTPConnection, hub: LiveHub, room: str | None) -> str | None:
    """Why a market team may not touch ``room`` (None: it may, or there is no sign-in)."""
    principal = principal_of(conn)
    if principal is None or not principal.markets:
        return None
    market = _room_market(conn, hub, room) if room else None
    if market is None:
        return f"room {room!r} has no market yet ([live.rooms] in chuhai.toml)"
    if market not in principal.markets:
        return f"room {room} is in {market}, outside your team's markets"
    return None


def check_room(conn: HTTPConnection, hub: LiveHub, room: str) -> None:
    reason = refusal(conn, hub, room)
    if reason:
        control = conn.app.state.access
        control.deny(conn, principal_of(conn), reason)
        raise AccessError(reason)


def actor(conn: HTTPConnection) -> str:
    """Who the journal names for an action: the signed-in user, "local" without sign-in."""
    principal = principal_of(conn)
    return principal.name if principal is not None else "local"


def known(hub: LiveHub, room: str) -> None:
    if not hub.known(room):
        raise HTTPException(status_code=404, detail=f"no live room {room!r}")
