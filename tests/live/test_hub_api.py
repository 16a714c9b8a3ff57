"""The hub over HTTP: events pushed by POST and WebSocket, the room followed as server-sent
events that resume from Last-Event-ID without losing or repeating a comment, room state,
and everything stored in the zone."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse

from chuhai.api import create_app
from chuhai.live.copilot import Copilot
from chuhai.live.hub import LiveHub
from chuhai.settings import Settings
from chuhai.store import INTAKE_ZONE, ZoneRouter
from tests.live.conftest import PRODUCTS, SESSION


def _events() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SESSION.read_text("utf-8").splitlines() if line]


@pytest.fixture
def hub(settings_live: Settings) -> Iterator[LiveHub]:
    copilot = Copilot(settings_live, products=PRODUCTS, pinned={"shop.id": ["FN-300"]})
    with LiveHub(settings_live, copilot=copilot, products=PRODUCTS) as live:
        yield live


def test_post_events_then_read_the_room(hub: LiveHub, settings_live: Settings) -> None:
    client = TestClient(create_app(live_hub=hub))
    events = _events()
    response = client.post("/v1/live/events", json=[*events, "not an object", {"room": "shop.id"}])
    assert response.status_code == 200
    outcomes = response.json()["outcomes"]
    kinds = [o["kind"] for o in outcomes]
    assert kinds.count("comment") == 14 and kinds.count("skipped") == 1
    assert kinds[-2:] == ["rejected", "rejected"]
    assert [o["seq"] for o in outcomes if o["kind"] == "comment"] == list(range(1, 15))
    feed = client.get("/v1/live/rooms/shop.id/events", params={"after": 10}).json()["events"]
    assert [e["seq"] for e in feed] == [11, 12, 13, 14]
    state = client.get("/v1/live/rooms/shop.id/state").json()
    assert state["comments"] == 14 and state["temperature"] > 50 and state["purchase_rate"] > 0
    assert state["hidden"] == 2 and state["last_id"] == 14
    assert client.get("/v1/live/rooms").json()["rooms"][0]["room"] == "shop.id"
    assert client.post("/v1/live/rooms/shop.id/pin", json={"skus": ["LB-100"]}).status_code == 200
    assert client.get("/v1/live/rooms/shop.id/state").json()["pinned"] == ["LB-100"]
    hub.flush()
    with ZoneRouter(settings_live) as router:
        stored = router.store("id").voices()
        rejected = router.store("id").rejections() + router.store(INTAKE_ZONE).rejections()
    assert len(stored) == 14 and all(v.annotations is not None for v in stored)
    assert not any("0812" in v.text for v in stored)
    assert len(rejected) == 2


def test_websocket_ingest(hub: LiveHub) -> None:
    client = TestClient(create_app(live_hub=hub))
    with client.websocket_connect("/v1/live/ws") as ws:
        for event in _events()[:3]:
            ws.send_text(json.dumps(event))
            assert ws.receive_json()["kind"] == "comment"
        ws.send_bytes(b"\xff\xfe")
        assert "not UTF-8" in ws.receive_json()["reason"]


def test_without_a_hub_the_live_routes_say_so() -> None:
    client = TestClient(create_app())
    response = client.get("/v1/live/rooms")
    assert response.status_code == 503 and "not running" in response.json()["detail"]


@pytest.fixture
def server(hub: LiveHub) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(live_hub=hub), host="127.0.0.1", port=port, log_level="error"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=5)


def _read_comments(url: str, count: int, headers: dict[str, str]) -> list[int]:
    seqs: list[int] = []
    with httpx.stream("GET", url, headers=headers, timeout=10) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        event = ""
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "comment":
                seqs.append(json.loads(line[6:])["seq"])
                if len(seqs) == count:
                    break
    return seqs


def test_stream_resumes_from_the_last_event_id(hub: LiveHub, server: str) -> None:
    events = _events()
    for event in events[:8]:
        hub.process(event)
    url = f"{server}/v1/live/rooms/shop.id/stream"
    first = _read_comments(url, 5, {})
    assert first == [1, 2, 3, 4, 5]
    for event in events[8:]:  # more comments arrive while the page is away
        hub.process(event)
    resumed = _read_comments(url + "?after=0", 9, {"Last-Event-ID": str(first[-1])})
    assert resumed == list(range(6, 15))  # nothing lost, nothing repeated


def test_a_market_team_reaches_only_its_own_rooms(hub: LiveHub, settings_live: Settings) -> None:
    from chuhai.access.roles import Role
    from chuhai.api.access import AccessControl

    control = AccessControl.from_settings(settings_live)
    control.store.add_user("id-team", Role.LOCAL, "a long password!", markets=["ID"])
    control.store.add_user("th-team", Role.LOCAL, "a long password!", markets=["TH"])
    tokens = {n: control.store.create_token(n, "t") for n in ("id-team", "th-team")}
    client = TestClient(create_app(settings=settings_live, live_hub=hub, access=control))
    event = _events()[0]
    as_th = {"Authorization": f"Bearer {tokens['th-team']}"}
    as_id = {"Authorization": f"Bearer {tokens['id-team']}"}
    refused = client.post("/v1/live/events", json=[event], headers=as_th).json()["outcomes"]
    assert refused[0]["kind"] == "refused" and "outside your team" in refused[0]["reason"]
    accepted = client.post("/v1/live/events", json=[event], headers=as_id).json()["outcomes"]
    assert accepted[0]["kind"] == "comment"
    assert client.get("/v1/live/rooms", headers=as_th).json()["rooms"] == []
    assert [r["room"] for r in client.get("/v1/live/rooms", headers=as_id).json()["rooms"]] == [
        "shop.id"
    ]
    assert client.get("/v1/live/rooms/shop.id/events", headers=as_th).status_code == 403
    assert client.get("/v1/live/rooms/shop.id/events", headers=as_id).status_code == 200
    with pytest.raises(WebSocketDenialResponse), client.websocket_connect("/v1/live/ws"):
        pass  # no sign-in: refused at the handshake


def test_room_products_pins_zone_and_reasons_in_chinese(hub: LiveHub) -> None:
    client = TestClient(create_app(live_hub=hub))
    client.post("/v1/live/events", json=_events())
    client.post("/v1/live/events", json={"id": "t1", "room": "shop.th", "user": "a",
                                         "time": "2026-11-08T20:15:00+07:00", "text": "สวัสดีค่ะ"})  # fmt: skip
    products = client.get("/v1/live/rooms/shop.th/products").json()["products"]
    assert {p["sku"]: (p["name_zh"], p["name"], p["pinned"]) for p in products} == {
        "FN-300": ("挂脖风扇", "พัดลมคล้องคอ", False),
        "LB-100": ("极光台灯", "Aurora Desk Lamp", False),  # no Thai name: the English one
    }
    assert client.post("/v1/live/rooms/shop.th/pin", json={"skus": ["LB-100"]}).status_code == 200
    state = client.get("/v1/live/rooms/shop.th/state").json()
    assert state["timezone"] == "Asia/Bangkok"
    assert state["pinned_products"] == [
        {"sku": "LB-100", "name_zh": "极光台灯", "name": "Aurora Desk Lamp", "mentions": 0}
    ]
    assert client.get("/v1/live/rooms/shop.id/state").json()["timezone"] == "Asia/Jakarta"
    hidden = [e for e in hub.events_after("shop.id", 0) if e.get("why_hidden")]
    assert hidden and all(e["why_zh"] and e["why_zh"].isascii() is False for e in hidden)


def test_the_page_carries_a_label_for_every_code(hub: LiveHub) -> None:
    page = TestClient(create_app(live_hub=hub)).get("/live").text
    labels = json.loads(page.split("const LABELS = ", 1)[1].split(";</script>", 1)[0])
    assert labels["intent"]["spec_question"] == ["问规格", "asks about specs"]
    assert labels["city"]["Asia/Bangkok"] == ["曼谷", "Bangkok"]
    assert labels["operator_timezone"] == "Asia/Shanghai"
