"""Docs held to the code."""

from __future__ import annotations

from pathlib import Path

from chuhai.cli.reference import render

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8") == render(), "run `make docs`"


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme
    assert "make test" in readme


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_shipped_mapping_is_documented() -> None:
    from chuhai.connectors import shipped_mappings

    connectors_doc = (ROOT / "docs" / "CONNECTORS.md").read_text(encoding="utf-8")
    for name in shipped_mappings():
        assert f"`{name}`" in connectors_doc, name
