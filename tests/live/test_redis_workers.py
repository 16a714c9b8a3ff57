"""Three copilot workers share a Redis stream through a consumer group while ten live rooms
in two markets send comments at once; one worker is killed mid-way. Every event is still
published exactly once: none lost, none twice, each in its room's market."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from chuhai.live.redis_bus import RedisBus

REDIS_URL = os.environ.get("CHUHAI_TEST_REDIS", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_client() -> Iterator[object]:
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        if os.environ.get("CHUHAI_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required here (CHUHAI_REQUIRE_REDIS) but unreachable: {exc}")
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")
    yield client
    client.close()


def _worker(config: Path, prefix: str, name: str) -> subprocess.Popen[bytes]:
    log = (config.parent / f"{name}.log").open("wb")
    try:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "chuhai",
                "-v",
                "-c",
                str(config),
                "live",
                "worker",
                "--redis",
                REDIS_URL,
                "--prefix",
                prefix,
                "--name",
                name,
                "--claim-after-ms",
                "1500",
                "--threads",
                "1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    finally:
        log.close()  # the child keeps its own handle  # fmt: skip


def _pending_of(client: object, bus: RedisBus, name: str) -> int:
    try:
        consumers = client.xinfo_consumers(bus.inbox, "copilot")  # type: ignore[attr-defined]
    except Exception:  # the group does not exist before a worker starts
        return 0
    return sum(int(c["pending"]) for c in consumers if c["name"] in (name, name.encode()))


ROOMS = {f"shop{i}.{m.lower()}": m for i, m in enumerate(["ID"] * 5 + ["TH"] * 5)}
TEXTS = {"ID": "kak harga yang nomor {n} berapa?", "TH": "ตัวที่ {n} ราคาเท่าไหร่คะ"}


def test_three_workers_ten_rooms_one_killed_every_event_published_once(
    redis_client: object, tmp_path: Path
) -> None:
    prefix = f"chuhai-test-{uuid.uuid4().hex[:8]}"
    config = tmp_path / "chuhai.toml"
    rooms = "".join(f'"{room}" = "{market}"\n' for room, market in ROOMS.items())
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nmarkets = ["ID", "TH"]\n[live.rooms]\n{rooms}',
        encoding="utf-8",
    )
    bus = RedisBus(redis_client, prefix)
    total = 400
    for n in range(total):  # the rooms interleaved, as if all were live at once
        room = list(ROOMS)[n % len(ROOMS)]
        bus.push({"id": f"ev{n}", "room": room, "time": "2026-11-08T20:00:00+07:00",
                  "user": f"viewer{n % 97}", "text": TEXTS[ROOMS[room]].format(n=n)})  # fmt: skip
    bus.push(b"\xff broken")  # a bad event flows through too
    workers = [_worker(config, prefix, f"w{i}") for i in (1, 2, 3)]
    try:
        deadline = time.monotonic() + 60
        while _pending_of(redis_client, bus, "w1") == 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _pending_of(redis_client, bus, "w1") > 0, "w1 never took events"
        workers[0].send_signal(signal.SIGKILL)  # mid-way, with events read but not published
        workers[0].wait(timeout=10)
        # wait while the survivors make progress (a busy CI machine is slow, not stuck)
        done, stalled_at = -1, time.monotonic()
        while done < total + 1 and time.monotonic() - stalled_at < 60:
            now_done = int(redis_client.xlen(bus.outbox))  # type: ignore[attr-defined]
            if now_done > done:
                done, stalled_at = now_done, time.monotonic()
            time.sleep(0.2)
        time.sleep(2)  # a duplicate, if any, would land now
        entries = redis_client.xrange(bus.outbox)  # type: ignore[attr-defined]
        published = [json.loads(fields[b"data"]) for _, fields in entries]
        comments = [p["data"] for p in published if p["kind"] == "comment"]
        ids = [c.get("id") for c in comments]
        assert len(ids) == total, (tmp_path / "w2.log").read_text("utf-8", "replace")
        assert sorted(ids) == sorted(f"ev{n}" for n in range(total))  # none lost, none twice
        for comment in comments:
            assert comment["market"] == ROOMS[comment["room"]]
        assert [p["kind"] for p in published].count("rejected") == 1
        pending = redis_client.xpending(bus.inbox, "copilot")  # type: ignore[attr-defined]
        assert pending["pending"] == 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        for key in redis_client.scan_iter(f"{prefix}*"):  # type: ignore[attr-defined]
            redis_client.delete(key)  # type: ignore[attr-defined]
    # a survivor took over what the killed worker had read but not published
    logs = [(tmp_path / f"w{i}.log").read_text("utf-8", "replace") for i in (2, 3)]
    assert any("claimed" in log for log in logs), (tmp_path / "w1.log").read_text("utf-8")
