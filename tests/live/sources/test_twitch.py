"""Twitch: IRC lines map to our events; against a local IRC server comments arrive, PING is
answered, a dropped connection is reconnected with backoff, RECONNECT is honoured without
counting a failure, a suspended channel is offline."""

from __future__ import annotations

from typing import Any

import pytest

from chuhai.live.sources import (
    ReconnectRequestedError,
    RoomOfflineError,
    SourceOptions,
    make_source,
    parse_target,
)
from chuhai.live.sources.twitch import TwitchSource, parse_irc
from tests.live.sources.conftest import FakeTime, FakeTwitch, drive

ROOM = "twitch:shop_live"
TS = "tmi-sent-ts=1777636800000"


def _source(options: SourceOptions | None = None, **kw: Any) -> TwitchSource:
    source = make_source(parse_target(ROOM), options=options, **kw)
    assert isinstance(source, TwitchSource)
    return source


@pytest.mark.parametrize(
    ("line", "command", "params", "tags"),
    [
        ("PING :tmi.twitch.tv", "PING", ["tmi.twitch.tv"], {}),
        (
            "@badges=;display-name=Amy\\sB;id=m1 :amy!amy@amy.tmi.twitch.tv PRIVMSG #shop :hi :) there",
            "PRIVMSG", ["#shop", "hi :) there"], {"badges": "", "display-name": "Amy B", "id": "m1"},
        ),
        (":tmi.twitch.tv RECONNECT", "RECONNECT", [], {}),
        ("@msg-id=raid;system-msg=a\\:b\\\\c :tmi.twitch.tv USERNOTICE #shop", "USERNOTICE",
         ["#shop"], {"msg-id": "raid", "system-msg": "a;b\\c"}),
    ],
)  # fmt: skip
def test_irc_lines_parse(line: str, command: str, params: list[str], tags: dict[str, str]) -> None:
    message = parse_irc(line + "\r\n")
    assert (message.command, message.params, message.tags) == (command, params, tags)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"@id=c1;{TS};user-id=9 :amy!amy@amy.tmi.twitch.tv PRIVMSG #shop_live :does it ship to Bangkok?",
         [{"type": "comment", "id": "c1", "user": "amy", "text": "does it ship to Bangkok?",
           "time": "2026-05-01T12:00:00+00:00"}]),
        (f"@bits=250;id=c2;{TS} :bob!bob@bob.tmi.twitch.tv PRIVMSG #shop_live :cheer250 love it",
         [{"type": "comment", "id": "c2", "text": "cheer250 love it"},
          {"type": "gift", "id": "c2:bits", "gift": "bits", "count": 250, "value": 250.0, "unit": "bits"}]),
        (f"@msg-id=sub;login=cat;id=u1;msg-param-sub-plan=1000;msg-param-cumulative-months=3;{TS} :tmi.twitch.tv USERNOTICE #shop_live",
         [{"type": "subscribe", "user": "cat", "plan": "1000", "months": 3}]),
        (f"@msg-id=resub;login=cat;id=u2;msg-param-cumulative-months=4;{TS} :tmi.twitch.tv USERNOTICE #shop_live :four months!",
         [{"type": "subscribe", "months": 4}, {"type": "comment", "id": "u2:text", "text": "four months!"}]),
        (f"@msg-id=subgift;login=dan;id=u3;msg-param-sub-plan=2000;msg-param-recipient-user-name=eve;{TS} :tmi.twitch.tv USERNOTICE #shop_live",
         [{"type": "gift", "user": "dan", "gift": "sub-2000", "count": 1, "value": 9.99, "unit": "USD"}]),
        (f"@msg-id=submysterygift;login=dan;id=u4;msg-param-mass-gift-count=5;msg-param-sub-plan=1000;{TS} :tmi.twitch.tv USERNOTICE #shop_live",
         [{"type": "gift", "gift": "sub-1000", "count": 5, "value": 24.95, "unit": "USD"}]),
        (f"@msg-id=subgift;login=dan;id=u5;msg-param-community-gift-id=77;msg-param-recipient-user-name=eve;{TS} :tmi.twitch.tv USERNOTICE #shop_live",
         [{"type": "subscribe", "user": "eve", "gifted": True}]),
        (f"@msg-id=raid;login=fox;id=u6;msg-param-login=fox;msg-param-viewerCount=120;{TS} :tmi.twitch.tv USERNOTICE #shop_live",
         [{"type": "raid", "user": "fox", "count": 120}]),
        (f"@msg-id=announcement;login=mod;id=u7;{TS} :tmi.twitch.tv USERNOTICE #shop_live :sale at 9",
         [{"type": "unknown", "raw_type": "USERNOTICE:announcement"}, {"type": "comment", "text": "sale at 9"}]),
        (f"@ban-duration=600;{TS} :tmi.twitch.tv CLEARCHAT #shop_live :spammer",
         [{"type": "unknown", "raw_type": "CLEARCHAT", "user": "spammer"}]),
        (f"@login=amy;target-msg-id=c1;{TS} :tmi.twitch.tv CLEARMSG #shop_live :bad words",
         [{"type": "unknown", "raw_type": "CLEARMSG", "target_id": "c1"}]),
        ("@msg-id=emote_only_on :tmi.twitch.tv NOTICE #shop_live :This room is now in emote-only mode.",
         [{"type": "unknown", "raw_type": "NOTICE:emote_only_on"}]),
        (":tmi.twitch.tv HOSTTARGET #shop_live :other 10", [{"type": "unknown", "raw_type": "HOSTTARGET"}]),
        (":tmi.twitch.tv 001 justinfan1 :Welcome, GLHF!", []),
        ("@badge-info=;badges= :tmi.twitch.tv USERSTATE #shop_live", []),
    ],
)  # fmt: skip
def test_irc_lines_map_to_events(line: str, expected: list[dict[str, Any]]) -> None:
    clock = FakeTime()
    source = _source(clock.options(), market="TH", session="s-1")
    events = source.map(parse_irc(line))
    assert [e["type"] for e in events] == [e["type"] for e in expected]
    for event, want in zip(events, expected, strict=True):
        assert {k: event[k] for k in want} == want
        assert event["room"] == ROOM and event["platform"] == "twitch"
        assert event["market"] == "TH" and event["session"] == "s-1"


