"""Redis Streams between ingest, copilot workers and the hub, for many rooms and machines.

* ingest appends raw events to ``<prefix>:in`` (``XADD``);
* workers read it through the consumer group ``copilot`` (``XREADGROUP``), so each event
  goes to one worker; what a dead worker had taken is claimed by the others once it has been
  pending longer than ``claim_after_ms`` (``XAUTOCLAIM``);
* a worker publishes its result and acknowledges the event in one Lua script that publishes
  only if the event's id is new to ``<prefix>:done``: an event processed twice (its worker
  died before the acknowledgement) is still published once. Exactly once in effect.
* the hub reads ``<prefix>:out`` and feeds the rooms and the zone stores.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from chuhai.live.copilot import Copilot
from chuhai.live.hub import LiveHub
from chuhai.records import Rejection, Voice

__all__ = ["RedisBus"]

log = logging.getLogger(__name__)

GROUP = "copilot"
_PUBLISH = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'data', ARGV[3])
end
redis.call('EXPIRE', KEYS[1], 86400)
return redis.call('XACK', KEYS[3], ARGV[2], ARGV[1])
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
        self.done = f"{prefix}:done"
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
        batch: int = 64,
        block_ms: int = 500,
        claim_after_ms: int = 5000,
    ) -> int:
        """Process events until ``stop()``; returns how many this worker published."""
        self.ensure_group()
        name = consumer or f"{socket.gethostname()}-{os.getpid()}"
        done = 0
        last_claim = 0.0
        while not stop():
            messages: list[tuple[bytes, dict[bytes, bytes]]] = []
            if time.monotonic() - last_claim > claim_after_ms / 2000:
                last_claim = time.monotonic()
                claimed = self.redis.xautoclaim(
                    self.inbox,
                    GROUP,
                    name,
                    min_idle_time=claim_after_ms,
                    start_id="0-0",
                    count=batch,
                )
                messages = list(claimed[1])
                if messages:
                    log.info("%s claimed %d event(s) of a silent worker", name, len(messages))
            if not messages:
                reply = self.redis.xreadgroup(
                    GROUP, name, {self.inbox: ">"}, count=batch, block=block_ms
                )
                messages = [m for _, entries in reply for m in entries] if reply else []
            live = []
            for message_id, fields in messages:
                if not fields:  # trimmed away while pending
                    self.redis.xack(self.inbox, GROUP, message_id)
                    continue
                live.append((message_id, fields.get(b"event", b"")))
            # the whole read at once: the embedding model is much faster on a batch
            outputs = copilot.process_many([raw for _, raw in live]) if live else []
            for (message_id, _), output in zip(live, outputs, strict=True):
                payload = {
                    "kind": output.kind,
                    "room": output.room,
                    "data": output.data,
                    "voice": output.voice.model_dump(mode="json") if output.voice else None,
                    "rejection": output.rejection.model_dump(mode="json")
                    if output.rejection
                    else None,
                    "vector": output.vector.tolist() if output.vector is not None else None,
                }
                self._publish(
                    keys=[self.done, self.outbox, self.inbox],
                    args=[message_id, GROUP, json.dumps(payload, ensure_ascii=False), self.max_len],
                )
                done += 1
        return done

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
