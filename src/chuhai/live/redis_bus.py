"""Redis Streams between ingest, copilot workers and the hub, for many rooms and machines.

* ingest appends raw events to ``<prefix>:in`` (``XADD``);
* workers read it through the consumer group ``copilot`` (``XREADGROUP``), so each event
  goes to one worker; what a dead worker had taken is claimed by the others once it has been
  pending longer than ``claim_after_ms`` (``XAUTOCLAIM``);
* a worker reads a batch (more per read while a backlog lasts), runs it through the copilot
  at once, and publishes the results and acknowledges the events in one Lua script, one round
  trip: a result is published only if this call acknowledged its event. An event processed
  twice (its worker was slow or died and another claimed it) is acknowledged, hence
  published, once: exactly once in effect. Each result carries its stream entry id;
* the hub reads ``<prefix>:out`` and feeds the rooms and the zone stores.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from chuhai.live.copilot import Copilot, CopilotOutput
from chuhai.live.hub import LiveHub
from chuhai.records import Rejection, Voice

__all__ = ["RedisBus"]

log = logging.getLogger(__name__)

GROUP = "copilot"
# ARGV: group, max length of the out stream, then (entry id, result) pairs; an empty result
# only acknowledges (an entry trimmed away while pending). XACK answers 1 to the first
# acknowledgement of an entry only, so a result is published once however often it was made.
_PUBLISH = """
local published = 0
for i = 3, #ARGV, 2 do
  if redis.call('XACK', KEYS[1], ARGV[1], ARGV[i]) == 1 and ARGV[i + 1] ~= '' then
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'data', ARGV[i + 1])
    published = published + 1
  end
