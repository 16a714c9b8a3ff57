"""Options with fixed choices are Enums (chuhai.cli.choices): each mirrors the registry it
stands for, ``--help`` lists the choices and click refuses other values with exit 2."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import get_args

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.cli import choices as c

runner = CliRunner()


def _kinds() -> Iterable[str]:
    from chuhai.connectors import CONNECTORS

    return CONNECTORS


def _engines() -> Iterable[str]:
    from chuhai.enrich.engines import ENGINES

    return ENGINES


def _cascades() -> Iterable[str]:
    from chuhai.enrich.analyzer import CASCADES

    return CASCADES


def _severities() -> Iterable[str]:
    from chuhai.compliance.script import SEVERITIES

    return SEVERITIES


def _redaction_modes() -> Iterable[str]:
    from chuhai.privacy.pii import REDACTION_MODES

    return REDACTION_MODES


def _polarities() -> Iterable[str]:
    from chuhai.voc.scope import POLARITIES

    return POLARITIES


def _roles() -> Iterable[str]:
    from chuhai.access.roles import Role

    return [r.value for r in Role]


def _freqs() -> Iterable[str]:
    from chuhai.supply.series import Freq

    return get_args(Freq)


def _gaps() -> Iterable[str]:
    from chuhai.supply.series import GapPolicy

    return get_args(GapPolicy)


def _forecasters() -> Iterable[str]:
    from chuhai.supply.forecast import FORECASTERS, make_forecaster

    make_forecaster("chuhai")  # registers them all
    return FORECASTERS


def _tasks() -> Iterable[str]:
    from chuhai_tools.training.train import TASK_SPECS

    return TASK_SPECS


def _sections() -> Iterable[str]:
    from chuhai_tools.evaluation.run import SECTIONS

    return [*SECTIONS, "pii", "gist"]


@pytest.mark.parametrize(
    ("enum", "registry"),
    [
        (c.Kind, _kinds),
        (c.Engine, _engines),
        (c.Cascade, _cascades),
        (c.Severity, _severities),
        (c.RedactionMode, _redaction_modes),
        (c.Sentiment, _polarities),
        (c.Role, _roles),
        (c.Freq, _freqs),
        (c.Gaps, _gaps),
        (c.Forecaster, _forecasters),
        (c.Task, _tasks),
        (c.EvalSection, _sections),
        (c.Lang, lambda: ["zh", "en"]),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else "",
)
def test_each_enum_mirrors_its_registry(
    enum: type[Enum], registry: Callable[[], Iterable[str]]
) -> None:
    assert sorted(e.value for e in enum) == sorted(registry())


# (command, option, a bad value): --help names every choice, the bad value exits 2.
OPTIONS = [
    (["ingest"], "--kind", c.Kind, "tweets"),
    (["enrich"], "--engine", c.Engine, "spark"),
    (["enrich"], "--cascade", c.Cascade, "turbo"),
    (["analyze"], "--cascade", c.Cascade, "turbo"),
    (["script", "check"], "--fail-on", c.Severity, "huge"),
    (["privacy", "scan"], "--redact", c.RedactionMode, "blur"),
    (["voc", "quotes"], "--sentiment", c.Sentiment, "angry"),
    (["users", "add"], "--role", c.Role, "superuser"),
    (["supply", "forecast"], "--freq", c.Freq, "M"),
    (["supply", "forecast"], "--fill-gaps", c.Gaps, "guess"),
    (["supply", "plan"], "--model", c.Forecaster, "prophet"),
    (["models", "train"], "--task", c.Task, "sarcasm"),
    (["eval"], "--only", c.EvalSection, "vibes"),
    (["stats"], "--lang", c.Lang, "fr"),
    (["voc", "overview"], "--lang", c.Lang, "fr"),
    (["report"], "--lang", c.Lang, "fr"),
    (["live", "recap"], "--lang", c.Lang, "fr"),
]
_IDS = [f"{' '.join(cmd)} {option}" for cmd, option, _, _ in OPTIONS]


@pytest.mark.parametrize(("command", "option", "enum", "bad"), OPTIONS, ids=_IDS)
def test_help_lists_the_choices(
    command: list[str], option: str, enum: type[Enum], bad: str
) -> None:
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    choices = "|".join(e.value for e in enum)
    assert f"{option} <" in result.stdout and choices in result.stdout


@pytest.mark.parametrize(("command", "option", "enum", "bad"), OPTIONS, ids=_IDS)
def test_a_bad_choice_exits_2_with_clicks_message(
    tmp_path: Path, command: list[str], option: str, enum: type[Enum], bad: str
) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nmarkets = ["TH"]\n', encoding="utf-8")
    result = runner.invoke(app, ["-c", str(config), *command, option, bad])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"Invalid value for '{option}'" in result.stderr and repr(bad) in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == "" and list(tmp_path.iterdir()) == [config]  # nothing ran


def test_lang_stays_case_insensitive(tmp_path: Path) -> None:
    """--lang was lower-cased by hand before it was an Enum: ZH still works."""
    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nmarkets = ["TH"]\n', encoding="utf-8")
    result = runner.invoke(app, ["-c", str(config), "stats", "--lang", "ZH"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "数据区" in result.stdout
