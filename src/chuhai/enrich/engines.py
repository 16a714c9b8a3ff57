"""Where the enrich stage runs over stored voices (``chuhai enrich``): in this process, or on
a Ray cluster (``--engine ray``; a local one when no address is given).

An engine takes batches of voices and gives back the same voices annotated; the job reads the
zone stores' unannotated voices page by page and writes the annotations back, so it can stop
and resume at any point. With Ray, the cluster must sit in the zone's region: the voices'
text travels to its workers (docs/DEPLOYMENT.md).
"""

from __future__ import annotations

import logging
import os
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from chuhai.enrich.registry import build_enrichers
from chuhai.errors import InputError
from chuhai.records import Voice
from chuhai.settings import Settings
from chuhai.stage import Stage, run_stages

__all__ = ["ENGINES", "EnrichEngine", "EnrichRun", "InProcessEngine", "RayEngine", "enrich_stores"]

log = logging.getLogger(__name__)


def _enrich_stages(settings: Settings) -> list[Stage]:
    stages: list[Stage] = list(build_enrichers(settings))
    if all(s.name == "passthrough" for s in stages):
        raise InputError("the enrich stage is passthrough: pass --stage multilingual")
    return stages


class EnrichEngine(ABC):
    """Runs the enrich stages over batches; yields each batch annotated (any order)."""

    name: ClassVar[str]

    def __init__(self, settings: Settings, workers: int | None = None) -> None:
        self.settings = settings
        self.workers = workers or os.cpu_count() or 1

    @abstractmethod
    def run(self, batches: Iterable[list[Voice]]) -> Iterator[list[Voice]]: ...

    def close(self) -> None:  # noqa: B027 - an optional hook
        """Release workers."""


class InProcessEngine(EnrichEngine):
    """The default: this process, one batch after another."""

    name: ClassVar[str] = "inprocess"

    _stages: list[Stage] | None = None

    def run(self, batches: Iterable[list[Voice]]) -> Iterator[list[Voice]]:
        if self._stages is None:  # once for every zone of the job
            self._stages = _enrich_stages(self.settings)
        for batch in batches:
            done, _ = run_stages(self._stages, batch)
            yield [v for v in done if isinstance(v, Voice)]

    def close(self) -> None:
        for stage in self._stages or []:
            stage.close()
        self._stages = None


class RayEngine(EnrichEngine):
    """One actor per worker holds the model; batches go to whichever is free, two in flight
    per actor. ``address``: an existing cluster (``ray://host:10001`` or ``auto``)."""

    name: ClassVar[str] = "ray"

    def __init__(
        self, settings: Settings, workers: int | None = None, address: str | None = None
    ) -> None:
        super().__init__(settings, workers)
        try:
            import ray
        except ImportError:
            raise InputError("the ray engine needs Ray: pip install 'chuhai[ray]'") from None
        self._ray = ray
        self._started = not ray.is_initialized()
        if self._started:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                       "configure_logging": False}  # fmt: skip
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=self.workers, **options)
        self._actors: list[Any] = []

    def run(self, batches: Iterable[list[Voice]]) -> Iterator[list[Voice]]:
        if not self._actors:  # the models load once per actor, for every zone of the job
            settings_json = self.settings.model_dump_json(by_alias=True)
            actor = self._ray.remote(num_cpus=1)(_RayWorker)
            self._actors = [actor.remote(settings_json) for _ in range(self.workers)]
        pool = self._ray.util.ActorPool(self._actors)
        in_flight = 0
        for batch in batches:
            rows = [v.model_dump(mode="json") for v in batch]
            pool.submit(lambda a, b: a.process.remote(b), rows)
            in_flight += 1
            if in_flight >= 2 * len(self._actors):
                yield _voices(pool.get_next_unordered())
                in_flight -= 1
        while in_flight:
            yield _voices(pool.get_next_unordered())
            in_flight -= 1

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []
        if self._started:
            self._ray.shutdown()


class _RayWorker:
    """Runs in a Ray worker process: the stages load once per actor."""

    def __init__(self, settings_json: str) -> None:
        logging.getLogger("chuhai").setLevel(logging.WARNING)
        self.stages = _enrich_stages(Settings.model_validate_json(settings_json))

    def process(self, voices: list[dict[str, Any]]) -> list[dict[str, Any]]:
        done, _ = run_stages(self.stages, [Voice.model_validate(v) for v in voices])
        return [v.model_dump(mode="json") for v in done if isinstance(v, Voice)]


def _voices(rows: list[dict[str, Any]]) -> list[Voice]:
    return [Voice.model_validate(r) for r in rows]


ENGINES: dict[str, type[EnrichEngine]] = {"inprocess": InProcessEngine, "ray": RayEngine}


@dataclass
class EnrichRun:
    engine: str
    workers: int
    voices: int = 0
    seconds: float = 0.0
    by_zone: dict[str, int] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.voices / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"engine": self.engine, "workers": self.workers, "voices": self.voices,
                "seconds": round(self.seconds, 2), "per_second": round(self.per_second, 1),
                "by_zone": self.by_zone}  # fmt: skip


def enrich_stores(
    stores: dict[str, Any],
    engine: EnrichEngine,
    *,
    batch_size: int = 256,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> EnrichRun:
    """Annotate every voice of ``stores`` (zone -> store) that has no annotations yet."""
    run = EnrichRun(engine.name, engine.workers)
    started = time.perf_counter()
    for zone, store in stores.items():

        def pages(store: Any = store) -> Iterator[list[Voice]]:
            after, taken = "", 0
            while limit is None or taken < limit:
                size = batch_size if limit is None else min(batch_size, limit - taken)
                batch = store.unannotated_voices(after=after, limit=size)
                if not batch:
                    return
                after, taken = batch[-1].id, taken + len(batch)
                yield batch

        done = 0
        for annotated in engine.run(pages()):
            store.add_voices(annotated)
            store.set_languages({v.id: v.language for v in annotated if v.language != "und"})
            done += len(annotated)
            if progress:
                progress(len(annotated))
        run.by_zone[zone] = done
        run.voices += done
        log.info("zone %s: %d voices enriched", zone, done)
    run.seconds = time.perf_counter() - started
    return run
