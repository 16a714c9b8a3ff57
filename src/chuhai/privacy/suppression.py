"""Complementary suppression: which groups of a set of cross-tabulations may be shown so that
no hidden group can be recovered by subtracting shown groups from a shown total.

Hiding every group of fewer than k people (primary suppression) is not enough: a total minus
its shown sub-groups is the sum of the hidden ones, so ``--by intent`` minus
``--by intent,channel`` gives away a one-person group. Here every grouping (a tuple of
dimensions) is cut together with all its coarser groupings (its subsets, down to the grand
total ``()``), and for every group ``p`` of at least k people in a coarser grouping and every
finer grouping, the groups hidden inside ``p``:

- are either none (only where ``p`` itself is shown), or together describe at least k people;
- are never none where ``p`` is hidden, so a hidden group is never the sum of shown ones.

Where that fails, the shown sub-group of ``p`` with the fewest voices is hidden as well (it has
at least k people, which settles ``p``). Hiding more never breaks a condition already met, so
one pass per grouping, coarse to fine, suffices. A grouping's pattern depends only on the data
of itself and its subsets, never on what else was asked for, so every request, page and
export of the same grouping hides the same groups: differencing across them finds nothing
either.

The people of several hidden groups together are first bounded from below (at least the
largest group's people, and at least their voices divided by the most voices any one person
wrote); only where that bound falls short are they counted exactly (``exact``), and where they
cannot be, the bound stands and more is hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Protocol

__all__ = [
    "Cell",
    "Counted",
    "Exact",
    "Grouping",
    "Key",
    "Tables",
    "closure",
    "sort_key",
    "suppress",
]

Key = tuple[str | None, ...]
"""The values of one group, in the order of its grouping's dimensions (None: no value)."""
Grouping = tuple[str, ...]
"""Dimension names in one fixed order (the caller's canonical order)."""


class Counted(Protocol):
    """What suppression needs of one group: its voices (rows) and distinct people."""

    @property
    def voices(self) -> int: ...
    @property
    def people(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Cell:
    voices: int
    people: int


Tables = Mapping[Grouping, Mapping[Key, Counted]]
Exact = Callable[[Grouping, list[Key]], int | None]


def sort_key(key: Key) -> tuple[tuple[bool, str], ...]:
    return tuple((value is None, value or "") for value in key)


def closure(groupings: Iterable[Grouping]) -> list[Grouping]:
    """Every grouping with all its subsets (each subset keeps the order of its grouping),
    coarsest first: what :func:`suppress` needs."""
    found: set[Grouping] = set()
    for grouping in groupings:
        for size in range(len(grouping) + 1):
            found.update(combinations(grouping, size))
    return sorted(found, key=lambda g: (len(g), g))


def suppress(
    tables: Tables,
    k: int,
    most: int,
    exact: Exact | None = None,
    known: dict[Grouping, set[Key]] | None = None,
) -> dict[Grouping, set[Key]]:
    """The hidden keys of every grouping in ``tables``, which holds every subset of each of its
    groupings (see :func:`closure`), all counted over the same rows. ``most`` is the most rows
    any one person has; ``exact`` counts the people of several groups together where the
    bound is not enough (None where it cannot). ``known``: groupings already cut from the same
    rows with the same k (a grouping's cut depends on nothing else); filled in."""
    hidden = known if known is not None else {}
    rule = _Rule(k, max(1, most), exact)
    for grouping in sorted(tables, key=lambda g: (len(g), g)):
        if grouping not in hidden:
            hidden[grouping] = _one(grouping, tables, hidden, rule)
    return hidden


def people_of(small: Mapping[Grouping, Mapping[Key, frozenset[str]]]) -> Exact:
    """``exact`` from the people of every small group (None for a group not among them)."""

    def exact(grouping: Grouping, keys: list[Key]) -> int | None:
        groups = small.get(grouping, {})
        if not all(key in groups for key in keys):
            return None
        return len(frozenset().union(*(groups[key] for key in keys)))

    return exact


@dataclass(frozen=True, slots=True)
class _Rule:
    k: int
    most: int
    exact: Exact | None

    def enough(self, grouping: Grouping, table: Mapping[Key, Counted], inside: list[Key]) -> bool:
        """Whether the groups ``inside`` together describe at least k people."""
        voices = sum(table[c].voices for c in inside)
        if max(*(table[c].people for c in inside), -(-voices // self.most)) >= self.k:
            return True
        people = self.exact(grouping, sorted(inside, key=sort_key)) if self.exact else None
        return people is not None and people >= self.k


def _one(
    grouping: Grouping, tables: Tables, hidden: Mapping[Grouping, set[Key]], rule: _Rule
) -> set[Key]:
    table = tables[grouping]
    hide = {key for key, cell in table.items() if cell.people < rule.k}
    for size in range(len(grouping)):
        for coarser in combinations(grouping, size):
            if coarser not in tables:
                raise ValueError(f"grouping {coarser} (a subset of {grouping}) was not counted")
            at = [grouping.index(d) for d in coarser]
            children: dict[Key, list[Key]] = defaultdict(list)
            for key in table:
                children[tuple(key[i] for i in at)].append(key)
            for parent_key in sorted(tables[coarser], key=sort_key):
                if tables[coarser][parent_key].people < rule.k:  # its sub-groups: all hidden
                    continue
                kids = children.get(parent_key, [])
                inside = [c for c in kids if c in hide]
                if not inside:
                    safe = parent_key not in hidden[coarser]  # else: the sum of shown groups
                else:  # all of a parent of k people, or enough people
                    safe = len(inside) == len(kids) or rule.enough(grouping, table, inside)
                shown = [c for c in kids if c not in hide]
                if not safe and shown:  # shown: always, as a parent of k people has sub-groups
                    hide.add(
                        min(shown, key=lambda c: (table[c].voices, table[c].people, sort_key(c)))
                    )
    return hide
