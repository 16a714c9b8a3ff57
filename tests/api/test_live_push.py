"""POST /v1/live/events and the WebSocket batch for the client: events sent one per request
at the same time reach the hub in one ``process_many`` call, each request gets its own
outcome, a full queue answers 429 with Retry-After, an event the copilot fails on fails
alone, and the app's lifespan ends the batcher's thread.

A spy hub stands in for the copilot: its first call waits at a gate, so the requests after it
queue up; no timing is asserted."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.live.batcher import MicroBatcher
from chuhai.live.copilot import CopilotOutput
from chuhai.live.hub import LiveHub
from chuhai.settings import Settings
from tests.live.conftest import live_settings

BATCHER = "chuhai-live-batcher"


class SpyHub(LiveHub):
    """Records each ``process_many`` call; fails a batch holding a text with "boom"."""

    def __init__(self, settings: Settings, *, hold: bool = True) -> None:
        super().__init__(settings, store=False)
        self.calls: list[list[str]] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def process_many(self, raws: Sequence[bytes | str | Mapping[str, Any]]) -> list[CopilotOutput]:
        texts = [str(_event(raw)["text"]) for raw in raws]
        self.calls.append(texts)
        self.started.set()
        assert self.release.wait(30), "the test never released the hub"
        if any("boom" in t for t in texts):
            raise ValueError("boom")
        return [
            CopilotOutput("comment", {"kind": "comment", "id": t, "room": "shop.id", "seq": n})
            for n, t in enumerate(texts, 1)
        ]


def _event(raw: bytes | str | Mapping[str, Any]) -> Mapping[str, Any]:
    return raw if isinstance(raw, Mapping) else json.loads(raw)


def _comment(text: str) -> dict[str, Any]:
    return {"id": text, "room": "shop.id", "time": "2026-11-08T20:00:00+07:00", "user": "u",
            "text": text}  # fmt: skip


def _batchers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == BATCHER and t.is_alive()]


Scenario = Callable[[httpx.AsyncClient, SpyHub], Awaitable[None]]


def _run(app: FastAPI, hub: SpyHub, scenario: Scenario) -> None:
    """``scenario`` against the app, inside its lifespan (as under ``chuhai serve``)."""

    async def main() -> None:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                try:
                    await scenario(client, hub)
                finally:
                    hub.release.set()

    asyncio.run(main())


async def _queued(app: FastAPI, count: int) -> None:
    """Wait until ``count`` events wait in the batcher (the worker is held at the gate)."""
    for _ in range(3000):
        batcher: MicroBatcher[Any, Any] | None = app.state.live_batcher
        if batcher is not None and batcher.queued() >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{count} events never queued")


def test_requests_sent_together_are_one_batch_each_with_its_own_outcome(
    tmp_path: Path,
) -> None:
    hub = SpyHub(live_settings(tmp_path))
    app = create_app(live_hub=hub)
    texts = [f"comment {n}" for n in range(20)]
    answers: dict[str, Any] = {}

    async def scenario(client: httpx.AsyncClient, hub: SpyHub) -> None:
        first = asyncio.create_task(client.post("/v1/live/events", json=_comment("first")))
        await asyncio.to_thread(hub.started.wait, 30)
        sent = [
            asyncio.create_task(client.post("/v1/live/events", json=_comment(t))) for t in texts
        ]
        await _queued(app, len(texts))
        hub.release.set()
        for text, response in zip(texts, await asyncio.gather(*sent), strict=True):
            answers[text] = (response.status_code, response.json())
        assert (await first).status_code == 200

    _run(app, hub, scenario)
    assert [len(call) for call in hub.calls] == [1, 20]  # twenty requests, one call
    # Concurrent requests have no order among themselves; each gets the outcome of its own
    # event (the spy numbers them by their place in the call), in the usual shape.
    assert sorted(hub.calls[1]) == sorted(texts)
    for n, text in enumerate(hub.calls[1], 1):
        assert answers[text] == (
            200,
            {"outcomes": [{"kind": "comment", "id": text, "room": "shop.id", "seq": n}]},
        )
    assert not _batchers()  # the lifespan ended the thread


@pytest.mark.parametrize(
    ("queue_size", "waiting", "refused"),
    [
        (1, 1, 1),  # one event waits; the next is refused
        (3, 3, 2),
    ],
)
def test_a_full_queue_answers_429_with_retry_after(
    tmp_path: Path, queue_size: int, waiting: int, refused: int
) -> None:
    hub = SpyHub(live_settings(tmp_path, queue_size=queue_size))
    app = create_app(live_hub=hub)
    statuses: list[int] = []

    async def scenario(client: httpx.AsyncClient, hub: SpyHub) -> None:
        first = asyncio.create_task(client.post("/v1/live/events", json=_comment("held")))
        await asyncio.to_thread(hub.started.wait, 30)
        queued = [
            asyncio.create_task(client.post("/v1/live/events", json=_comment(f"q{n}")))
            for n in range(waiting)
        ]
        await _queued(app, waiting)
        for n in range(refused):
            busy = await client.post("/v1/live/events", json=_comment(f"busy {n}"))
            assert busy.status_code == 429
            body = busy.json()
            assert body["retry_after"] >= 1 and "queue is full" in body["detail"]
            assert busy.headers["Retry-After"] == str(body["retry_after"])
        batch = await client.post("/v1/live/events", json=[_comment("a"), _comment("b")])
        assert batch.status_code == 429  # a batch too: all or none
        hub.release.set()
        statuses.extend(r.status_code for r in await asyncio.gather(first, *queued))

    _run(app, hub, scenario)
    assert statuses == [200] * (1 + waiting)
    assert sum(len(call) for call in hub.calls) == 1 + waiting  # nothing refused ran


def test_a_batch_keeps_its_order(tmp_path: Path) -> None:
    hub = SpyHub(live_settings(tmp_path, batch_size=4), hold=False)
    app = create_app(live_hub=hub)
    texts = [f"c{n}" for n in range(10)]
    got: list[Any] = []

    async def scenario(client: httpx.AsyncClient, hub: SpyHub) -> None:
        response = await client.post("/v1/live/events", json=[_comment(t) for t in texts])
        got.extend(response.json()["outcomes"])

    _run(app, hub, scenario)
    assert [o["id"] for o in got] == texts
    assert hub.calls == [texts[:4], texts[4:8], texts[8:]]  # at most batch_size per call


def test_an_event_the_copilot_fails_on_fails_alone(tmp_path: Path) -> None:
    hub = SpyHub(live_settings(tmp_path), hold=False)
    app = create_app(live_hub=hub)
    got: dict[str, Any] = {}

    async def scenario(client: httpx.AsyncClient, hub: SpyHub) -> None:
        batch = await client.post(
            "/v1/live/events", json=[_comment("fine"), _comment("boom"), _comment("also fine")]
        )
        got["batch"] = batch.json()["outcomes"]
        alone = await client.post("/v1/live/events", json=_comment("boom again"))
        got["alone"] = (alone.status_code, alone.json()["detail"])

    _run(app, hub, scenario)
    kinds = [(o["kind"], o.get("id")) for o in got["batch"]]
    assert kinds == [("comment", "fine"), ("error", None), ("comment", "also fine")]
    assert "ValueError: boom" in got["batch"][1]["reason"]
    assert got["alone"][0] == 422 and "could not process this event" in got["alone"][1]
    # the batch of three failed, then each ran alone
    assert hub.calls[:4] == [["fine", "boom", "also fine"], ["fine"], ["boom"], ["also fine"]]


def test_the_websocket_says_busy_with_retry_after(tmp_path: Path) -> None:
    hub = SpyHub(live_settings(tmp_path, queue_size=1))
    app = create_app(live_hub=hub)
    with TestClient(app) as client:
        posts = [
            threading.Thread(target=client.post, args=("/v1/live/events",),
                             kwargs={"json": _comment(t)})
            for t in ("held", "waiting")
        ]  # fmt: skip
        posts[0].start()
        assert hub.started.wait(30)
        posts[1].start()
        asyncio.run(_queued(app, 1))
        with client.websocket_connect("/v1/live/ws") as ws:
            ws.send_text(json.dumps(_comment("one more")))
            busy = ws.receive_json()
            assert busy["kind"] == "busy" and busy["retry_after"] >= 1
            hub.release.set()
            for post in posts:
                post.join(30)
            ws.send_text(json.dumps(_comment("later")))
            assert ws.receive_json()["id"] == "later"
    assert not _batchers()


def test_without_the_lifespan_the_batcher_still_works(tmp_path: Path) -> None:
    hub = SpyHub(live_settings(tmp_path), hold=False)
    app = create_app(live_hub=hub)
    client = TestClient(app)  # no `with`: no lifespan, as some callers use the app
    for text in ("one", "two"):
        outcome = client.post("/v1/live/events", json=_comment(text)).json()["outcomes"][0]
        assert outcome["id"] == text
    app.state.live_batcher.close()
    assert not _batchers()
