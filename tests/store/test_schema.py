"""The schema is declared once (store/schema.py): a fresh store on each backend, built by the
migrations, has exactly the declared tables, columns (name, kind, nullability), primary keys
and indexes, and everything else that lists tables or columns agrees with the declaration."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import duckdb
import pytest

from chuhai.records import (
    Channel,
    KnowledgeEntry,
    LiveSession,
    Order,
    Product,
    Rejection,
    SourceRef,
    Voice,
)
from chuhai.store import TABLES, arrow, codec, open_store, schema
from chuhai.store.analytics import ANALYTICS_TABLES
from chuhai.store.journal import JOURNAL_COLUMNS
from chuhai.store.themes import THEME_COLUMNS, VOICE_THEME_COLUMNS
from tests.services import POSTGRES_URL, postgres_schema


class Shape(NamedTuple):
    """What the database says (or the declaration says) about one table."""

    columns: tuple[tuple[str, str, bool], ...]  # (name, kind, nullable) in table order
    primary_key: tuple[str, ...]
    indexes: frozenset[tuple[str, tuple[str, ...]]]


Shapes = dict[str, Shape]

# information_schema's type names -> the declaration's kinds (anything else stays as it is,
# so that a column of an undeclared type shows up in the differences).
_KINDS = {
    "varchar": "text",
    "text": "text",
    "integer": "int",
    "double": "float",
    "double precision": "float",
    "timestamp": "ts",
    "timestamp without time zone": "ts",
}
_INDEX_COLUMNS = re.compile(r"\(([^()]*)\)[^()]*$")


def declared_shapes(tables: tuple[schema.Table, ...] = schema.DECLARED) -> Shapes:
    return {
        t.name: Shape(
            tuple((c.name, c.kind, c.nullable) for c in t.columns),
            t.primary_key,
            frozenset((i.name, i.columns) for i in t.indexes),
        )
        for t in tables
    }


def _shapes(
    select: Callable[[str], list[tuple[Any, ...]]], namespace: str, index_sql: str
) -> Shapes:
    """The shapes of every table in ``namespace``, read through information_schema (the same
    on both engines) and the engine's own index catalogue (``index_sql``: name, table, DDL)."""
    columns: dict[str, list[tuple[str, str, bool]]] = {}
    for table, name, kind, nullable in select(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        f"WHERE table_schema = '{namespace}' ORDER BY table_name, ordinal_position"
    ):
        columns.setdefault(table, []).append(
            (name, _KINDS.get(kind.lower(), kind), nullable == "YES")
        )
    keys: dict[str, list[str]] = {}
    for table, name in select(
        "SELECT tc.table_name, k.column_name FROM information_schema.table_constraints tc "
        "JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema "
        "AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name "
        f"WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = '{namespace}' "
        "ORDER BY tc.table_name, k.ordinal_position"
    ):
        keys.setdefault(table, []).append(name)
    indexes: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    for name, table, ddl in select(index_sql):
        match = _INDEX_COLUMNS.search(ddl.rstrip("; "))
        assert match, ddl
        parts = tuple(p.strip().strip('"') for p in match[1].split(","))
        indexes.setdefault(table, set()).add((name, parts))
    return {
        table: Shape(tuple(cols), tuple(keys.get(table, ())), frozenset(indexes.get(table, ())))
        for table, cols in columns.items()
    }


def duckdb_shapes(path: Path) -> Shapes:
    with duckdb.connect(str(path), read_only=True) as con:
        return _shapes(
            lambda sql: con.execute(sql).fetchall(),
            "main",
            "SELECT index_name, table_name, sql FROM duckdb_indexes() WHERE schema_name = 'main'",
        )


def postgres_shapes(namespace: str) -> Shapes:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as con:
        return _shapes(
            lambda sql: con.execute(sql).fetchall(),
            namespace,
            "SELECT i.relname, t.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            f"JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = '{namespace}' "
            "AND NOT x.indisprimary",
        )


def _column(column: tuple[str, str, bool]) -> str:
    return f"{column[1]} {'NULL' if column[2] else 'NOT NULL'}"


