"""Counts per group over many groupings at once (one scan of an analytics table, GROUPING
SETS): the figures that aggregates leaving a zone are cut from.

Every surface that releases aggregates (``chuhai aggregate``, the VOC measures, pages, CSV)
counts here, over the same rows with the same dimensions, so the same group has the same
figures everywhere and :func:`chuhai.privacy.suppression.suppress` hides it everywhere alike.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from chuhai.store.interfaces import AnalyticsStore

from chuhai.errors import InputError
from chuhai.privacy.suppression import Grouping, Key, closure, people_of, suppress

__all__ = [
    "DIMENSIONS",
    "RATING_SCALES",
    "UNIVERSES",
    "Counts",
    "Rated",
    "canonical",
    "cell_tables",
    "cut",
    "most_per_person",
    "small_groups",
]

Query = Callable[[str, Sequence[object]], list[tuple[Any, ...]]]

# In this order inside every grouping, as text (a week by its Monday, 2026-10-05). The analytics
# tables carry each voice's dimensions.
DIMENSIONS: Final = {
    "market": "v.market",
    "month": "substr(CAST(v.time AS TEXT), 1, 7)",
    "week": "CAST(CAST(date_trunc('week', v.time) AS DATE) AS TEXT)",
    "channel": "v.channel",
    "language": "v.language",
    "sku": "v.sku",
    "sentiment": "v.sentiment",
    "emotion": "v.emotion",
    "intent": "v.intent",
    "stars": "CAST(v.stars AS TEXT)",
    "aspect": "v.aspect || '|' || v.polarity",
    "theme": "v.theme_id",
}
# What is counted: voices; aspect mentions (voice, aspect, polarity); theme memberships.
UNIVERSES: Final = {"voices": "voice_facts", "aspects": "aspect_facts", "themes": "theme_facts"}
_ONLY: Final = {"aspect": "aspects", "theme": "themes"}
_POLAR: Final = (
    "sum(CASE WHEN v.sentiment = 'pos' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN v.sentiment = 'neu' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN v.sentiment = 'neg' THEN 1 ELSE 0 END)"
)
# Rating scales are never averaged together (5 stars and a 0-10 survey score mean different
# things): name -> (the ratings on it, the value averaged). Other scales as % of their maximum.
RATING_SCALES: Final = {
    "stars": ("coalesce(r.rating_max, 5) = 5", "r.rating"),
    "score_10": ("r.rating_max = 10", "r.rating"),
    "rating_pct": ("coalesce(r.rating_max, 5) NOT IN (5, 10)", "100.0 * r.rating / r.rating_max"),
}
_RATED: Final = "".join(
    f", sum(CASE WHEN {on} THEN {value} END), count(CASE WHEN {on} THEN r.rating END), "
    f"count(DISTINCT CASE WHEN {on} AND r.rating IS NOT NULL THEN v.person END)"
    for on, value in RATING_SCALES.values()
)
# ``chuhai aggregate`` also reports mean sentiment score and ratings: from the sources.
_MEANS: Final = (
    f", sum(a.sentiment_score), count(a.sentiment_score){_RATED} "
    "FROM voice_facts v LEFT JOIN voice_annotations a ON a.voice_id = v.id "
    "LEFT JOIN voices r ON r.id = v.id"
)


@dataclass(frozen=True, slots=True)
class Rated:
    """The ratings of one scale in a group: their sum, how many, and from how many people."""

    total: float
    n: int
    people: int


@dataclass(frozen=True, slots=True)
class Counts:
    """One group: rows, distinct people, rows per voice polarity, and (with ``means``) the
    sums and counts behind mean sentiment score and the mean rating of each scale."""

    voices: int
    people: int
    pos: int = 0
    neu: int = 0
    neg: int = 0
    score_sum: float = 0.0
    score_n: int = 0
    ratings: dict[str, Rated] = field(default_factory=dict)  # RATING_SCALES name -> ratings


def canonical(dimensions: Iterable[str], universe: str = "voices") -> Grouping:
    """The grouping of ``dimensions`` in the canonical order (unknown ones refused)."""
    chosen = set(dimensions)
    unknown = sorted(d for d in chosen if d not in DIMENSIONS or _ONLY.get(d, universe) != universe)
    if unknown:
        raise InputError(f"cannot count {universe} by {', '.join(unknown)}")
    return tuple(d for d in DIMENSIONS if d in chosen)


def _value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def cell_tables(
    query: Query, universe: str, groupings: Sequence[Grouping], *, means: bool = False
) -> dict[Grouping, dict[Key, Counts]]:
    """Every group of every grouping (canonical, see :func:`canonical`) with its counts; groups
    without rows do not exist. ``means`` (voices only) adds sentiment score and ratings."""
    if means and universe != "voices":
        raise ValueError("means are counted over voices only")
    wanted = {canonical(g, universe) for g in groupings}
    dims = [d for d in DIMENSIONS if any(d in g for g in wanted)]
    exprs = [DIMENSIONS[d] for d in dims]
    source = _MEANS if means else f" FROM {UNIVERSES[universe]} v"
    counted = f"count(*), count(DISTINCT v.person), {_POLAR}"
    if dims:
        sets = ", ".join("(" + ", ".join(DIMENSIONS[d] for d in g) + ")" for g in sorted(wanted))
        flags = ", ".join(f"grouping({e})" for e in exprs)
        sql = (
            f"SELECT {', '.join(exprs)}, {flags}, {counted}{source} GROUP BY GROUPING SETS ({sets})"
        )
    else:
        sql = f"SELECT {counted}{source}"
    tables: dict[Grouping, dict[Key, Counts]] = {g: {} for g in wanted}
    n = len(dims)
    for record in query(sql, []):
        values, grouped, numbers = record[:n], record[n : 2 * n], record[2 * n :]
        active = [i for i, flag in enumerate(grouped) if not flag]
        grouping = tuple(dims[i] for i in active)
        voices, people, pos, neu, neg = (int(x or 0) for x in numbers[:5])
        counts = Counts(voices, people, pos, neu, neg)
        if means:
            rated = numbers[7:]
            scales = {
                name: Rated(float(rated[3 * i] or 0), int(rated[3 * i + 1]), int(rated[3 * i + 2]))
                for i, name in enumerate(RATING_SCALES)
            }
            counts = Counts(
                voices, people, pos, neu, neg, float(numbers[5] or 0), int(numbers[6]), scales
            )
        if counts.voices and grouping in tables:
            tables[grouping][tuple(_value(values[i]) for i in active)] = counts
    return tables


def most_per_person(query: Query, universe: str) -> int:
    """The most rows of ``universe`` any one person has (1 when it is empty)."""
    sql = (
        "SELECT max(n) FROM (SELECT v.person, count(*) AS n "
        f"FROM {UNIVERSES[universe]} v GROUP BY v.person) p"
    )
    return max(1, int(query(sql, [])[0][0] or 0))


def small_groups(
    query: Query, universe: str, groupings: Sequence[Grouping], below: int
) -> dict[Grouping, dict[Key, frozenset[str]]]:
    """The people of every group of fewer than ``below`` people (few, by definition): what
    tells how many people several small groups hold together."""
    chosen = sorted({canonical(g, universe) for g in groupings if g})
    if not chosen:
        return {}
    width = max(len(g) for g in chosen)
    cols = ", ".join(f"g{i}" for i in range(width))
    parts = []
    for tag, grouping in enumerate(chosen):
        named = ", ".join(
            f"{DIMENSIONS[grouping[i]] if i < len(grouping) else 'CAST(NULL AS TEXT)'} AS g{i}"
            for i in range(width)
        )
        by = ", ".join(f"g{i}" for i in range(len(grouping)))
        parts.append(
            f"SELECT {tag} AS tag, {cols}, person FROM (SELECT {cols}, person, "
            f"count(*) OVER (PARTITION BY {by}) AS n FROM "
            f"(SELECT DISTINCT {named}, v.person FROM {UNIVERSES[universe]} v) d{tag}) w{tag} "
            "WHERE n < ?"
        )
    found: dict[Grouping, dict[Key, set[str]]] = {g: {} for g in chosen}
    for record in query(" UNION ALL ".join(parts), [below] * len(parts)):
        grouping = chosen[int(record[0])]
        key = tuple(_value(x) for x in record[1 : 1 + len(grouping)])
        found[grouping].setdefault(key, set()).add(str(record[-1]))
    return {g: {key: frozenset(p) for key, p in groups.items()} for g, groups in found.items()}


@dataclass
class _Cut:
    """Counted and cut groupings of one universe and k, for one version of a store's data: a
    grouping's cut depends on nothing else, so commands, pages and exports share them."""

    tables: dict[Grouping, dict[Key, Counts]] = field(default_factory=dict)
    small: dict[Grouping, dict[Key, frozenset[str]]] = field(default_factory=dict)
    hidden: dict[Grouping, set[Key]] = field(default_factory=dict)
    most: int | None = None


