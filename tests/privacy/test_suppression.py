"""Complementary suppression, property-based: over random rows, every pair of a grouping and a
finer one, down to the grand total, no hidden group can be recovered by subtracting shown
groups from a shown one, and what a grouping hides does not depend on what else was asked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chuhai.privacy.suppression import Cell, Grouping, Key, closure, suppress

DIMS = ("a", "b", "c", "d")
Row = tuple[int, tuple[str | None, ...]]  # (person, one value per dimension)

values = st.sampled_from(["x", "y", "z", None])
rows = st.lists(
    st.tuples(st.integers(0, 14), st.tuples(values, values, st.sampled_from(["x", "y"]), values)),
    min_size=1,
    max_size=70,
)


def _key(row: Row, grouping: Grouping) -> Key:
    return tuple(row[1][DIMS.index(d)] for d in grouping)


def _tables(data: Sequence[Row], groupings: Sequence[Grouping]) -> dict[Grouping, dict[Key, Cell]]:
    tables: dict[Grouping, dict[Key, Cell]] = {}
    for grouping in groupings:
        voices = Counter(_key(r, grouping) for r in data)
        people: dict[Key, set[int]] = {}
        for r in data:
            people.setdefault(_key(r, grouping), set()).add(r[0])
        tables[grouping] = {key: Cell(voices[key], len(people[key])) for key in voices}
    return tables


def _exact(data: Sequence[Row]):  # type: ignore[no-untyped-def]
    def people(grouping: Grouping, keys: list[Key]) -> int:
        return len({r[0] for r in data if _key(r, grouping) in set(keys)})

    return people


def _cut(data: Sequence[Row], groupings: Sequence[Grouping], k: int, exact: bool):  # type: ignore[no-untyped-def]
    tables = _tables(data, closure(groupings))
    most = max(Counter(r[0] for r in data).values())
    return tables, suppress(tables, k, most, _exact(data) if exact else None)


ALL_PAIRS = [g for size in (1, 2) for g in combinations(DIMS, size)]


@settings(max_examples=120, deadline=None)
@given(data=rows, k=st.integers(2, 5), exact=st.booleans())
def test_no_hidden_group_is_a_shown_total_minus_shown_groups(
    data: list[Row], k: int, exact: bool
) -> None:
    tables, hidden = _cut(data, [*ALL_PAIRS, ("a", "b", "c")], k, exact)
    for grouping, table in tables.items():
        # primary: fewer than k people is never shown
        assert {key for key, cell in table.items() if cell.people < k} <= hidden[grouping]
        for size in range(len(grouping)):
            for coarser in combinations(grouping, size):
                for parent_key, parent in tables[coarser].items():
                    inside = [r for r in data if _key(r, coarser) == parent_key]
                    kids = {_key(r, grouping) for r in inside}
                    gone = [r for r in inside if _key(r, grouping) in hidden[grouping]]
                    if parent_key not in hidden[coarser]:
                        # what a reader derives: shown total minus shown sub-groups
                        derived = parent.voices - sum(
                            table[c].voices for c in kids if c not in hidden[grouping]
                        )
                        assert derived == len(gone)
                        assert derived == 0 or len({r[0] for r in gone}) >= k
                    elif parent.people >= k:
                        # a hidden group of k people is never the sum of its shown sub-groups
                        assert gone


@settings(max_examples=60, deadline=None)
@given(data=rows, k=st.integers(2, 5), grouping=st.sampled_from(ALL_PAIRS))
def test_what_a_grouping_hides_does_not_depend_on_the_request(
    data: list[Row], k: int, grouping: Grouping
) -> None:
    _, alone = _cut(data, [grouping], k, True)
    _, together = _cut(data, [*ALL_PAIRS, ("a", "b", "c")], k, True)
    assert alone[grouping] == together[grouping]


@pytest.mark.parametrize(
    ("people", "k", "hidden"),
    [
        # intent x channel: one person's e-mail would be "intent total minus shown channels"
        ({("praise", "review"): 5, ("praise", "email"): 1}, 3, {("praise", "review"), ("praise", "email")}),
        # two small groups of 2 + 2 different people make 4 >= 3 together: nothing more hidden
        ({("praise", "review"): 5, ("praise", "email"): 2, ("praise", "call"): 2}, 3,
         {("praise", "email"), ("praise", "call")}),
        # nothing small: nothing hidden
        ({("praise", "review"): 5, ("praise", "email"): 4}, 3, set()),
    ],
)  # fmt: skip
def test_hand_worked_cases(people: dict[tuple[str, str], int], k: int, hidden: set[Key]) -> None:
    data: list[Row] = []
    person = 0
    for (intent, channel), n in people.items():
        for _ in range(n):
            data.append((person, (intent, channel, "x", None)))
            person += 1
    _, found = _cut(data, [("a", "b")], k, True)
    assert found[("a", "b")] == hidden
