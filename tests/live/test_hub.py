"""The hub's storage while another process (a CLI command) keeps the zone file: comments wait
in the hub and are stored by the next flush, none lost; the last flush says what to do."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chuhai.errors import StoreBusyError
from chuhai.live.hub import STORE_BUSY_PAUSE, STORE_BUSY_WAIT, LiveHub
from chuhai.records import Channel, SourceRef, Voice
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from tests.store.test_duckdb_store import held


def _comment(n: int) -> Voice:
    return Voice(
        id=f"c{n}", channel=Channel.LIVE_COMMENT, market="TH", zone="th",
        time=datetime(2026, 11, 8, 13, n, tzinfo=UTC), text=f"comment {n}",
        source=SourceRef(system="live", file="shop.th", locator=f"event {n}", source_id=f"c{n}"),
    )  # fmt: skip


def _stored(settings: Settings) -> list[str]:
    with ZoneRouter(settings) as router:
        return [v.id for v in router.store("th").voices()]


def test_comments_wait_in_the_hub_while_the_zone_is_kept_elsewhere(
    settings_live: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHUHAI_DUCKDB_HOLD", "0")
    path = Path(settings_live.store_url("th").removeprefix("duckdb://"))
    now = [1000.0]
    with LiveHub(settings_live, clock=lambda: now[0]) as hub:
        hub.publish("comment", {"market": "TH"}, "shop.th", voice=_comment(1))
        hub.flush()
        with held(path, 60):
            hub.publish("comment", {"market": "TH"}, "shop.th", voice=_comment(2))
            started = time.monotonic()
            hub.flush()  # the store is kept elsewhere: the comment waits, no error
            assert time.monotonic() - started < STORE_BUSY_WAIT + 0.5  # the room goes on
            hub.publish("comment", {"market": "TH"}, "shop.th", voice=_comment(3))
            hub.flush()  # too soon to try again: returns at once
        hub.flush()
        assert _stored(settings_live) == ["c1"]
        now[0] += STORE_BUSY_PAUSE
        hub.flush()
        assert _stored(settings_live) == ["c1", "c2", "c3"]


def test_the_last_flush_of_a_hub_says_the_zone_is_kept_elsewhere(
    settings_live: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHUHAI_DUCKDB_WAIT", "0.2")
    monkeypatch.setenv("CHUHAI_DUCKDB_HOLD", "0")
    hub = LiveHub(settings_live)
    hub.publish("comment", {"market": "TH"}, "shop.th", voice=_comment(1))
    hub.flush()
    path = Path(settings_live.store_url("th").removeprefix("duckdb://"))
    with held(path, 60), pytest.raises(StoreBusyError):
        hub.publish("comment", {"market": "TH"}, "shop.th", voice=_comment(2))
        hub.close()
    hub.close()  # once the file is free, the comment kept is stored
    assert _stored(settings_live) == ["c1", "c2"]
