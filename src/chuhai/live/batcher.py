"""Micro-batching for events that arrive one per request.

A platform connector posts one comment per request, from many connections at once. Run one by
one, every comment pays the analyzer's per-call cost; the embedding model is several times
faster on a batch. The batcher queues what arrives within a short window (default 10 ms) and
hands it to one worker thread, which runs the whole batch in one call and answers each caller
with its own result, in order.

The queue is bounded: when it is full, :meth:`MicroBatcher.submit` raises
:class:`QueueFullError` with the seconds to wait (the API answers 429 with ``Retry-After``),
so a burst costs the client a retry, never the server unbounded memory.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

__all__ = ["BatcherClosedError", "MicroBatcher", "QueueFullError"]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

MAX_RETRY_AFTER_S = 60


class QueueFullError(Exception):
    """The queue has no room; ``retry_after``: whole seconds until it has likely drained."""

    def __init__(self, queued: int, retry_after: int) -> None:
        super().__init__(
            f"the live queue is full ({queued:,} events waiting): retry in {retry_after} s"
        )
        self.queued = queued
        self.retry_after = retry_after


class BatcherClosedError(RuntimeError):
    """Submitted after :meth:`MicroBatcher.close` (the server is shutting down)."""


class MicroBatcher(Generic[T, R]):
    """Runs ``process`` on batches of submitted items in one worker thread.

    ``process`` takes a sequence of items and returns one result per item, in order. If it
    raises on a batch, each item of that batch is run again on its own, so a bad item fails
    only its own future. The worker thread starts on the first submit and leaves after
    ``idle_s`` without work (a batcher nobody closes holds no thread for long).
    """

    def __init__(
        self,
        process: Callable[[Sequence[T]], Sequence[R]],
        *,
        window_s: float = 0.01,
        max_batch: int = 128,
        max_queue: int = 4096,
        idle_s: float = 5.0,
        name: str = "chuhai-batcher",
    ) -> None:
        if window_s < 0 or max_batch < 1 or max_queue < 1 or idle_s <= 0:
            raise ValueError("window_s >= 0, max_batch >= 1, max_queue >= 1, idle_s > 0")
        self.process = process
        self.window_s = window_s
        self.max_batch = max_batch
        self.max_queue = max_queue
        self.idle_s = idle_s
        self.name = name
        self._queue: deque[tuple[T, Future[R], float]] = deque()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._running = False  # a worker is (still) committed to draining the queue
        self._closed = False
        self._per_item_s: float | None = None  # moving average, for retry_after

    # -- callers ----------------------------------------------------------------------------

    def submit(self, item: T) -> Future[R]:
        """Queue one item; its future resolves to its result (``asyncio.wrap_future`` awaits
        it). Raises :class:`QueueFullError` or :class:`BatcherClosedError`."""
        return self.submit_many([item])[0]

    def submit_many(self, items: Sequence[T]) -> list[Future[R]]:
        """Queue several items, all or none; one future each, in order.

        An empty queue takes any number (a client's batch larger than the queue still gets
        through when the server is idle), so memory stays within ``max_queue`` plus one batch.
        """
        with self._cond:
            if self._closed:
                raise BatcherClosedError("the live copilot is shutting down")
            queued = len(self._queue)
            if queued and queued + len(items) > self.max_queue:
                raise QueueFullError(queued, self._retry_after(queued))
            now = time.monotonic()
            futures: list[Future[R]] = []
            for item in items:
                future: Future[R] = Future()
                self._queue.append((item, future, now))
                futures.append(future)
            if futures and not self._running:
                self._running = True
                self._thread = threading.Thread(target=self._work, name=self.name, daemon=True)
                self._thread.start()
            self._cond.notify()
        return futures

    def queued(self) -> int:
        with self._cond:
            return len(self._queue)

    def close(self, timeout: float = 30.0) -> None:
        """Stop taking items, let the worker finish what is queued, and join it."""
        with self._cond:
            self._closed = True
            thread = self._thread
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("%s still busy after %.0f s at shutdown", self.name, timeout)
        with self._cond:  # anything the worker could not reach gets an answer all the same
            left = list(self._queue)
            self._queue.clear()
        for _, future, _ in left:
            if future.set_running_or_notify_cancel():
                future.set_exception(BatcherClosedError("the live copilot shut down"))

    # -- the worker -------------------------------------------------------------------------

    def _retry_after(self, queued: int) -> int:
        per_item = self._per_item_s if self._per_item_s is not None else 0.0
        return max(1, min(MAX_RETRY_AFTER_S, math.ceil(queued * per_item)))

    def _work(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            if batch:
                self._run(batch)

    def _next_batch(self) -> list[tuple[T, Future[R]]] | None:
        """The next batch once its oldest item has waited the window or it is full; None when
        the worker should leave (closed, or idle)."""
        with self._cond:
            while not self._queue:
                if self._closed or (not self._cond.wait(self.idle_s) and not self._queue):
                    # Decided under the lock: a submit after this starts a new worker.
                    self._running = False
                    return None
            # The window runs from the oldest item's arrival: under load, when items waited
            # while the last batch ran, the next batch leaves at once.
            deadline = self._queue[0][2] + self.window_s
            while len(self._queue) < self.max_batch and not self._closed:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            taken = [self._queue.popleft() for _ in range(min(len(self._queue), self.max_batch))]
        # A caller that gave up (its future cancelled) is skipped.
        return [
            (item, future) for item, future, _ in taken if future.set_running_or_notify_cancel()
        ]

    def _run(self, batch: list[tuple[T, Future[R]]]) -> None:
        started = time.perf_counter()
        try:
            results = self._call([item for item, _ in batch])
        except Exception as exc:
            if len(batch) == 1:
                log.warning("%s: an item failed: %s", self.name, exc, exc_info=True)
                batch[0][1].set_exception(exc)
                return
            # Isolate the bad item(s): each on its own, so the others still get their result.
            log.warning("%s: a batch of %d failed (%s); running its items one by one",
                        self.name, len(batch), exc)  # fmt: skip
            for one in batch:
                self._run([one])
            return
        log.debug("%s: %d item(s) in %.0f ms", self.name, len(batch),
                  (time.perf_counter() - started) * 1000)  # fmt: skip
        took = (time.perf_counter() - started) / len(batch)
        self._per_item_s = took if self._per_item_s is None else 0.8 * self._per_item_s + 0.2 * took
        for (_, future), result in zip(batch, results, strict=True):
            future.set_result(result)

    def _call(self, items: list[T]) -> Sequence[R]:
        results = self.process(items)
        if len(results) != len(items):
            raise RuntimeError(f"{len(results)} results for {len(items)} items")
        return results
