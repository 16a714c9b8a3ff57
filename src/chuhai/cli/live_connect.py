"""``chuhai live connect``: read real live rooms (TikTok LIVE, YouTube, Twitch) into the
copilot, as ``chuhai live replay`` reads a recording."""

from __future__ import annotations

import contextlib
import signal
from typing import Annotated, Any

import typer

from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.serve import LOOPBACK
from chuhai.cli.state import state
from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = ["connect_command"]

PLATFORMS = ("tiktok", "youtube", "twitch")
WATCH_S = 0.25  # how often state changes are told on stderr


@handle_errors
def connect_command(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Rooms: tiktok:@handle, youtube:VIDEO_OR_CHANNEL, twitch:channel "
            "(NAME=target names the room)",
            metavar="TARGET...",
            show_default=False,
        ),
    ] = None,
    room: Annotated[
        list[str] | None,
        typer.Option(
            "--room", "-r", metavar="TARGET", help="A room to read (repeatable), as the arguments"
        ),
    ] = None,
    market: Annotated[
        str | None, typer.Option("--market", "-m", help="Market of the rooms' events")
    ] = None,
    session: Annotated[
        str | None, typer.Option("--session", help="Live session id the events belong to")
    ] = None,
    serve: Annotated[bool, typer.Option("--serve", help="Also serve the copilot page")] = False,
    host: Annotated[str, typer.Option(help="Interface for --serve")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for --serve", min=1, max=65535)] = 8000,
    redis: Annotated[
        str | None, typer.Option("--redis", help="Redis URL: events go to `chuhai live worker`")
    ] = None,
    prefix: Annotated[str, typer.Option("--prefix", help="Key prefix of the streams")] = (
        "chuhai:live"
    ),
    duration: Annotated[
        float | None, typer.Option("--duration", min=0, help="Stop after this many seconds")
    ] = None,
    base_url: Annotated[
        list[str] | None,
        typer.Option("--base-url", hidden=True, help="PLATFORM=URL (tests, proxies)"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Connect the copilot to live rooms and analyse their events as they come.

    \b
    Platforms and examples:
      tiktok:@handle            TikTok LIVE        chuhai live connect tiktok:@lumio_th -m TH
      youtube:VIDEO_OR_CHANNEL  YouTube live chat  chuhai live connect youtube:@LumioShop -m US
                                (a video id, @handle or UC... channel id)
      twitch:channel            Twitch chat        chuhai live connect twitch:lumio_live -m US

    \b
    Several rooms in one process: list them, or repeat --room, or set
    [live.connect] rooms in chuhai.toml. NAME=target names a room (th=tiktok:@lumio_th).

    Comments, questions, gifts, likes, joins, follows, shares, viewer counts and product
    pins go into the copilot; other event types are counted. A dropped connection is
    retried with backoff; a room that ends is polled slowly until it is live again; TikTok's
    signing service allows a few connections a minute, so rooms wait their turn. With
    --json, one result per event on stdout. Ctrl+C stops and stores what arrived.
    """
    from chuhai.live.sources import ConnectionBoard, LiveRunner, parse_target

    settings = state(ctx).settings
    config = settings.live.connect
    written = [*(targets or []), *(room or [])] or list(config.rooms)
    if not written:
        raise InputError(
            "name a room: chuhai live connect tiktok:@handle (or [live.connect] rooms)"
        )
    parsed = [parse_target(text) for text in written]
    names = [t.room for t in parsed]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"room named twice: {', '.join(twice)}")
    urls = _base_urls({**config.base_urls}, base_url or [])
    market_text = market or config.market
    code = normalize_market(market_text) if market_text else None
    session = session or config.session
    sources = _sources(parsed, session, code, urls, config.sign_per_minute)
    hub, bus = _hub(settings, redis, prefix)
    _room_markets(hub, names, code)
    board = ConnectionBoard()
    server = None
    if serve:
        from chuhai.api import create_app
        from chuhai.cli.serve import serve_in_thread

        access = None
        if host not in LOOPBACK:  # others can reach it: sign-in, as chuhai serve does
            from chuhai.api.access import AccessControl

            access = AccessControl.from_settings(settings)
        app = create_app(
            settings=settings, live_hub=hub, live_bus=bus, access=access, live_sources=board
        )
        server = serve_in_thread(app, host, port)
        err.print(f"copilot page: http://{host}:{port}/live")

    def sink(batch: list[dict[str, Any]]) -> None:
        if bus is not None:
            for event in batch:
                bus.push(event)
                if as_json:
                    emit_json(event)
            return
        for output in hub.process_many(batch):
            if as_json:
                emit_json(output.data)

    runner = LiveRunner(sources, sink, board=board, offline_poll_s=config.offline_poll_s)
    err.print(f"reading {len(sources)} room(s): {', '.join(names)} (Ctrl+C stops)")
    try:
        import asyncio  # ~20 ms with ssl: only when connecting

        asyncio.run(_run(runner, board, duration))
    finally:
        hub.close()
        if server is not None:
            server.should_exit = True
    _summary(board, as_json)


def _sources(
    targets: list[Any],
    session: str | None,
    market: str | None,
    urls: dict[str, str],
    sign_per_minute: int,
) -> list[Any]:
    from chuhai.live.sources import SourceOptions, make_source

    shared: dict[str, Any] = {}  # TikTok's sign limiter: one for all rooms
    return [
        make_source(target, session=session, market=market, options=SourceOptions(
            base_url=urls.get(target.platform), sign_per_minute=sign_per_minute, extra=shared,
        ))
        for target in targets
    ]  # fmt: skip


def _room_markets(hub: Any, rooms: list[str], market: str | None) -> None:
    """Rooms take ``market``; without one, a room no setting names is told about."""
    if hub.copilot is None:
        return
    reader = hub.copilot.reader
    for room in rooms:
        if room in reader.room_markets:
            continue
        if market:
            reader.add_room(room, market)
        else:
            err.print(
                f"note: room {room} has no market: its comments are refused "
                "(--market, or [live.rooms] in chuhai.toml)"
            )


def _summary(board: Any, as_json: bool) -> None:
    for entry in board.snapshot():
        unknown = ", ".join(f"{k} {v}" for k, v in sorted(entry["unknown"].items()))
        line = f"{entry['room']}: {entry['events']:,} events {entry['types']}"
        (err if as_json else out).print(line + (f"; not mapped: {unknown}" if unknown else ""))


def _base_urls(urls: dict[str, str], given: list[str]) -> dict[str, str]:
    for item in given:
        platform, sep, url = item.partition("=")
        if not sep or platform not in PLATFORMS or not url:
            choices = ", ".join(PLATFORMS)
            raise InputError(f"bad --base-url {item!r}: PLATFORM=URL, PLATFORM one of {choices}")
        urls[platform] = url
    unknown = sorted(set(urls) - set(PLATFORMS))
    if unknown:
        raise InputError(f"[live.connect] base_urls: unknown platform {unknown[0]!r}")
    return urls


def _hub(settings: Any, redis: str | None, prefix: str) -> tuple[Any, Any]:
    from chuhai.live.setup import build_hub

    bus = None
    if redis:
        from chuhai.live.redis_bus import RedisBus, connect

        bus = RedisBus(connect(redis), prefix)
    return build_hub(settings, embedded=bus is None), bus


async def _run(runner: Any, board: Any, duration: float | None) -> None:
    import asyncio

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    handled = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
            handled.append(sig)
    if duration is not None:
        loop.call_later(duration, stop.set)
    told: dict[str, tuple[Any, ...]] = {}
    watch = asyncio.create_task(_tell_changes(board, told))
    try:
        await runner.run(stop)
    finally:
        watch.cancel()
        await asyncio.gather(watch, return_exceptions=True)
        _tell(board, told)  # stopped
        for sig in handled:
            loop.remove_signal_handler(sig)


async def _tell_changes(board: Any, told: dict[str, tuple[Any, ...]]) -> None:
    import asyncio

    while True:
        _tell(board, told)
        await asyncio.sleep(WATCH_S)


def _tell(board: Any, told: dict[str, tuple[Any, ...]]) -> None:
    """Each room's state on stderr when it changed (waits say how long, and why)."""
    for entry in board.snapshot():
        key = (entry["state"], entry["note"], entry["last_error"], entry["retries"])
        if told.get(entry["room"]) == key:
            continue
        told[entry["room"]] = key
        detail = entry["note"] or (entry["last_error"] if entry["state"] == "error" else "")
        wait = f", again in {entry['wait_s']:.0f} s" if entry["state"] == "error" else ""
        said = f" ({detail}{wait})" if detail else ""
        err.print(f"{entry['room']}: {entry['state']}{said}")
