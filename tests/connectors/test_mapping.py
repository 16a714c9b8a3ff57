from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.connectors import CONNECTORS, load_mapping, shipped_mappings
from chuhai.connectors.tabular import TableConnector
from chuhai.errors import MappingError


@pytest.mark.parametrize("name", sorted(shipped_mappings()))
def test_every_shipped_mapping_fits_its_connector(name: str) -> None:
    mapping = load_mapping(name)
    assert mapping.name == name
    assert mapping.kind in CONNECTORS
    connector = CONNECTORS[mapping.kind]
    assert issubclass(connector, TableConnector)
    mapping.check_fields(allowed=connector.fields, required=connector.required, kind=connector.name)


def test_extends_merges_tables(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'extends = "amazon-reviews"\nname = "mine"\n[values.sku]\nB0X = "FN-300"\n',
        encoding="utf-8",
    )
    mapping = load_mapping(str(path))
    assert mapping.name == "mine"
    assert mapping.values["sku"] == {"B0X": "FN-300"}
    assert mapping.values["market"]["UK"] == "GB"  # kept from the base
    assert mapping.sources("text") == ["review_body"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('name = "x"\nsystem = "s"\n', "columns: Field required"),
        ('name = "x"\nsystem = "s"\nformat = "xlsx"\n[columns]\ntext = "t"\n', ":3: format"),
        ('name = "x"\nsystem = "s"\n[columns]\ntext = ""\n', "column for 'text' is empty"),
        ('name = "x"\nsystem = "s"\ncolumns = ', "mine.toml"),
        ('extends = "nope"\n', "no mapping file or shipped mapping named 'nope'"),
        (
            'name = "x"\nsystem = "s"\ntimezone = "Mars/Base"\n[columns]\ntext = "t"\n',
            ":3: timezone: Value error, unknown time zone 'Mars/Base'",
        ),
    ],
)
def test_broken_mapping_names_file_and_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError, match=r"mine\.toml|nope") as info:
        load_mapping(str(path))
    assert message in str(info.value)


def test_mapping_that_extends_itself(tmp_path: Path) -> None:
    path = tmp_path / "loop.toml"
    path.write_text(f'extends = "{path}"\n', encoding="utf-8")
    with pytest.raises(MappingError, match="extends itself"):
        load_mapping(str(path))


def test_check_fields_names_unknown_and_missing_fields() -> None:
    mapping = load_mapping("orders")
    with pytest.raises(MappingError, match="unknown field"):
        mapping.check_fields(allowed=frozenset({"sku"}), required=frozenset(), kind="x")
    with pytest.raises(MappingError, match="needs column"):
        allowed = frozenset({*mapping.columns, "z"})
        mapping.check_fields(allowed=allowed, required=frozenset({"z"}), kind="x")
