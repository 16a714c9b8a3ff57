"""The research commands load chuhai_tools on use: without the ``tools`` extra each says how to
install it in one line and exits 2; with it, the check lets them through."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.cli.models import need_tools

runner = CliRunner()


@pytest.mark.parametrize(
    "args",
    [
        ["eval", "--only", "gist"],
        ["models", "train"],
        ["models", "distill"],
        ["themes", "eval"],
    ],
    ids=" ".join,
)
def test_without_the_tools_extra_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setitem(sys.modules, "chuhai_tools", None)  # import chuhai_tools fails
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    command = "chuhai " + " ".join(args[:1] if args[0] == "eval" else args[:2])
    assert result.stderr.strip() == (
        f"error: {command} needs the research tools: pip install 'chuhai[tools]'"
    )


def test_with_the_tools_extra_the_check_passes() -> None:
    need_tools("chuhai eval")  # installed by make install: no error
    assert "chuhai_tools" in sys.modules
