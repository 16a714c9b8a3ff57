"""The live journal in a zone store, on every backend: stored once, read back by session,
room and kind, refused for another zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chuhai.errors import StoreError
from chuhai.records.journal import JournalEntry
from chuhai.store import ZoneStore
from tests.store.test_zone_store import store  # noqa: F401 - the fixture, on every backend

WHEN = datetime(2026, 11, 20, 13, tzinfo=UTC)


def entry(n: int, **changes: Any) -> JournalEntry:
    fields: dict[str, Any] = {
        "id": f"j{n}", "room": "shop.id", "session_id": "s1", "market": "ID", "zone": "id",
        "time": WHEN + timedelta(seconds=n), "kind": "gift", "count": n, "value": 1.5 * n,
        "actor": "system", "detail": {"unit": "diamonds", "gift": "rose"},
    }  # fmt: skip
    fields.update(changes)
    return JournalEntry(**fields)


def test_entries_are_stored_once_and_read_back_as_written(store: ZoneStore) -> None:  # noqa: F811
    written = [entry(1), entry(2, kind="viewers", detail={}), entry(3, kind="answered", ref="c9")]
    assert store.add_journal(written) == 3
    assert store.add_journal(written) == 0  # a retried flush stores nothing twice
    assert store.journal() == written
    assert store.table_counts()["live_journal"] == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"session_id": "s1"}, ["j1", "j3"]),
        ({"session_id": "s2"}, ["j2"]),
        ({"room": "shop.id"}, ["j1", "j3"]),
        ({"kinds": ["viewers"]}, ["j2"]),
        ({"session_id": "s1", "kinds": ["gift", "viewers"]}, ["j1"]),
    ],
)
def test_entries_are_found_by_session_room_and_kind(
    store: ZoneStore,  # noqa: F811
    query: dict[str, Any],
    expected: list[str],
) -> None:
    store.add_journal(
        [entry(1), entry(2, kind="viewers", session_id="s2", room="other"), entry(3, kind="like")]
    )
    assert [e.id for e in store.journal(**query)] == expected


def test_a_zone_refuses_the_journal_of_another(store: ZoneStore) -> None:  # noqa: F811
    with pytest.raises(StoreError, match="zone th"):
        store.add_journal([entry(1, market="TH", zone="th")])
    assert store.journal() == []
