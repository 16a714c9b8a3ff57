"""The ``chuhai`` command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuhai.cli import (
    admin,
    demo,
    inspect,
    residency,
    supply_eval,  # noqa: F401  (adds simulate and backtest)
    supply_network,  # noqa: F401  (adds network)
)
from chuhai.cli.analyze import analyze
from chuhai.cli.calendar import calendar_app
from chuhai.cli.compliance import compliance_app, script_app
from chuhai.cli.creators import creators_app
from chuhai.cli.draft import draft_app
from chuhai.cli.enrich import enrich
from chuhai.cli.ingest import ingest
from chuhai.cli.live import live_app
from chuhai.cli.models import evaluate, models_app
from chuhai.cli.partners import partners_app
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
        from chuhai import __version__

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


# Each command's line in `chuhai --help` (click cuts a docstring's first sentence at ~60
# characters and ends it with "...").
app.command(short_help="Import files into the zone stores")(ingest)
app.command(short_help="Annotate the stored voices that have none yet")(enrich)
app.command(short_help="Count what each zone store holds")(inspect.stats)
app.command(short_help="List the residency zones and their stores")(inspect.zones)
app.command(short_help="Show quarantined rows, newest first")(inspect.quarantine)
app.command(short_help="Read a zone's voices through the residency guard")(residency.voices)
app.command(short_help="A zone's figures per group, k-anonymous")(residency.aggregate)
app.command(short_help="Export a zone's voices as JSONL where allowed")(residency.export)
app.add_typer(residency.audit_app, name="audit", short_help="The audit log of cross-zone reads")
app.command(short_help="Create the zone stores and apply migrations")(admin.migrate)
app.command(short_help="Show the effective settings and the zone map")(admin.config)
app.command()(admin.mappings)
app.command(short_help="Import and analyse a realistic sample")(demo.demo)
app.command(short_help="Language, sentiment, intent, aspects of texts")(analyze)
app.command(short_help="Translate texts with the configured provider")(translate)
app.command("eval", short_help="Run every model on the evaluation sets")(evaluate)
app.add_typer(models_app, name="models", short_help="The trained heads chuhai ships")
app.add_typer(privacy_app, name="privacy", short_help="Personal data: scan, export, erase, purge")
app.add_typer(compliance_app, name="compliance", short_help="Market rule packs, config check")
app.add_typer(script_app, name="script", short_help="Check a live script for risky claims")
app.add_typer(draft_app, name="draft", short_help="Drafts of copy, replies, factory messages")
app.add_typer(live_app, name="live", short_help="The live-room copilot")
app.add_typer(voc_app, name="voc", short_help="Voice of Customer: measures, quotes, journeys")
app.add_typer(themes_app, name="themes", short_help="Themes: discovered or defined by seeds")
app.command(short_help="Significant week-over-week changes")(alerts)
app.command(short_help="A market's period as an HTML (and PDF) report")(report)
app.command(short_help="Serve the API, the dashboards and the copilot")(serve)
app.add_typer(supply_app, name="supply", short_help="Forecasts, purchase plans, landed cost")
app.add_typer(creators_app, name="creators", short_help="Affiliate creators: margin, verdicts")
app.add_typer(calendar_app, name="calendar", short_help="Market calendars: holidays, festivals")
app.add_typer(partners_app, name="partners", short_help="Partners' profit-share statements")
app.add_typer(strategy_app, name="strategy")
app.add_typer(users_app, name="users", short_help="Users, roles and API tokens")


def main() -> None:
    app()
