"""Copilot workers on Redis Streams. Three workers share a stream through a consumer group
while ten live rooms in two markets send comments at once; one is killed mid-batch. Every
event is still published exactly once: none lost, none twice, each in its room's market.
Batches: reads grow with the backlog, a batch costs a few round trips whatever its size, a
slow worker's batch claimed by another is published once whichever finishes first, and the
shared duplicate/flood memory answers a batch as it answers one comment at a time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from chuhai.live.copilot import CopilotOutput
from chuhai.live.redis_bus import RedisBus
from chuhai.live.shared import Check, MemoryState, RedisState, SharedState

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


@pytest.fixture
def prefix(redis_client: Any) -> Iterator[str]:
    """A fresh key prefix, cleaned up after the test."""
    name = f"chuhai-test-{uuid.uuid4().hex[:8]}"
    yield name
    for key in redis_client.scan_iter(f"{name}*"):
        redis_client.delete(key)


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
    # w1 starts alone and is killed as soon as it holds events read but not published; had
    # all three started together, the two others could drain the stream before w1 was up
    # (a busy CI machine loads the models at different speeds), and nothing would be killed
    workers = [_worker(config, prefix, "w1")]
    try:
        deadline = time.monotonic() + 180
        while _pending_of(redis_client, bus, "w1") == 0 and time.monotonic() < deadline:
            if workers[0].poll() is not None:
                break
            time.sleep(0.005)
        workers[0].send_signal(signal.SIGKILL)  # mid-batch, with events read but not published
        workers[0].wait(timeout=10)
        w1_log = (tmp_path / "w1.log").read_text("utf-8", "replace")
        assert _pending_of(redis_client, bus, "w1") > 0, f"w1 never took events:\n{w1_log}"
        published_by_w1 = int(redis_client.xlen(bus.outbox))  # type: ignore[attr-defined]
        workers += [_worker(config, prefix, f"w{i}") for i in (2, 3)]
        deadline = time.monotonic() + 180  # the survivors load their models first
        while (
            int(redis_client.xlen(bus.outbox)) == published_by_w1  # type: ignore[attr-defined]
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
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
        # each result names the stream entry it came from: every entry once
        entries_in = [e.decode() for e, _ in redis_client.xrange(bus.inbox)]  # type: ignore[attr-defined]
        assert sorted(p["entry"] for p in published) == sorted(entries_in)
        assert {p["worker"] for p in published} <= {"w1", "w2", "w3"}
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


# -- batches, in process: a stand-in for the copilot (no models) -----------------------------


class FakeCopilot:
    """Answers each event with its id; records the batches; can hold its first batch until
    told to go on, as a slow worker would."""

    def __init__(self, shared: SharedState | None = None, hold: bool = False) -> None:
        self.shared = shared
        self.batches: list[int] = []
        self.taken = threading.Event()
        self.go = threading.Event()
        if not hold:
            self.go.set()

    def process_many(self, raws: Sequence[bytes]) -> list[CopilotOutput]:
        self.batches.append(len(raws))
        self.taken.set()
        self.go.wait(timeout=60)
        events = [json.loads(raw) for raw in raws]
        if self.shared is not None:  # the shared memory, as the copilot asks it
            checks = [Check(e["room"], e["user"], e["text"], e["id"]) for e in events]
            self.shared.check_many(checks, window=60, limit=5, ttl=60)
        return [CopilotOutput("comment", {"id": e["id"]}, e["room"]) for e in events]


def _push(client: Any, bus: RedisBus, count: int) -> None:
    pipe = client.pipeline(transaction=False)
    for n in range(count):
        event = {"id": f"ev{n}", "room": "shop.th", "user": f"u{n}", "text": f"t{n}"}
        pipe.xadd(bus.inbox, {"event": json.dumps(event)})
    pipe.execute()


def _published(client: Any, bus: RedisBus) -> list[dict[str, Any]]:
    return [json.loads(fields[b"data"]) for _, fields in client.xrange(bus.outbox)]


def _counting(redis_client: Any) -> Any:
    """A client that counts the commands it sends (a pipeline's are not used here)."""
    import redis

    class Counting(redis.Redis):
        calls = 0

        def execute_command(self, *args: Any, **options: Any) -> Any:
            self.calls += 1
            return super().execute_command(*args, **options)  # type: ignore[no-untyped-call]

    return Counting(connection_pool=redis_client.connection_pool)


@pytest.mark.parametrize(
    ("backlog", "min_batch", "batch", "reads"),
    [
        (200, 4, 64, [4, 8, 16, 32, 64, 64, 12]),  # doubling while reads come back full
        (10, 4, 64, [4, 6]),
        (3, 16, 256, [3]),  # no backlog: one small read
        (100, 100, 100, [100]),
    ],
)
def test_reads_grow_with_the_backlog_and_cost_three_round_trips_a_batch(
    redis_client: Any, prefix: str, backlog: int, min_batch: int, batch: int, reads: list[int]
) -> None:
    client = _counting(redis_client)
    bus = RedisBus(client, prefix)
    _push(redis_client, bus, backlog)
    copilot = FakeCopilot(shared=RedisState(client, prefix))
    done = bus.work(
        copilot,  # type: ignore[arg-type]
        stop=lambda: len(copilot.batches) >= len(reads) or len(copilot.batches) > 50,
        batch=batch,
        min_batch=min_batch,
        batch_s=3600,
        claim_after_ms=600_000,
    )
    assert copilot.batches == reads
    assert done == backlog
    assert sorted(p["data"]["id"] for p in _published(redis_client, bus)) == sorted(
        f"ev{n}" for n in range(backlog)
    )
    # per batch: the read, the shared memory, the publication; besides: joining the group,
    # the first claim, loading the two scripts once
    assert client.calls <= 3 * len(reads) + 3 + 4


def test_after_a_burst_reads_shrink_back(redis_client: Any, prefix: str) -> None:
    bus = RedisBus(redis_client, prefix)
    _push(redis_client, bus, 60)
    copilot = FakeCopilot()
    idle = []

    def stop() -> bool:
        if len(copilot.batches) == 4:  # the burst is read; after one empty read, a few more
            idle.append(1)
            if len(idle) == 2:
                late = {"id": "late", "room": "shop.th", "user": "u", "text": "x"}
                for n in range(6):
                    redis_client.xadd(bus.inbox, {"event": json.dumps(late | {"id": f"l{n}"})})
        return len(copilot.batches) >= 6

    bus.work(copilot, stop=stop, batch=64, min_batch=4, batch_s=3600, block_ms=50)  # type: ignore[arg-type]
    assert copilot.batches == [4, 8, 16, 32, 4, 2]


@pytest.mark.parametrize("first", ["the claimer", "the slow worker"])
def test_a_slow_workers_batch_claimed_by_another_is_published_once(
    redis_client: Any, prefix: str, first: str
) -> None:
    bus = RedisBus(redis_client, prefix)
    _push(redis_client, bus, 10)
    slow, claimer = FakeCopilot(hold=True), FakeCopilot(hold=True)
    counts: dict[str, int] = {}

    def run(name: str, copilot: FakeCopilot, claim_after_ms: int) -> threading.Thread:
        def target() -> None:
            counts[name] = bus.work(
                copilot,  # type: ignore[arg-type]
                consumer=name,
                stop=lambda: bool(copilot.batches),  # after its first batch
                min_batch=10,
                block_ms=50,
                claim_after_ms=claim_after_ms,
            )

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        return thread

    threads = {"slow": run("slow", slow, 600_000)}
    assert slow.taken.wait(30)  # the slow worker holds all ten, unpublished
    threads["claimer"] = run("claimer", claimer, 200)
    assert claimer.taken.wait(30)  # ... which the other claimed once they were idle 200 ms
    order = ["claimer", "slow"] if first == "the claimer" else ["slow", "claimer"]
    for name in order:
        (claimer if name == "claimer" else slow).go.set()
        threads[name].join(timeout=30)
    published = _published(redis_client, bus)
    assert sorted(p["data"]["id"] for p in published) == sorted(f"ev{n}" for n in range(10))
    assert {p["worker"] for p in published} == {order[0]}
    assert counts == {order[0]: 10, order[1]: 0}
    assert redis_client.xpending(bus.inbox, "copilot")["pending"] == 0


# -- the shared duplicate and flood memory ---------------------------------------------------

# (user, text key, event id) in order, the flood limit, and for each: (recent comments of the
# viewer, the event that showed the text first or None)
CHECKS = [
    ("new texts", [("u1", "a", "e1"), ("u2", "b", "e2")], 5, [(1, None), (1, None)]),
    ("same text twice", [("u1", "a", "e1"), ("u2", "a", "e2")], 5, [(1, None), (1, "e1")]),
    ("one viewer's comments", [("u1", "a", "e1"), ("u1", "b", "e2"), ("u1", "c", "e3")], 5,
     [(1, None), (2, None), (3, None)]),
    ("a flood's texts are not remembered",
     [("u1", "a", "e1"), ("u1", "b", "e2"), ("u1", "c", "e3"), ("u2", "c", "e4")], 2,
     [(1, None), (2, None), (3, None), (1, None)]),
    ("one viewer twice", [("u1", "a", "e1"), ("u1", "a", "e2")], 5, [(1, None), (2, "e1")]),
]  # fmt: skip


def _state(kind: str, client: Any, prefix: str) -> SharedState:
    return RedisState(client, prefix) if kind == "redis" else MemoryState()


@pytest.mark.parametrize("kind", ["redis", "memory"])
@pytest.mark.parametrize("at_once", [True, False], ids=["one batch", "one by one"])
@pytest.mark.parametrize(("case", "items", "limit", "expected"), CHECKS, ids=[c[0] for c in CHECKS])
def test_the_shared_memory_answers_a_batch_as_one_comment_at_a_time(
    redis_client: Any,
    prefix: str,
    kind: str,
    at_once: bool,
    case: str,
    items: list[tuple[str, str, str]],
    limit: int,
    expected: list[tuple[int, str | None]],
) -> None:
    state = _state(kind, redis_client, prefix)
    checks = [Check("shop.th", user, key, event) for user, key, event in items]
    batches = [checks] if at_once else [[check] for check in checks]
    found = [
        answer
        for part in batches
        for answer in state.check_many(part, window=60, limit=limit, ttl=60)
    ]
    assert found == expected


def test_one_round_trip_for_a_batch_and_a_rerun_event_counted_once(
    redis_client: Any, prefix: str
) -> None:
    client = _counting(redis_client)
    state = RedisState(client, prefix)
    checks = [Check("shop.th", f"u{n % 3}", f"k{n}", f"e{n}") for n in range(50)]
    state.check_many(checks[:1], window=60, limit=100, ttl=60)  # loads the script
    client.calls = 0
    state.check_many(checks, window=60, limit=100, ttl=60)
    assert client.calls == 1
    # an event claimed from a dead worker and run again: its viewer's count does not grow and
    # its text points at itself, which the copilot reads as "not a duplicate"
    again = state.check_many(checks[:1], window=60, limit=100, ttl=60)
    assert again == [(17, "e0")]
