"""The live-room copilot over HTTP: push events (POST or WebSocket), follow a room as
server-sent events that resume from the last event id, room state, its products, and the
copilot page itself (``/live``). The host's actions are in ``live_desk``."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import HTMLResponse
from starlette.requests import HTTPConnection

from chuhai.access.roles import Permission
from chuhai.api.access import principal_of, require
from chuhai.api.lang import LangDep
from chuhai.api.models.common import ERRORS, BusyOut
from chuhai.api.models.live import OutcomesOut, ProductsOut, RoomEventsOut, RoomsOut, RoomStateOut
from chuhai.api.responses import EventStreamResponse
from chuhai.api.routes.live_common import HubDep, check_room, refusal
from chuhai.live.batcher import BatcherClosedError, MicroBatcher, QueueFullError
from chuhai.live.copilot import CopilotOutput
from chuhai.live.display import page_labels
from chuhai.live.hub import LiveHub
from chuhai.web.render import site_bar
from chuhai.web.site import inject

__all__ = ["router"]

router = APIRouter(tags=["live"], dependencies=[require(Permission.LIVE)], responses=ERRORS)
MAX_BATCH = 1000
STATE_EVERY_S = 0.5


LiveEvent = bytes | str | dict[str, Any]
LiveBatcher = MicroBatcher[LiveEvent, CopilotOutput]


def _event_room(event: Any) -> str | None:
    if isinstance(event, dict):
        return str(event.get("room") or "") or None
    try:
        parsed = json.loads(event)
    except (ValueError, TypeError):
        return None
    return str(parsed.get("room") or "") or None if isinstance(parsed, dict) else None


def _refused(conn: HTTPConnection, hub: LiveHub, event: Any) -> dict[str, Any] | None:
    """The outcome for an event in a room the signed-in team may not push to, else None."""
    if principal_of(conn) is None:
        return None
    room = _event_room(event)
    reason = refusal(conn, hub, room)
    if not reason:
        return None
    conn.app.state.access.deny(conn, principal_of(conn), reason)
    return {"kind": "refused", "room": room, "reason": reason}


def _outcome(output: CopilotOutput) -> dict[str, Any]:
    data = output.data
    return {k: data.get(k) for k in ("kind", "id", "room", "seq", "action", "reason") if k in data}


def _batcher(conn: HTTPConnection, hub: LiveHub) -> LiveBatcher:
    """The app's batcher in front of ``hub.process_many``, made on first use (the lifespan
    closes it; an app used without one still gets a batcher, whose thread leaves when idle)."""
    state = conn.app.state
    with state.lock:
        if state.live_batcher is None:
            config = hub.settings.live
            state.live_batcher = MicroBatcher(
                hub.process_many,
                window_s=config.batch_window_ms / 1000,
                max_batch=config.batch_size,
                max_queue=config.queue_size,
                name="chuhai-live-batcher",
            )
        batcher: LiveBatcher = state.live_batcher
    return batcher


async def _ingest(
    conn: HTTPConnection, hub: LiveHub, events: list[LiveEvent]
) -> list[dict[str, Any] | Exception]:
    """Events in, one outcome each: refused here, queued for the workers (Redis), or run by
    the copilot with whatever other requests sent in the same few milliseconds. An event the
    copilot failed on gets its exception. Raises QueueFullError when the queue is full."""
    outcomes: list[dict[str, Any] | Exception | None] = [_refused(conn, hub, e) for e in events]
    todo = [i for i, o in enumerate(outcomes) if o is None]
    bus = getattr(conn.app.state, "live_bus", None)
    if bus is not None and todo:
        ids = await asyncio.to_thread(lambda: [bus.push(events[i]) for i in todo])
        for i, stream_id in zip(todo, ids, strict=True):
            outcomes[i] = {"kind": "queued", "stream_id": stream_id}
    elif todo:
        futures = _batcher(conn, hub).submit_many([events[i] for i in todo])
        done = await asyncio.gather(*map(asyncio.wrap_future, futures), return_exceptions=True)
        for i, result in zip(todo, done, strict=True):
            if isinstance(result, CopilotOutput):
                outcomes[i] = _outcome(result)
            elif isinstance(result, Exception):
                outcomes[i] = result
            else:  # cancelled: this request is being torn down
                raise result
    return [o for o in outcomes if o is not None]


def _failure(exc: Exception) -> str:
    if isinstance(exc, BatcherClosedError):
        return str(exc)
    return f"the copilot could not process this event: {type(exc).__name__}: {exc}"[:500]


@router.post(
    "/v1/live/events",
    response_model=OutcomesOut,
    response_model_exclude_unset=True,
    responses={
        422: {
            **ERRORS[422],
            "description": "Not 1 to 1,000 events, or the one event could not be processed",
        },
        429: {"model": BusyOut, "description": "The queue is full: retry after `retry_after` s"},
    },
)
async def push_events(
    request: Request, hub: HubDep, body: Annotated[Any, Body(description="event or events")]
) -> dict[str, Any]:
    """One event (an object) or a batch (an array of at most 1,000); one outcome each.

    Events are analysed in micro-batches with what other requests send at the same time
    (``[live] batch_window_ms``). When the queue is full the answer is 429 with
    ``Retry-After`` and ``retry_after`` (seconds). In a batch, an event the copilot fails on
    gets the outcome ``error`` and the others go through; a single such event gets 422.
    """
    events = body if isinstance(body, list) else [body]
    if not events or len(events) > MAX_BATCH:
        raise HTTPException(status_code=422, detail=f"send 1 to {MAX_BATCH} events")
    outcomes = await _ingest(
        request, hub, [e if isinstance(e, dict) else json.dumps(e) for e in events]
    )
    if not isinstance(body, list) and isinstance(outcomes[0], Exception):
        exc = outcomes[0]
        code = 503 if isinstance(exc, BatcherClosedError) else 422
        raise HTTPException(status_code=code, detail=_failure(exc))
    return {
        "outcomes": [
            {"kind": "error", "reason": _failure(o)} if isinstance(o, Exception) else o
            for o in outcomes
        ]
    }


@router.websocket("/v1/live/ws")
async def push_websocket(websocket: WebSocket) -> None:
    """Send one event (JSON object) per message; each gets its outcome back (``busy`` with
    ``retry_after`` when the queue is full, ``error`` when the copilot failed on it)."""
    hub = getattr(websocket.app.state, "live", None)
    await websocket.accept()
    if hub is None:
        await websocket.close(code=1013, reason="the live copilot is not running")
        return
    try:
        while True:
            message = await websocket.receive()
            if message.get("type") == "websocket.disconnect":
                return
            raw = message.get("bytes") or message.get("text") or ""
            outcome: dict[str, Any]
            try:
                found = (await _ingest(websocket, hub, [raw]))[0]
            except QueueFullError as busy:
                outcome = {"kind": "busy", "retry_after": busy.retry_after, "reason": str(busy)}
            else:
                if isinstance(found, Exception):
                    found = {"kind": "error", "reason": _failure(found)}
                outcome = found
            await websocket.send_json(outcome)
    except WebSocketDisconnect:
        return


@router.get("/v1/live/rooms", response_model=RoomsOut)
def rooms(request: Request, hub: HubDep) -> dict[str, Any]:
    """The rooms seen so far (a market team: the rooms of its markets)."""
    listed = hub.room_list()
    return {"rooms": [r for r in listed if not refusal(request, hub, str(r["room"]))]}


@router.get("/v1/live/rooms/{room}/state", response_model=RoomStateOut)
def room_state(room: str, request: Request, hub: HubDep) -> dict[str, Any]:
    check_room(request, hub, room)
    return hub.snapshot(room)


@router.get("/v1/live/rooms/{room}/events", response_model=RoomEventsOut)
def room_events(
    room: str,
    request: Request,
    hub: HubDep,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    """Comments with ids above ``after``: what a client missed."""
    check_room(request, hub, room)
    return {"room": room, "events": hub.events_after(room, after, limit)}


@router.get("/v1/live/rooms/{room}/products", response_model=ProductsOut)
def room_products(room: str, request: Request, hub: HubDep) -> dict[str, Any]:
    """The products the room can pin (those sold in its market), with their names."""
    check_room(request, hub, room)
    return {"room": room, "products": hub.room_products(room)}


@router.get("/v1/live/rooms/{room}/stream", response_class=EventStreamResponse)
async def stream(
    room: str, request: Request, hub: HubDep, after: Annotated[int | None, Query(ge=0)] = None
) -> EventStreamResponse:
    """Server-sent events: ``comment`` (with ``id``: the browser resumes from it after a
    reconnect, so no comment is lost or shown twice) and ``state`` (the room's gauges)."""
    check_room(request, hub, room)
    # A reconnecting EventSource repeats its first URL and adds Last-Event-ID: take the later.
    header = request.headers.get("last-event-id", "")
    last = max(after or 0, int(header) if header.isdigit() else 0)

    async def events() -> AsyncIterator[str]:
        nonlocal last
        yield "retry: 1000\n\n"
        state_at = 0.0
        while not await request.is_disconnected():
            for event in hub.events_after(room, last):
                last = int(event["seq"])
                data = json.dumps(event, ensure_ascii=False)
                yield f"id: {last}\nevent: comment\ndata: {data}\n\n"
            if time.monotonic() - state_at >= STATE_EVERY_S:
                state_at = time.monotonic()
                snapshot = json.dumps(hub.snapshot(room), ensure_ascii=False)
                yield f"event: state\ndata: {snapshot}\n\n"
            await asyncio.sleep(0.1)

    return EventStreamResponse(
        events(),
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/live", response_class=HTMLResponse)
def copilot_page(request: Request, lang: LangDep) -> HTMLResponse:
    """The copilot page (中文 / English); its script and styles are served by the app, its
    labels for every code come with it, and the bar every page has on top."""
    page = resources.files("chuhai.web").joinpath("static/copilot.html").read_text("utf-8")
    labels = json.dumps(page_labels(), ensure_ascii=False).replace("</", "<\\/")
    script = f"<script>const LABELS = {labels};</script>\n"
    page = page.replace("<script src=", script + "<script src=", 1)
    bar = site_bar(lang=lang, user=principal_of(request), path="/live",
                   query=dict(request.query_params), current="live")  # fmt: skip
    return HTMLResponse(inject(page, bar))
