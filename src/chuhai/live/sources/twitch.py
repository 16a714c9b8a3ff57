"""Twitch chat over its IRC interface, read anonymously (``justinfan`` login).

Written on asyncio streams rather than the ``irc`` package: the part of IRC Twitch speaks is a
few commands with IRCv3 tags, and one event loop then reads every platform's rooms.

What maps to what: PRIVMSG -> comment (and a gift of bits when it cheers); USERNOTICE sub,
resub, upgrades -> subscribe; subgift, submysterygift -> gift (the tier's US price); raid ->
raid; CLEARCHAT, CLEARMSG, later ROOMSTATE changes and other notices are counted as unknown.
PING is answered, RECONNECT honoured (reconnect at once, no backoff), a suspended or missing
channel is offline.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from chuhai.live.sources.base import (
    ConnectionDroppedError,
    LiveSource,
    ReconnectRequestedError,
    RoomOfflineError,
    SourceError,
)
from chuhai.live.sources.registry import register

__all__ = ["IrcMessage", "TwitchSource", "parse_irc"]

log = logging.getLogger(__name__)

DEFAULT_URL = "ircs://irc.chat.twitch.tv:6697"
CONNECT_TIMEOUT_S = 15.0
SILENCE_TIMEOUT_S = 360.0  # Twitch pings about every 5 minutes; silence past this is a dead link
# US prices of a subscription tier; a gifted sub is a gift of this value
TIER_USD = {"1000": 4.99, "2000": 9.99, "3000": 24.99}
# Protocol chatter, not room activity
_QUIET = frozenset(
    "001 002 003 004 353 366 372 375 376 CAP JOIN PART USERSTATE GLOBALUSERSTATE PONG".split()
)
_OFFLINE_NOTICES = frozenset({"msg_channel_suspended", "msg_banned", "msg_channel_blocked"})
_TAG_ESCAPES = {":": ";", "s": " ", "\\": "\\", "r": "\r", "n": "\n"}


@dataclass
class IrcMessage:
    command: str
    params: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    prefix: str = ""

    @property
    def nick(self) -> str:
        return self.prefix.split("!", 1)[0]

    @property
    def trailing(self) -> str:
        return self.params[-1] if self.params else ""


def _unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append(_TAG_ESCAPES.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)


def parse_irc(line: str) -> IrcMessage:
    """``@tags :prefix COMMAND params :trailing`` (IRCv3 message tags)."""
    rest = line.rstrip("\r\n")
    tags: dict[str, str] = {}
    if rest.startswith("@"):
        raw, _, rest = rest[1:].partition(" ")
        for item in raw.split(";"):
            key, _, value = item.partition("=")
            tags[key] = _unescape(value)
    prefix = ""
    rest = rest.lstrip(" ")
    if rest.startswith(":"):
        prefix, _, rest = rest[1:].partition(" ")
    head, sep, trailing = rest.partition(" :")
    parts = head.split()
    params = [*parts[1:], trailing] if sep else parts[1:]
    command = (parts[0] if parts else "").upper()
    return IrcMessage(command=command, params=params, tags=tags, prefix=prefix)


@register("twitch")
class TwitchSource(LiveSource):
    platform = "twitch"
    example = "twitch:shop_live"
    summary = "Twitch chat by channel (IRC, anonymous)"

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._writer: asyncio.StreamWriter | None = None
        self._joined = False

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        url = urlsplit(self.options.base_url or DEFAULT_URL)
        tls = url.scheme == "ircs"
        host, port = url.hostname or "127.0.0.1", url.port or (6697 if tls else 6667)
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=tls or None, limit=1 << 16),
            CONNECT_TIMEOUT_S,
        )
        self._writer, self._joined = writer, False
        channel = self.target.ident
        nick = f"justinfan{random.randint(10_000, 99_999)}"  # a name, not a secret
        for line in (
            "CAP REQ :twitch.tv/tags twitch.tv/commands",
            "PASS SCHMOOPIIE",  # anonymous logins take any password
            f"NICK {nick}",
            f"JOIN #{channel}",
        ):
            writer.write(line.encode() + b"\r\n")
        await writer.drain()
        while True:
            try:
                raw = await asyncio.wait_for(reader.readline(), SILENCE_TIMEOUT_S)
            except TimeoutError as exc:
                raise ConnectionDroppedError("Twitch went silent (no PING in 6 minutes)") from exc
            if not raw:
                raise ConnectionDroppedError("Twitch closed the connection")
            message = parse_irc(raw.decode("utf-8", "replace"))
            if message.command == "PING":
                writer.write(f"PONG :{message.trailing}\r\n".encode())
                await writer.drain()
                continue
            for event in self.map(message):
                yield event

    async def close(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError, ConnectionError):
                await writer.wait_closed()

    # -- mapping ----------------------------------------------------------------------------

    def map(self, m: IrcMessage) -> list[dict[str, Any]]:
        """Our events for one IRC line (none for protocol chatter); raises to end the link."""
        cmd = m.command
        if cmd in _QUIET:
            return []
        if cmd == "RECONNECT":
            raise ReconnectRequestedError("Twitch asked us to reconnect")
        if cmd == "ROOMSTATE":
            if not self._joined:  # the answer to JOIN: we are in the channel
                self._joined = True
                self.on_live()
                return []
            return [self.unknown("ROOMSTATE", **self._base(m))]
        if cmd == "NOTICE":
            kind = m.tags.get("msg-id", "")
            if kind in _OFFLINE_NOTICES:
                raise RoomOfflineError(f"#{self.target.ident}: {m.trailing or kind}")
            if "authentication failed" in m.trailing.lower():
                raise SourceError(f"Twitch refused the login: {m.trailing}")
            return [self.unknown(f"NOTICE:{kind or 'text'}", **self._base(m))]
        if cmd == "PRIVMSG":
            return self._privmsg(m)
        if cmd == "USERNOTICE":
            return self._usernotice(m)
        if cmd == "CLEARCHAT":  # a ban, a timeout, or the whole chat cleared
            return [self.unknown("CLEARCHAT", **self._base(m, user=m.params[1:2]))]
        if cmd == "CLEARMSG":
            base = self._base(m, user=m.tags.get("login"))
            return [self.unknown("CLEARMSG", **base, target_id=m.tags.get("target-msg-id"))]
        return [self.unknown(cmd, **self._base(m))]

    def _base(self, m: IrcMessage, user: Any = None) -> dict[str, Any]:
        if isinstance(user, list):
            user = user[0] if user else None
        ts = m.tags.get("tmi-sent-ts", "")
        return {
            "id": m.tags.get("id") or None,
            "time": int(ts) / 1000 if ts.isdigit() else None,
            "user": user or m.tags.get("login") or m.nick or None,
        }

    def _privmsg(self, m: IrcMessage) -> list[dict[str, Any]]:
        base = self._base(m)
        found = [self.event("comment", **base, text=m.trailing)]
        bits = m.tags.get("bits", "")
        if bits.isdigit() and int(bits) > 0:
            gift = {**base, "id": _sub_id(base["id"], "bits")}
            count = int(bits)
            found.append(
                self.event(
                    "gift", **gift, gift="bits", count=count, value=float(count), unit="bits"
                )
            )
        return found

    def _usernotice(self, m: IrcMessage) -> list[dict[str, Any]]:
        kind, tags, base = m.tags.get("msg-id", ""), m.tags, self._base(m)
        plan = tags.get("msg-param-sub-plan", "1000")
        found: list[dict[str, Any]] = []
        if kind in {"sub", "resub", "giftpaidupgrade", "anongiftpaidupgrade", "primepaidupgrade"}:
            months = _number(tags.get("msg-param-cumulative-months"))
            found.append(self.event("subscribe", **base, plan=plan, months=months))
        elif kind == "subgift" and tags.get("msg-param-community-gift-id"):
            # one of a mystery gift's subs: the gift itself counted once, as submysterygift
            base["user"] = tags.get("msg-param-recipient-user-name") or base["user"]
            found.append(self.event("subscribe", **base, plan=plan, gifted=True))
        elif kind in {"subgift", "submysterygift"}:
            n = _number(tags.get("msg-param-mass-gift-count")) if kind == "submysterygift" else 1
            value = round(TIER_USD.get(plan, 0.0) * (n or 1), 2)
            found.append(
                self.event(
                    "gift", **base, gift=f"sub-{plan}", count=n or 1, value=value, unit="USD"
                )
            )
        elif kind == "raid":
            base["user"] = tags.get("msg-param-login") or base["user"]
            viewers = _number(tags.get("msg-param-viewerCount")) or 0
            found.append(self.event("raid", **base, count=viewers))
        else:
            found.append(self.unknown(f"USERNOTICE:{kind or 'none'}", **base))
        if m.trailing and len(m.params) > 1:  # the viewer's own words with a sub or resub
            words = {**base, "id": _sub_id(base["id"], "text")}
            found.append(self.event("comment", **words, text=m.trailing))
        return found


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _sub_id(event_id: str | None, part: str) -> str | None:
    """The id of a second event made from one line (its comment's id stays the platform's)."""
    return f"{event_id}:{part}" if event_id else None
