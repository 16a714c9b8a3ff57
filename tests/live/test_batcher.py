"""The micro-batcher on its own: batches form while the worker is busy, each caller gets its
own result in order, a bad item fails alone, a full queue says when to retry, and close()
answers what was queued and ends the thread. No timing is asserted: a gate holds the worker
while items queue up."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any

import pytest

from chuhai.live.batcher import BatcherClosedError, MicroBatcher, QueueFullError


class Doubler:
    """``process`` for the tests: doubles numbers, fails on negatives; the first call waits
    for ``release`` so that later items queue up behind it."""

    def __init__(self, *, hold: bool = True) -> None:
        self.calls: list[list[int]] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def __call__(self, items: Sequence[int]) -> list[int]:
        self.calls.append(list(items))
        self.started.set()
        assert self.release.wait(30), "the test never released the worker"
        if any(i < 0 for i in items):
            raise ValueError(f"negative in {list(items)}")
        return [2 * i for i in items]


@pytest.fixture
def doubler() -> Doubler:
    return Doubler()


@contextmanager
def _batcher(process: Doubler, **options: Any) -> Iterator[MicroBatcher[int, int]]:
    batcher: MicroBatcher[int, int] = MicroBatcher(process, **options)
    try:
        yield batcher
    finally:
        process.release.set()
        batcher.close()


def _queue_behind_first(
    batcher: MicroBatcher[int, int], process: Doubler, items: list[int]
) -> tuple[Future[int], list[Future[int]]]:
    """Submit 0, wait until the worker runs it, then submit ``items`` (they queue)."""
    first = batcher.submit(0)
    assert process.started.wait(30)
    return first, [batcher.submit(i) for i in items]


@pytest.mark.parametrize(
    ("max_batch", "queued", "batches"),
    [
        (128, 20, [1, 20]),  # twenty clients at once: one call for all of them
        (4, 10, [1, 4, 4, 2]),  # never more than max_batch per call
        (1, 3, [1, 1, 1, 1]),  # max_batch 1: one at a time, as before
    ],
)
def test_items_that_wait_together_run_together(
    doubler: Doubler, max_batch: int, queued: int, batches: list[int]
) -> None:
    with _batcher(doubler, max_batch=max_batch, window_s=0.005) as batcher:
        first, futures = _queue_behind_first(batcher, doubler, list(range(1, queued + 1)))
        doubler.release.set()
        assert first.result(30) == 0
        assert [f.result(30) for f in futures] == [2 * i for i in range(1, queued + 1)]
        assert [len(call) for call in doubler.calls] == batches
        assert [i for call in doubler.calls for i in call] == list(range(queued + 1))  # order


@pytest.mark.parametrize(
    ("items", "answers"),
    [
        ([1, -2, 3], [2, "negative in [-2]", 6]),
        ([-1, -2], ["negative in [-1]", "negative in [-2]"]),
        ([4, 5], [8, 10]),
    ],
)
def test_a_bad_item_fails_alone(items: list[int], answers: list[int | str]) -> None:
    doubler = Doubler(hold=False)
    with _batcher(doubler, window_s=0.05) as batcher:
        futures = batcher.submit_many(items)
        got: list[int | str] = []
        for future in futures:
            exc = future.exception(30)
            got.append(str(exc) if exc is not None else future.result())
        assert got == answers


def test_a_full_queue_says_when_to_retry(doubler: Doubler) -> None:
    with _batcher(doubler, max_queue=2) as batcher:
        _, waiting = _queue_behind_first(batcher, doubler, [1, 2])
        with pytest.raises(QueueFullError) as full:
            batcher.submit(3)
        assert full.value.retry_after >= 1 and full.value.queued == 2
        assert "retry in" in str(full.value)
        with pytest.raises(QueueFullError):
            batcher.submit_many([3, 4])  # all or none
        assert batcher.queued() == 2
        doubler.release.set()
        assert [f.result(30) for f in waiting] == [2, 4]


def test_an_empty_queue_takes_a_batch_larger_than_itself() -> None:
    doubler = Doubler(hold=False)
    with _batcher(doubler, max_queue=2, max_batch=10) as batcher:
        futures = batcher.submit_many([1, 2, 3, 4, 5])
        assert [f.result(30) for f in futures] == [2, 4, 6, 8, 10]


def test_a_caller_that_gave_up_is_skipped(doubler: Doubler) -> None:
    with _batcher(doubler) as batcher:
        _, (gone, kept) = _queue_behind_first(batcher, doubler, [1, 2])
        assert gone.cancel()
        doubler.release.set()
        assert kept.result(30) == 4
        assert doubler.calls == [[0], [2]]


def test_close_answers_what_was_queued_and_ends_the_thread(doubler: Doubler) -> None:
    batcher: MicroBatcher[int, int] = MicroBatcher(doubler)
    _, futures = _queue_behind_first(batcher, doubler, [1, 2, 3])
    thread = batcher._thread
    assert thread is not None and thread.is_alive()
    closing = threading.Thread(target=batcher.close)
    closing.start()
    doubler.release.set()
    closing.join(30)
    assert [f.result(0) for f in futures] == [2, 4, 6]
    assert not thread.is_alive()
    with pytest.raises(BatcherClosedError):
        batcher.submit(4)
    batcher.close()  # twice is fine


def test_an_idle_worker_leaves_and_the_next_item_brings_one_back() -> None:
    doubler = Doubler(hold=False)
    with _batcher(doubler, idle_s=0.01) as batcher:
        assert batcher.submit(1).result(30) == 2
        first = batcher._thread
        assert first is not None
        first.join(30)
        assert not first.is_alive()
        assert batcher.submit(2).result(30) == 4
        assert batcher._thread is not first


def test_a_result_count_that_does_not_match_fails_the_items() -> None:
    def short(items: Sequence[int]) -> list[int]:
        return list(items)[:1]

    batcher: MicroBatcher[int, int] = MicroBatcher(short, window_s=0.05)
    futures: list[Future[int]] = batcher.submit_many([1, 2])
    # one by one, each item gets its one result
    assert [f.result(30) for f in futures] == [1, 2]
    batcher.close()


@pytest.mark.parametrize(
    "options",
    [{"window_s": -1.0}, {"max_batch": 0}, {"max_queue": 0}, {"idle_s": 0.0}],
)
def test_options_are_checked(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="max_batch"):
        MicroBatcher(Doubler(), **options)
