"""Platform events that are no comments (gifts, likes, viewer counts...) through the copilot
and hub: counted in the room, kept in its journal with the session, no viewer in it; a
platform's question is a comment."""

from __future__ import annotations

from typing import Any

import pytest

from chuhai.live.copilot import Copilot
from chuhai.live.hub import LiveHub
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from tests.live.conftest import PRODUCTS

T0 = "2026-11-20T13:00:00+00:00"


def ev(kind: str, n: int, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "room": "shop.id", "session": "live-7", "id": f"e{n}",
            "time": f"2026-11-20T13:00:{n:02d}+00:00", "user": f"nok{n}", **fields}  # fmt: skip


EVENTS = [
    ev("viewers", 1, count=120),
    ev("gift", 2, gift="rose", count=3, value=3, unit="diamonds"),
    ev("gift", 3, gift="lion", count=1, value=29999, unit="diamonds"),
    ev("like", 4, count=15),
    ev("join", 5),
    ev("viewers", 6, count=95),
    ev("unknown", 7, raw_type="WebcastEnvelopeMessage"),
    ev("question", 8, text="Bisa COD?"),
    ev("comment", 9, text="kak harganya berapa?"),
]


@pytest.fixture
def hub(settings_live: Settings) -> LiveHub:
    copilot = Copilot(settings_live, products=PRODUCTS)
    return LiveHub(settings_live, copilot=copilot, products=PRODUCTS, clock=lambda: 1.8e9)


def test_platform_events_are_counted_in_the_room(hub: LiveHub) -> None:
    outputs = hub.process_many(EVENTS)
    assert [o.kind for o in outputs] == ["skipped"] * 7 + ["comment"] * 2
    snap = hub.snapshot("shop.id")
    assert snap["viewers"] == 95
    assert snap["viewers_peak"] == 120
    assert snap["activity"] == {"gift": 4, "like": 15, "join": 1, "unknown": 1}
    assert snap["gift_value"] == 30002
    assert snap["comments"] == 2
    hub.close()


@pytest.mark.parametrize(
    ("kind", "count", "value", "detail"),
    [
        ("viewers", 120, 0.0, {}),
        ("gift", 3, 3.0, {"unit": "diamonds", "gift": "rose"}),
        ("like", 15, 0.0, {}),
        ("unknown", 0, 0.0, {"raw_type": "WebcastEnvelopeMessage"}),
    ],
)
def test_the_journal_keeps_each_platform_event_with_its_session(
    hub: LiveHub,
    settings_live: Settings,
    kind: str,
    count: int,
    value: float,
    detail: dict[str, Any],
) -> None:
    hub.process_many(EVENTS)
    hub.close()
    with ZoneRouter(settings_live) as router:
        stored = router.store("id").journal(session_id="live-7", kinds=[kind])
    first = stored[0]
    assert (first.count, first.value, first.detail, first.actor) == (count, value, detail, "system")
    assert first.room == "shop.id"
    assert first.time.isoformat().startswith("2026-11-20T13:00:0")
    assert "nok" not in first.model_dump_json()  # no viewer id in the journal


def test_comments_carry_their_session_to_the_room(hub: LiveHub) -> None:
    hub.process_many([EVENTS[-1]])
    entry = hub.note("shop.id", "answered", ref="e9", actor="host")
    assert entry is not None
    assert entry.session_id == "live-7"
    assert entry.zone == "id"
    hub.close()


def test_a_room_without_a_market_keeps_no_journal(hub: LiveHub) -> None:
    assert hub.note("nowhere", "pin", sku="FN-300", actor="host") is None
    hub.close()
