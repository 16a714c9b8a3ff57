"""``chuhai --help`` stays fast: building the app and rendering every command's help imports
none of the heavy libraries (they load when a command runs), and the command lists show
whole summaries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from chuhai.cli import app

# Libraries that cost tens to hundreds of milliseconds to import, and chuhai's layers on them.
HEAVY = (
    "duckdb",
    "pyarrow",
    "numpy",
    "pandas",
    "onnxruntime",
    "fastapi",
    "psycopg",
    "rich",
    "chuhai.store",
    "chuhai.pipeline",
    "chuhai.settings",
)

# Run in a fresh interpreter: the test process has imported everything already.
PROBE = """
import json, sys
from typer.main import get_command
from typer.testing import CliRunner
from chuhai.cli import app

def paths(command, path):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from paths(sub, [*path, name])

runner = CliRunner()
failed = [p for p in paths(get_command(app), []) if runner.invoke(app, [*p, "--help"]).exit_code]
heavy = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
print(json.dumps({"failed": failed, "heavy": heavy}))
"""


def _groups(command: object, path: list[str]) -> list[list[str]]:
    """The command paths that list sub-commands: chuhai, chuhai voc, ..."""
    if not hasattr(command, "commands"):
        return []
    found = [path]
    for name, sub in command.commands.items():
        found += _groups(sub, [*path, name])
    return found


def test_help_of_every_command_imports_no_heavy_library() -> None:
    code = f"HEAVY = {HEAVY!r}\n{PROBE}"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result == {"failed": [], "heavy": []}


def test_the_chuhai_command_prints_help_without_heavy_imports() -> None:
    code = (
        "import sys\nfrom chuhai.cli import main\nsys.argv = ['chuhai', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "Commands:" in done.stdout and "ingest" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "group", _groups(get_command(app), []), ids=lambda p: " ".join(["chuhai", *p])
)
def test_command_lists_show_whole_summaries(group: list[str]) -> None:
    result = CliRunner().invoke(app, [*group, "--help"])
    assert result.exit_code == 0
    listed = result.stdout.partition("Commands:")[2].splitlines()
    assert all(not line.rstrip().endswith("...") for line in listed), listed
