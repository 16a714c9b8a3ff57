"""What the source tests share: a clock whose sleeps pass at once (and are written down),
a runner driven until a condition holds, and a local Twitch IRC server."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from chuhai.live.sources import Backoff, ConnectionBoard, LiveRunner, LiveSource, SourceOptions

SAFETY_S = 20.0  # a broken test fails after this, it does not hang


@dataclass
class FakeTime:
    """``now`` moves only when someone sleeps; each sleep is recorded with the board's state
    of every room at that moment."""

    at: datetime = field(default_factory=lambda: datetime(2026, 5, 1, 12, 0, tzinfo=UTC))
    sleeps: list[float] = field(default_factory=list)
    seen: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    board: ConnectionBoard | None = None

    def now(self) -> datetime:
        return self.at

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if self.board is not None:
            for entry in self.board.snapshot():
                self.seen.append((seconds, entry))
        self.at += timedelta(seconds=seconds)
        await asyncio.sleep(0.001)  # let the other tasks run

    def options(self, base_url: str | None = None, **extra: Any) -> SourceOptions:
        return SourceOptions(base_url=base_url, sleep=self.sleep, now=self.now, extra=extra)

    def states(self, room: str) -> list[tuple[str, int, float | None]]:
        """(state, retries, wait_s) of ``room`` at each sleep."""
        return [(e["state"], e["retries"], e["wait_s"]) for _, e in self.seen if e["room"] == room]


class Server(Protocol):
    async def start(self) -> None: ...
    async def stop(self) -> None: ...


def drive(
    sources: list[LiveSource] | Callable[[], list[LiveSource]],
    clock: FakeTime,
    until: Callable[[list[dict[str, Any]], ConnectionBoard], bool],
    *,
    servers: tuple[Server, ...] = (),
    **kwargs: Any,
) -> tuple[list[dict[str, Any]], ConnectionBoard, list[list[dict[str, Any]]]]:
    """Start ``servers`` in the loop, then run the sources (a list, or made once the servers
    listen) until ``until(events, board)`` holds; the events, board and batches."""
    batches: list[list[dict[str, Any]]] = []
    board = ConnectionBoard(now=clock.now)
    clock.board = board
    events: list[dict[str, Any]] = []

    def sink(batch: list[dict[str, Any]]) -> None:
        batches.append(list(batch))
        events.extend(batch)

    held: list[bool] = []

    async def main() -> None:
        for server in servers:
            await server.start()
        made = sources() if callable(sources) else sources
        runner = LiveRunner(
            made, sink, board=board, sleep=clock.sleep, backoff=Backoff(), rand=lambda: 0.0,
            batch_window_s=0.001, **kwargs,
        )  # fmt: skip
        stop = asyncio.Event()
        task = asyncio.create_task(runner.run(stop))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SAFETY_S
        try:
            while loop.time() < deadline and not task.done():
                if until(events, board):
                    held.append(True)
                    break
                await asyncio.sleep(0.005)
            stop.set()
            await task
        finally:
            for server in servers:
                await server.stop()

    asyncio.run(main())
    assert held, f"condition never held; board: {board.snapshot()}"
    return events, board, batches


# -- a Twitch IRC server on 127.0.0.1 ---------------------------------------------------------

WELCOME = [
    ":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands",
    ":tmi.twitch.tv 001 {nick} :Welcome, GLHF!",
    ":tmi.twitch.tv 376 {nick} :>",
]
JOINED = [
    ":{nick}!{nick}@{nick}.tmi.twitch.tv JOIN #{channel}",
    "@emote-only=0;followers-only=-1;r9k=0;room-id=7;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #{channel}",
    ":{nick}.tmi.twitch.tv 353 {nick} = #{channel} :{nick}",
    ":{nick}.tmi.twitch.tv 366 {nick} #{channel} :End of /NAMES list",
]  # fmt: skip


class FakeTwitch:
    """Speaks Twitch's IRC: CAP/NICK/JOIN answered, then each connection plays its script:
    lines to send, ``("ping",)`` (send PING, wait for the PONG), and at the end ``"drop"``
    (close), ``"reconnect"`` (RECONNECT, then close) or ``"stay"``."""

    def __init__(self, scripts: list[list[Any]]) -> None:
        self.scripts = scripts
        self.received: list[list[str]] = []
        self.port = 0
        self._server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"irc://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        number = len(self.received)
        lines: list[str] = []
        self.received.append(lines)
        script = self.scripts[min(number, len(self.scripts) - 1)]
        nick, channel = "justinfan", "channel"

        def send(line: str) -> None:
            writer.write(line.format(nick=nick, channel=channel).encode() + b"\r\n")

        try:
            while True:
                raw = await reader.readline()
                if not raw:
                    return
                line = raw.decode().rstrip("\r\n")
                lines.append(line)
                if line.startswith("NICK "):
                    nick = line.split()[1]
                    for welcome in WELCOME:
                        send(welcome)
                if line.startswith("JOIN #"):
                    channel = line.split("#", 1)[1]
                    for joined in JOINED:
                        send(joined)
                    break
            await writer.drain()
            ending = "stay"
            for step in script:
                if step in {"drop", "reconnect", "stay"}:
                    ending = step
                    break
                if step == ("ping",):
                    send("PING :tmi.twitch.tv")
                    await writer.drain()
                    lines.append((await reader.readline()).decode().rstrip("\r\n"))
                    continue
                send(step)
                await writer.drain()
            if ending == "reconnect":
                send(":tmi.twitch.tv RECONNECT")
                await writer.drain()
            if ending == "stay":
                await reader.read()  # until the client goes
        except (ConnectionError, OSError):
            return
        finally:
            writer.close()


class ServerThread:
    """An asyncio server in its own thread (for the CLI, whose command runs its own loop)."""

    def __init__(self, server: FakeTwitch) -> None:
        self.server = server
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> FakeTwitch:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)
        return self.server

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()
