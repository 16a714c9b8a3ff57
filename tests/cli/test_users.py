"""``chuhai users add``: a bad role, name, market or zone is refused with a one-line reason
(exit 2) before any password is asked for, with or without --password-stdin."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app

runner = CliRunner()
PASSWORD = "correct horse battery\n"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text(f'data_dir = "{tmp_path}"\nmarkets = ["TH", "US"]\n', encoding="utf-8")
    return path


INVALID = [
    (["X", "--role", "hq"], "user name 'x': 2-64 of a-z 0-9"),
    (["ops", "--role", "local"], "a local user needs the markets"),
    (
        ["ops", "--role", "hq", "--market", "TH"],
        "only local users and partners are scoped to markets",
    ),
    (["ops", "--role", "local", "--market", "XX"], "unknown market 'XX'"),
    (["ops", "--role", "local", "--zone", "atlantis"], "unknown zone 'atlantis'"),
]


@pytest.mark.parametrize("stdin", [True, False], ids=["--password-stdin", "no terminal"])
@pytest.mark.parametrize(("args", "message"), INVALID)
def test_invalid_users_are_refused_before_the_password(
    config: Path, args: list[str], message: str, stdin: bool
) -> None:
    flags = ["--password-stdin"] if stdin else []
    result = runner.invoke(
        app, ["-c", str(config), "users", "add", *args, *flags], input=PASSWORD if stdin else ""
    )
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert "terminal" not in result.stderr


def test_an_existing_user_is_refused_before_the_password(config: Path) -> None:
    add = ["-c", str(config), "users", "add", "ops", "--role", "hq"]
    assert runner.invoke(app, [*add, "--password-stdin"], input=PASSWORD).exit_code == 0
    again = runner.invoke(app, add, input="")
    assert again.exit_code == 2 and "user 'ops' exists" in again.stderr


def test_a_valid_user_without_a_terminal_is_told_to_use_password_stdin(config: Path) -> None:
    result = runner.invoke(app, ["-c", str(config), "users", "add", "ops", "--role", "hq"])
    assert result.exit_code == 2 and "use --password-stdin" in result.stderr
