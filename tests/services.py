"""Services the tests use when they are there: PostgreSQL (and Redis, in tests/live).

Where a service is missing the tests skip with the reason, unless CHUHAI_REQUIRE_<SERVICE> is
set (CI sets it in .ci/run): then they fail, so a missing service cannot pass unnoticed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import cache
from typing import Any

import pytest

__all__ = ["POSTGRES_URL", "postgres_schema", "postgres_zones", "require_postgres"]

POSTGRES_URL = os.environ.get("CHUHAI_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@cache
def _postgres_problem() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as con:
            con.execute("SELECT 1")
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".strip()
    return None


def require_postgres() -> str:
    """The test server's URL; skips (or fails under CHUHAI_REQUIRE_POSTGRES) without one."""
    problem = _postgres_problem()
    if problem:
        if os.environ.get("CHUHAI_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL is required here (CHUHAI_REQUIRE_POSTGRES): {problem}")
        pytest.skip(f"no PostgreSQL at {POSTGRES_URL} ({problem})")
    return POSTGRES_URL


@contextmanager
def postgres_schema(prefix: str = "t") -> Iterator[str]:
    """A store URL in a fresh schema, dropped afterwards."""
    import psycopg

    url = require_postgres()
    schema = f"chuhai_{prefix}_{uuid.uuid4().hex[:10]}"
    try:
        yield f"{url}?schema={schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@contextmanager
def postgres_zones(backend: str, zones: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """``[zones]`` settings that put each zone (named after its one market) in a fresh
    PostgreSQL schema when ``backend`` is ``postgresql``; nothing (DuckDB files) otherwise."""
    with ExitStack() as stack:
        if backend != "postgresql":
            yield {}
            return
        yield {
            z: {"markets": [z.upper()], "store": stack.enter_context(postgres_schema(z))}
            for z in zones
        }