def test_the_first_roomstate_is_the_join_and_later_ones_count() -> None:
    source = _source()
    joined: list[bool] = []
    source.on_live = lambda: joined.append(True)
    line = "@slow=0 :tmi.twitch.tv ROOMSTATE #shop_live"
    assert source.map(parse_irc(line)) == [] and joined == [True]
    assert [e["raw_type"] for e in source.map(parse_irc("@slow=30 " + line[8:]))] == ["ROOMSTATE"]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (":tmi.twitch.tv RECONNECT", ReconnectRequestedError),
        ("@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #shop_live :This channel has been suspended.",
         RoomOfflineError),
    ],
)  # fmt: skip
def test_lines_that_end_the_connection(line: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        _source().map(parse_irc(line))


def _privmsg(n: int, text: str) -> str:
    return f"@id=m{n};{TS} :amy!amy@amy.tmi.twitch.tv PRIVMSG #shop_live :{text}"


def test_against_a_local_irc_server_comments_arrive_and_the_source_reconnects() -> None:
    server = FakeTwitch(
        [
            # first connection: two comments, a raid, a PING; then the server drops it
            [_privmsg(1, "hello"), _privmsg(2, "how much?"),
             f"@msg-id=raid;msg-param-login=fox;msg-param-viewerCount=12;id=r1;{TS} :tmi.twitch.tv USERNOTICE #shop_live",
             ("ping",), "drop"],
            # second: one comment, then RECONNECT (maintenance)
            [_privmsg(3, "back again"), "reconnect"],
            # third: a comment, and it stays
            [_privmsg(4, "still here"), "stay"],
        ]
    )  # fmt: skip
    clock = FakeTime()

    def texts(events: list[dict[str, Any]]) -> list[str]:
        return [e["text"] for e in events if e["type"] == "comment"]

    events, board, _ = drive(
        lambda: [_source(clock.options(server.url))], clock,
        lambda ev, b: "still here" in texts(ev), servers=(server,),
    )  # fmt: skip
    assert texts(events) == ["hello", "how much?", "back again", "still here"]
    assert [e["type"] for e in events].count("raid") == 1
    first = server.received[0]
    assert first[0] == "CAP REQ :twitch.tv/tags twitch.tv/commands"
    assert first[2].startswith("NICK justinfan") and first[3] == "JOIN #shop_live"
    assert "PONG :tmi.twitch.tv" in first
    assert len(server.received) == 3
    # the drop was a failure (retry 1, backoff 1 s); RECONNECT was not (retries back to 0)
    states = clock.states(ROOM)
    assert ("error", 1, 1.0) in states
    assert ("connecting", 0, None) in states
    assert board.get(ROOM)["state"] == "stopped"
    assert board.get(ROOM)["types"] == {"comment": 4, "raid": 1}


def test_a_suspended_channel_is_offline_and_polled_slowly() -> None:
    suspended = "@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #shop_live :This channel has been suspended."
    server = FakeTwitch([[suspended, "stay"], [_privmsg(1, "we are back"), "stay"]])
    clock = FakeTime()
    events, _, _ = drive(
        lambda: [_source(clock.options(server.url))], clock, lambda ev, b: bool(ev),
        servers=(server,), offline_poll_s=90,
    )  # fmt: skip
    assert [e["text"] for e in events] == ["we are back"]
    assert ("ended", 0, 90) in clock.states(ROOM) and 90 in clock.sleeps
