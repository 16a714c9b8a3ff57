"""What only the PostgreSQL store has: a schema per zone, URL handling, ``chuhai migrate``
on a server, and passwords kept out of what is printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.errors import ConfigError, StoreError
from chuhai.store import open_store
from chuhai.store.migrations import load_migrations
from chuhai.store.postgres_store import PostgresZoneStore, postgres_sql
from chuhai.store.registry import redacted_url
from tests.services import postgres_schema
from tests.store.test_zone_store import voice


@pytest.mark.parametrize(
    ("portable", "psycopg"),
    [
        (
            "SELECT * FROM t WHERE a = ? AND b IN (?, ?)",
            "SELECT * FROM t WHERE a = %s AND b IN (%s, %s)",
        ),
        ("SELECT '?' , x FROM t WHERE y LIKE ?", "SELECT '?' , x FROM t WHERE y LIKE %s"),
        ("SELECT 'it''s ?%' WHERE z % 2 = ?", "SELECT 'it''s ?%' WHERE z %% 2 = %s"),
    ],
)
def test_placeholders(portable: str, psycopg: str) -> None:
    assert postgres_sql(portable) == psycopg


def test_zones_in_one_database_stay_apart() -> None:
    with postgres_schema("id") as id_url, postgres_schema("th") as th_url:
        with open_store(id_url, zone="id", markets=["ID"]) as id_store:
            id_store.add_voices([voice(1)])
        with open_store(th_url, zone="th", markets=["TH"]) as th_store:
            assert th_store.voices() == [] and isinstance(th_store, PostgresZoneStore)
            assert th_store.schema.startswith("chuhai_th_")


def test_default_schema_is_named_after_the_zone() -> None:
    with postgres_schema("x") as url:
        base = url.split("?")[0]
        store = open_store(base, zone="qa_zone", markets=["ID"])
        assert isinstance(store, PostgresZoneStore)
        try:
            assert store.schema == "chuhai_qa_zone"
        finally:
            store._execute("DROP SCHEMA chuhai_qa_zone CASCADE")
            store.close()


@pytest.mark.parametrize(
    ("url", "error", "message"),
    [
        ("postgresql://127.0.0.1:5432/test?schema=Bad-Name", ConfigError, "plain lower-case"),
        ("postgresql://nobody:secret@127.0.0.1:1/none", StoreError, "cannot open the store"),
    ],
)
def test_clear_errors(url: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        open_store(url, zone="id", markets=["ID"])
    assert "secret" not in str(caught.value)


def test_migrate_on_a_server(tmp_path: Path) -> None:
    with postgres_schema("cli") as url:
        config = tmp_path / "chuhai.toml"
        config.write_text(
            f'markets = ["ID"]\ndata_dir = "{tmp_path}"\n[zones.id]\nmarkets = ["ID"]\n'
            f'store = "{url}"\n',
            encoding="utf-8",
        )
        result = CliRunner().invoke(app, ["-c", str(config), "migrate", "--json"])
        assert result.exit_code == 0, result.stderr
        done = json.loads(result.stdout)["zones"]["id"]
        assert done["applied"] == [m.version for m in load_migrations()]
        again = CliRunner().invoke(app, ["-c", str(config), "migrate", "--json"])
        assert json.loads(again.stdout)["zones"]["id"]["applied"] == []


def test_passwords_are_not_printed() -> None:
    assert redacted_url("postgresql://app:s3cr3t@db:5432/chuhai?schema=x") == (
        "postgresql://app:***@db:5432/chuhai?schema=x"
    )
    assert redacted_url("duckdb:///srv/id.duckdb") == "duckdb:///srv/id.duckdb"
