"""The connections of ``chuhai live connect``: each room's platform, state (connecting, live,
waiting, ended, error, stopped), retries, waits and event counts, for the /live page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.models.live import ConnectionOut
from chuhai.live.sources.runner import ConnectionBoard

__all__ = ["router"]

router = APIRouter(tags=["live"], dependencies=[require(Permission.LIVE)])


@router.get("/v1/live/connections", response_model=list[ConnectionOut])
def connections(request: Request) -> list[dict[str, Any]]:
    """One object per room: ``{room, platform, target, state, since, retries, wait_s, events,
    unknown: {type: count}, last_error, ...}``; ``[]`` when no room is connected here. A
    market team sees the rooms of its markets."""
    board: ConnectionBoard | None = getattr(request.app.state, "live_sources", None)
    if board is None:
        return []
    rooms = board.snapshot()
    principal = principal_of(request)
    if principal is None or not principal.markets:
        return rooms
    settings = getattr(request.app.state, "settings", None)
    known = settings.live.rooms if settings is not None else {}
    return [r for r in rooms if (r.get("market") or known.get(r["room"])) in principal.markets]
