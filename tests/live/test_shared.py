"""The in-process flood and duplicate memory forgets what can no longer count: a room with
many one-time viewers does not grow it until its capacity."""

from __future__ import annotations

from chuhai.live.shared import Check, MemoryState


def test_quiet_viewers_and_expired_texts_are_forgotten_and_the_rest_still_count() -> None:
    now = [0.0]
    state = MemoryState(clock=lambda: now[0])
    checks = [Check("r", f"viewer{n}", f"text{n}", f"e{n}") for n in range(1000)]
    state.check_many(checks, window=10, limit=6, ttl=30)
    state.check_many([Check("r", "regular", "hello", "e-a")], window=10, limit=6, ttl=30)
    now[0] = 25.0  # the one-time viewers are quiet for a whole window; texts still fresh
    found = state.check_many([Check("r", "regular", "text5", "e-b")], window=10, limit=6, ttl=30)
    assert found == [(1, "e5")]  # the text is remembered; the regular's old comment is not
    assert len(state._users) == 1 and len(state._seen) == 1001
    now[0] = 40.0  # past the texts' time
    state.check_many([Check("r", "regular", "text6", "e-c")], window=10, limit=6, ttl=30)
    assert len(state._users) == 1 and len(state._seen) <= 2
    now[0] = 41.0  # within the window: counted
    found = state.check_many([Check("r", "regular", "x", "e-d")], window=10, limit=6, ttl=30)
    assert found == [(2, None)]
