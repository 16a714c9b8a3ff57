"""``chuhai ingest``: import files into the zone stores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chuhai.cli.choices import Kind
from chuhai.cli.output import (
    EXIT_FINDINGS,
    RichProgress,
    emit_json,
    err,
    escape,
    handle_errors,
    out,
)
from chuhai.cli.state import state

if TYPE_CHECKING:
    from chuhai.pipeline import IngestReport

__all__ = ["ingest", "print_ingest_report"]


@handle_errors
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(help="Files or directories to import", metavar="PATH")
    ],
    kind: Annotated[
        Kind | None,
        typer.Option(
            "--kind",
            "-k",
            help="What the files hold (default: guessed from .eml, .mbox, .vtt, .srt, .yaml)",
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--mapping",
            help="Column mapping: a shipped name (see `chuhai mappings`) or a TOML file",
        ),
    ] = None,
    market: Annotated[
        str | None,
        typer.Option("--market", "-m", help="Market (ISO code) of rows that carry none, e.g. ID"),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Encoding of lines that are not UTF-8 (default: guessed)"),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", help="IANA time zone of naive times (default: the market's)"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON on stdout")
    ] = False,
    fail_on_quarantine: Annotated[
        bool, typer.Option("--fail-on-quarantine", help="Exit with 1 when any row was quarantined")
    ] = False,
) -> None:
    """Import reviews, e-mails, call transcripts, surveys, user tests, live chat, orders,
    live sessions or the product catalog. Bad rows are quarantined (see `chuhai quarantine`),
    re-imports add nothing, and each record is stored only in its market's zone."""
    from chuhai.connectors import IngestOptions
    from chuhai.connectors.textio import check_encoding
    from chuhai.pipeline import Pipeline

    cli = state(ctx)
    settings = cli.settings
    options = IngestOptions(
        market=market,
        encoding=check_encoding(encoding) if encoding else None,
        mapping=mapping,
        timezone=timezone,
    )
    progress = RichProgress(enabled=not as_json)
    with Pipeline(settings, progress=progress) as pipeline, progress.running():
        report = pipeline.ingest(paths, kind=kind.value if kind else None, options=options)
    if as_json:
        emit_json(report.as_dict())
    else:
        print_ingest_report(report)
    if fail_on_quarantine and report.totals.quarantined:
        raise typer.Exit(EXIT_FINDINGS)


def print_ingest_report(report: IngestReport) -> None:
    """Per-file counts on stdout; warnings and file rejections on stderr."""
    from rich.table import Table

    table = Table(title="Import", title_justify="left")
    table.add_column("file")
    table.add_column("kind")
    table.add_column("status")
    for name in ("accepted", "duplicates", "updated", "quarantined", "skipped"):
        table.add_column(name, justify="right")
    for f in report.files:
        c = f.counts
        table.add_row(
            Path(f.file).name,
            f.kind,
            f.status,
            f"{c.accepted:,}",
            f"{c.duplicates:,}",
            f"{c.updated:,}",
            f"{c.quarantined:,}",
            f"{c.skipped:,}",
        )
    t = report.totals
    table.add_row(
        "total",
        "",
        "",
        f"{t.accepted:,}",
        f"{t.duplicates:,}",
        f"{t.updated:,}",
        f"{t.quarantined:,}",
        f"{t.skipped:,}",
        style="bold",
    )
    out.print(table)
    rows = sum(sum(f.records.values()) for f in report.files)
    if report.seconds > 0 and rows:
        out.print(f"{rows:,} records in {report.seconds:.2f} s ({rows / report.seconds:,.0f}/s)")
    for f in report.files:
        for warning in f.warnings:
            err.print(f"[yellow]warning:[/] {escape(Path(f.file).name)}: {escape(warning)}")
        if f.status == "rejected":
            err.print(
                f"[red]rejected:[/] {escape(Path(f.file).name)}: {escape(str(f.rejection_reason))}"
            )
    for file, reason in report.ignored:
        err.print(f"[yellow]not imported:[/] {escape(str(file))}: {escape(reason)}")
    if t.quarantined:
        err.print(f"{t.quarantined:,} row(s) quarantined; see `chuhai quarantine`")
