"""YouTube: live chat actions map to our events; against a local server speaking the web
client's polling protocol the source finds a channel's live video, honours the polling
interval, reconnects after an error, waits when asked (429), and sees the stream end."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from chuhai.live.sources import make_source, parse_target
from chuhai.live.sources.youtube import YouTubeSource, parse_amount
from tests.live.sources.conftest import FakeTime, drive

VIDEO = "Lumio12345A"
ROOM = "youtube:@LumioShop"
USEC = "1777636800000000"


def text_item(n: int, text: str, who: str = "UCamy") -> dict[str, Any]:
    return {"addChatItemAction": {"clientId": f"c{n}", "item": {"liveChatTextMessageRenderer": {
        "id": f"m{n}", "message": {"runs": [{"text": text}]}, "authorName": {"simpleText": "Amy"},
        "authorExternalChannelId": who, "timestampUsec": USEC}}}}  # fmt: skip


PAID = {"clickTrackingParams": "x", "addChatItemAction": {"item": {"liveChatPaidMessageRenderer": {
    "id": "p1", "purchaseAmountText": {"simpleText": "$5.00"}, "authorExternalChannelId": "UCbob",
    "message": {"runs": [{"text": "love it "}, {"emoji": {"emojiId": "❤", "shortcuts": [":red_heart:"]}}]},
    "timestampUsec": USEC}}}}  # fmt: skip
STICKER = {"addChatItemAction": {"item": {"liveChatPaidStickerRenderer": {
    "id": "s1", "purchaseAmountText": {"simpleText": "฿35.00"}, "authorExternalChannelId": "UCnok"}}}}  # fmt: skip
MEMBER = {"addChatItemAction": {"item": {"liveChatMembershipItemRenderer": {
    "id": "j1", "authorExternalChannelId": "UCcat", "headerSubtext": {"simpleText": "Welcome to Lumio!"}}}}}  # fmt: skip
MILESTONE = {"addChatItemAction": {"item": {"liveChatMembershipItemRenderer": {
    "id": "j2", "authorExternalChannelId": "UCcat", "headerPrimaryText": {"runs": [{"text": "Member for 6 months"}]},
    "message": {"runs": [{"text": "still here"}]}}}}}  # fmt: skip
GIFTED = {"addChatItemAction": {"item": {"liveChatSponsorshipsGiftPurchaseAnnouncementRenderer": {
    "id": "g1", "authorExternalChannelId": "UCdan", "header": {"liveChatSponsorshipsHeaderRenderer": {
        "authorName": {"simpleText": "Dan"}, "primaryText": {"runs": [{"text": "Gifted "}, {"text": "5"},
                                                                        {"text": " Lumio memberships"}]}}}}}}}  # fmt: skip
REDEEMED = {"addChatItemAction": {"item": {"liveChatSponsorshipsGiftRedemptionAnnouncementRenderer": {
    "id": "r1", "authorExternalChannelId": "UCeve"}}}}  # fmt: skip
ENGAGEMENT = {
    "addChatItemAction": {"item": {"liveChatViewerEngagementMessageRenderer": {"id": "e1"}}}
}
BANNER = {"addBannerToLiveChatCommand": {"bannerRenderer": {"liveChatBannerRenderer": {
    "actionId": "b1", "contents": {"liveChatProductItemRenderer": {
        "title": {"simpleText": "Breeze Neck Fan"}, "productId": "FN-300"}}}}}}  # fmt: skip
PINNED_TEXT = {"addBannerToLiveChatCommand": {"bannerRenderer": {"liveChatBannerRenderer": {
    "actionId": "b2", "contents": {"liveChatTextMessageRenderer": {"id": "m0"}}}}}}  # fmt: skip
TICKER = {
    "addLiveChatTickerItemAction": {"item": {"liveChatTickerPaidMessageItemRenderer": {"id": "p1"}}}
}
DELETED = {"markChatItemAsDeletedAction": {"targetItemId": "m1"}}
REPLACED = {"replaceChatItemAction": {"targetItemId": "ph1", "replacementItem": text_item(7, "real one")[
    "addChatItemAction"]["item"]}}  # fmt: skip


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (text_item(1, "is it waterproof?"),
         [{"type": "comment", "id": "m1", "text": "is it waterproof?", "user": "UCamy",
           "time": "2026-05-01T12:00:00+00:00"}]),
        (PAID, [{"type": "gift", "id": "p1:gift", "gift": "super_chat", "count": 1, "value": 5.0, "unit": "USD",
                 "user": "UCbob"},
                {"type": "comment", "id": "p1", "text": "love it ❤"}]),
        (STICKER, [{"type": "gift", "id": "s1", "gift": "super_sticker", "value": 35.0, "unit": "THB"}]),
        (MEMBER, [{"type": "subscribe", "user": "UCcat", "milestone": None}]),
        (MILESTONE, [{"type": "subscribe", "milestone": "Member for 6 months"},
                     {"type": "comment", "text": "still here"}]),
        (GIFTED, [{"type": "subscribe", "user": "UCdan", "count": 5, "gifted": True}]),
        (REDEEMED, [{"type": "unknown", "raw_type": "liveChatSponsorshipsGiftRedemptionAnnouncementRenderer"}]),
        (ENGAGEMENT, [{"type": "unknown", "raw_type": "liveChatViewerEngagementMessageRenderer"}]),
        (BANNER, [{"type": "product", "product": "Breeze Neck Fan", "sku": "FN-300", "action": "pinned", "id": "b1"}]),
        (PINNED_TEXT, [{"type": "unknown", "raw_type": "banner:liveChatTextMessageRenderer"}]),
        (TICKER, []),  # the ticker repeats a paid message chat already carried
        (DELETED, [{"type": "unknown", "raw_type": "markChatItemAsDeletedAction"}]),
        (REPLACED, [{"type": "comment", "id": "m7", "text": "real one"}]),
    ],
)  # fmt: skip
def test_chat_actions_map_to_our_events(
    action: dict[str, Any], expected: list[dict[str, Any]]
) -> None:
    source = make_source(parse_target(ROOM), market="US", options=FakeTime().options())
    assert isinstance(source, YouTubeSource)
    events = source.map_action(action)
    assert [e["type"] for e in events] == [e["type"] for e in expected]
    for event, want in zip(events, expected, strict=True):
        assert {k: event[k] for k in want} == want
        assert (event["platform"], event["room"], event["market"]) == ("youtube", ROOM, "US")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$5.00", (5.0, "USD")), ("CA$10.00", (10.0, "CAD")), ("€2,00", (2.0, "EUR")),
        ("Rp 10.000", (10000.0, "IDR")), ("₫50.000", (50000.0, "VND")), ("฿1,000.00", (1000.0, "THB")),
        ("R$ 25,90", (25.9, "BRL")), ("¥1,500", (1500.0, "JPY")), ("SGD 5.00", (5.0, "SGD")),
        ("PHP 1,000.00", (1000.0, "PHP")), ("RM10.00", (10.0, "MYR")), ("5.00", None), ("", None),
    ],
)  # fmt: skip
def test_super_chat_amounts(text: str, amount: tuple[float, str] | None) -> None:
    assert parse_amount(text) == amount


# -- a local server that speaks the protocol ---------------------------------------------------


def chat_page(actions: list[dict[str, Any]], continuation: str, timeout_ms: int) -> str:
    data = {"contents": {"liveChatRenderer": {
        "continuations": [{"invalidationContinuationData": {"continuation": continuation, "timeoutMs": timeout_ms}}],
        "actions": actions}}}  # fmt: skip
    return (
        '<html><script>ytcfg.set({"INNERTUBE_API_KEY":"KEY123",'
        '"INNERTUBE_CLIENT_VERSION":"2.20260501.00.00"});</script>'
        f'<script>window["ytInitialData"] = {json.dumps(data)};</script></html>'
    )


def chat_answer(
    actions: list[dict[str, Any]], continuation: str | None, **wait: int
) -> dict[str, Any]:
    chat: dict[str, Any] = {"actions": actions}
    if continuation:
        chat["continuations"] = [{"timedContinuationData": {"continuation": continuation, **wait}}]
    return {"continuationContents": {"liveChatContinuation": chat}}


LIVE_PAGE = f'<html><link rel="canonical" href="https://www.youtube.com/watch?v={VIDEO}"></html>'
OFFLINE_PAGE = '<html><link rel="canonical" href="https://www.youtube.com/@LumioShop"></html>'
VIEWERS = {"actions": [{"updateViewershipAction": {"viewCount": {"videoViewCountRenderer": {
    "viewCount": {"simpleText": "1,234 watching now"}, "isLive": True}}}}]}  # fmt: skip


class FakeYouTube:
    """Answers in order (the last one again when they run out): the channel's /live page,
    the live chat page, get_live_chat as (status, body, headers), updated_metadata."""

    def __init__(
        self, channel: list[str], page: str, answers: list[tuple[int, Any, dict[str, str]]]
    ):
        self.channel, self.page, self.answers = channel, page, answers
        self.requests: list[tuple[str, str, dict[str, list[str]], Any]] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def _next(self, items: list[Any], path: str) -> Any:
        done = sum(1 for _, p, _, _ in self.requests if p == path) - 1
        return items[min(done, len(items) - 1)]

    async def start(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(
                self, status: int, body: str | dict[str, Any], headers: dict[str, str]
            ) -> None:
                raw = (body if isinstance(body, str) else json.dumps(body)).encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                fake.requests.append(("GET", url.path, parse_qs(url.query), None))
                if url.path == "/@LumioShop/live":
                    self._reply(200, fake._next(fake.channel, url.path), {})
                elif url.path == "/live_chat":
                    self._reply(200, fake.page, {})
                else:
                    self._reply(404, "not here", {})

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(("POST", url.path, parse_qs(url.query), body))
                if url.path == "/youtubei/v1/live_chat/get_live_chat":
                    self._reply(*fake._next(fake.answers, url.path))
                elif url.path == "/youtubei/v1/updated_metadata":
                    self._reply(200, VIEWERS, {})
                else:
                    self._reply(404, "not here", {})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    async def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def test_against_a_local_server_a_stream_s_life() -> None:
    server = FakeYouTube(
        channel=[OFFLINE_PAGE, LIVE_PAGE],
        page=chat_page([text_item(1, "hello")], "c0", timeout_ms=5000),
        answers=[
            (200, chat_answer([PAID, TICKER, MEMBER, ENGAGEMENT, BANNER, text_item(2, "how much?")], "c1",
                              pollingIntervalMillis=2500), {}),
            (503, "busy", {}),  # an error: backoff, then connect again
            (429, "slow down", {"Retry-After": "7"}),  # asked to wait
            (200, chat_answer([text_item(9, "bye")], None), {}),  # no continuation: it ended
            (200, chat_answer([], "c9", timeoutMs=10000), {}),
        ],
    )  # fmt: skip
    clock = FakeTime()

    def ended(events: list[dict[str, Any]], board: Any) -> bool:
        return any(e["type"] == "room_end" for e in events)

    events, board, _ = drive(
        lambda: [make_source(parse_target(ROOM), options=clock.options(server.url))],
        clock, ended, servers=(server,),
    )  # fmt: skip
    comments = [e["text"] for e in events if e["type"] == "comment"]
    assert comments == ["hello", "love it ❤", "how much?", "bye"]  # replayed "hello" once
    others = [e["type"] for e in events if e["type"] != "comment"]
    assert others == ["viewers", "gift", "subscribe", "unknown", "product", "room_end"]
    assert next(e for e in events if e["type"] == "viewers")["count"] == 1234
    # offline first (slow poll), the server's intervals, backoff after 503, its Retry-After
    assert clock.sleeps[:7] == [60.0, 5.0, 2.5, 1.0, 5.0, 7.0, 5.0]
    states = clock.states(ROOM)
    assert states[:5] == [("ended", 0, 60.0), ("live", 0, None), ("live", 0, None),
                          ("error", 1, 1.0), ("live", 0, None)]  # fmt: skip
    assert states[5] == ("waiting", 0, 7.0)
    posts = [r for r in server.requests if r[1].endswith("get_live_chat")]
    assert [p[3]["continuation"] for p in posts[:2]] == ["c0", "c1"]
    assert posts[0][2]["key"] == ["KEY123"]
    assert posts[0][3]["context"]["client"]["clientVersion"] == "2.20260501.00.00"
    assert board.get(ROOM)["unknown"] == {"liveChatViewerEngagementMessageRenderer": 1}


def test_a_video_without_live_chat_is_offline() -> None:
    server = FakeYouTube(channel=[LIVE_PAGE], page="<html>no chat here</html>", answers=[])
    clock = FakeTime()
    drive(
        lambda: [make_source(parse_target(f"youtube:{VIDEO}"), options=clock.options(server.url))],
        clock, lambda ev, b: len(clock.sleeps) >= 2, servers=(server,), offline_poll_s=120,
    )  # fmt: skip
    assert clock.sleeps[:2] == [120.0, 120.0]
    assert ("ended", 0, 120.0) in clock.states(f"youtube:{VIDEO}")
    assert not any(r[1] == "/@LumioShop/live" for r in server.requests)  # a video id: no lookup
