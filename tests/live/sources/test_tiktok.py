"""TikTok LIVE: the library's own messages (its betterproto classes, through its own parser)
map to our events; the source waits for the signing service, reconnects after a drop, and
follows a room that ends and comes back. No network: the client's WebSocket is replaced."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

pytest.importorskip("TikTokLive")

from TikTokLive.client.errors import SignatureRateLimitError, UserOfflineError
from TikTokLive.proto import (
    CommonMessageData,
    Gift,
    ProtoMessageFetchResult,
    ProtoMessageFetchResultBaseProtoMessage,
    Question,
    User,
    WebcastChatMessage,
    WebcastControlMessage,
    WebcastGiftMessage,
    WebcastLikeMessage,
    WebcastMemberMessage,
    WebcastQuestionNewMessage,
    WebcastRankUpdateMessage,
    WebcastRoomUserSeqMessage,
    WebcastSocialMessage,
    WebcastSubNotifyMessage,
)
from TikTokLive.proto.custom_proto import ControlAction
from TikTokLiveProto.v3.webcast.model.message.common import Text
from TikTokLiveProto.v3.webcast.model.message.ext import PopProduct, WebcastOecLiveShoppingMessage

from chuhai.live.sources import make_source, parse_target
from chuhai.live.sources.tiktok import TikTokSource, tiktok_client_class
from tests.live.sources.conftest import FakeTime, drive

ROOM = "tiktok:@shop_th"
T0 = 1777636800000  # 2026-05-01T12:00:00Z in ms


def _common(n: int, key: str = "") -> CommonMessageData:
    display = Text(key=key) if key else None
    return CommonMessageData(msg_id=n, create_time=T0 + n * 1000, display_text=display)


def _user(handle: str) -> User:
    return User(id=abs(hash(handle)) % 10_000, display_id=handle, nickname=handle.title())


def chat(n: int, text: str, who: str = "bob") -> tuple[str, Any]:
    return "WebcastChatMessage", WebcastChatMessage(
        common=_common(n), user=_user(who), content=text
    )


def gift(n: int, repeat: int, end: bool, kind: int = 1, diamonds: int = 1) -> tuple[str, Any]:
    rose = Gift(id=5655, name="Rose" if kind == 1 else "Lion", diamond_count=diamonds, type=kind)
    return "WebcastGiftMessage", WebcastGiftMessage(
        common=_common(n), user=_user("amy"), gift=rose, repeat_count=repeat, repeat_end=int(end)
    )


def control(n: int, action: ControlAction) -> tuple[str, Any]:
    return "WebcastControlMessage", WebcastControlMessage(common=_common(n), action=action)


def fetch(*messages: tuple[str, Any]) -> ProtoMessageFetchResult:
    return ProtoMessageFetchResult(
        messages=[
            ProtoMessageFetchResultBaseProtoMessage(method=method, payload=bytes(proto))
            for method, proto in messages
        ]
    )


class FakeSocket:
    """The library's client with its WebSocket replaced: ``start`` runs the library's own
    receive loop over the fetch results given (or raises what it is told to)."""

    def __init__(self, plan: list[Any], live_answers: list[bool] | None = None) -> None:
        self.plan = plan
        self.live_answers = list(live_answers or [])
        self.starts = 0
        self.clients: list[Any] = []

    def __call__(self, handle: str, sink: Any) -> Any:
        plan = self
        base = tiktok_client_class()

        class Client(base):  # type: ignore[misc, valid-type]
            async def start(self, **kwargs: Any) -> asyncio.Task[Any]:
                step = plan.plan[min(plan.starts, len(plan.plan) - 1)]
                plan.starts += 1
                if isinstance(step, BaseException):
                    raise step

                async def connect(**kw: Any) -> AsyncIterator[ProtoMessageFetchResult]:
                    for result in step:
                        if result == "hang":
                            await asyncio.Event().wait()
                        yield result

                self._room_id = 7
                self._ws.connect = connect
                self._event_loop_task = asyncio.create_task(
                    self._ws_client_loop(ProtoMessageFetchResult(), True, True)
                )
                return self._event_loop_task

            async def is_live(self, unique_id: Any = None) -> bool:
                return plan.live_answers.pop(0) if plan.live_answers else True

        client = Client(handle, sink)
        self.clients.append(client)
        return client


def _source(clock: FakeTime, factory: Any = None, room: str = ROOM, **kw: Any) -> TikTokSource:
    options = clock.options(tiktok_client_factory=factory) if factory else clock.options()
    source = make_source(parse_target(room), options=options, **kw)
    assert isinstance(source, TikTokSource)
    return source


def library_events(*messages: tuple[str, Any]) -> list[tuple[Any, str | None]]:
    """What the library emits for these messages, with the method each came from."""
    got: list[tuple[Any, str | None]] = []

    async def main() -> None:
        client = FakeSocket([[fetch(*messages)]])("shop_th", lambda e, m: got.append((e, m)))
        task = await client.start()
        await task
        await asyncio.sleep(0.01)  # the library's own disconnect task after a live end
        await client.web.close()

    asyncio.run(main())
    return got


shop = WebcastOecLiveShoppingMessage(
    common=_common(40), action_type=3,
    pop_product=PopProduct(product_id=1729, title="Breeze Neck Fan", price="฿399"),
)  # fmt: skip


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        ([chat(1, "ส่งฟรีไหมคะ", "nok")],
         [{"type": "comment", "text": "ส่งฟรีไหมคะ", "id": "1", "user": "nok",
           "time": "2026-05-01T12:00:01+00:00"}]),
        ([("WebcastQuestionNewMessage", WebcastQuestionNewMessage(common=_common(2), data=Question(
            question_id=99, content="How long does the battery last?", user=_user("kim"))))],
         [{"type": "question", "text": "How long does the battery last?", "id": "99", "user": "kim"}]),
        # a streak: only its last repeat counts, with the whole count
        ([gift(3, 1, False), gift(4, 2, False), gift(5, 3, True)],
         [{"type": "gift", "gift": "Rose", "count": 3, "value": 3.0, "unit": "diamonds", "user": "amy"}]),
        # a gift that cannot streak counts at once
        ([gift(6, 1, False, kind=2, diamonds=29999)],
         [{"type": "gift", "gift": "Lion", "count": 1, "value": 29999.0}]),
        ([("WebcastLikeMessage", WebcastLikeMessage(common=_common(7), user=_user("amy"), count=15, total=300))],
         [{"type": "like", "count": 15, "user": "amy"}]),
        ([("WebcastMemberMessage", WebcastMemberMessage(common=_common(8), user=_user("joe")))],
         [{"type": "join", "user": "joe"}]),
        ([("WebcastSocialMessage", WebcastSocialMessage(common=_common(9, "pm_main_follow_message_viewer_2"), user=_user("fay")))],
         [{"type": "follow", "user": "fay", "id": "9"}]),
        ([("WebcastSocialMessage", WebcastSocialMessage(common=_common(10, "pm_mt_guidance_share"), user=_user("fay")))],
         [{"type": "share", "user": "fay"}]),
        ([("WebcastSocialMessage", WebcastSocialMessage(common=_common(11), user=_user("fay")))],
         [{"type": "unknown", "raw_type": "SocialEvent"}]),
        ([("WebcastRoomUserSeqMessage", WebcastRoomUserSeqMessage(common=_common(12), total=321, total_user=5000))],
         [{"type": "viewers", "count": 321}]),
        ([("WebcastOecLiveShoppingMessage", shop)],
         [{"type": "product", "sku": "1729", "product": "Breeze Neck Fan", "action": "pinned"}]),
        ([("WebcastSubNotifyMessage", WebcastSubNotifyMessage(common=_common(13), user=_user("ann")))],
         [{"type": "subscribe", "user": "ann"}]),
        ([control(14, ControlAction.STREAM_PAUSED)], [{"type": "unknown", "raw_type": "LivePauseEvent"}]),
        ([control(15, ControlAction.STREAM_ENDED)], [{"type": "room_end", "id": "15"}]),
        ([("WebcastRankUpdateMessage", WebcastRankUpdateMessage(common=_common(16)))],
         [{"type": "unknown", "raw_type": "RankUpdateEvent"}]),
        # a message the library does not know: counted by its webcast method
        ([("WebcastMysteryBoxMessage", WebcastChatMessage(content="?"))],
         [{"type": "unknown", "raw_type": "WebcastMysteryBoxMessage"}]),
    ],
)  # fmt: skip
def test_library_events_map_to_ours(messages: list[Any], expected: list[dict[str, Any]]) -> None:
    clock = FakeTime()
    source = _source(clock, market="TH", session="live-0501")
    events = [e for ev, method in library_events(*messages) for e in source.map(ev, method)]
    assert [e["type"] for e in events] == [e["type"] for e in expected]
    for event, want in zip(events, expected, strict=True):
        assert {k: event[k] for k in want} == want
        assert (event["room"], event["platform"], event["market"], event["session"]) == (
            ROOM, "tiktok", "TH", "live-0501"
        )  # fmt: skip


def _rate_limited(seconds: int) -> SignatureRateLimitError:
    response = httpx.Response(429, headers={"RateLimit-Remaining": str(seconds),
                                            "RateLimit-Reset": "1777636900"})  # fmt: skip
    return SignatureRateLimitError("Too many connections", "retry in %s s", response=response)


def test_a_room_s_life_rate_limit_offline_drop_and_end() -> None:
    clock = FakeTime()
    socket = FakeSocket(
        [
            _rate_limited(42),  # the signing service says: wait 42 s
            UserOfflineError(),  # not live yet
            [fetch(chat(1, "hello")), fetch(chat(2, "anyone?"))],  # then the socket drops
            [fetch(chat(3, "back")), fetch(control(4, ControlAction.STREAM_ENDED))],
            ["hang"],
        ],
        live_answers=[False, True, True],
    )

    def done(events: list[dict[str, Any]], board: Any) -> bool:
        return board.get(ROOM)["state"] == "live" and socket.starts == 5

    events, board, _ = drive([_source(clock, socket)], clock, done)
    assert [e.get("text") or e["type"] for e in events] == ["hello", "anyone?", "back", "room_end"]
    states = clock.states(ROOM)
    waits = [s for s in states if s[0] == "waiting"]
    assert waits == [("waiting", 0, 42.0)]
    assert [s for s in states if s[0] == "ended"] == [("ended", 0, 60.0)] * 3
    assert ("error", 1, 1.0) in states  # the drop: a failure, with backoff
    assert board.get(ROOM)["last_error"].startswith("ConnectionDroppedError: TikTok closed")
    waiting = next(e for _, e in clock.seen if e["state"] == "waiting")
    assert waiting["note"] == "waiting for the sign server, 42 s (it said: rate limited)"


def test_rooms_take_turns_at_the_signing_service() -> None:
    clock = FakeTime()
    socket = FakeSocket([["hang"]])
    shared = clock.options(tiktok_client_factory=socket)
    shared.sign_per_minute = 2
    sources = [make_source(parse_target(f"tiktok:@shop_{n}"), options=shared) for n in range(3)]

    def all_live(events: list[dict[str, Any]], board: Any) -> bool:
        return all(e["state"] == "live" for e in board.snapshot())

    drive(sources, clock, all_live)
    waiting = [e for _, e in clock.seen if e["state"] == "waiting"]
    assert {e["room"] for e in waiting} == {"tiktok:@shop_2"}  # the third waits its turn
    assert waiting[0]["wait_s"] == 60.0
    assert waiting[0]["note"] == (
        "waiting for the sign server, 60 s (it allows 2 connections a minute)"
    )
    assert socket.starts == 3 and clock.sleeps == [60.0]