def differences(declared: Shapes, found: Shapes) -> list[str]:
    """Where the database and the declaration disagree, one line each ([] when they agree)."""
    out = [f"{t}: declared, not in the store" for t in sorted(declared.keys() - found.keys())]
    out += [f"{t}: in the store, not declared" for t in sorted(found.keys() - declared.keys())]
    for table in sorted(declared.keys() & found.keys()):
        want, got = declared[table], found[table]
        names = [c[0] for c in want.columns], [c[0] for c in got.columns]
        if names[0] != names[1]:
            out.append(f"{table}: columns declared {names[0]}, stored {names[1]}")
        else:
            out += [
                f"{table}.{w[0]}: declared {_column(w)}, stored {_column(g)}"
                for w, g in zip(want.columns, got.columns, strict=True)
                if w != g
            ]
        if want.primary_key != got.primary_key:
            out.append(
                f"{table}: primary key declared {want.primary_key}, stored {got.primary_key}"
            )
        if want.indexes != got.indexes:
            out.append(
                f"{table}: indexes declared {sorted(want.indexes)}, stored {sorted(got.indexes)}"
            )
    return out


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Shapes]:
    """The shapes of a fresh store that the migrations built, on each backend."""
    if request.param == "postgresql":
        with postgres_schema("schema") as url:
            with open_store(url, zone="id", markets=["ID"]) as store:
                namespace = store.schema  # type: ignore[attr-defined]
            yield postgres_shapes(namespace)
        return
    path = tmp_path_factory.mktemp("schema") / "id.duckdb"
    with open_store(f"duckdb:///{path}", zone="id", markets=["ID"]):
        pass
    yield duckdb_shapes(path)


def test_the_store_has_exactly_the_declared_tables(built: Shapes) -> None:
    assert sorted(built) == sorted(t.name for t in schema.DECLARED)


@pytest.mark.parametrize("table", schema.DECLARED, ids=lambda t: t.name)
def test_migrations_build_each_table_as_declared(built: Shapes, table: schema.Table) -> None:
    assert differences(declared_shapes((table,)), {table.name: built[table.name]}) == []


def _with_column(table: schema.Table, name: str, **changes: Any) -> schema.Table:
    columns = tuple(replace(c, **changes) if c.name == name else c for c in table.columns)
    return replace(table, columns=columns)


