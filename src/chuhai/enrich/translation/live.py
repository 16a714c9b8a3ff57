"""Translation inside the live room's latency budget.

A comment cannot wait for a slow provider: the copilot asks for its translations, waits at
most ``budget_s`` (1.5 s by default), and sends what it has; the comment goes out with its
gist. The request carries on in a worker thread and, when it comes back, ``on_late`` hands the
translation over (the hub updates the card on the page; the cache keeps it for the next time
the same words are typed). While too many requests are still out, new texts are not sent at
all: a provider that is down or slow costs the room nothing but the gist.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from chuhai.enrich.translation.base import GlossaryTranslator
from chuhai.enrich.translation.meter import UsageMeter

__all__ = ["Job", "LiveResult", "LiveTranslator"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    text: str
    target: str
    source: str | None


@dataclass
class LiveResult:
    texts: list[str | None]
    pending: set[int] = field(default_factory=set)  # a translation may still follow


class LiveTranslator:
    def __init__(
        self,
        translator: GlossaryTranslator,
        *,
        budget_s: float = 1.5,
        late_s: float = 10.0,
        workers: int = 2,
        meter: UsageMeter | None = None,
    ) -> None:
        self.translator = translator
        self.budget_s = budget_s
        self.late_s = late_s
        self.max_out = workers * 2
        self.meter = meter
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="chuhai-translate")
        self._lock = threading.Lock()
        self._out = 0

    @property
    def available(self) -> bool:
        return self.translator.available

    def run(
        self,
        jobs: Sequence[Job],
        on_late: Callable[[int, str], None] | None = None,
        *,
        until: float | None = None,
    ) -> LiveResult:
        """Translations of ``jobs`` ready by ``until`` (time.monotonic(); default: now plus
        the budget), cached ones at once. Later ones go to ``on_late(job index, text)``."""
        result = LiveResult([None] * len(jobs))
        if not jobs or not self.available:
            return result
        until = until if until is not None else time.monotonic() + self.budget_s
        groups: dict[tuple[str, str | None], list[int]] = {}
        for i, job in enumerate(jobs):
            groups.setdefault((job.target, job.source), []).append(i)
        futures: dict[Future[list[str | None]], list[int]] = {}
        skipped = 0
        for (target, source), indices in groups.items():
            cached = self.translator.lookup([jobs[i].text for i in indices], target, source)
            missing = []
            for i, text in zip(indices, cached, strict=True):
                result.texts[i] = text
                if text is None and jobs[i].text.strip():
                    missing.append(i)
            if not missing:
                continue
            with self._lock:
                busy = self._out >= self.max_out
                if not busy:
                    self._out += 1
            if busy:  # the provider is not keeping up: gists until it does
                skipped += len(missing)
                continue
            texts = [jobs[i].text for i in missing]
            deadline = time.monotonic() + self.late_s
            future = self._pool.submit(
                self.translator.translate_by, texts, target, source, deadline
            )
            future.add_done_callback(self._returned)
            futures[future] = missing
        if futures:
            wait(list(futures), timeout=max(0.0, until - time.monotonic()))
        for future, indices in futures.items():
            if future.done():
                for i, text in zip(indices, _outcome(future), strict=False):
                    result.texts[i] = text
                continue
            skipped += len(indices)
            result.pending.update(indices)
            if on_late is not None:
                future.add_done_callback(_deliver(indices, on_late))
        if skipped and self.meter is not None:
            self.meter.add(slow=skipped)
        return result

    def _returned(self, _: Future[list[str | None]]) -> None:
        with self._lock:
            self._out -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _outcome(future: Future[list[str | None]]) -> list[str | None]:
    try:
        return future.result()
    except Exception:  # a bug in a provider must not take the room down
        log.exception("translation failed")
        return []


def _deliver(
    indices: list[int], on_late: Callable[[int, str], None]
) -> Callable[[Future[list[str | None]]], None]:
    def done(future: Future[list[str | None]]) -> None:
        for i, text in zip(indices, _outcome(future), strict=False):
            if text:
                try:
                    on_late(i, text)
                except Exception:
                    log.exception("a late translation could not be delivered")

    return done
