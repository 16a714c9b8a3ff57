"""SQL stays inside src/chuhai/store/: outside it, no call of a store's query methods is
handed SQL text (a literal, an f-string, or a name bound to one). Stages call the store
interfaces' named reads (chuhai.store.interfaces) instead."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from chuhai.store import DuckDBZoneStore, ZoneStore
from chuhai.store.postgres_store import PostgresZoneStore

SRC = Path(__file__).parents[2] / "src" / "chuhai"
STORE = SRC / "store"
# Methods that would run SQL on a zone store; ``query`` was public once, the rest are private.
QUERY_CALLS = frozenset({"query", "_read", "_select", "_execute", "_transaction"})
SQL = re.compile(
    r"\b(SELECT|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WHERE|GROUP\s+BY|ORDER\s+BY)\b"
)


def _text(node: ast.AST) -> str | None:
    """The text a string expression spells (f-string holes left out), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(part) or " " for part in node.values)
    if isinstance(node, ast.FormattedValue):
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        parts = [_text(node.left), _text(node.right)]
        return " ".join(p for p in parts if p) or None
    return None


def violations(source: str) -> list[str]:
    """``line: call`` of every query call given SQL text, in one module's source."""
    tree = ast.parse(source)
    sql_names = set()
    for node in ast.walk(tree):  # names bound to SQL text anywhere in the module
        value = getattr(node, "value", None)
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if not isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) or value is None:
            continue
        text = _text(value)
        if text and SQL.search(text):
            sql_names |= {t.id for t in targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in QUERY_CALLS
        ):
            continue
        for arg in node.args[:1]:
            text = _text(arg)
            named = isinstance(arg, ast.Name) and (arg.id in sql_names or "sql" in arg.id.lower())
            if named or (text and SQL.search(text)):
                found.append(f"{node.lineno}: .{node.func.attr}({ast.unparse(arg)[:60]})")
    return found


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('rows = store.query("SELECT sku, market FROM orders")', 1),
        ('rows = store.query(f"{_QUOTE} WHERE v.author = ? ORDER BY v.time", [p])', 1),
        ('sql = f"SELECT {PEOPLE} FROM voice_facts v{where}"\nn = self.store.query(sql, params)', 1),
        ('sql = "SELECT " + cols + " FROM t"\nstore._read(sql)', 1),
        ('con = store._select("SELECT 1 FROM voices")', 1),
        ("for name, sql in queries.items():\n    rows = store.query(sql, window)", 1),
        ("found = model.query([texts[i] for i in part])", 0),  # an embedding model's query
        ("rows = store.quotes(scope, limit=5)", 0),
        ('log.info("SELECT happened")', 0),
        ('url = request.url.query + "&ORDER BY"', 0),
    ],
)  # fmt: skip
def test_the_check_finds_sql_handed_to_a_query_call(source: str, flagged: int) -> None:
    assert len(violations(source)) == flagged, violations(source)


def test_no_sql_text_reaches_a_query_call_outside_the_store() -> None:
    modules = [p for p in SRC.rglob("*.py") if STORE not in p.parents]
    assert len(modules) > 100  # the whole package was scanned
    found = {
        str(path.relative_to(SRC)): hits
        for path in modules
        if (hits := violations(path.read_text(encoding="utf-8")))
    }
    assert found == {}, f"SQL outside src/chuhai/store/ (add a named store read): {found}"


@pytest.mark.parametrize("store", [ZoneStore, DuckDBZoneStore, PostgresZoneStore])
def test_stores_take_no_sql_from_outside(store: type[ZoneStore]) -> None:
    assert not hasattr(store, "query")  # reads are named methods of the store interfaces
