"""The host's desk over HTTP: the question queue with drafts, "answered" taking a question off
it, pin suggestions and pins, moderation with a log and undo, autonomy and room settings;
every action is in the room's journal (what the post-live review reads) with its actor, and
nothing needs a platform."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chuhai.api import create_app
from chuhai.live.copilot import Copilot
from chuhai.live.hub import LiveHub
from chuhai.records.journal import JournalEntry
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from tests.live.conftest import PRODUCTS

NOW = 1.8e9


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def hub(settings_live: Settings, clock: Clock) -> Iterator[LiveHub]:
    with LiveHub(settings_live, products=PRODUCTS, clock=clock) as live:
        yield live


@pytest.fixture
def client(hub: LiveHub) -> TestClient:
    return TestClient(create_app(live_hub=hub))


def say(hub: LiveHub, cid: str, text: str, intent: str = "greeting", **data: Any) -> None:
    """A comment as the copilot makes it (the desk reads only what the hub publishes)."""
    hub.publish("comment", {
        "kind": "comment", "id": cid, "room": "shop.id", "market": "ID", "text": text,
        "user": data.pop("user", f"u-{cid}"), "language": "id", "intent": intent,
        "action": "allow", **data,
    }, "shop.id")  # fmt: skip


def journal(hub: LiveHub, settings: Settings, *kinds: str) -> list[JournalEntry]:
    hub.flush(last=True)
    with ZoneRouter(settings) as router:
        return router.store("id").journal(room="shop.id", kinds=kinds)


FAQ = {"text": "Sampai 12 jam di kecepatan terendah, kak.", "language": "id", "source": "faq",
       "sku": "FN-300", "question": "Baterainya tahan berapa lama?", "answer_zh": "最低档可用12小时。",
       "answer_zh_kind": "faq"}  # fmt: skip


def test_the_queue_drafts_and_answered(
    hub: LiveHub, client: TestClient, clock: Clock, settings_live: Settings
) -> None:
    say(hub, "p1", "harganya berapa kak?", "price_question")
    for n in range(3):
        say(hub, f"b{n}", "baterainya tahan berapa lama?", "spec_question", answer=FAQ)
    say(hub, "s1", "kirim ke bali berapa hari?", "shipping_question")
    state = client.get("/v1/live/rooms/shop.id/state").json()
    queue = state["questions"]
    assert [(x["id"], x["count"]) for x in queue] == [("b0", 3), ("p1", 1), ("s1", 1)]
    battery, price, shipping = (x["draft"] for x in queue)
    assert (battery["source"], battery["sku"], battery["question"], battery["text_zh"]) == (
        "faq", "FN-300", "Baterainya tahan berapa lama?", "最低档可用12小时。",
    )  # fmt: skip
    assert (price["source"], price["flag_zh"]) == ("unknown", "目录中没有价格信息")
    assert (shipping["source"], shipping["flag"]) == ("none", "no_answer")
    assert all(x["draft"]["text_zh"] for x in queue)
    assert "answer" not in queue[0]  # the copilot's raw reply stays inside

    clock.now += 42
    done = client.post("/v1/live/rooms/shop.id/questions/b0/answered")
    assert done.status_code == 200
    assert done.json() | {"journal_id": None} == {
        "room": "shop.id",
        "question_id": "b0",
        "seconds": 42.0,
        "journal_id": None,
    }
    state = client.get("/v1/live/rooms/shop.id/state").json()
    assert [x["id"] for x in state["questions"]] == ["p1", "s1"]
    assert [(a["id"], a["seconds"]) for a in state["answered"]] == [("b0", 42.0)]
    assert client.post("/v1/live/rooms/shop.id/questions/b0/answered").status_code == 404
    assert client.post("/v1/live/rooms/nowhere/questions/b0/answered").status_code == 404
    # one answer answers every comment that asked it: the review counts each as answered
    entries = journal(hub, settings_live, "answered")
    assert sorted((e.ref, tuple(e.detail.items()), e.actor) for e in entries) == [
        ("b0", (("seconds", 42.0),), "local"),
        ("b1", (("question", "b0"), ("seconds", 42.0)), "local"),
        ("b2", (("question", "b0"), ("seconds", 42.0)), "local"),
    ]


def test_pin_suggestions_and_pins_are_noted(
    hub: LiveHub, client: TestClient, clock: Clock, settings_live: Settings
) -> None:
    say(hub, "m1", "lampu meja aurora nya bagus")
    assert client.get("/v1/live/rooms/shop.id/state").json()["pin_suggestions"] == []  # once
    say(hub, "m2", "ada timer?", "spec_question", answer=FAQ | {"sku": "LB-100"})  # asked about
    say(hub, "m3", "kipas leher breeze warna apa aja")  # sold in ID too: once only
    suggested = client.get("/v1/live/rooms/shop.id/state").json()["pin_suggestions"]
    assert suggested == [
        {"sku": "LB-100", "name_zh": "极光台灯", "name": "Lampu Meja Aurora", "mentions": 2}
    ]
    pinned = client.post("/v1/live/rooms/shop.id/pin", json={"skus": ["LB-100"]})
    assert pinned.json() == {"room": "shop.id", "pinned": ["LB-100"]}
    assert client.get("/v1/live/rooms/shop.id/state").json()["pin_suggestions"] == []
    clock.now += 1
    client.post("/v1/live/rooms/shop.id/pin", json={"skus": ["FN-300"]})
    entries = sorted(journal(hub, settings_live, "pin"), key=lambda e: (e.time, e.sku))
    assert [(e.sku, e.detail, e.actor) for e in entries] == [
        ("LB-100", {}, "local"),
        ("FN-300", {}, "local"),  # one change: one put on screen, one taken off
        ("LB-100", {"unpinned": True}, "local"),
    ]


def test_moderation_log_undo_and_mute(
    hub: LiveHub, client: TestClient, clock: Clock, settings_live: Settings
) -> None:
    say(hub, "c1", "penipu!", action="hide", why_hidden="strong language: penipu", user="nok1")
    say(hub, "c2", "halo kak")
    url = "/v1/live/rooms/shop.id/moderation"
    hidden = client.post(url, json={"comment_id": "c1", "action": "hide"}).json()
    assert (hidden["action"], hidden["suggested"], hidden["actor"]) == ("hide", "hide", "local")
    clock.now += 1
    muted = client.post(url, json={"comment_id": "c1", "action": "mute"}).json()
    clock.now += 1
    assert client.post(url, json={"comment_id": "c2", "action": "warn"}).status_code == 200
    assert client.post(url, json={"comment_id": "zz", "action": "hide"}).status_code == 404
    assert client.post(url, json={"comment_id": "c1", "action": "ban"}).status_code == 422
    say(hub, "c3", "harganya?", "price_question", user="nok1")  # from the muted viewer
    assert hub.find_event("shop.id", "c3")["muted"] is True  # type: ignore[index]
    state = client.get("/v1/live/rooms/shop.id/state").json()
    assert state["muted"] == ["nok1"] and state["questions"] == []  # muted: no open question
    log = client.get(url).json()
    assert [(e["comment_id"], e["action"], e["undone"]) for e in log["entries"]] == [
        ("c2", "warn", False), ("c1", "mute", False), ("c1", "hide", False),
    ]  # fmt: skip

    clock.now += 1
    undo = client.post(f"{url}/{muted['id']}/undo")
    assert undo.status_code == 200 and undo.json()["undone_by"] == "local"
    assert client.post(f"{url}/{muted['id']}/undo").status_code == 422  # once
    assert client.post(f"{url}/nope/undo").status_code == 404
    assert client.get(url).json()["muted"] == []
    say(hub, "c4", "harganya?", "price_question", user="nok1")
    assert "muted" not in hub.find_event("shop.id", "c4")  # type: ignore[operator]

    moderation = journal(hub, settings_live, "moderation", "undo")
    assert [(e.kind, e.ref, e.detail) for e in moderation] == [
        ("moderation", "c1", {"action": "hide"}),
        ("moderation", "c1", {"action": "mute"}),
        ("moderation", "c2", {"action": "warn"}),
        ("undo", muted["id"], {"action": "mute"}),
    ]
    assert muted["id"] == moderation[1].id  # the log's entry is the journal's
    assert "nok1" not in "".join(e.model_dump_json() for e in moderation)  # no viewer id


def test_observe_mode_shows_no_drafts_and_no_suggestions(
    hub: LiveHub, client: TestClient, settings_live: Settings
) -> None:
    say(hub, "q1", "baterainya tahan berapa lama?", "spec_question", answer=FAQ)
    say(hub, "q2", "lampu meja aurora?", "spec_question", answer=FAQ | {"sku": "LB-100"})
    say(hub, "q3", "lampu meja aurora bagus")
    url = "/v1/live/rooms/shop.id/settings"
    changed = client.post(url, json={"autonomy": "observe"}).json()
    assert changed["autonomy"] == "observe" and changed["changed"] == {"autonomy": "observe"}
    state = client.get("/v1/live/rooms/shop.id/state").json()
    assert [x["draft"] for x in state["questions"]] == [None, None]
    assert state["pin_suggestions"] == [] and state["autonomy"] == "observe"
    client.post(url, json={"autonomy": "suggest"})
    state = client.get("/v1/live/rooms/shop.id/state").json()
    assert state["questions"][0]["draft"]["source"] == "faq" and state["pin_suggestions"]
    entries = journal(hub, settings_live, "settings")
    assert [e.detail for e in entries] == [{"autonomy": "observe"}, {"autonomy": "suggest"}]


@pytest.mark.parametrize(
    ("body", "status", "changed"),
    [
        ({"moderation": "strict"}, 200, {"moderation": "strict"}),
        ({"market": "th"}, 200, {"market": "TH", "previous_market": "ID"}),
        ({"pinned": ["LB-100", "FN-300"]}, 200, {"pinned": ["LB-100", "FN-300"]}),
        ({"moderation": "normal", "autonomy": "suggest"}, 200, {}),  # as it was
        ({"market": "FR"}, 422, None),  # not enabled
        ({"moderation": "harsh"}, 422, None),
        ({"autonomy": "auto"}, 422, None),  # nothing is ever posted by itself
        ({"pinned": ["NOPE-1"]}, 422, None),
        ({"colour": "red"}, 422, None),
    ],
)
def test_room_settings(
    client: TestClient, hub: LiveHub, body: dict[str, Any], status: int, changed: Any
) -> None:
    say(hub, "x", "halo")
    response = client.post("/v1/live/rooms/shop.id/settings", json=body)
    assert response.status_code == status, response.text
    if changed is not None:
        assert response.json()["changed"] == changed
        shown = client.get("/v1/live/rooms/shop.id/settings").json()
        assert {k: shown[k] for k in body if k != "market"} == {
            k: v for k, v in body.items() if k != "market"
        }


def test_unknown_rooms_are_404(client: TestClient) -> None:
    assert client.get("/v1/live/rooms/nowhere/settings").status_code == 404
    assert client.post("/v1/live/rooms/nowhere/settings", json={}).status_code == 404
    assert client.get("/v1/live/rooms/nowhere/moderation").status_code == 404
    # a room chuhai.toml names is known before its first event
    assert client.get("/v1/live/rooms/shop.th/settings").json()["market"] == "TH"


def test_the_moderation_level_reaches_the_copilot(settings_live: Settings) -> None:
    copilot = Copilot(settings_live, products=PRODUCTS)
    event = {"room": "shop.us", "user": "v", "time": "2026-11-08T20:00:00+00:00"}
    with LiveHub(settings_live, copilot=copilot, products=PRODUCTS, store=False) as live:
        client = TestClient(create_app(live_hub=live))
        normal = live.process(event | {"id": "a", "text": "this is crap lol"}).data
        assert (
            client.post(
                "/v1/live/rooms/shop.us/settings", json={"moderation": "strict"}
            ).status_code
            == 200
        )
        strict = live.process(event | {"id": "b", "text": "this is crap lmao"}).data
    assert normal["toxicity"] == strict["toxicity"] == "mild"
    assert (normal["action"], strict["action"]) == ("flag", "hide")


def test_a_market_team_acts_only_in_its_rooms(hub: LiveHub, settings_live: Settings) -> None:
    from chuhai.access.roles import Role
    from chuhai.api.access import AccessControl

    control = AccessControl.from_settings(settings_live)
    control.store.add_user("id-team", Role.LOCAL, "a long password!", markets=["ID"])
    control.store.add_user("th-team", Role.LOCAL, "a long password!", markets=["TH"])
    tokens = {n: control.store.create_token(n, "t") for n in ("id-team", "th-team")}
    client = TestClient(create_app(settings=settings_live, live_hub=hub, access=control))
    as_id = {"Authorization": f"Bearer {tokens['id-team']}"}
    as_th = {"Authorization": f"Bearer {tokens['th-team']}"}
    say(hub, "q1", "bisa cod?", "shipping_question")
    url = "/v1/live/rooms/shop.id"
    assert client.post(f"{url}/questions/q1/answered", headers=as_th).status_code == 403
    body = {"comment_id": "q1", "action": "warn"}
    assert client.post(f"{url}/moderation", json=body, headers=as_th).status_code == 403
    assert client.post(f"{url}/settings", json={"market": "TH"}, headers=as_id).status_code == 403
    assert client.post(f"{url}/moderation", json=body, headers=as_id).status_code == 200
    assert client.post(f"{url}/questions/q1/answered", headers=as_id).status_code == 200
    entries = journal(hub, settings_live, "answered", "moderation")
    assert {e.actor for e in entries} == {"id-team"}
