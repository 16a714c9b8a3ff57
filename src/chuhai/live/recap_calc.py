"""The arithmetic of the 直播复盘: the emotional temperature recomputed from stored comments,
the spike rule, and which groups an aggregates-only reader may see.

- **Temperature**: the formula of :class:`chuhai.live.room.RoomState` (each comment adds
  ``0.25 x sentiment score x (0.5 + 0.5 x arousal of its emotion)`` to a heat that halves
  every 60 s; temperature = ``50 + 50 x tanh(heat)``), replayed over the comments' stored
  times and read at the end of each step of the timeline.
- **Spikes**: a step is a spike when its comments exceed ``median + 3 x max(1.4826 x MAD, 1)``
  of the session's steps (MAD: the median absolute deviation; 1.4826 x MAD estimates the
  standard deviation of a normal pace, and the floor of one comment keeps a quiet, even
  session from spiking on a handful) and number at least ``SPIKE_MIN``. Steps in a row above
  the threshold are one spike.
- **Release**: where the reader may read aggregates of the zone only, every figure describing
  fewer than k people is hidden with the VOC reports' complementary suppression
  (:mod:`chuhai.privacy.suppression`): a group and the session's total are cut together, so no
  hidden group is the total minus the shown ones.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from chuhai.live.room import AROUSAL, HALF_LIFE_S
from chuhai.privacy.suppression import Cell, Grouping, Key, people_of, suppress

__all__ = [
    "MAD_SCALE",
    "SPIKE_MIN",
    "SPIKE_RULE",
    "Cut",
    "heat_step",
    "spike_runs",
    "spike_threshold",
    "temperature",
    "temperatures",
]

MAD_SCALE: Final = 1.4826
SPIKE_SIGMAS: Final = 3.0
SPIKE_MIN: Final = 5
SPIKE_RULE: Final = (
    f"comments per step > median + {SPIKE_SIGMAS:g} x max({MAD_SCALE} x MAD, 1) and >= {SPIKE_MIN}"
)
NOBODY: Final = "\x00unknown"  # comments without an author count as one person together


def heat_step(sentiment: float, emotion: str) -> float:
    """What one comment adds to the room's heat (RoomState.add)."""
    return 0.25 * sentiment * (0.5 + 0.5 * AROUSAL.get(emotion, 0.3))


def temperature(heat: float) -> float:
    """The temperature of a heat (RoomState.temperature)."""
    return round(50 + 50 * math.tanh(heat), 1)


def temperatures(
    comments: Sequence[tuple[float, float, str]], start: float, bucket_s: float, steps: int
) -> list[float]:
    """The temperature at the end of each step; ``comments`` are (epoch seconds, sentiment
    score, emotion), oldest first."""
    out: list[float] = []
    heat, heat_at, i = 0.0, start, 0
    for step in range(steps):
        end = start + (step + 1) * bucket_s
        while i < len(comments) and (comments[i][0] < end or step == steps - 1):
            when, score, emotion = comments[i]
            heat *= 0.5 ** (max(0.0, when - heat_at) / HALF_LIFE_S)
            heat_at = max(heat_at, when)
            heat += heat_step(score, emotion)
            i += 1
        out.append(temperature(heat * 0.5 ** (max(0.0, end - heat_at) / HALF_LIFE_S)))
    return out


def spike_threshold(counts: Sequence[int]) -> float | None:
    """The comments a step must exceed to be a spike (None for an empty timeline)."""
    if not counts:
        return None
    median = statistics.median(counts)
    mad = statistics.median(abs(c - median) for c in counts)
    return round(median + SPIKE_SIGMAS * max(MAD_SCALE * mad, 1.0), 2)


def spike_runs(counts: Sequence[int | None], threshold: float | None) -> list[tuple[int, int]]:
    """(first step, steps) of each run of spiking steps; a hidden step (None) is no spike."""
    if threshold is None:
        return []
    runs: list[tuple[int, int]] = []
    for step, count in enumerate(counts):
        if count is None or count <= threshold or count < SPIKE_MIN:
            continue
        if runs and runs[-1][0] + runs[-1][1] == step:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((step, 1))
    return runs


@dataclass
class Cut:
    """What an aggregates-only reader may see of groups of rows (``restricted``); a reader of
    the zone's raw data sees everything. ``hidden`` counts the groups left out."""

    k: int
    restricted: bool
    hidden: int = 0
    _done: dict[tuple[tuple[str, str | None], ...], tuple[bool, set[str]]] = field(
        default_factory=dict
    )

    def groups(self, rows: Iterable[tuple[str, str | None]]) -> tuple[bool, set[str]]:
        """Rows are (group, person): whether the total is hidden, and the hidden groups."""
        if not self.restricted:
            return False, set()
        listed = tuple(rows)
        if listed not in self._done:  # the same groups asked twice are counted once
            self._done[listed] = self._cut(listed)
        return self._done[listed]

    def _cut(self, rows: Sequence[tuple[str, str | None]]) -> tuple[bool, set[str]]:
        people: dict[str, set[str]] = defaultdict(set)
        voices: Counter[str] = Counter()
        per_person: Counter[str] = Counter()
        for key, person in rows:
            who = person or NOBODY
            people[key].add(who)
            voices[key] += 1
            per_person[who] += 1
        everyone = frozenset().union(*people.values()) if people else frozenset()
        total_cell = Cell(sum(voices.values()), len(everyone))
        cells: dict[Key, Cell] = {(key,): Cell(voices[key], len(people[key])) for key in people}
        tables: dict[Grouping, dict[Key, Cell]] = {(): {(): total_cell}, ("group",): cells}
        small: dict[Grouping, dict[Key, frozenset[str]]] = {
            (): {(): everyone},
            ("group",): {(key,): frozenset(who) for key, who in people.items()},
        }
        most = max(per_person.values(), default=1)
        hidden = suppress(tables, self.k, most, people_of(small))
        total_hidden = () in hidden[()] or total_cell.people < self.k
        keys = {str(key[0]) for key in hidden[("group",)]}
        if total_hidden:
            keys = set(people)
        self.hidden += len(keys) + (1 if total_hidden and people else 0)
        return total_hidden, keys

    def count(self, rows: Iterable[tuple[bool, str | None]]) -> tuple[int | None, int | None]:
        """(rows, people) of those marked True among all rows, or (None, None) when hidden."""
        listed = [("yes" if inside else "no", person) for inside, person in rows]
        total_hidden, hidden = self.groups(listed)
        if total_hidden or "yes" in hidden:
            return None, None
        found = [person or NOBODY for key, person in listed if key == "yes"]
        return len(found), len(set(found))
