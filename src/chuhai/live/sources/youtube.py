"""YouTube live chat through the web client's own polling protocol (innertube), on httpx.

Chosen over ``chat-downloader`` (last release 2023, its own requests session and loop): the
protocol is three calls, httpx is already ours, and the base URL points tests at a local
server. The live chat page gives the API key, client version, first messages and the first
continuation; ``youtubei/v1/live_chat/get_live_chat`` then answers messages and the next
continuation with the wait before asking again (``timeoutMs``, or ``pollingIntervalMillis``
as the Data API calls it), which is our rate limit. ``youtubei/v1/updated_metadata`` gives
the viewer count. A channel (``@handle`` or ``UC...``) is followed through its ``/live`` page.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
from cachetools import FIFOCache

from chuhai.live.sources.base import LiveSource, RateLimitedError, RoomOfflineError, SourceError
from chuhai.live.sources.registry import register

__all__ = ["YouTubeSource", "parse_amount"]

log = logging.getLogger(__name__)

DEFAULT_URL = "https://www.youtube.com"
MIN_POLL_S = 1.0  # however soon the server asks again, never faster than this
MAX_POLL_S = 30.0
VIEWERS_EVERY_S = 30.0
DEFAULT_RETRY_S = 60.0
SEEN_IDS = 5000
_HEADERS = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36",
    "Accept-Language": "en-US,en;q=0.9",
}
_INITIAL_DATA = re.compile(
    r"(?:window\[\"ytInitialData\"\]|var ytInitialData|ytInitialData)\s*=\s*(\{.+?\})\s*;\s*"
    r"(?:</script>|var |window)",
    re.S,
)
_API_KEY = re.compile(r'"INNERTUBE_API_KEY"\s*:\s*"([^"]+)"')
_CLIENT_VERSION = re.compile(r'"INNERTUBE_CLIENT_VERSION"\s*:\s*"([^"]+)"')
_CANONICAL_VIDEO = re.compile(r'<link rel="canonical" href="[^"]*watch\?v=([A-Za-z0-9_-]{11})')
_CONTINUATIONS = ("invalidationContinuationData", "timedContinuationData", "reloadContinuationData")
# Currency symbols as YouTube prints them before a Super Chat's amount
_SYMBOLS = {
    "$": "USD", "US$": "USD", "CA$": "CAD", "A$": "AUD", "NZ$": "NZD", "NT$": "TWD",
    "HK$": "HKD", "R$": "BRL", "MX$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₩": "KRW", "₱": "PHP", "฿": "THB", "₫": "VND", "Rp": "IDR", "RM": "MYR", "₪": "ILS",
    "₺": "TRY", "CN¥": "CNY", "S$": "SGD", "SGD": "SGD", "SAR": "SAR", "zł": "PLN",
}  # fmt: skip
_AMOUNT = re.compile(r"^\s*([^\d\s.,]*)\s*([\d.,\s]+?)\s*([^\d\s.,]*)\s*$")
_DIGITS = re.compile(r"\d[\d,.\s]*")
# Restate what chat already carries (the ticker shows paid messages again): no event
_DUPLICATES = frozenset({"addLiveChatTickerItemAction"})


def parse_amount(text: str) -> tuple[float, str] | None:
    """``"$5.00"`` -> (5.0, "USD"); ``"Rp 10.000"`` -> (10000.0, "IDR"); None if unreadable."""
    found = _AMOUNT.match(text.replace("\xa0", " "))
    if not found:
        return None
    symbol = (found.group(1) or found.group(3)).strip()
    unit = _SYMBOLS.get(symbol) or (symbol.upper() if re.fullmatch(r"[A-Za-z]{3}", symbol) else "")
    if not unit:
        return None
    digits = found.group(2).replace(" ", "")
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    decimal = max(last_dot, last_comma)
    if decimal >= 0 and (
        (last_dot >= 0 and last_comma >= 0) or len(digits) - decimal - 1 != 3
    ):  # the later separator is the decimal one, unless it only groups thousands
        whole = re.sub(r"[.,]", "", digits[:decimal])
        number = f"{whole}.{digits[decimal + 1 :]}"
    else:
        number = re.sub(r"[.,]", "", digits)
    try:
        return float(number), unit
    except ValueError:
        return None


def _text(value: Any) -> str:
    """A YouTube text: ``{"simpleText": ...}`` or ``{"runs": [{"text"}|{"emoji"}]}``."""
    if not isinstance(value, dict):
        return ""
    if "simpleText" in value:
        return str(value["simpleText"])
    parts = []
    for run in value.get("runs") or []:
        if "text" in run:
            parts.append(str(run["text"]))
        elif "emoji" in run:
            emoji = run["emoji"]
            shortcuts = emoji.get("shortcuts") or []
            # a standard emoji's id is the character itself; a channel's own emoji: :name:
            parts.append(
                str(
                    shortcuts[0]
                    if emoji.get("isCustomEmoji") and shortcuts
                    else emoji.get("emojiId") or ""
                )
            )
    return "".join(parts)


def _continuation(holder: dict[str, Any]) -> tuple[str | None, float | None]:
    for item in holder.get("continuations") or []:
        for key in _CONTINUATIONS:
            data = item.get(key)
            if isinstance(data, dict) and data.get("continuation"):
                wait = data.get("timeoutMs", data.get("pollingIntervalMillis"))
                return str(data["continuation"]), float(wait) / 1000 if wait is not None else None
    return None, None


@register("youtube")
class YouTubeSource(LiveSource):
    platform = "youtube"
    example = "youtube:dQw4w9WgXcQ  youtube:@shop_channel"
    summary = "YouTube live chat by video id, @handle or channel id (innertube polling)"

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._http: httpx.AsyncClient | None = None
        self._viewers_at = 0.0
        # the chat page replays recent messages on every connection: each id once
        self._seen: FIFOCache[str, None] = FIFOCache(SEEN_IDS)

    def _fresh(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        found = []
        for event in events:
            key = str(event["id"])
            if key in self._seen:
                continue
            self._seen[key] = None  # the oldest id drops out
            found.append(event)
        return found

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            base = (self.options.base_url or DEFAULT_URL).rstrip("/")
            self._http = httpx.AsyncClient(
                base_url=base, headers=_HEADERS, timeout=15.0, follow_redirects=True
            )
        return self._http

    async def close(self) -> None:
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()

    async def is_live(self) -> bool | None:
        try:
            await self._video_id()
        except RoomOfflineError:
            return False
        finally:
            await self.close()
        return True

    async def _get(self, path: str, **params: str) -> httpx.Response:
        response = await self._client().get(path, params=params)
        self._check(response)
        return response

    async def _post(self, path: str, key: str | None, body: dict[str, Any]) -> dict[str, Any]:
        params = {"prettyPrint": "false", **({"key": key} if key else {})}
        response = await self._client().post(path, params=params, json=body)
        self._check(response)
        found = response.json()
        if not isinstance(found, dict):
            raise SourceError(f"YouTube answered {path} with no JSON object")
        return found

    def _check(self, response: httpx.Response) -> None:
        if response.status_code == 429:
            after = response.headers.get("Retry-After", "")
            wait = float(after) if after.isdigit() else DEFAULT_RETRY_S
            raise RateLimitedError(wait, f"YouTube asks us to slow down, {wait:.0f} s")
        response.raise_for_status()

    async def _video_id(self) -> str:
        ident = self.target.ident
        if len(ident) == 11 and not ident.startswith("@"):
            return ident
        path = f"/{ident}/live" if ident.startswith("@") else f"/channel/{ident}/live"
        found = _CANONICAL_VIDEO.search((await self._get(path)).text)
        if not found:
            raise RoomOfflineError(f"{ident} has no live stream now")
        return found.group(1)

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        video = await self._video_id()
        page = (await self._get("/live_chat", v=video, is_popout="1")).text
        data_match = _INITIAL_DATA.search(page)
        renderer = None
        if data_match:
            initial = json.loads(data_match.group(1))
            renderer = (initial.get("contents") or {}).get("liveChatRenderer")
        if not isinstance(renderer, dict):
            raise RoomOfflineError(f"video {video}: no live chat (not live, or chat is off)")
        key_match, version_match = _API_KEY.search(page), _CLIENT_VERSION.search(page)
        key = key_match.group(1) if key_match else None
        context = {
            "client": {
                "clientName": "WEB",
                "clientVersion": version_match.group(1) if version_match else "2.20240101",
                "hl": "en",
            }
        }
        self.on_live()
        for action in renderer.get("actions") or []:
            for event in self._fresh(self.map_action(action)):
                yield event
        continuation, wait = _continuation(renderer)
        while continuation:
            for event in await self._viewers(video, key, context):
                yield event
            await self.sleep(min(MAX_POLL_S, max(MIN_POLL_S, wait or MIN_POLL_S)))
            answer = await self._post(
                "/youtubei/v1/live_chat/get_live_chat",
                key,
                {"context": context, "continuation": continuation},
            )
            chat = (answer.get("continuationContents") or {}).get("liveChatContinuation")
            if not isinstance(chat, dict):
                break
            for action in chat.get("actions") or []:
                for event in self._fresh(self.map_action(action)):
                    yield event
            continuation, wait = _continuation(chat)
        yield self.event("room_end", id=f"{video}:end")

    async def _viewers(
        self, video: str, key: str | None, context: dict[str, Any]
    ) -> list[dict[str, Any]]:
        now = self.options.now().timestamp()
        if now - self._viewers_at < VIEWERS_EVERY_S:
            return []
        self._viewers_at = now
        try:
            answer = await self._post(
                "/youtubei/v1/updated_metadata", key, {"context": context, "videoId": video}
            )
        except (httpx.HTTPError, SourceError, ValueError) as exc:  # the count can wait
            log.debug("youtube %s: no viewer count (%s)", video, exc)
            return []
        for action in answer.get("actions") or []:
            view = (action.get("updateViewershipAction") or {}).get("viewCount") or {}
            counter = view.get("videoViewCountRenderer") or {}
            raw = str(counter.get("originalViewCount") or "") or _text(counter.get("viewCount"))
            digits = _DIGITS.search(raw)
            if digits:
                count = int(re.sub(r"\D", "", digits.group(0)))
                return [self.event("viewers", id=f"{video}:viewers:{int(now)}", count=count)]
        return []

    # -- mapping ----------------------------------------------------------------------------

    def map_action(self, action: dict[str, Any]) -> list[dict[str, Any]]:
        """Our events for one live chat action (an added item, a banner, a deletion...)."""
        name = next((k for k in action if k != "clickTrackingParams"), "")
        if not name or name in _DUPLICATES:
            return []
        body = action.get(name) or {}
        if name == "addChatItemAction":
            return self.map_item(body.get("item") or {})
        if name == "replaceChatItemAction":  # a placeholder replaced by the real message
            return self.map_item(body.get("replacementItem") or {})
        if name == "addBannerToLiveChatCommand":
            banner = (body.get("bannerRenderer") or {}).get("liveChatBannerRenderer") or {}
            contents = banner.get("contents") or {}
            product = contents.get("liveChatProductItemRenderer")
            if isinstance(product, dict):
                return [self._product(product, "pinned", banner.get("actionId"))]
            inner = next(iter(contents), "none")
            return [self.unknown(f"banner:{inner}", id=banner.get("actionId"))]
        return [self.unknown(name)]

    def map_item(self, item: dict[str, Any]) -> list[dict[str, Any]]:
        name = next(iter(item), "")
        r = item.get(name) or {}
        usec = str(r.get("timestampUsec") or "")
        base: dict[str, Any] = {
            "id": r.get("id"),
            "time": int(usec) / 1e6 if usec.isdigit() else None,
            "user": r.get("authorExternalChannelId") or _text(r.get("authorName")) or None,
        }
        message = _text(r.get("message"))
        found: list[dict[str, Any]] = []
        if name == "liveChatTextMessageRenderer":
            return [self.event("comment", **base, text=message)]
        if name in {"liveChatPaidMessageRenderer", "liveChatPaidStickerRenderer"}:
            amount = parse_amount(_text(r.get("purchaseAmountText"))) or (0.0, "")
            gift = "super_chat" if name == "liveChatPaidMessageRenderer" else "super_sticker"
            gift_id = f"{base['id']}:gift" if message and base["id"] else base["id"]
            value, unit = amount
            gift_base = {**base, "id": gift_id}
            found.append(
                self.event("gift", **gift_base, gift=gift, count=1, value=value, unit=unit)
            )
        elif name == "liveChatMembershipItemRenderer":
            milestone = _text(r.get("headerPrimaryText")) or None  # "Member for 6 months"
            found.append(self.event("subscribe", **base, milestone=milestone))
        elif name == "liveChatSponsorshipsGiftPurchaseAnnouncementRenderer":
            header = (r.get("header") or {}).get("liveChatSponsorshipsHeaderRenderer") or {}
            digits = _DIGITS.search(_text(header.get("primaryText")))
            count = int(re.sub(r"\D", "", digits.group(0))) if digits else 1
            base["user"] = base["user"] or _text(header.get("authorName")) or None
            found.append(self.event("subscribe", **base, count=count, gifted=True))
        elif name == "liveChatProductItemRenderer":
            found.append(self._product(r, "shown", base["id"]))
        else:  # system messages, placeholders, redemptions of gifted memberships...
            found.append(self.unknown(name or "empty", **base))
        if message:  # a Super Chat's or a member's words are a comment too
            found.append(self.event("comment", **base, text=message))
        return found

    def _product(self, r: dict[str, Any], action: str, event_id: Any) -> dict[str, Any]:
        title = _text(r.get("title")) or str(r.get("accessibilityTitle") or "")
        sku = r.get("productId") or None
        return self.event("product", id=event_id, product=title, sku=sku, action=action)
