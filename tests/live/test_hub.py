"""The hub's storage while another process (a CLI command) keeps the zone file: comments wait
in the hub and are stored by the next flush, none lost; the last flush says what to do."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from chuhai.errors import StoreBusyError
from chuhai.live.hub import STORE_BUSY_PAUSE, STORE_BUSY_WAIT, STORE_EVERY, LiveHub
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


class _SlowPipeline:
    """Stores in memory, taking ``seconds`` per write (a loaded machine's DuckDB)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.stored: list[str] = []

    def store(self, voices: list[Voice]) -> None:
        time.sleep(self.seconds)
        self.stored += [v.id for v in voices]

    def keep_rejections(self, rejections: object) -> None: ...

    def keep_journal(self, journal: object) -> None: ...


def test_a_room_never_waits_on_the_store(settings_live: Settings) -> None:
    pipeline = _SlowPipeline(0.5)
    hub = LiveHub(settings_live, pipeline=pipeline)  # type: ignore[arg-type]
    started = time.monotonic()
    for n in range(STORE_EVERY + 1):  # the 200th asks for a flush
        hub.publish("comment", {"market": "TH"}, "shop.th", voice=_comment(n % 60))
    assert time.monotonic() - started < 0.4  # the writer thread stores them
    hub.flush()  # waits for the writer, then stores the rest
    assert len(pipeline.stored) == STORE_EVERY + 1
    hub.publish("comment", {"market": "TH"}, "shop.th", voice=_comment(1))
    hub.close()
    assert len(pipeline.stored) == STORE_EVERY + 2


def test_warming_loads_the_embedding_model_and_the_rooms_gist_lexicons(
    settings_live: Settings,
) -> None:
    embedded: list[list[str]] = []
    gists: list[tuple[str | None, str | None]] = []
    copilot = SimpleNamespace(
        analyzer=SimpleNamespace(embedder=SimpleNamespace(embed=embedded.append)),
        gists=SimpleNamespace(
            gist=lambda text, language=None, market=None: gists.append((language, market))
        ),
        reader=SimpleNamespace(room_markets={"other.vn": "VN"}),
        pinned={},
        translator=None,
    )
    hub = LiveHub(settings_live, copilot=copilot, store=False)  # type: ignore[arg-type]
    hub.warm_in_background().join(10)
    assert embedded == [["warm up"]]
    assert {"id", "th", "en", "vi"} <= {language for language, _ in gists}