# store -> (analytics version, (universe, k, means) -> cut); only the latest version is kept
_CUTS: weakref.WeakKeyDictionary[Any, tuple[str, dict[tuple[str, int, bool], _Cut]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def cut(
    store: AnalyticsStore,
    universe: str,
    groupings: Iterable[Grouping],
    k: int,
    *,
    means: bool = False,
) -> tuple[dict[Grouping, dict[Key, Counts]], dict[Grouping, set[Key]]]:
    """Counts of ``groupings`` and of all their coarser groupings, and the groups each hides
    (:func:`chuhai.privacy.suppression.suppress`, groups of at least ``k`` people)."""
    needed = closure(canonical(g, universe) for g in groupings)
    with _LOCK:
        version = store.analytics_version()
        held = _CUTS.get(store)
        if held is None or held[0] != version:
            held = _CUTS[store] = (version, {})
        done = held[1].setdefault((universe, k, means), _Cut())
        missing = [g for g in needed if g not in done.tables]
        if missing:
            counted = store.count_cells(universe, missing, means=means)
            done.tables |= counted
            few = [g for g, table in counted.items() if any(c.people < k for c in table.values())]
            done.small |= store.small_groups(universe, few, k)
        if done.most is None:
            done.most = store.most_per_person(universe)
        tables = {g: done.tables[g] for g in needed}
        suppress(tables, k, done.most, people_of(done.small), done.hidden)
        return tables, {g: done.hidden[g] for g in needed}
