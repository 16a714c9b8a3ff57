"""A DuckDB file that several processes take turns on (``chuhai serve`` and the CLI).

DuckDB lets one process at a time open a file. So a process opens it when it has work,
keeps it ``hold`` seconds after (opening costs ~0.1 s: a page's queries share one opening)
and then lets go. A process that finds the file taken retries for up to ``wait`` seconds and
leaves a mark beside the file (``zone.duckdb.wait``, its PID): the holder sees it when its
work in hand is done and lets go after a short turn instead of ``hold``, and does not open
the file again until the waiter is in. Without the mark, a dashboard read every few tenths of
a second would keep the file forever.

The waiting stays hand-written, not filelock: the lock is DuckDB's own, taken when the file
is opened, and a second lock file beside it would not stop DuckDB's other users.
"""

from __future__ import annotations

import logging
import math
import os
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Final

import duckdb

from chuhai.errors import StoreBusyError, StoreError

__all__ = ["SharedFile", "waiting_at_most"]

log = logging.getLogger(__name__)

TURN: Final = 0.5  # seconds a process keeps the file once in, even when another waits
FRESH: Final = 2.0  # a waiter renews its mark more often; an older mark was left by the dead
_PAUSE: Final = (0.01, 0.1)  # first and longest pause between tries
_HOLDER: Final = re.compile(r"\(PID (\d+)\)")
_LOCKED: Final = "Could not set lock on file"
_PATIENCE: ContextVar[float] = ContextVar("patience", default=math.inf)


@contextmanager
def waiting_at_most(seconds: float) -> Iterator[None]:
    """Wait at most ``seconds`` for a file in this block (work that can be done later,
    such as the live hub's storage, should not stall what waits on it)."""
    token = _PATIENCE.set(seconds)
    try:
        yield
    finally:
        _PATIENCE.reset(token)


class SharedFile:
    """One connection to a DuckDB file, open only while leased (and ``hold`` seconds after)."""

    def __init__(
        self, path: str, config: dict[str, Any], *, zone: str, hold: float, wait: float
    ) -> None:
        self.path = path
        self.zone = zone
        self._config = config
        in_memory = path == ":memory:"
        self._hold = math.inf if in_memory else hold  # closing would lose an in-memory store
        self._wait = wait
        self._mark = None if in_memory else Path(f"{path}.wait")
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0  # leases now; the file is let go only at none
        self._opened_at = 0.0
        self._idle_since = 0.0
        self._timer: threading.Timer | None = None
        self._timer_due = math.inf

    @contextmanager
    def lease(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection, opened if need be; kept open until every lease has ended."""
        with self._lock:
            if self._con is None:
                self._con = self._open()
                self._opened_at = time.monotonic()
            self._users += 1
            con = self._con
        try:
            yield con
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._idle_since = time.monotonic()
                    self._settle()

    def close(self) -> None:
        with self._lock:
            self._cancel_timer()
            self._let_go()

    # -- letting go ------------------------------------------------------------------------

    def _settle(self) -> None:
        """Let go of the idle file now, or set a timer for when (under the lock)."""
        now = time.monotonic()
        if self._another_waits():
            due = max(self._opened_at + TURN, self._idle_since)
        else:
            due = self._idle_since + self._hold
        if due <= now:
            self._cancel_timer()
            self._let_go()
        elif math.isfinite(due) and (self._timer is None or due < self._timer_due):
            self._cancel_timer()
            self._timer = threading.Timer(due - now, self._on_timer)
            self._timer.daemon = True
            self._timer_due = due
            self._timer.start()

    def _on_timer(self) -> None:
        with self._lock:
            if threading.current_thread() is not self._timer:
                return  # replaced by an earlier one
            self._timer, self._timer_due = None, math.inf
            if not self._users and self._con is not None:
                self._settle()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer, self._timer_due = None, math.inf

    def _let_go(self) -> None:
        if self._con is None or self._users:
            return
        con, self._con = self._con, None
        try:
            con.close()  # checkpoints the write-ahead log into the file
        except duckdb.Error as exc:
            log.warning("zone %s: closing %s failed: %s", self.zone, self.path, exc)

    # -- getting in ------------------------------------------------------------------------

    def _open(self) -> duckdb.DuckDBPyConnection:
        wait = min(self._wait, _PATIENCE.get())
        deadline = time.monotonic() + wait
        pause, waiting = _PAUSE[0], False
        while True:
            if not waiting and self._another_waits() and time.monotonic() < deadline:
                time.sleep(_PAUSE[0])  # someone asked first: their turn
                continue
            try:
                con = duckdb.connect(self.path, config=self._config)
            except duckdb.IOException as exc:
                if _LOCKED not in str(exc):
                    raise self._cannot_open(exc) from exc
                waiting = True
                self._ask()
                left = deadline - time.monotonic()
                if left <= 0:
                    self._unask()
                    raise self._busy(_holder(exc), wait) from None
                # jitter: two waiting processes should not retry in step
                time.sleep(min(pause * random.uniform(0.5, 1.5), left))
                pause = min(pause * 2, _PAUSE[1])
                continue
            except duckdb.Error as exc:
                raise self._cannot_open(exc) from exc
            if waiting:
                self._unask()
            return con

    def _another_waits(self) -> bool:
        """Whether another process has asked for the file (a fresh mark not ours)."""
        if self._mark is None:
            return False
        try:
            fresh = time.time() - self._mark.stat().st_mtime < FRESH
            return fresh and self._mark.read_text(encoding="ascii").strip() != str(os.getpid())
        except (OSError, ValueError):
            return False

    def _ask(self) -> None:
        if self._mark is not None:
            try:
                self._mark.write_text(str(os.getpid()), encoding="ascii")
            except OSError as exc:  # a read-only directory: waiting still works, less fairly
                log.debug("cannot mark %s: %s", self._mark, exc)

    def _unask(self) -> None:
        if self._mark is None:
            return
        try:
            if self._mark.read_text(encoding="ascii").strip() == str(os.getpid()):
                self._mark.unlink()
        except (OSError, ValueError):
            pass  # gone already, or another waiter's now

    def _cannot_open(self, exc: duckdb.Error) -> StoreError:
        return StoreError(f"cannot open the store of zone {self.zone} at {self.path}: {exc}")

    def _busy(self, holder: str, waited: float) -> StoreBusyError:
        wait = f"{waited:g}"
        return StoreBusyError(
            f"数据区 {self.zone} 的库文件被另一个进程（PID {holder}）占用，等了 {wait} 秒仍未释放："
            f"请等它做完再试，或设 CHUHAI_DUCKDB_WAIT=秒数 多等一会 / the store of zone "
            f"{self.zone} ({self.path}) was held by another process (PID {holder}) for more "
            f"than {wait} s: try again when it is done, or wait longer with "
            f"CHUHAI_DUCKDB_WAIT=SECONDS"
        )


def _holder(exc: duckdb.Error) -> str:
    """The PID of the process that holds the file, as DuckDB names it."""
    found = _HOLDER.search(str(exc))
    return found.group(1) if found else "?"
