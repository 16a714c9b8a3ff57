"""What the copilot must remember across comments of a room: texts seen recently (to collapse
duplicates and spam waves) and how many comments each viewer sent lately (floods).

In memory for one process; in Redis when several workers share the rooms, so that every
worker sees the same waves.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import OrderedDict, deque
from typing import Any

__all__ = ["MemoryState", "RedisState", "SharedState"]


class SharedState(ABC):
    @abstractmethod
    def first_seen(self, room: str, key: str, event_id: str, ttl: float) -> str | None:
        """None if ``key`` is new in ``room`` (it is remembered for ``ttl`` seconds under
        ``event_id``), else the event id that showed it first."""

    @abstractmethod
    def recent_count(self, room: str, user: str, window: float) -> int:
        """Counts one more comment of ``user`` and returns how many fell in ``window``."""


class MemoryState(SharedState):
    def __init__(self, capacity: int = 200_000, clock: Any = time.monotonic) -> None:
        self.capacity = capacity
        self.clock = clock
        self._seen: OrderedDict[tuple[str, str], tuple[str, float]] = OrderedDict()
        self._users: dict[tuple[str, str], deque[float]] = {}

    def first_seen(self, room: str, key: str, event_id: str, ttl: float) -> str | None:
        now = self.clock()
        found = self._seen.get((room, key))
        if found is not None and found[1] > now:
            return found[0]
        self._seen[(room, key)] = (event_id, now + ttl)
        self._seen.move_to_end((room, key))
        while len(self._seen) > self.capacity:
            self._seen.popitem(last=False)
        return None

    def recent_count(self, room: str, user: str, window: float) -> int:
        now = self.clock()
        times = self._users.setdefault((room, user), deque())
        times.append(now)
        while times and times[0] <= now - window:
            times.popleft()
        if len(self._users) > self.capacity:  # forget the quietest viewers first
            for stale in [k for k, v in self._users.items() if not v or v[-1] <= now - window]:
                del self._users[stale]
        return len(times)


class RedisState(SharedState):
    """The same in Redis: ``SET NX EX`` for texts, a per-user sorted set for floods."""

    def __init__(self, client: Any, prefix: str = "chuhai:live") -> None:
        self.redis = client
        self.prefix = prefix

    def first_seen(self, room: str, key: str, event_id: str, ttl: float) -> str | None:
        name = f"{self.prefix}:seen:{room}:{key}"
        if self.redis.set(name, event_id, nx=True, px=int(ttl * 1000)):
            return None
        found = self.redis.get(name)
        return found.decode() if isinstance(found, bytes) else (found or event_id)

    def recent_count(self, room: str, user: str, window: float) -> int:
        name = f"{self.prefix}:user:{room}:{user}"
        now = time.time()
        pipe = self.redis.pipeline()
        pipe.zadd(name, {f"{now:.6f}": now})
        pipe.zremrangebyscore(name, 0, now - window)
        pipe.zcard(name)
        pipe.expire(name, int(window) + 1)
        return int(pipe.execute()[2])