# A declaration that strays from the migrations in each way the check must see.
_STRAYS = [
    ("kind", _with_column(schema.VOICES, "ingested_at", kind="text"),
     "voices.ingested_at: declared text NOT NULL, stored ts NOT NULL"),
    ("nullability", _with_column(schema.ORDERS, "buyer", nullable=False),
     "orders.buyer: declared text NOT NULL, stored text NULL"),
    ("missing column", replace(schema.THEMES, columns=schema.THEMES.columns[:-1]),
     "themes: columns declared"),
    ("column order", replace(schema.JOURNAL, columns=schema.JOURNAL.columns[::-1]),
     "live_journal: columns declared"),
    ("primary key", replace(schema.VOICE_FACTS, primary_key=("id",)),
     "voice_facts: primary key declared ('id',), stored ()"),
    ("missing index", replace(schema.VOICES, indexes=schema.VOICES.indexes[:1]),
     "voices: indexes declared"),
    ("index columns", replace(schema.ALERT_DELIVERIES, indexes=(schema.Index("alert_deliveries_alert", ("target",)),)),
     "alert_deliveries: indexes declared"),
    ("table", schema.Table("voice_notes", (schema.Column("id", "text"),)),
     "voice_notes: declared, not in the store"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("table", "message"), [s[1:] for s in _STRAYS], ids=[s[0] for s in _STRAYS]
)
def test_a_declaration_that_strays_from_the_migrations_is_caught(
    built: Shapes, table: schema.Table, message: str
) -> None:
    declared = declared_shapes() | declared_shapes((table,))
    found = differences(declared, built)
    assert len(found) == 1 and found[0].startswith(message)


def test_an_undeclared_table_in_the_store_is_caught(built: Shapes) -> None:
    declared = declared_shapes(tuple(t for t in schema.DECLARED if t is not schema.JOURNAL))
    assert differences(declared, built) == ["live_journal: in the store, not declared"]


# -- what derives from the declaration ----------------------------------------------------------


def test_store_tables_are_the_declared_records_tables() -> None:
    assert schema.tables("records") == TABLES


def test_analytics_tables_are_the_declared_derived_tables() -> None:
    assert schema.tables("derived") == ANALYTICS_TABLES


@pytest.mark.parametrize(
    "table", [t for t in schema.DECLARED if t.primary_key], ids=lambda t: t.name
)
def test_keyed_tables_are_keyed_by_their_first_column(table: schema.Table) -> None:
    # Bulk inserts skip rows whose first column is already stored (_insert_new).
    assert table.primary_key == (table.columns[0].name,)


@pytest.mark.parametrize(
    ("columns", "table"),
    [
        (codec.VOICE_COLUMNS, schema.VOICES),
        (codec.ORDER_COLUMNS, schema.ORDERS),
        (codec.PRODUCT_COLUMNS, schema.PRODUCTS),
        (codec.KNOWLEDGE_COLUMNS, schema.KNOWLEDGE),
        (codec.SESSION_COLUMNS, schema.SESSIONS),
        (codec.QUARANTINE_COLUMNS, schema.QUARANTINE),
        (codec.ANNOTATION_COLUMNS, schema.ANNOTATIONS),
        (codec.ASPECT_COLUMNS, schema.ASPECTS),
        (codec.IMPORT_COLUMNS, schema.IMPORTS),
        (THEME_COLUMNS, schema.THEMES),
        (VOICE_THEME_COLUMNS, schema.VOICE_THEMES),
        (JOURNAL_COLUMNS, schema.JOURNAL),
    ],
    ids=lambda x: x.name if isinstance(x, schema.Table) else None,
)
def test_column_tuples_derive_from_the_declaration(
    columns: codec.Columns, table: schema.Table
) -> None:
    assert columns == tuple((c.name, c.kind) for c in table.columns)


WHEN = datetime(2026, 10, 1, 12, tzinfo=UTC)
SOURCE = SourceRef(system="t", file="f.csv", locator="line 2", source_id="s1")
VOICE = Voice(
    id="v1", channel=Channel.REVIEW, market="ID", zone="id", time=WHEN, text="good", source=SOURCE,
    sku="S1", rating=4.0, metadata={"k": 1},
)  # fmt: skip
PRODUCT = Product(
    sku="S1",
    names={"en": "Lamp"},
    markets=["ID"],
    knowledge=[KnowledgeEntry(language="en", question="Size?", answer="Small", tags=["size"])],
)
SESSION = LiveSession(
    id="ls1", room="r", market="ID", zone="id", platform="tiktok", started_at=WHEN, source=SOURCE
)
ORDER = Order(
    id="o1", sku="S1", market="ID", zone="id", quantity=2, unit_price=3.5, currency="IDR",
    time=WHEN, source=SOURCE,
)  # fmt: skip
REJECTION = Rejection(connector="csv", file="f.csv", line=3, reason="bad", raw="x,y", market="ID")


@pytest.mark.parametrize(
    ("rows", "table", "read"),
    [
        ([codec.voice_row(VOICE, WHEN)], schema.VOICES, lambda r: codec.voice_from_row(r) == VOICE),
        ([codec.order_row(ORDER, WHEN)], schema.ORDERS, lambda r: codec.order_from_row(r) == ORDER),
        ([codec.session_row(SESSION)], schema.SESSIONS, lambda r: codec.session_from_row(r) == SESSION),
        ([codec.rejection_row(REJECTION, WHEN)], schema.QUARANTINE, lambda r: codec.rejection_from_row(r) == (REJECTION, WHEN)),
        ([codec.product_row(PRODUCT, WHEN)], schema.PRODUCTS, lambda r: codec.product_from_rows(r, codec.knowledge_rows(PRODUCT)) == PRODUCT),
        (codec.knowledge_rows(PRODUCT), schema.KNOWLEDGE, None),
    ],
    ids=["voice", "order", "session", "rejection", "product", "knowledge"],
)  # fmt: skip
def test_rows_are_built_and_read_by_column_name(
    rows: list[codec.Row], table: schema.Table, read: Callable[[codec.Row], bool] | None
) -> None:
    assert rows and all(len(r) == len(table.columns) for r in rows)
    named = table.read(rows[0])
    assert list(named) == list(table.names)
    assert all(v is not None for c, v in zip(table.columns, rows[0], strict=True) if not c.nullable)
    assert table.row(named) == rows[0]
    assert read is None or read(rows[0])


def test_a_row_missing_a_column_is_refused() -> None:
    values = dict(zip(schema.IMPORTS.names, range(len(schema.IMPORTS.columns)), strict=True))
    assert schema.IMPORTS.row(values) == tuple(range(len(schema.IMPORTS.columns)))
    del values["skipped"]
    with pytest.raises(KeyError, match="skipped"):
        schema.IMPORTS.row(values)


@pytest.mark.parametrize(
    ("columnar", "by_rows"),
    [
        (arrow.voices_table([VOICE], WHEN), arrow.encode(codec.VOICE_COLUMNS, [codec.voice_row(VOICE, WHEN)])),
        (arrow.orders_table([ORDER], WHEN), arrow.encode(codec.ORDER_COLUMNS, [codec.order_row(ORDER, WHEN)])),
        (arrow.orders_table([], WHEN), arrow.encode(codec.ORDER_COLUMNS, [])),
    ],
    ids=["voices", "orders", "no orders"],
)  # fmt: skip
def test_batches_built_column_by_column_equal_the_rows(columnar: Any, by_rows: Any) -> None:
    assert columnar.equals(by_rows) and columnar.num_rows == by_rows.num_rows