end
return published
"""


def connect(url: str) -> Any:
    try:
        import redis
    except ImportError as exc:  # pragma: no cover - an optional dependency
        from chuhai.errors import ConfigError

        raise ConfigError(
            "the Redis bus needs the redis package: pip install 'chuhai[redis]'"
        ) from exc
    return redis.Redis.from_url(url)


class RedisBus:
    def __init__(self, client: Any, prefix: str = "chuhai:live", *, max_len: int = 1_000_000):
        self.redis = client
        self.prefix = prefix
        self.inbox = f"{prefix}:in"
        self.outbox = f"{prefix}:out"
        self.max_len = max_len
        self._publish = client.register_script(_PUBLISH)

    def ensure_group(self) -> None:
        try:
            self.redis.xgroup_create(self.inbox, GROUP, id="0", mkstream=True)
        except Exception as exc:  # BUSYGROUP: it exists already
            if "BUSYGROUP" not in str(exc):
                raise

    # -- ingest -----------------------------------------------------------------------------

    def push(self, raw: bytes | str | dict[str, Any]) -> str:
        body = raw if isinstance(raw, bytes | str) else json.dumps(raw, ensure_ascii=False)
        found = self.redis.xadd(self.inbox, {"event": body}, maxlen=self.max_len, approximate=True)
        return found.decode() if isinstance(found, bytes) else str(found)

    # -- workers ----------------------------------------------------------------------------

    def work(
        self,
        copilot: Copilot,
        *,
        consumer: str | None = None,
        stop: Callable[[], bool] = lambda: False,
        batch: int = 256,
        min_batch: int = 16,
        batch_s: float = 0.25,
        block_ms: int = 500,
        claim_after_ms: int = 5000,
    ) -> int:
        """Process events until ``stop()``; returns how many results this worker published.

        A read takes ``min_batch`` events; while reads come back full (a backlog), the next
        takes twice as many, up to ``batch`` and to what this worker processes in ``batch_s``
        (or a third of ``claim_after_ms``: a batch held longer would be claimed by the others
        and done twice). Three round trips to Redis per batch: the read, the copilot's shared
        memory, the publication."""
        self.ensure_group()
        name = consumer or f"{socket.gethostname()}-{os.getpid()}"
        # the worker is listed in the group from now on, before it has taken anything
        self.redis.xgroup_createconsumer(self.inbox, GROUP, name)
        published = 0
        count = min_batch
        per_event = 0.0  # seconds a comment takes here, smoothed over the batches
        last_claim = 0.0
        while not stop():
            messages: list[tuple[bytes, dict[bytes, bytes] | None]] = []
            if time.monotonic() - last_claim > claim_after_ms / 2000:
                last_claim = time.monotonic()
                claimed = self.redis.xautoclaim(
                    self.inbox,
                    GROUP,
                    name,
                    min_idle_time=claim_after_ms,
                    start_id="0-0",
                    count=count,
                )
                messages = list(claimed[1])
                if messages:
                    log.info("%s claimed %d event(s) of a silent worker", name, len(messages))
            if not messages:
                reply = self.redis.xreadgroup(
                    GROUP, name, {self.inbox: ">"}, count=count, block=block_ms
                )
                messages = [m for _, entries in reply for m in entries] if reply else []
            if not messages:
                count = min_batch
                continue
            started = time.perf_counter()
            published += self._handle(copilot, name, messages)
            took = (time.perf_counter() - started) / len(messages)
            per_event = took if not per_event else 0.7 * per_event + 0.3 * took
            ceiling = min(batch_s, claim_after_ms / 3000) / max(per_event, 1e-6)
            wanted = count * 2 if len(messages) >= count else max(len(messages), count // 2)
            count = max(min_batch, min(batch, int(ceiling), wanted))
            log.debug("%s: %d event(s), %.1f ms each; next read %d", name, len(messages),
                      took * 1000, count)  # fmt: skip
        return published

    def _handle(self, copilot: Copilot, name: str, messages: Sequence[tuple[bytes, Any]]) -> int:
        """The batch through the copilot in one call, then its results published and its
        entries acknowledged in one script; how many results this call published."""
        live = [(entry, fields.get(b"event", b"")) for entry, fields in messages if fields]
        # the whole read at once: the embedding model is much faster on a batch
        outputs = copilot.process_many([raw for _, raw in live]) if live else []
        args: list[Any] = [GROUP, self.max_len]
        for (entry, _), output in zip(live, outputs, strict=True):
            args += [entry, json.dumps(_payload(output, entry, name), ensure_ascii=False)]
        for entry, fields in messages:
            if not fields:  # trimmed away while pending: acknowledged only
                args += [entry, ""]
        return int(self._publish(keys=[self.inbox, self.outbox], args=args))

    # -- the hub ----------------------------------------------------------------------------

    def follow(self, hub: LiveHub, *, stop: Callable[[], bool], start: str = "0-0") -> None:
        """Feed the hub from the out stream until ``stop()``."""
        import numpy as np

        last = start
        while not stop():
            reply = self.redis.xread({self.outbox: last}, count=500, block=500)
            for _, entries in reply or []:
                for message_id, fields in entries:
                    last = message_id
                    item = json.loads(fields[b"data"])
                    voice = Voice.model_validate(item["voice"]) if item.get("voice") else None
                    rejection = (
                        Rejection.model_validate(item["rejection"])
                        if item.get("rejection")
                        else None
                    )
                    vector = np.asarray(item["vector"], np.float32) if item.get("vector") else None
                    hub.publish(
                        item["kind"], item["data"], item.get("room"), voice, rejection, vector
                    )

    def follow_in_thread(self, hub: LiveHub) -> tuple[threading.Thread, threading.Event]:
        stopping = threading.Event()
        thread = threading.Thread(
            target=self.follow,
            args=(hub,),
            kwargs={"stop": stopping.is_set},
            daemon=True,
            name="chuhai-live-follow",
        )
        thread.start()
        return thread, stopping


def _payload(output: CopilotOutput, entry: bytes, worker: str) -> dict[str, Any]:
    return {
        "kind": output.kind,
        "room": output.room,
        "data": output.data,
        "voice": output.voice.model_dump(mode="json") if output.voice else None,
        "rejection": output.rejection.model_dump(mode="json") if output.rejection else None,
        "vector": output.vector.tolist() if output.vector is not None else None,
        "entry": entry.decode() if isinstance(entry, bytes) else str(entry),
        "worker": worker,
    }
