from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from chuhai.errors import ConfigError, MigrationError, ResidencyError
from chuhai.records import KnowledgeEntry, LiveSession, Order, Product, Rejection, SourceRef, Voice
from chuhai.store import DuckDBZoneStore, ImportEntry, ZoneStore, arrow, open_store
from chuhai.store.migrations import load_migrations
from chuhai.store.registry import backend_for
from tests.services import postgres_schema
from tests.store.sql import read_sql

WHEN = datetime(2026, 10, 1, 12, tzinfo=UTC)
SOURCE = SourceRef(system="test", file="f.csv", locator="line 2", source_id="s1")


def voice(n: int, **changes: Any) -> Voice:
    fields: dict[str, Any] = {
        "id": f"v{n}",
        "channel": "review",
        "market": "ID",
        "zone": "id",
        "time": WHEN + timedelta(minutes=n),
        "text": f"text {n}",
        "source": SOURCE,
        "metadata": {"k": n, "ok": True},
    }
    fields.update(changes)
    return Voice(**fields)


@pytest.fixture(params=["duckdb-file", "duckdb-memory", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ZoneStore]:
    """Every test of this suite runs on each backend."""
    if request.param == "postgresql":
        with postgres_schema("store") as url, open_store(url, zone="id", markets=["ID"]) as pg:
            yield pg
        return
    url = (
        f"duckdb:///{tmp_path / 'zones' / 'id.duckdb'}"
        if request.param == "duckdb-file"
        else "duckdb://:memory:"
    )
    with open_store(url, zone="id", markets=["ID"]) as opened:
        yield opened


@pytest.fixture(params=["duckdb", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh store URL on each backend, for tests that open and reopen."""
    if request.param == "postgresql":
        with postgres_schema("url") as pg:
            yield pg
    else:
        yield f"duckdb:///{tmp_path / 'id.duckdb'}"


def test_new_store_is_migrated_to_the_latest_schema(store: ZoneStore) -> None:
    assert store.schema_version() == load_migrations()[-1].version
    assert store.migrate() == []  # nothing left to apply
    assert set(store.table_counts()) == {
        "voices",
        "orders",
        "products",
        "knowledge_entries",
        "live_sessions",
        "live_journal",
        "quarantine",
        "imports",
        "voice_annotations",
        "voice_aspects",
        "themes",
        "voice_themes",
        "alert_deliveries",
        "creators",
        "creator_content",
        "affiliate_orders",
        "refunds",
    }


def test_voices_round_trip_and_duplicates_are_counted(store: ZoneStore) -> None:
    result = store.add_voices([voice(1), voice(2), voice(1)])
    assert (result.inserted, result.duplicates) == (2, 1)
    again = store.add_voices([voice(2), voice(3)])
    assert (again.inserted, again.duplicates) == (1, 1)
    assert [v.id for v in store.voices()] == ["v1", "v2", "v3"]
    assert store.voices()[0] == voice(1)  # nothing lost on the way in and out
    assert store.voice_counts() == {("ID", "review"): 3}


def test_arrow_batches_are_checked_for_residency(store: ZoneStore) -> None:
    table = arrow.voices_table([voice(1), voice(2)])
    assert store.add_table("voices", table).inserted == 2
    foreign = arrow.voices_table([voice(3, market="TH", zone="th")])
    with pytest.raises(ResidencyError, match="refused by the store of zone id"):
        store.add_table("voices", foreign)
    assert len(store.voices()) == 2


@pytest.mark.parametrize(
    "write",
    [
        lambda s: s.add_voices([voice(1, market="TH", zone="th")]),
        lambda s: s.add_voices([voice(1, zone="th")]),
        lambda s: s.add_orders(
            [
                Order(
                    id="o",
                    sku="A",
                    market="TH",
                    zone="th",
                    quantity=1,
                    unit_price=1,
                    currency="THB",
                    time=WHEN,
                    source=SOURCE,
                )
            ]
        ),
        lambda s: s.put_sessions(
            [LiveSession(id="l", room="r", market="TH", zone="th", started_at=WHEN, source=SOURCE)]
        ),
        lambda s: s.put_products([Product(sku="A", names={"en": "A"}, markets=["TH"])]),
        lambda s: s.add_rejections(
            [Rejection.of(connector="c", file="f", reason="r", market="TH")]
        ),
        lambda s: s.add_rejections([Rejection.of(connector="c", file="f", reason="r")]),
    ],
)
def test_records_of_other_zones_are_refused(store: ZoneStore, write: Any) -> None:
    with pytest.raises(ResidencyError):
        write(store)
    assert sum(store.table_counts().values()) == 0


def test_products_update_in_place_with_their_knowledge_base(store: ZoneStore) -> None:
    faq = [
        KnowledgeEntry(language="en", question="Q1?", answer="A1"),
        KnowledgeEntry(language="id", question="T1?", answer="J1"),
    ]
    product = Product(sku="FN-300", names={"en": "Fan"}, markets=["ID", "TH"], knowledge=faq)
    assert store.put_products([product]).inserted == 1
    assert store.put_products([product]).duplicates == 1
    changed = product.model_copy(
        update={
            "knowledge": [
                KnowledgeEntry(language="en", question="Q1?", answer="A2", tags=["new"]),
                KnowledgeEntry(language="th", question="ถาม?", answer="ตอบ"),
            ]
        }
    )
    assert store.put_products([changed]).updated == 1
    [stored] = store.products()
    assert {(k.language, k.answer, tuple(k.tags)) for k in stored.knowledge} == {
        ("en", "A2", ("new",)),
        ("th", "ตอบ", ()),
    }
    assert store.table_counts()["knowledge_entries"] == 2


def test_sessions_update_when_they_change(store: ZoneStore) -> None:
    session = LiveSession(id="l1", room="r", market="ID", zone="id", started_at=WHEN, source=SOURCE)
    assert store.put_sessions([session]).inserted == 1
    ended = session.model_copy(
        update={"ended_at": WHEN + timedelta(hours=1), "products": ["FN-300"]}
    )
    assert store.put_sessions([ended]).updated == 1
    assert store.sessions() == [ended]


def test_orders_round_trip(store: ZoneStore) -> None:
    order = Order(
        id="o1",
        sku="FN-300",
        market="ID",
        zone="id",
        quantity=2,
        unit_price=149000,
        currency="IDR",
        time=WHEN,
        session_id="L1",
        buyer="p_x",
        source=SOURCE,
    )
    assert store.add_orders([order, order]).inserted == 1
    assert store.orders() == [order]


def test_quarantine_and_import_log(store: ZoneStore) -> None:
    rejection = Rejection.of(
        connector="reviews", file="f.csv", reason="bad", line=3, raw="x" * 9000, market="ID"
    )
    assert store.add_rejections([rejection, rejection]).inserted == 1
    [kept] = store.rejections()
    assert kept.rejection.raw.endswith("[5000 more characters]")
    entry = ImportEntry(
        file="f.csv",
        sha256="abc",
        connector="reviews",
        started_at=WHEN,
        finished_at=WHEN,
        accepted=3,
        quarantined=1,
    )
    store.record_import(entry)
    assert store.imports() == [entry]


def test_store_from_a_newer_chuhai_is_refused(url: str) -> None:
    assert not backend_for(url, "id").exists(url, "id")
    # the backend's own connection: no public API writes the migration table
    with open_store(url, zone="id", markets=["ID"]) as store, store._transaction() as con:  # type: ignore[attr-defined]
        con.execute("INSERT INTO schema_migrations VALUES (999, 'future', ?)", [WHEN])
    assert backend_for(url, "id").exists(url, "id")
    with pytest.raises(MigrationError, match="newer than this chuhai"):
        open_store(url, zone="id", markets=["ID"])


def test_data_survives_reopening(url: str) -> None:
    with open_store(url, zone="id", markets=["ID"]) as first:
        first.add_voices([voice(1)])
    with open_store(url, zone="id", markets=["ID"]) as second:
        assert [v.id for v in second.voices()] == ["v1"]


def test_unknown_store_scheme_names_the_available_ones() -> None:
    with pytest.raises(ConfigError, match=r"no store backend for 'mongodb'.*duckdb://"):
        open_store("mongodb://x", zone="id", markets=["ID"])


def test_store_url_options(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'id.duckdb'}?threads=2&memory_limit=512MB"
    with open_store(url, zone="id", markets=["ID"]) as store:
        assert isinstance(store, DuckDBZoneStore)
        [settings] = read_sql(
            store, "SELECT current_setting('threads'), current_setting('memory_limit')"
        )
    assert settings[0] == 2 and "MiB" in settings[1]
    with pytest.raises(ConfigError, match="unknown option 'colour'"):
        open_store(f"duckdb:///{tmp_path / 'x.duckdb'}?colour=red", zone="id", markets=["ID"])
    with pytest.raises(ConfigError, match="bad value for threads"):
        open_store(f"duckdb:///{tmp_path / 'y.duckdb'}?threads=many", zone="id", markets=["ID"])


def test_unannotated_voices_page_by_id_and_languages_fill_in(store: ZoneStore) -> None:
    store.add_voices([voice(n, language="und") for n in range(5)])
    first = store.unannotated_voices(limit=2)
    rest = store.unannotated_voices(after=first[-1].id, limit=10)
    assert [v.id for v in first + rest] == [f"v{n}" for n in range(5)]
    assert store.count_unannotated() == 5
    store.set_languages({"v1": "id", "v3": "th"})
    assert {v.id: v.language for v in store.voices()} == {
        "v0": "und",
        "v1": "id",
        "v2": "und",
        "v3": "th",
        "v4": "und",
    }
