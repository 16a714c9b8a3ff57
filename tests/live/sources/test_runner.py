"""The runner: each room's connection state on the board through failures, rate limits,
the room ending and coming back; events reach the sink in batches; backoff is bounded."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator
from typing import Any

import pytest

from chuhai.errors import InputError
from chuhai.live.sources import (
    Backoff,
    ConnectionBoard,
    LiveRunner,
    LiveSource,
    RateLimitedError,
    RoomOfflineError,
    parse_target,
)
from chuhai.live.sources.base import EVENT_TYPES
from tests.live.sources.conftest import FakeTime, drive


class Scripted(LiveSource):
    """Each connection plays the next step: events (then the room ends), an exception
    raised after the events before it, or "hang" (connected, quiet)."""

    platform = "twitch"
    example = "twitch:x"
    summary = "scripted"

    def __init__(self, room: str, steps: list[Any], live_answers: list[bool] | None = None,
                 **kw: Any) -> None:  # fmt: skip
        super().__init__(parse_target(room), **kw)
        self.steps = steps
        self.live_answers = list(live_answers or [])
        self.closed = 0
        self.attempts = 0

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        step = self.steps[min(self.attempts, len(self.steps) - 1)]
        self.attempts += 1
        for item in step if isinstance(step, list) else [step]:
            if item == "hang":  # a quiet room: connected, nothing happens
                self.on_live()
                await asyncio.Event().wait()
            if isinstance(item, BaseException):
                raise item
            self.on_live()
            yield (
                self.event(item[0], text=item[1]) if item[0] == "comment" else self.unknown(item[1])
            )

    async def is_live(self) -> bool | None:
        return self.live_answers.pop(0) if self.live_answers else None

    async def close(self) -> None:
        self.closed += 1


ROOM = "twitch:shop_live"


@pytest.mark.parametrize(
    ("steps", "live_answers", "states", "sleeps"),
    [
        # a failure: error with retry 1 and its backoff; the next connection resets it
        ([[OSError("connection reset")], [("comment", "hi"), "hang"]], [],
         [("error", 1, 1.0)], [1.0]),
        # failures in a row: 1, 2, 4 s ... (jitter 0 in tests)
        ([[OSError("a")], [OSError("b")], [OSError("c")], [("comment", "hi"), "hang"]], [],
         [("error", 1, 1.0), ("error", 2, 2.0), ("error", 3, 4.0)], [1.0, 2.0, 4.0]),
        # the platform asks us to wait: waiting, its seconds, no failure counted
        ([[RateLimitedError(42, "waiting for the sign server, 42 s")], [("comment", "hi"), "hang"]],
         [], [("waiting", 0, 42)], [42]),
        # offline: ended, polled slowly; "not live" twice, then live
        ([[RoomOfflineError("not live")], [("comment", "hi"), "hang"]], [False, False, True],
         [("ended", 0, 60.0)] * 3, [60.0] * 3),
        # the room ends after a comment (the source returns), then comes back
        ([[("comment", "bye")], [("comment", "hi"), "hang"]], [True],
         [("ended", 0, 60.0)], [60.0]),
    ],
)  # fmt: skip
def test_board_states_through_a_room_s_life(
    steps: list[Any], live_answers: list[bool], states: list[Any], sleeps: list[float]
) -> None:
    clock = FakeTime()
    source = Scripted(ROOM, steps, live_answers, options=clock.options())
    _, board, _ = drive(
        [source], clock, lambda ev, b: any(e.get("text") == "hi" for e in ev)
        and b.get(ROOM)["state"] == "live",
    )  # fmt: skip
    assert clock.states(ROOM) == states
    assert clock.sleeps == sleeps
    entry = board.get(ROOM)
    assert entry["state"] == "stopped" and entry["retries"] == 0
    assert source.closed == source.attempts  # every connection was let go
    assert entry["platform"] == "twitch" and entry["target"] == ROOM


def test_errors_are_on_the_board_while_they_last() -> None:
    clock = FakeTime()
    source = Scripted(
        ROOM, [[OSError("connection reset by peer")], ["hang"]], options=clock.options()
    )
    drive([source], clock, lambda ev, b: b.get(ROOM)["state"] == "live")
    _, entry = next((s, e) for s, e in clock.seen if e["state"] == "error")
    assert entry["last_error"] == "OSError: connection reset by peer"
    assert entry["wait_s"] == 1.0 and entry["since"] == "2026-05-01T12:00:00+00:00"


def test_unknown_types_are_counted_per_type_and_still_delivered() -> None:
    clock = FakeTime()
    steps = [[("unknown", "RankUpdateEvent"), ("unknown", "RankUpdateEvent"),
              ("unknown", "PollEvent"), ("comment", "hi"), "hang"]]  # fmt: skip
    source = Scripted(ROOM, steps, options=clock.options())
    events, board, _ = drive([source], clock, lambda ev, b: len(ev) == 4)
    entry = board.get(ROOM)
    assert entry["unknown"] == {"RankUpdateEvent": 2, "PollEvent": 1}
    assert entry["types"] == {"unknown": 3, "comment": 1} and entry["events"] == 4
    assert [e["raw_type"] for e in events if e["type"] == "unknown"] == [
        "RankUpdateEvent", "RankUpdateEvent", "PollEvent"
    ]  # fmt: skip


def test_several_rooms_in_one_process_and_batches() -> None:
    clock = FakeTime()
    a = Scripted("twitch:room_a", [[*[("comment", f"a{i}") for i in range(30)], "hang"]],
                 options=clock.options())  # fmt: skip
    b = Scripted("tiktok:@room_b", [[OSError("x")], [("comment", "b"), "hang"]],
                 options=clock.options())  # fmt: skip
    events, board, batches = drive([a, b], clock, lambda ev, bd: len(ev) == 31)
    assert sorted(e["room"] for e in events).count("twitch:room_a") == 30
    assert len(batches) < 31  # arrivals close together are delivered together
    assert [e["room"] for e in board.snapshot()] == ["tiktok:@room_b", "twitch:room_a"]


def test_what_arrived_before_the_stop_reaches_the_sink() -> None:
    got: list[dict[str, Any]] = []
    clock = FakeTime()
    source = Scripted(ROOM, [[*[("comment", str(i)) for i in range(5)], "hang"]],
                      options=clock.options())  # fmt: skip
    runner = LiveRunner([source], got.extend, sleep=clock.sleep, batch_window_s=60)

    async def main() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(runner.run(stop))
        while runner.board.get(ROOM)["events"] < 5:
            await asyncio.sleep(0.001)
        stop.set()  # the sink's window (60 s) has not passed: the stop delivers them
        await task

    asyncio.run(main())
    assert [e["text"] for e in got] == ["0", "1", "2", "3", "4"]


def test_one_room_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="two sources for one room"):
        LiveRunner([Scripted(ROOM, []), Scripted(ROOM, [])], print)


@pytest.mark.parametrize(
    ("retry", "rand", "delay"),
    [(1, 0.0, 1.0), (2, 0.0, 2.0), (4, 0.0, 8.0), (7, 0.0, 60.0), (30, 0.0, 60.0),
     (1, 1.0, 0.5), (30, 1.0, 30.0), (3, 0.5, 3.0)],
)  # fmt: skip
def test_backoff_is_exponential_jittered_and_bounded(retry: int, rand: float, delay: float) -> None:
    assert Backoff().delay(retry, lambda: rand) == delay


def test_the_board_is_read_from_other_threads() -> None:
    board = ConnectionBoard()
    source = Scripted(ROOM, [])
    board.add(source)
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            json.dumps(board.snapshot())

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(2000):
        board.count(ROOM, [{"type": "unknown", "raw_type": f"T{i % 7}"}])
        board.set(ROOM, "live" if i % 2 else "waiting", wait_s=i)
    stop.set()
    reader.join()
    assert board.get(ROOM)["events"] == 2000 and sum(board.get(ROOM)["unknown"].values()) == 2000


@pytest.mark.parametrize(
    ("text", "platform", "ident", "room"),
    [
        ("tiktok:@shop_th", "tiktok", "shop_th", "tiktok:@shop_th"),
        ("tiktok:shop.th", "tiktok", "shop.th", "tiktok:shop.th"),
        ("th-main=tiktok:@shop_th", "tiktok", "shop_th", "th-main"),
        ("youtube:dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", "youtube:dQw4w9WgXcQ"),
        ("youtube:@LumioShop", "youtube", "@LumioShop", "youtube:@LumioShop"),
        ("youtube:UCabcdefghijklmnopqrstuv", "youtube", "UCabcdefghijklmnopqrstuv", "youtube:UCabcdefghijklmnopqrstuv"),
        ("twitch:Shop_Live", "twitch", "shop_live", "twitch:Shop_Live"),
        ("TWITCH:#shop_live", "twitch", "shop_live", "TWITCH:#shop_live"),
    ],
)  # fmt: skip
def test_targets_parse(text: str, platform: str, ident: str, room: str) -> None:
    target = parse_target(text)
    assert (target.platform, target.ident, target.room) == (platform, ident, room)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("shop_th", "expected one of tiktok:..., youtube:..., twitch:..."),
        ("instagram:@shop", "expected one of"),
        ("tiktok:", "expected a TikTok handle"),
        ("tiktok:@a b", "expected a TikTok handle"),
        ("youtube:short", "expected a video id"),
        ("twitch:no-dashes", "expected a Twitch channel name"),
        ("bad room!=twitch:shop", "bad room name"),
    ],
)
def test_bad_targets_say_why(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason.replace(".", r"\.").replace("+", r"\+")):
        parse_target(text)


def test_events_follow_the_contract() -> None:
    clock = FakeTime()
    source = Scripted("th-main=tiktok:@shop_th", [], session="s-9", market="TH",
                      options=clock.options())  # fmt: skip
    event = source.event("gift", id="g1", time=1777636800.5, user="amy", gift="Rose",
                         count=3, value=3.0, unit="diamonds")  # fmt: skip
    assert event == {
        "type": "gift", "room": "th-main", "session": "s-9", "platform": "twitch", "id": "g1",
        "time": "2026-05-01T12:00:00.500000+00:00", "user": "amy", "market": "TH",
        "gift": "Rose", "count": 3, "value": 3.0, "unit": "diamonds",
    }  # fmt: skip
    assert source.event("like", count=2)["time"] == "2026-05-01T12:00:00+00:00"  # no time: now
    assert source.event("join")["id"] != source.event("join")["id"]
    assert "question" in EVENT_TYPES
    with pytest.raises(ValueError, match="not an event type"):
        source.event("tip")
