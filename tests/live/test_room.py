"""The room's rolling state on planted sequences: the temperature rises with excited praise
and falls with anger, complaint spikes alert and steady complaints do not, questions group by
meaning into the host's queue (most asked first; answered ones leave it), pinned products are
counted and products not on screen are seen."""

from __future__ import annotations

import numpy as np
import pytest

from chuhai.live.room import MAX_OPEN_QUESTIONS, RoomState


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
    assert questions[1]["has_answer"] is True


def test_rates_and_pinned_products() -> None:
    room = RoomState("m", "US", pinned=["FN-300"], product_names={"FN-300": ["breeze", "neck fan"]})
    _add(room, 1, intent="purchase_intent", text="I'll take the Breeze!")
    _add(room, 2, intent="greeting", text="hello")
    _add(room, 3, intent="spec_question", text="is the neck fan loud?")
    snap = room.snapshot(3)
    assert snap["comments_per_min"] == 3
    assert snap["purchase_rate"] == round(1 / 3, 3)
    assert snap["mentions"] == {"FN-300": 2}


def test_the_queue_puts_the_most_asked_first_with_their_count() -> None:
    room = RoomState("q", "TH")
    white = "มีสีขาวไหมคะ"
    for n in range(3):  # asked three times, nothing answers it
        _add(room, n, intent="stock_question", text=white, gist_zh="问库存：有白色吗？",
             gist_kind="gist", comment_id=f"w{n}", language="th")  # fmt: skip
    for n in range(5):  # asked more often; the FAQ answers it
        _add(room, 10 + n, intent="spec_question", text="แบตใช้ได้นานแค่ไหนคะ?", answered=True,
             comment_id=f"b{n}")  # fmt: skip
    _add(room, 20, intent="price_question", text="ราคาเท่าไหร่คะ", comment_id="p0")
    _add(room, 21, intent="shipping_question", text="ส่งกี่วัน", comment_id="s0")
    questions = room.snapshot(22)["questions"]
    assert [(q["id"], q["count"], q["has_answer"]) for q in questions] == [
        ("b0", 5, True),
        ("w0", 3, False),
        ("p0", 1, False),  # asked as often as s0, and waiting longer
        ("s0", 1, False),
    ]
    assert questions[1] | {"first": 0.0, "last": 2.0} == {
        "id": "w0", "text": white, "count": 3, "has_answer": False, "gist_zh": "问库存：有白色吗？",
        "gist_kind": "gist", "intent": "stock_question", "language": "th", "first": 0.0,
        "last": 2.0, "answer": None, "skus": [],
    }  # fmt: skip


def test_an_answered_question_leaves_the_queue_and_a_new_ask_reopens_it() -> None:
    room = RoomState("q", "TH")
    for n in range(3):
        _add(room, 100 + n, intent="stock_question", text="มีสีขาวไหมคะ", comment_id=f"w{n}")
    assert room.answer_question("nope", 110) is None
    done = room.answer_question("w0", 130)
    assert done is not None and done.seconds == 30.0 and done.count == 3
    snap = room.snapshot(131)
    assert snap["questions"] == []
    assert [(a["id"], a["seconds"]) for a in snap["answered"]] == [("w0", 30.0)]
    assert room.answer_question("w0", 132) is None  # answered once
    _add(room, 140, intent="stock_question", text="มีสีขาวไหมคะ", comment_id="w9")
    assert [q["id"] for q in room.snapshot(141)["questions"]] == ["w9"]


@pytest.mark.parametrize(
    ("comments", "seen"),
    [
        ([("is the Aurora lamp bright?", None)], {"LB-100": 1}),
        ([("lamp?", "LB-100"), ("the aurora lamp", None)], {"LB-100": 2}),
        ([("breeze or aurora lamp?", None)], {"FN-300": 1, "LB-100": 1}),
        ([("hello", None)], {}),
    ],
)
def test_products_named_or_asked_about_are_seen(
    comments: list[tuple[str, str | None]], seen: dict[str, int]
) -> None:
    names = {"FN-300": ["breeze"], "LB-100": ["aurora lamp"]}
    room = RoomState("m", "US", pinned=["FN-300"], product_names=names)
    for n, (text, asked) in enumerate(comments):
        _add(room, n, text=text, intent="spec_question", asked_sku=asked)
    assert dict(room.seen_products(10)) == seen
    assert room.seen_products(10 + 600) == {}  # minutes later, forgotten


def test_a_flood_of_unique_questions_keeps_the_most_asked_within_a_bound() -> None:
    room = RoomState("q", "TH")
    _add(room, 0, intent="stock_question", text="มีสีขาวไหมคะ")
    _add(room, 0.5, intent="stock_question", text="มีสีขาวไหมคะ")  # asked twice
    for n in range(2 * MAX_OPEN_QUESTIONS):  # 0.1 s apart: all within five minutes
        _add(room, 1 + n * 0.1, intent="price_question", text=f"ราคาเท่าไหร่ {n}")
    assert len(room._questions) == MAX_OPEN_QUESTIONS
    top = room.snapshot(2 + MAX_OPEN_QUESTIONS * 0.2)["questions"]
    assert (top[0]["text"], top[0]["count"]) == ("มีสีขาวไหมคะ", 2)
    assert top[1]["text"] == f"ราคาเท่าไหร่ {MAX_OPEN_QUESTIONS + 1}"  # the oldest kept
