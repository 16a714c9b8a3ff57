"""The CLI reference in Markdown, generated from ``--help``: ``python -m chuhai.cli.reference``.

``make docs`` writes it to docs/CLI.md; a test keeps the file in step with the code.
"""

from __future__ import annotations

import typer.core
from typer.main import get_command
from typer.testing import CliRunner

from chuhai.cli.app import app

__all__ = ["command_names", "render"]

_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def command_names() -> list[str]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return list(group.commands)


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env=_ENV)
    if result.exit_code != 0:
        raise RuntimeError(f"chuhai {' '.join(args)} --help failed: {result.output}")
    return result.stdout.rstrip()


def render() -> str:
    parts = [
        "# chuhai command line reference",
        "",
        "Generated from `--help` by `make docs` (`python -m chuhai.cli.reference`); do not edit.",
        "Every command that reports results takes `--json` and then prints JSON on stdout;",
        "messages go to stderr. Exit codes: 0 success, 1 findings you asked to fail on",
        "(`--fail-on-quarantine`), 2 bad input or configuration, with a one-line reason.",
        "",
        "```text",
        _help(),
        "```",
    ]
    for name in command_names():
        parts += ["", f"## chuhai {name}", "", "```text", _help(name), "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(render(), end="")
