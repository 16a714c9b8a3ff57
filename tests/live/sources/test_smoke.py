"""Opt-in: connect to real public rooms where a network exists.

    CHUHAI_LIVE_SMOKE="tiktok:@some_live_creator,twitch:some_channel" pytest tests/live/sources/test_smoke.py

Each room must reach "live" (or say it is offline: "ended") within
CHUHAI_LIVE_SMOKE_SECONDS (default 45), and every event it gives must follow our contract.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import pytest

from chuhai.live.sources import EVENT_TYPES, ConnectionBoard, LiveRunner, make_source, parse_target

# read before the autouse fixture clears CHUHAI_* from the environment
TARGETS = [t for t in os.environ.get("CHUHAI_LIVE_SMOKE", "").split(",") if t.strip()]
SECONDS = float(os.environ.get("CHUHAI_LIVE_SMOKE_SECONDS", "45"))
KEYS = {"type", "room", "session", "platform", "id", "time", "user"}

pytestmark = pytest.mark.skipif(not TARGETS, reason="set CHUHAI_LIVE_SMOKE=tiktok:@x,... to run")


@pytest.mark.parametrize("target", TARGETS)
def test_a_real_room(target: str) -> None:
    events: list[dict[str, Any]] = []
    board = ConnectionBoard()
    source = make_source(parse_target(target), session="smoke", market="US")
    runner = LiveRunner([source], events.extend, board=board)
    reached: set[str] = set()

    async def main() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(runner.run(stop))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SECONDS
        while loop.time() < deadline:
            reached.add(board.get(source.target.room)["state"])
            if "live" in reached and len(events) >= 5:
                break
            await asyncio.sleep(0.2)
        stop.set()
        await task

    asyncio.run(main())
    entry = board.get(source.target.room)
    assert reached & {"live", "ended"}, f"never connected: {entry}"
    for event in events:
        assert set(event) >= KEYS and event["type"] in EVENT_TYPES, event
        assert event["platform"] == source.platform and event["room"] == source.target.room
        if event["type"] in {"comment", "question"}:
            assert isinstance(event["text"], str)
    print(f"{target}: {entry['state']}, {entry['events']} events {entry['types']}")
