"""The room's rolling state on planted sequences: the temperature rises with excited praise
and falls with anger, complaint spikes alert and steady complaints do not, questions group by
meaning, pinned products are counted."""

from __future__ import annotations

import numpy as np

from chuhai.live.room import RoomState


def _add(room: RoomState, when: float, **kwargs: object) -> None:
    base = {"sentiment": 0.0, "emotion": "neutral", "intent": "greeting", "text": "hi"}
    room.add(when, **{**base, **kwargs})  # type: ignore[arg-type]


def test_temperature_follows_excitement_and_anger() -> None:
    room = RoomState("r", "ID")
    assert room.temperature == 50.0
    for n in range(20):
        _add(room, n, sentiment=0.9, emotion="joy", intent="praise")
    hot = room.temperature
    assert hot > 75
    for n in range(20, 40):
        _add(room, n, sentiment=-0.9, emotion="anger", intent="complaint_product")
    assert room.temperature < 35
    calm = RoomState("c", "ID")
    for n in range(20):
        _add(calm, n, sentiment=0.9, emotion="trust", intent="praise")
    assert 50 < calm.temperature < hot  # the same praise, less aroused, warms less


def test_temperature_cools_back_with_time() -> None:
    room = RoomState("r", "ID")
    for n in range(10):
        _add(room, n, sentiment=0.9, emotion="joy")
    hot = room.temperature
    _add(room, 10 + 600, sentiment=0.0)  # ten minutes of silence
    assert abs(room.temperature - 50) < abs(hot - 50) / 50


def test_complaint_spike_alerts_and_steady_complaints_do_not() -> None:
    steady = RoomState("s", "TH")
    for n in range(0, 300, 40):  # one complaint every 40 s for five minutes
        _add(steady, n, intent="complaint_delivery")
    assert steady.alerts == []
    spiking = RoomState("p", "TH")
    for n in range(0, 200, 50):
        _add(spiking, n, intent="praise")
    for n in range(5):  # five complaints in ten seconds
        _add(spiking, 250 + 2 * n, intent="complaint_product")
    assert [a["kind"] for a in spiking.alerts] == ["complaint_spike"]
    assert spiking.alerts[0]["recent"] >= 3


def test_questions_group_by_meaning() -> None:
    room = RoomState("q", "ID")
    battery = np.array([1.0, 0.0, 0.0], np.float32)
    battery2 = np.array([0.95, 0.31, 0.0], np.float32)
    battery2 /= np.linalg.norm(battery2)
    cod = np.array([0.0, 0.0, 1.0], np.float32)
    _add(room, 1, intent="spec_question", text="baterai tahan berapa jam?", vector=battery)
    _add(room, 2, intent="spec_question", text="batre awet ga kak", vector=battery2)
    _add(room, 3, intent="shipping_question", text="bisa COD?", vector=cod, answered=True)
    questions = room.snapshot(4)["questions"]
    assert [(q["text"], q["count"]) for q in questions] == [
        ("baterai tahan berapa jam?", 2),
        ("bisa COD?", 1),
    ]
    assert questions[1]["answered"] is True


def test_rates_and_pinned_products() -> None:
    room = RoomState("m", "US", pinned=["FN-300"], product_names={"FN-300": ["breeze", "neck fan"]})
    _add(room, 1, intent="purchase_intent", text="I'll take the Breeze!")
    _add(room, 2, intent="greeting", text="hello")
    _add(room, 3, intent="spec_question", text="is the neck fan loud?")
    snap = room.snapshot(3)
    assert snap["comments_per_min"] == 3
    assert snap["purchase_rate"] == round(1 / 3, 3)
    assert snap["mentions"] == {"FN-300": 2}


def test_unanswered_questions_come_first_with_their_count() -> None:
    room = RoomState("q", "TH")
    white = "มีสีขาวไหมคะ"
    for n in range(3):  # asked three times, nothing answers it
        _add(room, n, intent="stock_question", text=white, gist_zh="问库存：有白色吗？",
             gist_kind="gist")  # fmt: skip
    for n in range(5):  # asked more often, but the FAQ answers it
        _add(room, 10 + n, intent="spec_question", text="แบตใช้ได้นานแค่ไหนคะ?", answered=True)
    _add(room, 20, intent="price_question", text="ราคาเท่าไหร่คะ")
    questions = room.snapshot(21)["questions"]
    assert [(q["text"], q["count"], q["answered"]) for q in questions] == [
        (white, 3, False),
        ("ราคาเท่าไหร่คะ", 1, False),
        ("แบตใช้ได้นานแค่ไหนคะ?", 5, True),
    ]
    assert questions[0] | {"first": 0.0, "last": 2.0} == {
        "text": white, "count": 3, "answered": False, "gist_zh": "问库存：有白色吗？",
        "gist_kind": "gist", "intent": "stock_question", "first": 0.0, "last": 2.0,
    }  # fmt: skip
