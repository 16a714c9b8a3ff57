"""The ``chuhai`` command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuhai import __version__
from chuhai.cli import (
    admin,
    demo,
    inspect,
    residency,
    supply_eval,  # noqa: F401  (adds simulate and backtest)
)
from chuhai.cli.analyze import analyze
from chuhai.cli.compliance import compliance_app, script_app
from chuhai.cli.enrich import enrich
from chuhai.cli.ingest import ingest
from chuhai.cli.live import live_app
from chuhai.cli.models import evaluate, models_app
from chuhai.cli.privacy import privacy_app
from chuhai.cli.report import report
from chuhai.cli.serve import serve
from chuhai.cli.state import CliState, configure_logging
from chuhai.cli.strategy import strategy_app
from chuhai.cli.supply import supply_app
from chuhai.cli.themes import themes_app
from chuhai.cli.translate import translate
from chuhai.cli.users import users_app
from chuhai.cli.voc import alerts, voc_app

__all__ = ["app", "main"]

app = typer.Typer(
    name="chuhai",
    help="chuhai (出海): customer voice, compliance and supply for brands selling abroad "
    "through livestreams. 出海直播品牌的客户之声、合规与供应链工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chuhai {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="chuhai.toml to use (default: $CHUHAI_CONFIG or ./chuhai.toml)"
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug)")
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit"
        ),
    ] = False,
) -> None:
    """Global options."""
    configure_logging(verbose, quiet)
    ctx.obj = CliState(config=config)


app.command()(ingest)
app.command()(enrich)
app.command()(inspect.stats)
app.command()(inspect.zones)
app.command()(inspect.quarantine)
app.command()(residency.voices)
app.command()(residency.aggregate)
app.command()(residency.export)
app.add_typer(residency.audit_app, name="audit")
app.command()(admin.migrate)
app.command()(admin.config)
app.command()(admin.mappings)
app.command()(demo.demo)
app.command()(analyze)
app.command()(translate)
app.command("eval")(evaluate)
app.add_typer(models_app, name="models")
app.add_typer(privacy_app, name="privacy")
app.add_typer(compliance_app, name="compliance")
app.add_typer(script_app, name="script")
app.add_typer(live_app, name="live")
app.add_typer(voc_app, name="voc")
app.add_typer(themes_app, name="themes")
app.command()(alerts)
app.command()(report)
app.command()(serve)
app.add_typer(supply_app, name="supply")
app.add_typer(strategy_app, name="strategy")
app.add_typer(users_app, name="users")


def main() -> None:
    app()
