"""``chuhai live replay|worker``: the live-room copilot from the command line."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from chuhai.cli.live_connect import connect_command
from chuhai.cli.live_recap import recap_command
from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.serve import LOOPBACK, serve_in_thread
from chuhai.cli.state import state
from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = ["live_app"]

live_app = typer.Typer(
    help="The live-room copilot: replay a chat recording, run Redis workers.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
RedisOption = Annotated[
    str | None, typer.Option("--redis", help="Redis URL: events go through Redis Streams")
]
PrefixOption = Annotated[str, typer.Option("--prefix", help="Key prefix of the streams")]


@live_app.command("replay", short_help="Replay a chat recording through the copilot")
@handle_errors
def replay_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="JSONL recording: one event per line")],
    speed: Annotated[
        float,
        typer.Option("--speed", min=0, help="1 = original pace, 10 = ten times, 0 = flat out"),
    ] = 1.0,
    market: Annotated[
        str | None, typer.Option("--market", "-m", help="Market of rooms no session names")
    ] = None,
    serve: Annotated[bool, typer.Option("--serve", help="Also serve the copilot page")] = False,
    host: Annotated[str, typer.Option(help="Interface for --serve")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for --serve", min=1, max=65535)] = 8000,
    linger: Annotated[
        float, typer.Option("--linger", min=0, help="With --serve: keep serving this long after")
    ] = 0.0,
    redis: RedisOption = None,
    prefix: PrefixOption = "chuhai:live",
    as_json: JsonOption = False,
) -> None:
    """Replay a live chat recording through the copilot; with --json, one result per line.

    Each event gets language, intent, emotion, toxicity, a moderation action, a suggested
    answer from the FAQ and a Chinese gist; broken events get their reason. With --redis the
    events go to the stream for `chuhai live worker` instead.
    """
    from chuhai.api import create_app
    from chuhai.live.replay import read_events, replay
    from chuhai.live.setup import build_hub

    if not file.is_file():
        raise InputError(f"no such file: {file}")
    settings = state(ctx).settings
    code = normalize_market(market) if market else None
    bus = None
    if redis:
        from chuhai.live.redis_bus import RedisBus, connect

        bus = RedisBus(connect(redis), prefix)
    hub = build_hub(settings, embedded=bus is None)
    if code and hub.copilot is not None:
        for room in _rooms(file):
            if room not in hub.copilot.reader.room_markets:
                hub.copilot.reader.add_room(room, code)
    access = None
    if serve and host not in LOOPBACK:  # others can reach it: sign-in, as chuhai serve does
        from chuhai.api.access import AccessControl

        access = AccessControl.from_settings(settings)
    app = create_app(settings=settings, live_hub=hub, live_bus=bus, access=access)
    server = serve_in_thread(app, host, port) if serve else None
    if server is not None:
        err.print(f"copilot page: http://{host}:{port}/live")
    sink = bus.push if bus is not None else hub.process

    def show(result: Any) -> None:
        if as_json and not isinstance(result, str):
            emit_json(result.data)

    try:
        report = replay(read_events(file), sink, speed=speed, on_result=show)
        hub.flush()
        err.print(
            f"{report.events:,} events in {report.seconds:.1f} s ({report.rate:,.0f}/s); "
            f"{hub.counts}; per event p50 {report.percentile(0.5):.1f} ms, "
            f"p95 {report.percentile(0.95):.1f} ms"
        )
        if not as_json:
            for room in hub.rooms:
                snap = hub.snapshot(room)
                out.print(
                    f"{room}: {snap['comments']} comments, temperature {snap['temperature']}, "
                    f"purchase rate {snap['purchase_rate']:.0%}, hidden {snap['hidden']}, "
                    f"collapsed {snap['collapsed']}"
                )
        if server is not None and linger:
            time.sleep(linger)
    finally:
        hub.close()
        if server is not None:
            server.should_exit = True


def _rooms(file: Path) -> set[str]:
    import json

    found = set()
    with file.open("rb") as handle:
        for line in handle:
            try:
                room = json.loads(line).get("room")
            except (ValueError, AttributeError):
                continue
            if isinstance(room, str):
                found.add(room)
    return found


@live_app.command("worker", short_help="Process live events from Redis Streams")
@handle_errors
def worker(
    ctx: typer.Context,
    redis: Annotated[str, typer.Option("--redis", help="Redis URL, e.g. redis://127.0.0.1:6379/0")],
    prefix: PrefixOption = "chuhai:live",
    name: Annotated[
        str | None, typer.Option("--name", help="Consumer name (default host-pid)")
    ] = None,
    claim_after_ms: Annotated[
        int, typer.Option("--claim-after-ms", min=100, help="Take over a silent worker's events")
    ] = 5000,
    threads: Annotated[
        int | None,
        typer.Option(
            "--threads", min=1, help="Model threads (one per worker when several share a machine)"
        ),
    ] = None,
    batch: Annotated[
        int,
        typer.Option("--batch", min=1, help="Most events per read while a backlog lasts"),
    ] = 256,
) -> None:
    """Process live events from Redis Streams in a consumer group; run one per core, on as
    many machines as the rooms need. Each worker loads the models once and takes events in
    batches (larger while a backlog lasts). A killed worker's events are taken over by the
    others; every event's result is published once."""
    import os

    # before the model loads: OpenMP reads these once. Waiting threads sleep instead of
    # spinning, so workers that share cores do not starve each other.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if threads:
        os.environ["OMP_NUM_THREADS"] = str(threads)
    from chuhai.live.redis_bus import RedisBus, connect
    from chuhai.live.setup import build_copilot, live_context
    from chuhai.live.shared import RedisState

    settings = state(ctx).settings
    client = connect(redis)
    copilot = build_copilot(settings, live_context(settings), shared=RedisState(client, prefix))
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    err.print(f"worker {name or ''} reading {prefix}:in (Ctrl+C stops it)")
    done = RedisBus(client, prefix).work(
        copilot,
        consumer=name,
        stop=stopping.is_set,
        batch=batch,
        min_batch=min(16, batch),
        claim_after_ms=claim_after_ms,
    )
    err.print(f"worker stopped after {done:,} event(s)")


live_app.command("recap", short_help="The 直播复盘 (post-live review) of a session")(
    recap_command
)  # 直播复盘: chuhai.cli.live_recap
live_app.command("connect", short_help="Connect the copilot to live rooms")(
    connect_command
)  # real rooms: chuhai.cli.live_connect
