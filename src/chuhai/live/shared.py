"""What the copilot must remember across comments of a room: texts seen recently (to collapse
duplicates and spam waves) and how many comments each viewer sent lately (floods).

In memory for one process; in Redis when several workers share the rooms, so that every
worker sees the same waves.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Sequence
from typing import Any, NamedTuple

from cachetools import FIFOCache

__all__ = ["Check", "MemoryState", "RedisState", "SharedState"]


class Check(NamedTuple):
    """One comment to check: its viewer's recent comments and whether its text is new."""

    room: str
    user: str
    key: str  # the normalised text's hash
    event_id: str


class SharedState(ABC):
    @abstractmethod
    def first_seen(self, room: str, key: str, event_id: str, ttl: float) -> str | None:
        """None if ``key`` is new in ``room`` (it is remembered for ``ttl`` seconds under
        ``event_id``), else the event id that showed it first."""

    @abstractmethod
    def recent_count(self, room: str, user: str, window: float) -> int:
        """Counts one more comment of ``user`` and returns how many fell in ``window``."""

    def check_many(
        self, checks: Sequence[Check], *, window: float, limit: int, ttl: float
    ) -> list[tuple[int, str | None]]:
        """For each comment in order: how many its viewer sent in ``window`` (this one
        counted), and the :meth:`first_seen` of its text, which is skipped (None) once the
        viewer is past ``limit``: a flood's texts are not remembered."""
        found: list[tuple[int, str | None]] = []
        for check in checks:
            count = self.recent_count(check.room, check.user, window)
            first = None
            if count <= limit:
                first = self.first_seen(check.room, check.key, check.event_id, ttl)
            found.append((count, first))
        return found


class MemoryState(SharedState):
    def __init__(self, capacity: int = 200_000, clock: Any = time.monotonic) -> None:
        self.capacity = capacity
        self.clock = clock
        # a text's entry moves to the end only when it is remembered again (set), not when
        # found: first in, first out (the hub runs its copilot under its own lock: none here)
        self._seen: FIFOCache[tuple[str, str], tuple[str, float]] = FIFOCache(max(capacity, 1))
        self._users: dict[tuple[str, str], deque[float]] = {}
        self._swept = clock()

    def _sweep(self, now: float, window: float) -> None:
        """Forget what can no longer count, once a window: viewers quiet for a whole window
        and texts past their time (a room with 100,000 one-time viewers kept 113 MiB of them
        until the capacity was reached)."""
        if now - self._swept < window:
            return
        self._swept = now
        for stale in [k for k, v in self._users.items() if not v or v[-1] <= now - window]:
            del self._users[stale]
        for key in [k for k, (_, until) in self._seen.items() if until <= now]:
            del self._seen[key]

    def first_seen(self, room: str, key: str, event_id: str, ttl: float) -> str | None:
        now = self.clock()
        found = self._seen.get((room, key))
        if found is not None and found[1] > now:
            return found[0]
        self._seen[(room, key)] = (event_id, now + ttl)
        return None

    def recent_count(self, room: str, user: str, window: float) -> int:
        now = self.clock()
        self._sweep(now, window)
        times = self._users.setdefault((room, user), deque())
        times.append(now)
        while times and times[0] <= now - window:
            times.popleft()
        if len(self._users) > self.capacity:  # forget the quietest viewers first
            for stale in [k for k, v in self._users.items() if not v or v[-1] <= now - window]:
                del self._users[stale]
        return len(times)


# check_many in one round trip: per comment, its viewer's sorted set of recent event ids
# (scored by Redis's clock, shared by every worker; the same event run again is counted once)
# and, within the flood limit, SET NX of its text. Every key is passed in KEYS.
_CHECK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local window, limit, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local out = {}
for i = 1, #KEYS / 2 do
  local user, seen, id = KEYS[2 * i - 1], KEYS[2 * i], ARGV[3 + i]
  redis.call('ZADD', user, now, id)
  redis.call('ZREMRANGEBYSCORE', user, 0, now - window)
  local count = redis.call('ZCARD', user)
  redis.call('EXPIRE', user, math.floor(window) + 1)
  local first = ''
  if count <= limit then
    if not redis.call('SET', seen, id, 'NX', 'PX', ttl) then
      first = redis.call('GET', seen) or id
    end
  end
  out[2 * i - 1] = count
  out[2 * i] = first
end
return out
"""


class RedisState(SharedState):
    """The same in Redis: ``SET NX EX`` for texts, a per-user sorted set for floods; a batch
    of comments is checked in one script (one round trip)."""

    def __init__(self, client: Any, prefix: str = "chuhai:live") -> None:
        self.redis = client
        self.prefix = prefix
        self._check = client.register_script(_CHECK)

    def check_many(
        self, checks: Sequence[Check], *, window: float, limit: int, ttl: float
    ) -> list[tuple[int, str | None]]:
        if not checks:
            return []
        keys = []
        for check in checks:
            keys.append(f"{self.prefix}:user:{check.room}:{check.user}")
            keys.append(f"{self.prefix}:seen:{check.room}:{check.key}")
        args = [window, limit, max(1, int(ttl * 1000)), *(c.event_id for c in checks)]
        flat = self._check(keys=keys, args=args)
        found: list[tuple[int, str | None]] = []
        for i in range(0, len(flat), 2):
            first = flat[i + 1]
            first = first.decode() if isinstance(first, bytes) else str(first)
            found.append((int(flat[i]), first or None))
        return found

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
