"""``chuhai privacy``: what personal data a text holds, and data-subject requests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuhai.cli.choices import RedactionMode
from chuhai.cli.output import (
    JsonOption,
    TextArgument,
    emit_json,
    escape,
    handle_errors,
    out,
    text_lines,
)
from chuhai.cli.state import state
from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = ["privacy_app"]

privacy_app = typer.Typer(
    help="Personal data: find it in text, export or erase a person's data, purge old data.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@privacy_app.command("scan")
@handle_errors
def scan(
    ctx: typer.Context,
    text: TextArgument = None,
    market: Annotated[
        str | None,
        typer.Option("--market", "-m", help="Market (ISO code): its phone plan and identifiers"),
    ] = None,
    redact: Annotated[
        RedactionMode | None,
        typer.Option("--redact", help="Also print the text redacted, this way"),
    ] = None,
    ner: Annotated[
        bool, typer.Option("--ner", help="Also find English names with spaCy (if installed)")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show the personal data in a text: type, span, score (offline).

    With --json, one object per input line: {"text", "entities": [{type, start, end, score,
    kind}], "redacted"}. Screening aid: it finds what its patterns and models know.
    """
    from rich.table import Table

    from chuhai.privacy.pii import PiiScanner, Redactor
    from chuhai.privacy.pseudonym import ZoneSecrets

    code = normalize_market(market) if market else None
    redactor = None
    if redact is not None:
        pseudonymizer = None
        if redact == RedactionMode.PSEUDONYM:
            settings = state(ctx).settings
            if code is None:
                raise InputError("--redact pseudonym needs --market (the zone's secret keys it)")
            zone = settings.zone_of(code)
            pseudonymizer = ZoneSecrets(settings.data_dir).pseudonymizer(zone)
        redactor = Redactor(redact.value, pseudonymizer)
    scanner = PiiScanner(ner=ner)
    for batch in text_lines(text):
        for line, entities in zip(batch, scanner.scan_many(batch, code), strict=True):
            redacted = redactor.redact(line, entities) if redactor else None
            if as_json:
                record: dict[str, object] = {
                    "text": line,
                    "entities": [e.as_dict() for e in entities],
                }
                if redacted is not None:
                    record["redacted"] = redacted
                emit_json(record)
                continue
            table = Table(title=escape(line[:120]), title_justify="left")
            for column in ("type", "kind", "span", "text", "score"):
                table.add_column(column)
            for e in entities:
                table.add_row(
                    e.type,
                    e.kind,
                    f"{e.start}-{e.end}",
                    escape(line[e.start : e.end]),
                    f"{e.score:.2f}",
                )
            out.print(table if entities else f"{escape(line[:120])}: no personal data found")
            if redacted is not None:
                out.print(f"redacted: {escape(redacted)}")


SubjectOption = Annotated[
    str,
    typer.Option("--subject", help="The person: e-mail, phone, handle, or pseudonym (p_…)"),
]
ZoneOption = Annotated[
    str | None,
    typer.Option(
        "--zone",
        help="Residency zone (default: the zone of --market); every zone's request also "
        "covers the intake store's quarantined rows, --zone intake covers only those",
    ),
]
MarketOption = Annotated[
    str | None, typer.Option("--market", "-m", help="Market, to find its zone")
]
ByOption = Annotated[str, typer.Option("--requested-by", help="Who asks (kept in the audit log)")]


def _zone(ctx: typer.Context, zone: str | None, market: str | None) -> str:
    settings = state(ctx).settings
    if zone:
        return zone
    if market:
        return settings.zone_of(normalize_market(market))
    raise InputError("say where the person's data is: --zone or --market")


@privacy_app.command("export", short_help="Everything a zone holds about one person")
@handle_errors
def export_subject(
    ctx: typer.Context,
    subject: SubjectOption,
    output: Annotated[Path, typer.Option("--out", "-o", help="JSON file to write")],
    zone: ZoneOption = None,
    market: MarketOption = None,
    requested_by: ByOption = "data subject",
    as_json: JsonOption = False,
) -> None:
    """Everything a zone holds about one person (voices on every channel, orders,
    quarantined rows, also those of the intake store) as one JSON file; recorded in the
    audit log."""
    from chuhai.governance.subjects import SubjectRequests
    from chuhai.store import ZoneRouter

    where = _zone(ctx, zone, market)
    if output.exists():
        raise InputError(f"{output} exists; choose another --out")
    settings = state(ctx).settings
    with ZoneRouter(settings) as router:
        found = SubjectRequests(settings, router).export(
            where, subject, output, requested_by=requested_by
        )
    summary = {
        "zone": where,
        "file": str(output),
        "voices": len(found.voices),
        "orders": len(found.orders),
        "quarantined": len(found.rejections),
    }
    if as_json:
        emit_json(summary)
        return
    out.print(
        f"wrote {summary['voices']} voice(s), {summary['orders']} order(s) and "
        f"{summary['quarantined']} quarantined row(s) of zone {where} to {output}"
    )


@privacy_app.command("erase", short_help="Erase everything of one person in a zone")
@handle_errors
def erase_subject(
    ctx: typer.Context,
    subject: SubjectOption,
    zone: ZoneOption = None,
    market: MarketOption = None,
    requested_by: ByOption = "data subject",
    yes: Annotated[bool, typer.Option("--yes", help="Do it without asking")] = False,
    as_json: JsonOption = False,
) -> None:
    """Erase everything of one person in a zone: their voices (and others' voices naming
    them), annotations, aspects, orders and quarantined rows, also those of the intake store;
    recorded in the audit log."""
    from chuhai.governance.subjects import SubjectRequests
    from chuhai.store import ZoneRouter

    where = _zone(ctx, zone, market)
    settings = state(ctx).settings
    with ZoneRouter(settings) as router:
        requests = SubjectRequests(settings, router)
        if not yes:
            found = requests.find(where, subject)
            n = len(found.voices) + len(found.orders) + len(found.rejections)
            if not typer.confirm(f"erase {n} row(s) of this person in zone {where}?", err=True):
                raise typer.Exit(1)
        counts = requests.erase(where, subject, requested_by=requested_by)
    if as_json:
        emit_json({"zone": where, "deleted": counts})
        return
    out.print(f"zone {where}: deleted " + ", ".join(f"{n} {t}" for t, n in counts.items()))


@privacy_app.command("purge", short_help="Delete what is past its retention period")
@handle_errors
def purge(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would go")] = False,
    as_json: JsonOption = False,
) -> None:
    """Delete voices, orders and quarantined rows older than each market's retention period
    ([compliance] retention_days), and the intake store's quarantined rows (market unknown)
    older than the shortest period; recorded in the audit log."""
    from chuhai.governance.subjects import SubjectRequests
    from chuhai.store import ZoneRouter

    settings = state(ctx).settings
    if not settings.compliance.retention_days:
        raise InputError("no retention periods configured ([compliance.retention_days])")
    with ZoneRouter(settings) as router:
        result = SubjectRequests(settings, router).purge(dry_run=dry_run)
    if as_json:
        emit_json({"dry_run": dry_run, "zones": result})
        return
    verb = "would delete" if dry_run else "deleted"
    for zone, counts in result.items():
        out.print(f"zone {zone}: {verb} " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    if not result:
        out.print("nothing to purge")
